"""No test registers an address outside 127.0.0.0/8 while a delivery worker runs: the run's
shared database (the contract and SDK runs register such addresses there: schemathesis'
generated URLs, the SDK's literal public address) has no worker, neither in the shared app
nor in the live servers. The webhook tests deliver on databases of their own, to receivers
on 127.0.0.1, and register refused addresses with delivery off."""

from typing import Any

import asyncpg
import pytest

from service.db import plain_url
from tests.reliability.conftest import live_server
from tests.webhooks.test_webhooks import eventually


async def _workers(database_url: str) -> int:
    connection = await asyncpg.connect(plain_url(database_url))
    try:
        found = await connection.fetchval(
            "SELECT count(*) FROM procrastinate.procrastinate_workers"
        )
    finally:
        await connection.close()
    return int(found)


@pytest.mark.slow  # starts a server
async def test_no_delivery_worker_runs_on_the_shared_database(
    client: Any, database_url: str
) -> None:
    """`client` is the run's shared app; the live server is the contract and SDK runs' kind."""
    async with live_server(database_url, "service.app:app", service_env="production"):
        # A worker registers within a moment of its start; give one the time to show.
        seen = await eventually(lambda: _workers(database_url), within=3)
    assert seen == 0
