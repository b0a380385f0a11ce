"""Access tokens from a real OpenID provider (npm oidc-provider, client credentials with
resource indicators, JWT access tokens): every operation a partner is scoped for, with tokens
only; nothing of another organisation's; scopes, rate limits and metadata as for API keys."""

from typing import Any

import pytest
from litestar import Litestar

from service.app import create_app
from service.security.tokens import client_key_id
from tests.graphql.conftest import door_of
from tests.oauth.conftest import (
    METADATA,
    RESOURCE,
    Client,
    Tenant,
    assert_problem,
    bearer,
    oauth_settings,
)
from tests.oauth.identity_provider import IdentityProvider
from tests.security.conftest import started

pytestmark = pytest.mark.slow  # a real identity provider (Node) per session

SITUATION: dict[str, Any] = {
    "career_stage": "mid",
    "goals": ["specific_skill", "career_navigation"],
    "horizon_weeks": 26,
    "hours_per_week": 2,
    "minutes_per_session": 60,
}
RECOMMEND_QUERY = """query($s: SituationInput!) {
  recommend(situation: $s) { organisationPolicyVersion notOffered ranking { variant } } }"""
VARIANTS_QUERY = "query { variants(limit: 2) { items { slug } } }"


def registered(app: Litestar) -> None:
    for query in (RECOMMEND_QUERY, VARIANTS_QUERY):
        door_of(app).register(query)  # production runs registered operations only


