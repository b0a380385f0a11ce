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

from service.api.rest.recommendations import EXAMPLE_SITUATION
from service.security.abuse import client_network
from service.security.keys import normalise_origin
from service.security.middleware import publishable_may_reach, same_origin
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
    ("POST", "/graphql", {"query": "{ variants { slug } }"}),
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
        ("GET", "/v1/variants", None),
        ("GET", "/v1/variants/classic-mentoring", None),
        ("GET", "/v1/approaches/mentoring", None),
        ("GET", "/v1/locales", None),
    )
    for method, path, body in allowed:
        answer = await production.request(method, path, json=body, headers=headers)
        assert answer.status_code == 200, (method, path, answer.text)


def test_the_allowed_prefixes_are_whole_path_segments() -> None:
    assert publishable_may_reach("GET", "/v1/variants/classic-mentoring")
    assert not publishable_may_reach("GET", "/v1/variantsx")
    assert not publishable_may_reach("POST", "/v1/variants")
    assert not publishable_may_reach("DELETE", "/v1/variants/classic-mentoring")
    assert not publishable_may_reach("POST", "/v1/recommendations/batch")


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
    first = client_network(_scope("2001:db8:1:2::1"))
    assert first == client_network(_scope("2001:db8:1:2:ffff:ffff:ffff:ffff"))
    assert first != client_network(_scope("2001:db8:1:3::1"))
    assert client_network(_scope("203.0.113.7")) == "203.0.113.7"
    assert client_network(_scope("::ffff:203.0.113.7")) != client_network(
        _scope("::ffff:203.0.113.8")
    )


def test_without_a_host_header_nothing_is_the_service_s_own_origin() -> None:
    assert same_origin(_scope("203.0.113.7"), "https://api.example.com")
    assert not same_origin(_scope("203.0.113.7", host=None), "https://")
    assert not same_origin(_scope("203.0.113.7", host=b""), "http://")
