"""The identity provider's keys over time, with a provider of this module's own (it is
restarted and stopped here): a rotation costs one fetch; through an outage the cached keys go
on verifying until their staleness limit, then 503 with Retry-After, never a 500; back up, the
provider's tokens work again.

Short cooldown and staleness (OAUTH_KEYS_COOLDOWN_SECONDS, OAUTH_KEYS_MAX_STALENESS_SECONDS)
so that the test waits seconds, not hours; the counts come from `oauth_key_fetches` on
/metrics."""

import asyncio
import secrets
from collections.abc import AsyncIterator, Iterator

import pytest
from prometheus_client import REGISTRY
from sqlalchemy.ext.asyncio import AsyncEngine

from service.app import create_app
from tests.oauth.conftest import (
    RESOURCE,
    Client,
    Tenant,
    assert_problem,
    bearer,
    clients,
    make_tenant,
    oauth_settings,
)
from tests.oauth.identity_provider import IdentityProvider, IssuerSpec
from tests.oauth.signer import claims, private_jwk, sign
from tests.security.conftest import started

pytestmark = pytest.mark.slow  # a real identity provider (Node) per session


COOLDOWN = 0.5
STALENESS = 3.0


def fetches(result: str = "ok") -> float:
    return REGISTRY.get_sample_value("oauth_key_fetches_total", {"result": result}) or 0.0


@pytest.fixture(scope="module")
def rotor() -> Iterator[IdentityProvider]:
    provider = IdentityProvider(
        RESOURCE, IssuerSpec("rotor", "ES256", (private_jwk("ES256", "rotor-1"),), clients("rotor"))
    ).start()
    yield provider
    provider.stop()


@pytest.fixture(scope="module")
async def lively(database_url: str, client: Client) -> AsyncIterator[Client]:
    settings = oauth_settings(
        database_url,
        oauth_keys_cooldown_seconds=COOLDOWN,
        oauth_keys_max_staleness_seconds=STALENESS,
    )
    async for started_client in started(create_app(settings)):
        yield started_client


@pytest.fixture(scope="module")
async def rotor_tenant(lively: Client, rotor: IdentityProvider, engine: AsyncEngine) -> Tenant:
    tenant = await make_tenant(engine, f"rotor-{secrets.token_hex(2)}")
    response = await lively.post(
        f"/v1/organisations/{tenant.organisation}/issuers",
        json={"issuer": rotor.issuer("rotor")},
        headers={"X-API-Key": tenant.admin_key},
    )
    assert response.status_code == 201, response.text
    return tenant


async def status(client: Client, token: str) -> int:
    return (await client.get("/v1/approaches", headers=bearer(token))).status_code


async def test_a_rotation_costs_one_fetch_and_old_tokens_keep_working(
    lively: Client, rotor: IdentityProvider, rotor_tenant: Tenant
) -> None:
    old = await rotor.token("rotor", "rotor-sync")
    assert await status(lively, old) == 200
    # The provider publishes a new key and signs with it; the old one stays published.
    rotor.restart("rotor", (private_jwk("ES256", "rotor-2"), *rotor.private_keys("rotor")))
    await asyncio.sleep(COOLDOWN)  # the last fetch is further back than the cooldown
    new = await rotor.token("rotor", "rotor-sync")
    before = fetches()
    assert await status(lively, new) == 200
    assert fetches() == before + 1
    many = await asyncio.gather(*(status(lively, new) for _ in range(20)))
    assert set(many) == {200}
    assert await status(lively, old) == 200
    assert fetches() == before + 1  # no fetch for keys already held


async def test_through_an_outage_cached_keys_work_until_their_staleness_limit_then_503(
    lively: Client, rotor: IdentityProvider, rotor_tenant: Tenant
) -> None:
    token = await rotor.token("rotor", "rotor-sync")
    assert await status(lively, token) == 200
    rotor.stop()
    try:
        assert await status(lively, token) == 200  # the keys held still verify

        # A key it does not hold cannot be checked with the issuer away: 503, not 401.
        await asyncio.sleep(COOLDOWN)
        unknown = sign(
            claims(rotor.issuer("rotor"), RESOURCE), private_jwk("ES256", "rotor-9"), "ES256"
        )
        failed = fetches("failed")
        response = await lively.get("/v1/approaches", headers=bearer(unknown))
        assert_problem(response, 503, "issuer-unavailable")
        assert fetches("failed") == failed + 1
        assert int(response.headers["retry-after"]) >= 1

        await asyncio.sleep(STALENESS)  # past the limit since the last successful fetch
        response = await lively.get("/v1/approaches", headers=bearer(token))
        problem = assert_problem(response, 503, "issuer-unavailable")
        assert "retry after" in problem["detail"]
        assert int(response.headers["retry-after"]) >= 1
    finally:
        rotor.start()  # same port, same keys
    await asyncio.sleep(COOLDOWN)
    assert await status(lively, token) == 200
    assert await status(lively, await rotor.token("rotor", "rotor-sync")) == 200
