"""Organisations arrive through a migration that loses no key: up, down (below 0004) and up
again, every key still verifies, with its scopes, and lands in the default organisation."""

import asyncio

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from service.cli.database import migrate
from service.db import async_url
from service.domain.organisations.service import ensure_organisation
from service.security.keys import KeyVerifier, create_key
from tests.conftest import migrated_database

pytestmark = [pytest.mark.server_postgres, pytest.mark.slow]

BEFORE_ORGANISATIONS = "0004-1"  # one revision below organisations, wherever 0004 is chained


async def _verify_all(url: str, keys: dict[str, str]) -> dict[str, tuple[str, ...]]:
    engine = create_async_engine(async_url(url))
    try:
        verifier = KeyVerifier(refresh_seconds=60)
        found = {}
        for name, key in keys.items():
            identity = await verifier.verify(engine, key)
            assert identity is not None, name
            found[name] = (identity.organisation, *sorted(identity.scopes))
        return found
    finally:
        await engine.dispose()


async def _rows(url: str) -> list[tuple[str, str, tuple[str, ...]]]:
    connection = await asyncpg.connect(url)
    try:
        rows = await connection.fetch(
            "SELECT id, secret_hash, scopes FROM api_keys WHERE revoked_at IS NULL ORDER BY id"
        )
    finally:
        await connection.close()
    return [(r["id"], r["secret_hash"], tuple(r["scopes"])) for r in rows]


async def test_up_down_up_keeps_every_key_working(server_url: str) -> None:
    async with migrated_database(server_url, "mc_keys") as url:
        engine = create_async_engine(async_url(url))
        keys: dict[str, str] = {}
        async with AsyncSession(engine) as session, session.begin():
            await ensure_organisation(session, "acme")
            for name, scopes, org in (
                ("reader", ["content:read"], "default"),
                ("recommender", ["recommend"], "default"),
                ("acme admin", ["admin"], "acme"),
            ):
                keys[name] = (await create_key(session, name, scopes, org)).key
        await engine.dispose()
        up = await _verify_all(url, keys)
        assert up["acme admin"] == ("acme", "admin")
        rows = await _rows(url)

        await asyncio.to_thread(migrate, url, BEFORE_ORGANISATIONS, True)
        assert await _rows(url) == rows  # every key, hash and scope is still there

        await asyncio.to_thread(migrate, url)
        again = await _verify_all(url, keys)
        assert await _rows(url) == rows
        # Membership of a non-default organisation does not survive a downgrade (the column
        # goes); every key is back in `default`, with its scopes, and works.
        assert again == {name: ("default", *scopes[1:]) for name, scopes in up.items()}
        print(f"\nmigrations up/down/up: {len(again)} of {len(keys)} keys verify")
