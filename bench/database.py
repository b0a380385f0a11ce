"""Database set-up for the benchmark: a fresh database, migrated and loaded with the content of
the working tree, an API key for the production configuration, and the server's version."""

import asyncio
import contextlib
import os
import uuid
from collections.abc import Iterator

import asyncpg
from sqlalchemy.engine import make_url

from bench.processes import PROJECT_ROOT
from service.db import create_engine, plain_url, session_factory

BENCH_SCOPES = ("content:read", "recommend")


async def _admin(server_url: str, statement: str) -> None:
    connection = await asyncpg.connect(plain_url(server_url))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@contextlib.contextmanager
def database() -> Iterator[str]:
    """`DATABASE_URL` as given, or a fresh database in the embedded PostgreSQL (dropped after),
    migrated and loaded with the content of the working tree."""
    configured = os.environ.get("DATABASE_URL")
    if configured:
        prepare(configured)
        yield configured
        return
    from service.embedded import embedded_postgres

    name = f"bench_{uuid.uuid4().hex[:10]}"
    with embedded_postgres(PROJECT_ROOT / ".data" / "bench-pg") as server_url:
        asyncio.run(_admin(server_url, f'CREATE DATABASE "{name}"'))
        try:
            url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
            prepare(url)
            yield url
        finally:
            asyncio.run(_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def prepare(url: str) -> None:
    from service.cli.database import load_content, migrate

    migrate(plain_url(url))
    load_content(plain_url(url))


def create_api_key(url: str) -> str:
    """A new key with the scopes every scenario needs (content:read and recommend)."""
    from service.config import get_settings
    from service.security.keys import create_key

    async def create() -> str:
        engine = create_engine(get_settings(), url)
        try:
            async with session_factory(engine)() as session, session.begin():
                return (await create_key(session, "bench", list(BENCH_SCOPES))).key
        finally:
            await engine.dispose()

    return asyncio.run(create())


def postgres_version(url: str) -> str:
    async def ask() -> str:
        connection = await asyncpg.connect(plain_url(url))
        try:
            return str(await connection.fetchval("SHOW server_version"))
        finally:
            await connection.close()

    try:
        return asyncio.run(ask())
    except Exception as error:  # a version string must never stop the benchmark
        return f"unknown ({type(error).__name__})"


TENANT_SEED = 32  # the same policies as `make bench-tenants` (bench/tenants_cpu.py)


def create_tenants(url: str, count: int) -> list[str]:
    """`count` organisations (`bench-<run>-0` on, new in every run), each with a published
    policy of its own (`bench.tenants_cpu.random_document`, seeded) and one key
    (content:read, recommend), written straight to the database; their keys, in order."""
    import random
    import types

    import msgspec
    from sqlalchemy import insert

    from bench.tenants_cpu import random_document
    from service.config import get_settings
    from service.domain.bundle import StoredBundle, read_files
    from service.domain.organisations.models import Organisation, OrganisationPolicy
    from service.security.keys import create_key

    content = types.SimpleNamespace(stored=StoredBundle(read_files(), version=1))
    rng = random.Random(TENANT_SEED)
    run = uuid.uuid4().hex[:8]
    slugs = [f"bench-{run}-{i}" for i in range(count)]
    documents = [msgspec.to_builtins(random_document(rng, content)) for _ in slugs]

    async def create() -> list[str]:
        engine = create_engine(get_settings(), url)
        try:
            async with session_factory(engine)() as session, session.begin():
                await session.execute(insert(Organisation), [{"slug": s, "name": s} for s in slugs])
                keys = [
                    await create_key(session, f"bench {slug}", list(BENCH_SCOPES), slug)
                    for slug in slugs
                ]
                await session.execute(
                    insert(OrganisationPolicy),
                    [
                        {
                            "organisation": s,
                            "version": 1,
                            "document": d,
                            "published_by": k.record.id,
                        }
                        for s, d, k in zip(slugs, documents, keys, strict=True)
                    ],
                )
                return [k.key for k in keys]
        finally:
            await engine.dispose()

    return asyncio.run(create())
