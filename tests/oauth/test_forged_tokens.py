"""Forged and faulty tokens, made by our own signer (with the provider's own keys where the
forgery needs a valid signature): each refused with 401 `invalid_token` and a detail that
says why, never a 500, and never accepted for another organisation."""

import secrets
import time
from collections.abc import Callable
from typing import Any

import pytest

from service.app import create_app
from tests.oauth.conftest import (
    RESOURCE,
    Client,
    Tenant,
    assert_invalid_token,
    assert_problem,
    bearer,
    oauth_settings,
)
from tests.oauth.identity_provider import IdentityProvider
from tests.oauth.signer import claims, hmac_signed, private_jwk, public_pem, sign, unsigned
from tests.security.conftest import started

pytestmark = pytest.mark.slow  # a real identity provider (Node) per session


def acme_key(idp: IdentityProvider) -> dict[str, Any]:
    return idp.private_keys("acme")[0]


async def refused(oauth: Client, token: str, *words: str) -> str:
    response = await oauth.get("/v1/variants", headers=bearer(token))
    return assert_invalid_token(response, *words)


async def test_a_token_signed_by_the_issuers_key_is_accepted_as_the_baseline(
    oauth: Client, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    """What every forgery below changes one thing of: this one is accepted."""
    token = sign(claims(idp.issuer("acme"), RESOURCE), acme_key(idp), "ES256")
    assert (await oauth.get("/v1/variants", headers=bearer(token))).status_code == 200


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        (lambda now: {"exp": now - 120}, ("expired",)),
        (lambda now: {"nbf": now + 600}, ("not valid yet",)),
        (lambda now: {"iat": now + 600}, ("not valid yet",)),
        (
            lambda _: {"aud": "https://api.someone-else.example"},
            ("not meant for this service", RESOURCE),
        ),
        (lambda _: {"aud": [RESOURCE + "/v1"]}, ("not meant for this service",)),
        (lambda _: {"client_id": None}, ("lacks the claim `client_id`",)),
        (lambda _: {"exp": None}, ("lacks the claim `exp`",)),
        (lambda _: {"jti": None}, ("lacks the claim `jti`",)),
    ],
    ids=[
        "expired",
        "not-yet-valid",
        "issued-in-the-future",
        "wrong-aud",
        "aud-with-a-path",
        "no-client-id",
        "no-exp",
        "no-jti",
    ],
)
async def test_claims_that_do_not_hold_are_refused(
    oauth: Client,
    idp: IdentityProvider,
    tenants: dict[str, Tenant],
    changes: Callable[[int], dict[str, Any]],
    words: tuple[str, ...],
) -> None:
    # Times from the clock when the test runs, not when it was collected: a suite that reached
    # this test ten minutes after collection sent a token whose `nbf` had already passed.
    changed = changes(int(time.time()))
    token = sign(claims(idp.issuer("acme"), RESOURCE, **changed), acme_key(idp), "ES256")
    await refused(oauth, token, *words)


async def test_a_clock_difference_within_the_leeway_is_tolerated(
    oauth: Client, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    now = int(time.time())
    skewed = claims(idp.issuer("acme"), RESOURCE, iat=now + 10, nbf=now + 10, exp=now - 10)
    token = sign(skewed, acme_key(idp), "ES256")
    assert (await oauth.get("/v1/variants", headers=bearer(token))).status_code == 200


async def test_an_untrusted_issuer_is_refused(
    oauth: Client, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    for issuer in ("https://evil.example", idp.issuer("acme") + "/", idp.issuer("initech")):
        token = sign(claims(issuer, RESOURCE), acme_key(idp), "ES256")
        await refused(oauth, token, "No organisation trusts the issuer")


async def test_alg_none_and_hmac_with_the_public_key_are_refused(
    oauth: Client, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    payload = claims(idp.issuer("acme"), RESOURCE)
    header = {"typ": "at+jwt", "kid": "acme-1"}
    await refused(oauth, unsigned(header, payload), "algorithm 'none' is not accepted")
    forged = hmac_signed(public_pem(acme_key(idp)), header, payload)
    await refused(oauth, forged, "algorithm 'HS256' is not accepted")


async def test_a_token_that_is_not_an_access_token_is_refused(
    oauth: Client, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    payload = claims(idp.issuer("acme"), RESOURCE)
    for typ in (None, "JWT", "id_token+jwt"):
        token = sign(payload, acme_key(idp), "ES256", typ=typ)
        await refused(oauth, token, "typ: at+jwt")


async def test_unknown_kids_and_foreign_keys_are_refused(
    oauth: Client, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    payload = claims(idp.issuer("acme"), RESOURCE)
    stranger = private_jwk("ES256", f"kid-{secrets.token_hex(6)}")
    await refused(oauth, sign(payload, stranger, "ES256"), "not among its issuer's keys")
    # Another key presenting acme's kid: the signature does not verify.
    impostor = stranger | {"kid": "acme-1"}
    await refused(oauth, sign(payload, impostor, "ES256"), "signature does not verify")
    # globex's own key, with globex's kid, claiming to be acme's issuer: each issuer's tokens
    # are verified with that issuer's keys only.
    globex_key = idp.private_keys("globex")[0]
    await refused(oauth, sign(payload, globex_key, "RS256"), "not among its issuer's keys")
    # An algorithm the key is not for (acme's EC key named with RS256).
    await refused(
        oauth, sign(payload, globex_key, "RS256", kid="acme-1"), "not the one its signing key"
    )


async def test_a_token_of_one_organisations_issuer_never_acts_for_another(
    oauth: Client, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    """Whatever it claims about organisations: the issuer decides."""
    globex = tenants["globex"].organisation
    payload = claims(
        idp.issuer("acme"), RESOURCE, scope="admin", organisation=globex, org_id=globex
    )
    token = sign(payload, acme_key(idp), "ES256")
    response = await oauth.get(f"/v1/organisations/{globex}/issuers", headers=bearer(token))
    assert_problem(response, 404, "not-found")
    own = await oauth.get(
        f"/v1/organisations/{tenants['acme'].organisation}/issuers", headers=bearer(token)
    )
    assert own.status_code == 200, own.text


@pytest.mark.parametrize(
    "token",
    ["a.b.c", "....", "eyJhbGciOiJFUzI1NiJ9.e30.", "x" * 9000 + ".y.z", "ey.ey.ey"],
    ids=["garbage", "empty-parts", "no-typ-no-kid", "too-long", "bad-base64"],
)
async def test_malformed_tokens_are_refused(
    oauth: Client, tenants: dict[str, Tenant], token: str
) -> None:
    await refused(oauth, token)


async def test_an_address_that_keeps_sending_forged_tokens_gets_429_and_a_valid_token_passes(
    database_url: str, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    app = create_app(oauth_settings(database_url, auth_failures_per_minute=3))
    forged = sign(claims("https://evil.example", RESOURCE), acme_key(idp), "ES256")
    valid = await idp.token("acme", "acme-reader")
    async for limited in started(app):
        for _ in range(3):
            assert (await limited.get("/v1/variants", headers=bearer(forged))).status_code == 401
        blocked = await limited.get("/v1/variants", headers=bearer(forged))
        assert_problem(blocked, 429, "too-many-failed-authentications")
        assert "retry-after" in blocked.headers
        assert (await limited.get("/v1/variants", headers=bearer(valid))).status_code == 200
