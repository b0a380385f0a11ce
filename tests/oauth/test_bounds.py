"""Bounds: a flood of tokens naming made-up keys costs the issuer one fetch, not one per
token; the key cache holds at most its number of issuers."""

import asyncio
import secrets
from ipaddress import ip_network

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from service.security.issuers import OutboundPolicy, SigningKeys, TrustedIssuer
from tests.oauth.conftest import (
    RESOURCE,
    Client,
    Tenant,
    assert_invalid_token,
    bearer,
    make_tenant,
)
from tests.oauth.signer import claims, private_jwk, public_jwks, sign
from tests.oauth.stub import stub_server

pytestmark = pytest.mark.slow  # a real identity provider (Node) per session

TOKENS = 1000


async def test_a_thousand_tokens_with_made_up_kids_cost_at_most_one_fetch(
    oauth: Client, engine: AsyncEngine, tenants: dict[str, Tenant]
) -> None:
    tenant = await make_tenant(engine, "flood")
    genuine = private_jwk("ES256", "genuine")
    with stub_server() as stub:
        issuer = stub.base + "/flood"
        jwks_uri = stub.answer("/flood/jwks", public_jwks(genuine))
        added = await oauth.post(
            f"/v1/organisations/{tenant.organisation}/issuers",
            json={"issuer": issuer, "jwks_uri": jwks_uri},
            headers={"X-API-Key": tenant.admin_key},
        )
        assert added.status_code == 201, added.text
        read_when_added = stub.hits["/flood/jwks"]
        payload = claims(issuer, RESOURCE)
        made_up = [sign(payload, genuine, "ES256", kid=secrets.token_hex(8)) for _ in range(TOKENS)]
        for start in range(0, TOKENS, 100):  # a hundred at a time, concurrently
            answers = await asyncio.gather(
                *(
                    oauth.get("/v1/approaches", headers=bearer(token))
                    for token in made_up[start : start + 100]
                )
            )
            for answer in answers:
                assert_invalid_token(answer, "not among its issuer's keys")
        fetched = stub.hits["/flood/jwks"] - read_when_added
        honest = sign(payload, genuine, "ES256")
        assert (await oauth.get("/v1/approaches", headers=bearer(honest))).status_code == 200
        assert stub.hits["/flood/jwks"] - read_when_added == fetched  # held since
    assert fetched == 1


async def test_the_key_cache_holds_at_most_its_number_of_issuers() -> None:
    jwk = private_jwk("ES256", "k")
    keys = SigningKeys(
        OutboundPolicy((ip_network("127.0.0.0/8"),)),
        ("ES256",),
        refresh_seconds=900,
        cooldown_seconds=60,
        max_staleness_seconds=3600,
        max_issuers=20,
    )
    with stub_server() as stub:
        jwks_uri = stub.answer("/jwks", public_jwks(jwk))
        for number in range(50):
            trusted = TrustedIssuer(f"{number:016x}", f"{stub.base}/{number}", "org", jwks_uri)
            assert len(await keys.candidates(trusted, "k", "ES256")) == 1
            assert len(keys) <= 20
    assert len(keys) == 20
    await keys.close()
