"""The job queue's tables, created by alembic revision 0003 from procrastinate's own schema file.

They live in the PostgreSQL schema `procrastinate`: alembic's comparison of `public` never sees
them, a downgrade drops them whole, and every procrastinate function is pinned to that schema so
that it also works when called from a session whose search_path is `public` (the outbox defers a
job inside the release's transaction).

Upgrading procrastinate across a schema change needs a new alembic revision that applies its
migration files (`procrastinate/sql/migrations/`) in this schema.
"""

from importlib.resources import files

from sqlalchemy import Connection, text

PROCRASTINATE_SCHEMA = "procrastinate"


def _execute_script(connection: Connection, script: str) -> None:
    """Run a multi-statement script (asyncpg prepares single statements only)."""
    raw = connection.connection.dbapi_connection
    assert raw is not None
    raw.run_async(lambda driver: driver.execute(script))


def create_queue_schema(connection: Connection, schema: str) -> None:
    script = files("procrastinate.sql").joinpath("schema.sql").read_text(encoding="utf-8")
    connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    connection.execute(text(f'SET LOCAL search_path TO "{schema}"'))
    _execute_script(connection, script)
    connection.execute(text("RESET search_path"))
    connection.execute(
        text(
            f"""
            DO $$
            DECLARE fn regprocedure;
            BEGIN
                FOR fn IN SELECT oid::regprocedure FROM pg_proc
                          WHERE pronamespace = '"{schema}"'::regnamespace LOOP
                    EXECUTE format('ALTER FUNCTION %s SET search_path = "{schema}"', fn);
                END LOOP;
            END $$
            """
        )
    )


def drop_queue_schema(connection: Connection, schema: str) -> None:
    connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