async def test_a_partner_reaches_content_recommendations_and_administration_with_tokens_only(
    oauth: Client, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    acme = tenants["acme"].organisation
    sync = await idp.token("acme", "acme-sync")
    admin = await idp.token("acme", "acme-admin")

    variants = await oauth.get("/v1/variants", headers=bearer(sync))
    assert variants.status_code == 200, variants.text
    assert variants.json()["items"]
    recommended = await oauth.post("/v1/recommendations", json=SITUATION, headers=bearer(sync))
    assert recommended.status_code == 200, recommended.text
    batch = await oauth.post(
        "/v1/recommendations/batch", json={"items": [SITUATION]}, headers=bearer(sync)
    )
    assert batch.status_code == 200, batch.text

    registered(oauth.app)
    answer = await oauth.post(
        "/graphql",
        json={
            "query": RECOMMEND_QUERY,
            "variables": {
                "s": {
                    "careerStage": "mid",
                    "goals": ["specific_skill"],
                    "horizonWeeks": 26,
                    "hoursPerWeek": 2,
                    "minutesPerSession": 60,
                }
            },
        },
        headers=bearer(sync),
    )
    assert answer.status_code == 200 and "errors" not in answer.json(), answer.text

    # admin: the organisation's policy, webhooks and trusted issuers.
    policy = await oauth.get(f"/v1/organisations/{acme}/policy", headers=bearer(admin))
    assert policy.status_code == 200, policy.text
    published = await oauth.put(
        f"/v1/organisations/{acme}/policy",
        json={"not_offered": [recommended.json()["ranking"][0]["variant"]]},
        headers=bearer(admin) | {"If-Match": policy.headers["etag"]},
    )
    assert published.status_code == 201, published.text
    # Audited like a key: the client as its organisation's history names it.
    assert published.json()["published_by"].startswith("client-")
    for path in ("/v1/webhooks", f"/v1/organisations/{acme}/issuers"):
        listed = await oauth.get(path, headers=bearer(admin))
        assert listed.status_code == 200, (path, listed.text)
    issuers = (await oauth.get(f"/v1/organisations/{acme}/issuers", headers=bearer(admin))).json()
    assert [item["issuer"] for item in issuers["items"]] == [idp.issuer("acme")]

    # The recommendation now follows acme's policy: the organisation came from the issuer.
    after = await oauth.post("/v1/recommendations", json=SITUATION, headers=bearer(sync))
    assert after.json()["organisation_policy_version"] >= 1
    assert after.json()["not_offered"] == published.json()["document"]["not_offered"]


async def test_a_token_of_one_organisations_issuer_reaches_nothing_of_another(
    oauth: Client, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    acme, globex = tenants["acme"].organisation, tenants["globex"].organisation
    acme_admin = await idp.token("acme", "acme-admin")
    globex_admin = await idp.token("globex", "globex-admin")
    globex_sync = await idp.token("globex", "globex-sync")
    for path in (
        f"/v1/organisations/{globex}/policy",
        f"/v1/organisations/{globex}/policy/history",
        f"/v1/organisations/{globex}/issuers",
        f"/v1/organisations/{globex}/issuers/history",
    ):
        response = await oauth.get(path, headers=bearer(acme_admin))
        assert_problem(response, 404, "not-found")
    removed = await oauth.delete(
        f"/v1/organisations/{globex}/issuers/0000000000000000", headers=bearer(acme_admin)
    )
    assert_problem(removed, 404, "not-found")
    trusted = await oauth.post(
        f"/v1/organisations/{globex}/issuers",
        json={"issuer": idp.issuer("acme")},
        headers=bearer(acme_admin),
    )
    assert_problem(trusted, 404, "not-found")

    # globex's own: its policy (whatever acme published), its issuers only.
    own = await oauth.get(f"/v1/organisations/{globex}/issuers", headers=bearer(globex_admin))
    assert [item["issuer"] for item in own.json()["items"]] == [idp.issuer("globex")]
    recommended = await oauth.post(
        "/v1/recommendations", json=SITUATION, headers=bearer(globex_sync)
    )
    assert recommended.json()["organisation_policy_version"] is None
    assert recommended.json()["not_offered"] == []
    mine = await oauth.get(f"/v1/organisations/{acme}/policy", headers=bearer(acme_admin))
    assert mine.status_code == 200


async def test_a_missing_scope_is_403_insufficient_scope(
    oauth: Client, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    reader = await idp.token("acme", "acme-reader")
    assert (await oauth.get("/v1/variants", headers=bearer(reader))).status_code == 200
    for method, path, body in (
        ("POST", "/v1/recommendations", SITUATION),
        ("GET", "/v1/webhooks", None),
        ("GET", f"/v1/organisations/{tenants['acme'].organisation}/issuers", None),
    ):
        response = await oauth.request(method, path, json=body, headers=bearer(reader))
        problem = assert_problem(response, 403, "forbidden")
        assert problem["detail"].startswith("This access token lacks the scope")
        challenge = response.headers["www-authenticate"]
        assert 'error="insufficient_scope"' in challenge
        assert f'resource_metadata="{METADATA}"' in challenge
        needed = "recommend" if path.endswith("recommendations") else "admin"
        assert f'scope="{needed}"' in challenge


async def test_scopes_the_client_may_not_have_are_never_issued(idp: IdentityProvider) -> None:
    """The provider's side of scopes: a reader cannot ask for admin."""
    import httpx

    from tests.oauth.identity_provider import client_secret

    async with httpx.AsyncClient(trust_env=False) as http:
        refused = await http.post(
            f"{idp.issuer('acme')}/token",
            data={"grant_type": "client_credentials", "scope": "admin", "resource": RESOURCE},
            auth=("acme-reader", client_secret("acme-reader")),
        )
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_scope"


async def test_rate_limits_count_per_client_across_its_tokens(
    oauth: Client, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    first = await idp.token("globex", "globex-reader")
    second = await idp.token("globex", "globex-reader")  # another token, the same client
    other = await idp.token("globex", "globex-sync")
    assert first != second

    async def remaining(token: str) -> int:
        response = await oauth.get("/v1/approaches", headers=bearer(token))
        assert response.status_code == 200, response.text
        return int(response.headers["ratelimit-remaining"])

    start = await remaining(first)
    assert await remaining(second) == start - 1
    assert await remaining(first) == start - 2
    other_start = await remaining(other)
    assert await remaining(other) == other_start - 1
    assert await remaining(first) == start - 3  # the other client spent nothing of this one's


async def test_the_protected_resource_metadata_and_the_challenge_of_a_401(
    oauth: Client, tenants: dict[str, Tenant]
) -> None:
    metadata = await oauth.get("/.well-known/oauth-protected-resource")
    assert metadata.status_code == 200, metadata.text
    body = metadata.json()
    assert body["resource"] == RESOURCE
    assert body["scopes_supported"] == ["content:read", "recommend", "admin"]
    assert body["bearer_methods_supported"] == ["header"]
    assert "authorization_servers" not in body  # each organisation's issuers are its own
    anonymous = await oauth.get("/v1/variants")
    assert_problem(anonymous, 401, "unauthorized")
    challenge = anonymous.headers["www-authenticate"]
    assert f'resource_metadata="{METADATA}"' in challenge
    assert "error=" not in challenge  # RFC 6750 §3.1: no error code without a credential


async def test_api_keys_work_as_before_beside_tokens(
    oauth: Client, tenants: dict[str, Tenant]
) -> None:
    admin_key = tenants["acme"].admin_key
    listed = await oauth.get(
        f"/v1/organisations/{tenants['acme'].organisation}/issuers",
        headers={"Authorization": f"Bearer {admin_key}"},
    )
    assert listed.status_code == 200, listed.text
    unknown = await oauth.get("/v1/variants", headers=bearer("mck_000000000000_nope"))
    assert_problem(unknown, 401, "unauthorized")
    assert 'error="invalid_token"' in unknown.headers["www-authenticate"]


async def test_without_a_resource_identifier_tokens_are_refused_and_keys_still_work(
    database_url: str, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    settings = oauth_settings(database_url, oauth_resource=None, public_base_url=None)
    async for keys_only in started(create_app(settings)):
        metadata = await keys_only.get("/.well-known/oauth-protected-resource")
        assert_problem(metadata, 404, "not-found")
        token = await idp.token("acme", "acme-sync")
        refused = await keys_only.get("/v1/variants", headers=bearer(token))
        assert "accepts no access tokens" in assert_problem(refused, 401, "unauthorized")["detail"]
        assert "resource_metadata" not in refused.headers["www-authenticate"]
        key = {"X-API-Key": tenants["acme"].admin_key}
        assert (await keys_only.get("/v1/variants", headers=key)).status_code == 200


def test_a_clients_key_id_fits_where_key_ids_go() -> None:
    from service.security.issuers import TrustedIssuer

    trusted = TrustedIssuer("0" * 16, "https://login.example/", "acme", "https://x/jwks")
    assert len(client_key_id(trusted, "a" * 500)) == 16
    other = TrustedIssuer("1" * 16, "https://login.other.example/", "globex", "https://y/jwks")
    assert client_key_id(trusted, "sync") != client_key_id(other, "sync")
