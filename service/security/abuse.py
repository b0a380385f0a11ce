"""Failed authentication limited per client address.

Each failed authentication (a malformed, unknown or revoked key) counts against the client's
address in a fixed window of `window_seconds`; past `limit` failures in the window, the
address's failing requests get 429 with `Retry-After` instead of 401. Only keys that fail are
refused here, and an unknown key costs no database lookup (service/security/keys.py), so a
flood from a shared address (a NAT, a proxy) neither locks out the clients behind it nor
reaches PostgreSQL.

Counted per worker process, in memory (a `BoundedCache`, so a flood from many addresses stays
bounded too): with `WORKERS=n` an address gets up to n x `limit` failures per window. The
address is the one `ClientAddresses` finds (behind trusted proxies, the forwarded client).
"""

import ipaddress
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

from litestar.types import Scope
from prometheus_client import Counter

from service.cache import BoundedCache
from service.problems import ProblemError, problem

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

AUTH_FAILURES_REFUSED = Counter(
    "auth_failures_refused",
    "Requests refused (429) because their client address failed authentication too often.",
)
MAX_ADDRESSES = 10_000


@dataclass(slots=True)
class _Window:
    start: float
    failures: int = 0


class FailedAuthLimiter:
    def __init__(self, limit: int, window_seconds: float = 60.0) -> None:
        self.limit = limit
        self.window_seconds = window_seconds
        self._windows: BoundedCache[str, _Window] = BoundedCache(
            "failed_auth_addresses",
            max_entries=MAX_ADDRESSES,
            max_bytes=MAX_ADDRESSES * 200,
            sizeof=lambda _: 200,
        )

    def _window(self, address: str, now: float) -> _Window | None:
        window = self._windows.get(address)
        if window is None or now - window.start >= self.window_seconds:
            return None
        return window

    def over_limit(self, address: str) -> bool:
        window = self._window(address, time.monotonic())
        return self.limit > 0 and window is not None and window.failures >= self.limit

    def check(self, address: str) -> None:
        """Raise a 429 problem when `address` is over its failures for this window."""
        now = time.monotonic()
        window = self._window(address, now)
        if self.limit <= 0 or window is None or window.failures < self.limit:
            return
        AUTH_FAILURES_REFUSED.inc()
        retry_after = max(1, math.ceil(window.start + self.window_seconds - now))
        doc = problem(
            429,
            "too-many-failed-authentications",
            "Too many failed authentications",
            f"More than {self.limit} requests from this address carried an unknown or invalid "
            f"API key within {self.window_seconds:g} s; retry after {retry_after} s.",
        )
        raise ProblemError(doc, {"Retry-After": str(retry_after)})

    def record_failure(self, address: str) -> None:
        now = time.monotonic()
        window = self._window(address, now)
        if window is None:
            window = _Window(now)
            self._windows.put(address, window)
        window.failures += 1


class ClientAddresses:
    """The client's address for per-address budgets: the TCP peer, or, when the peer is a
    trusted proxy (`TRUSTED_PROXIES`), the rightmost address of the one header the proxies
    write (`TRUSTED_PROXY_HEADER`) that is not itself a trusted proxy. Nothing is believed by
    default, and only that one header: a proxy passes on whatever else the client sends (an
    ingress that writes `X-Forwarded-For` forwards the client's own `Forwarded` untouched),
    and a client could otherwise name any address and take a fresh budget per request."""

    def __init__(self, trusted: Sequence[IPNetwork] = (), header: str = "x-forwarded-for") -> None:
        self.trusted = tuple(trusted)
        self.header = header.lower().encode("latin-1")

    def _trusted(self, address: str) -> bool:
        try:
            parsed = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(parsed in network for network in self.trusted)

    def of(self, scope: Scope) -> str:
        client = scope.get("client")
        peer = str(client[0]) if client else "unknown"
        if not self.trusted or not self._trusted(peer):
            return peer
        for address in reversed(self._forwarded_for(scope)):
            if not self._trusted(address):
                return address
        return peer  # every hop is a trusted proxy: the request started inside

    def network_of(self, scope: Scope) -> str:
        """`of`, an IPv6 address as its /64: one subscriber usually holds a whole /64 and
        could otherwise take a fresh budget per request."""
        address = self.of(scope)
        try:
            parsed = ipaddress.ip_address(address)
        except ValueError:
            return address
        if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is None:
            return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
        return address

    def _forwarded_for(self, scope: Scope) -> list[str]:
        """The addresses the proxy chain appended, oldest first, from the one header named:
        RFC 7239 `Forwarded: for=` or `X-Forwarded-For`. Ports, brackets, quotes dropped."""
        values = ",".join(v.decode("latin-1") for n, v in scope["headers"] if n == self.header)
        if self.header != b"forwarded":
            return [_bare_address(item) for item in values.split(",") if item.strip()]
        found = []
        for element in values.split(","):
            for pair in element.split(";"):
                name, _, value = pair.strip().partition("=")
                if name.lower() == "for":
                    found.append(_bare_address(value))
        return found


def _bare_address(value: str) -> str:
    value = value.strip().strip('"')
    if value.startswith("["):  # "[2001:db8::1]:443"
        return value[1 : value.find("]")] if "]" in value else value
    if value.count(":") == 1:  # "192.0.2.1:443"
        return value.partition(":")[0]
    return value
