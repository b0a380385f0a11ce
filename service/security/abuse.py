"""Failed authentication limited per client address.

Each failed authentication (a malformed, unknown or revoked key) counts against the client's
address in a fixed window of `window_seconds`; past `limit` failures in the window, requests
from that address that do not carry an already verified key are refused with 429 and
`Retry-After` before any database lookup. Known keys are never refused here, so a flood
from a shared address (a NAT, a proxy) cannot lock out the real clients behind it.

Counted per worker process, in memory (a `BoundedCache`, so a flood from many addresses stays
bounded too): with `WORKERS=n` an address gets up to n x `limit` failures per window. The
address is the peer of the TCP connection: behind a proxy, configure the proxy to limit too.
"""

import ipaddress
import math
import time
from dataclasses import dataclass

from litestar.types import Scope
from prometheus_client import Counter

from service.api.problems import ProblemError, problem
from service.cache import BoundedCache

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


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def client_network(scope: Scope) -> str:
    """The client's address for per-address budgets, an IPv6 one as its /64: one subscriber
    usually holds a whole /64 and could otherwise take a fresh budget per request."""
    address = client_address(scope)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address
