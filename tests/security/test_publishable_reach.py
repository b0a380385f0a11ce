"""What a publishable key can reach, and which origins it can be bound to: found in a
red-team pass (docs/embedding.md, "What a publishable key can reach").

A publishable key is public (anyone who views the partner's page can copy it), so it reaches
only what the component needs, one situation at a time; bulk and organisation routes need a
secret key even when the key's scopes would allow them."""

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from litestar.types import Scope
from sqlalchemy.ext.asyncio import AsyncEngine

from service.api.contract import declared_access
from service.api.rest.recommendations import EXAMPLE_SITUATION
from service.config import PROJECT_ROOT
from service.security.abuse import ClientAddresses
from service.security.keys import normalise_origin
from service.security.middleware import own_origin
from tests.security.test_keys_and_scopes import SITUATION, assert_problem
from tests.security.test_publishable_keys import PARTNER, publishable

Client = AsyncTestClient[Litestar]

REFUSED = (
    ("POST", "/v1/recommendations/batch", {"items": [EXAMPLE_SITUATION] * 1000}),
    ("POST", "/v1/recommendations/replay", {}),
    ("GET", "/v1/export", None),
    ("GET", "/v1/changes", None),
    ("GET", "/v1/releases", None),
    ("GET", "/v1/recommendations/policies", None),
    ("GET", "/v1/organisations/default/policy", None),
    ("GET", "/v1/organisations/default/policy/history", None),
)


async def test_a_publishable_key_reaches_only_what_the_component_needs(
    production: Client, engine: AsyncEngine
) -> None:
    partner_key = await publishable(engine, PARTNER)
    headers = {"X-API-Key": partner_key, "Origin": PARTNER}
    for method, path, body in REFUSED:
        refused = await production.request(method, path, json=body, headers=headers)
        problem = assert_problem(refused, 403, "forbidden")
        assert "secret key" in problem["detail"], (method, path)
        assert refused.headers["access-control-allow-origin"] == PARTNER  # readable why
    allowed = (
        ("POST", "/v1/recommendations", SITUATION),
        ("POST", "/v1/recommendations/intake", {}),  # the component's questions
        ("GET", "/v1/variants", None),
        ("GET", "/v1/variants/classic-mentoring", None),
        ("GET", "/v1/approaches/mentoring", None),
        ("GET", "/v1/locales", None),
    )
    for method, path, body in allowed:
        answer = await production.request(method, path, json=body, headers=headers)
        assert answer.status_code == 200, (method, path, answer.text)


def _browser_routes_in_the_docs() -> set[tuple[str, str]]:
    """The routes docs/embedding.md lists between its `browser-routes` markers."""
    text = (PROJECT_ROOT / "docs" / "embedding.md").read_text(encoding="utf-8")
    listed = text.split("<!-- browser-routes -->")[1].split("<!-- /browser-routes -->")[0]
    found = set()
    for line in listed.splitlines():
        line = line.strip()
        if line.startswith("- `"):
            method, path = line.split("`")[1].split(" ", 1)
            found.add((path, method.lower()))
    return found


def test_the_docs_list_exactly_the_routes_that_declare_browser_reach(production: Client) -> None:
    """What a publishable key reaches is declared once, on each route (`browser=True`); the
    docs say the same. Declaring a new route reachable without the docs fails here."""
    declared = {
        (path, method)
        for (path, method), access in declared_access(production.app).items()
        if access.browser and method != "options"
    }
    assert declared == _browser_routes_in_the_docs()
    assert ("/v1/export", "get") not in declared  # the whole catalogue is a server's call


@pytest.mark.parametrize(
    "bad",
    [
        "https://hr.example.com;script-src",  # would add a directive to frame-ancestors
        "https://hr.example.com%20https://evil.example",
        "https://*.example.com",
        "https://hr example.com",
        "https://hr.example.com,evil.example",
        "https://hr.exa'mple.com",
        "https://:secret@hr.example.com",
        "https://@hr.example.com",
        "https://hr..example.com",
        "https://-hr.example.com",
    ],
)
def test_an_origin_must_be_a_plain_host(bad: str) -> None:
    with pytest.raises(ValueError):
        normalise_origin(bad)


def test_unicode_hosts_are_stored_as_browsers_send_them() -> None:
    """Browsers send an internationalised host in punycode; stored otherwise it never matches
    (and cannot go into a header)."""
    assert normalise_origin("https://Bücher.Example") == "https://xn--bcher-kva.example"
    assert normalise_origin("https://xn--bcher-kva.example") == "https://xn--bcher-kva.example"
    assert normalise_origin("https://[::1]:8080") == "https://[::1]:8080"
    assert normalise_origin("http://localhost:5173") == "http://localhost:5173"


def _scope(client: str, host: bytes | None = b"api.example.com") -> Scope:
    headers = [(b"host", host)] if host is not None else []
    return {"type": "http", "client": (client, 50000), "headers": headers}  # type: ignore[typeddict-item]


def test_an_ipv6_client_s_budget_is_its_slash_64() -> None:
    """A subscriber usually holds a whole /64; per address it would get a fresh budget per
    request."""
    network_of = ClientAddresses().network_of
    first = network_of(_scope("2001:db8:1:2::1"))
    assert first == network_of(_scope("2001:db8:1:2:ffff:ffff:ffff:ffff"))
    assert first != network_of(_scope("2001:db8:1:3::1"))
    assert network_of(_scope("203.0.113.7")) == "203.0.113.7"
    assert network_of(_scope("::ffff:203.0.113.7")) != network_of(_scope("::ffff:203.0.113.8"))


def test_the_service_s_own_origin_comes_from_its_public_url_only() -> None:
    assert own_origin("https://API.example.com/") == "https://api.example.com"
    assert own_origin("http://127.0.0.1:8000") == "http://127.0.0.1:8000"
    assert own_origin(None) is None
    assert own_origin("") is None


async def test_a_host_header_never_makes_an_origin_the_service_s_own(
    production: Client, engine: AsyncEngine
) -> None:
    """Red team: `Host: attacker.example` with `Origin: https://attacker.example` turned 403
    into 200 when the own origin was read from `Host`."""
    partner_key = await publishable(engine, PARTNER)
    for path in ("/v1/variants", "/v1/locales"):
        refused = await production.get(
            path,
            headers={
                "X-API-Key": partner_key,
                "Host": "attacker.example",
                "Origin": "https://attacker.example",
            },
        )
        assert_problem(refused, 403, "origin-not-allowed")
