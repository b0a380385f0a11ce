"""Per-address budgets behind a proxy: `TRUSTED_PROXIES` names the proxies whose `Forwarded` /
`X-Forwarded-For` is believed; the rightmost address that is not one of them is the client's.
Nothing is believed by default (a client could otherwise name any address per request).

Red team: behind the chart's ingress every visitor shared one budget (visitor 61, on its first
request, was refused)."""

import httpx
from litestar.types import Scope
from sqlalchemy.ext.asyncio import AsyncEngine

from service.app import create_app
from service.config import Settings
from service.security.abuse import ClientAddresses
from tests.security.conftest import in_this_loop, production_settings
from tests.security.test_publishable_keys import PARTNER, publishable

INGRESS = "10.1.2.3"


def _scope(peer: str, *headers: tuple[bytes, bytes]) -> Scope:
    return {"type": "http", "client": (peer, 40000), "headers": list(headers)}  # type: ignore[typeddict-item]


def test_nothing_forwarded_is_believed_by_default() -> None:
    addresses = ClientAddresses()
    assert addresses.of(_scope(INGRESS, (b"x-forwarded-for", b"198.51.100.7"))) == INGRESS


def test_the_rightmost_untrusted_address_is_the_client() -> None:
    trusted = Settings(trusted_proxies="10.0.0.0/8, 192.168.0.0/16").trusted_proxy_networks
    addresses = ClientAddresses(trusted)
    # A client that forged the first entry, then two proxies of ours.
    chain = b"203.0.113.66, 198.51.100.7, 192.168.1.1"
    assert addresses.of(_scope(INGRESS, (b"x-forwarded-for", chain))) == "198.51.100.7"
    # Only the header the proxies write is read: a client's own `Forwarded` (passed on by an
    # ingress that writes X-Forwarded-For) names nothing (red team: it beat every limit).
    forged = _scope(INGRESS, (b"forwarded", b"for=198.51.100.99"), (b"x-forwarded-for", chain))
    assert addresses.of(forged) == "198.51.100.7"
    rfc7239 = ClientAddresses(trusted, "forwarded")
    forwarded = b'for="[2001:db8::1]:443";proto=https, for=192.168.1.1'
    assert rfc7239.of(_scope(INGRESS, (b"forwarded", forwarded))) == "2001:db8::1"
    assert rfc7239.of(_scope(INGRESS, (b"x-forwarded-for", b"198.51.100.7"))) == INGRESS
    # A peer that is not a trusted proxy is the client, whatever it says.
    outsider = _scope("203.0.113.9", (b"x-forwarded-for", b"198.51.100.7"))
    assert addresses.of(outsider) == "203.0.113.9"
    # Every hop trusted: the request started inside.
    assert addresses.of(_scope(INGRESS, (b"x-forwarded-for", b"10.9.9.9"))) == INGRESS


async def _statuses(app: object, key: str, visitor: str, count: int) -> list[int]:
    transport = httpx.ASGITransport(app=app, client=(INGRESS, 40000))  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver.local") as c:
        headers = {"X-API-Key": key, "Origin": PARTNER, "X-Forwarded-For": visitor}
        return [(await c.get("/v1/locales", headers=headers)).status_code for _ in range(count)]


async def test_visitors_behind_the_ingress_each_get_their_own_budget(
    database_url: str, client: object, engine: AsyncEngine
) -> None:
    key = await publishable(engine, PARTNER)
    limits = {"publishable_rate_limit_per_address": 3, "rate_limit_requests": 0}
    behind = create_app(production_settings(database_url, trusted_proxies="10.0.0.0/8", **limits))
    async with in_this_loop(behind):
        assert await _statuses(behind, key, "198.51.100.1", 4) == [200, 200, 200, 429]
        assert await _statuses(behind, key, "198.51.100.2", 1) == [200]  # its own budget
    shared = create_app(production_settings(database_url, **limits))
    async with in_this_loop(shared):
        assert await _statuses(shared, key, "198.51.100.1", 3) == [200, 200, 200]
        assert await _statuses(shared, key, "198.51.100.2", 1) == [429]  # the ingress's budget


async def test_failed_authentications_count_per_ipv6_slash_64(
    database_url: str, client: object
) -> None:
    """Red team: 60 unknown keys from one /64, each from another address, got 60 x 401 and no
    429 (and each reached PostgreSQL). The limit counts an IPv6 client by its /64."""
    app = create_app(production_settings(database_url, auth_failures_per_minute=5))
    statuses = []
    async with in_this_loop(app):
        for host in range(1, 9):
            transport = httpx.ASGITransport(app=app, client=(f"2001:db8:7:7::{host:x}", 40000))  # type: ignore[arg-type]
            async with httpx.AsyncClient(transport=transport, base_url="http://t.local") as c:
                unknown = {"X-API-Key": f"mck_{host:012x}_not-a-secret-of-any-key"}
                statuses.append((await c.get("/v1/locales", headers=unknown)).status_code)
    assert statuses[:5] == [401] * 5 and set(statuses[5:]) == {429}, statuses
