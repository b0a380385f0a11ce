"""One real identity provider (three issuers) and one production application for the OAuth
tests, started once per run; organisations of this run that trust those issuers.

- `acme` (ES256) and `globex` (RS256) are trusted by their organisations through the admin
  endpoint at the start; `initech` (EdDSA) is left to tests/oauth/test_issuers_admin.py.
- Each issuer has clients that may ask for `content:read recommend` (`-sync`),
  `content:read` only (`-reader`) and `admin` (`-admin`).
- The application runs in production (credentials required, scopes enforced), with the
  service's resource identifier `RESOURCE`, issuers allowed on 127.0.0.0/8 (an operator's
  setting for an identity provider inside its network) and no failed-authentication limit
  (forged tokens come from one address; tests/oauth/test_forged_tokens.py checks the limit).
"""

import secrets
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.app import create_app
from service.config import Settings
from service.domain.organisations.service import ensure_organisation
from service.security.keys import create_key
from tests.oauth.identity_provider import IdentityProvider, IssuerSpec
from tests.oauth.signer import private_jwk
from tests.security.conftest import production_settings, started

Client = AsyncTestClient[Litestar]
RESOURCE = "https://api.mentoring.test"
METADATA = f"{RESOURCE}/.well-known/oauth-protected-resource"
RUN = secrets.token_hex(3)  # organisations of this run: other runs share no slug
PROBLEM = "application/problem+json"


def clients(name: str) -> dict[str, str]:
    return {
        f"{name}-sync": "content:read recommend",
        f"{name}-reader": "content:read",
        f"{name}-admin": "admin",
    }


def oauth_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "oauth_resource": RESOURCE,
        "oauth_issuer_networks": "127.0.0.0/8",
        "auth_failures_per_minute": 0,
    }
    return production_settings(database_url, **(values | overrides))


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["code"] == code, body
    return body


def assert_invalid_token(response: Any, *words: str) -> str:
    """A 401 problem whose challenge says `invalid_token` and names the metadata; its detail."""
    body = assert_problem(response, 401, "unauthorized")
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith("Bearer ") and 'error="invalid_token"' in challenge, challenge
    assert f'resource_metadata="{METADATA}"' in challenge, challenge
    detail: str = body["detail"]
    for word in words:
        assert word in detail, detail
    return detail


@dataclass(frozen=True)
class Tenant:
    organisation: str
    issuer_name: str  # in the identity provider
    admin_key: str  # an API key with `admin` of the organisation


@pytest.fixture(scope="session")
def idp() -> Iterator[IdentityProvider]:
    provider = IdentityProvider(
        RESOURCE,
        IssuerSpec("acme", "ES256", (private_jwk("ES256", "acme-1"),), clients("acme")),
        IssuerSpec("globex", "RS256", (private_jwk("RS256", "globex-1"),), clients("globex")),
        IssuerSpec("initech", "EdDSA", (private_jwk("EdDSA", "initech-1"),), clients("initech")),
    ).start()
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
async def oauth(database_url: str, client: Client) -> AsyncIterator[Client]:
    """The production application. `client` first: its start loads the content."""
    async for started_client in started(create_app(oauth_settings(database_url))):
        yield started_client


async def make_tenant(engine: AsyncEngine, name: str) -> Tenant:
    organisation = f"{name}-{RUN}"
    async with AsyncSession(engine) as session, session.begin():
        await ensure_organisation(session, organisation)
        key = await create_key(session, f"{name} admin", ["admin"], organisation)
    return Tenant(organisation, name, key.key)


@pytest.fixture(scope="session")
async def tenants(oauth: Client, idp: IdentityProvider, engine: AsyncEngine) -> dict[str, Tenant]:
    """acme and globex trust their own issuer (through the admin endpoint); initech trusts none
    yet."""
    found = {name: await make_tenant(engine, name) for name in ("acme", "globex", "initech")}
    for name in ("acme", "globex"):
        tenant = found[name]
        response = await oauth.post(
            f"/v1/organisations/{tenant.organisation}/issuers",
            json={"issuer": idp.issuer(name)},
            headers={"X-API-Key": tenant.admin_key},
        )
        assert response.status_code == 201, response.text
    return found
