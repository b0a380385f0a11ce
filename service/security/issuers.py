"""Each trusted issuer's signing keys (its JWKS), fetched over HTTP and kept per issuer.

- A token whose `kid` this replica does not hold causes a fetch of its issuer's keys, at most
  one per `cooldown_seconds` per issuer, whatever the number of tokens: 1,000 tokens with
  made-up `kid`s cost one fetch (concurrent requests share it), and are then refused.
- Keys older than `refresh_seconds` are fetched again in the background while they go on
  verifying, so a key the issuer withdrew stops working within that long.
- While the issuer cannot be reached, the last keys fetched go on verifying until
  `max_staleness_seconds` after the last successful fetch; then `IssuerUnavailable` (503 with
  `Retry-After`), never an error of the client's; so is a `kid` not held while the issuer
  cannot be asked about it. Failed fetches are tried again at most once per cooldown.
- A fetch follows no redirect, reads at most `MAX_DOCUMENT_BYTES` within
  `FETCH_TIMEOUT_SECONDS`, and connects only to an address checked here (public, or inside
  `OAUTH_ISSUER_NETWORKS`), never to a second resolution of the name.
- Bounded: at most `MAX_ISSUERS` issuers' key sets (a `BoundedCache`, least recently used go
  first), each at most `MAX_KEYS` keys of an accepted algorithm.

`discover_jwks_uri` reads an issuer's discovery document (OpenID Connect Discovery, then RFC
8414) once, when an administrator adds the issuer; tokens are then verified with the keys at
the `jwks_uri` stored with it.
"""

import asyncio
import functools
import ipaddress
import json
import logging
import math
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
from jwt import PyJWK
from jwt.exceptions import PyJWTError
from prometheus_client import Counter

from service.cache import BoundedCache
from service.webhooks.ssrf import is_public

logger = logging.getLogger("service.oauth")

FETCH_TIMEOUT_SECONDS = 5.0
MAX_DOCUMENT_BYTES = 256 * 1024
MAX_URL_LENGTH = 2000
MAX_KEYS = 20  # keys of an accepted algorithm kept per issuer (providers publish 1 to 4)
MAX_ISSUERS = 10_000
MAX_KID_LENGTH = 256
USER_AGENT = "mentoring-coaching-oauth/1"
# What one issuer's entry costs, for the byte bound: a little more than measured (1,000
# issuers with an RSA 2048 and a P-256 key each: +4.5 MiB resident; tests/oauth/measure.py).
ENTRY_BYTES = 1_500
KEY_BYTES = 2_500
MAX_CACHE_BYTES = 64 * 1024 * 1024

KEY_FETCHES = Counter(
    "oauth_key_fetches",
    "Fetches of trusted issuers' signing keys (JWKS), by result (ok, failed).",
    ["result"],
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class FetchFailed(Exception):
    """An issuer's document could not be read; the message says why (for logs and admins)."""


class IssuerUnavailable(Exception):
    """No keys of the issuer can verify a token now: never fetched, or stale past the limit."""

    def __init__(self, issuer: str, retry_after: int, reason: str | None) -> None:
        super().__init__(reason or "no keys")
        self.issuer = issuer
        self.retry_after = retry_after
        self.reason = reason


@dataclass(frozen=True, slots=True)
class TrustedIssuer:
    """An issuer as an organisation trusts it: tokens with this exact `iss` are verified with
    the keys at `jwks_uri` and act for `organisation`."""

    id: str
    issuer: str
    organisation: str
    jwks_uri: str


# Outbound requests: which URLs and addresses may be fetched.


@dataclass(frozen=True, slots=True)
class Target:
    host: str  # for Host and TLS
    port: int
    address: str  # the checked address the connection goes to


@dataclass(frozen=True, slots=True)
class OutboundPolicy:
    """Public addresses over https; the operator's `networks` (OAUTH_ISSUER_NETWORKS) over
    http or https. Everything else (loopback, private, link-local, metadata) is refused."""

    networks: tuple[IPNetwork, ...] = ()

    def _in_networks(self, address: IPAddress) -> bool:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        return any(address in network for network in self.networks)

    def check_url(self, url: str) -> tuple[str, str, int]:
        """(scheme, host, port) of a URL that may be fetched, before its name is resolved."""
        if len(url) > MAX_URL_LENGTH:
            raise FetchFailed(f"The URL is longer than {MAX_URL_LENGTH} characters.")
        if any(ord(character) <= 0x20 or ord(character) == 0x7F for character in url):
            raise FetchFailed("The URL must not contain spaces or control characters.")
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise FetchFailed(f"The URL is not valid: {exc}.") from None
        if parts.scheme not in ("https", "http"):
            raise FetchFailed("The URL must use https.")
        if parts.username is not None or parts.password is not None:
            raise FetchFailed("The URL must not carry a user name or password.")
        if not parts.hostname:
            raise FetchFailed("The URL has no host.")
        if parts.fragment:
            raise FetchFailed("The URL must not have a fragment.")
        if port == 0:
            raise FetchFailed("The URL's port must be between 1 and 65535.")
        return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)

    async def resolve(self, url: str) -> Target:
        """The address to connect to for `url`; every address its host has must be allowed."""
        scheme, host, port = self.check_url(url)
        try:
            literal: IPAddress | None = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if literal is not None:
            addresses = [literal]
        else:
            try:
                async with asyncio.timeout(FETCH_TIMEOUT_SECONDS):
                    infos = await asyncio.get_running_loop().getaddrinfo(
                        host, port, type=socket.SOCK_STREAM
                    )
            except (OSError, UnicodeError, TimeoutError):
                raise FetchFailed(f"The host {host} does not resolve.") from None
            addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in infos))
            if not addresses:
                raise FetchFailed(f"The host {host} does not resolve.")
        inside = [self._in_networks(address) for address in addresses]
        if not all(ok or is_public(address) for ok, address in zip(inside, addresses, strict=True)):
            # Never which address, nor what kind: a refusal must not reveal what our DNS knows.
            raise FetchFailed(
                f"The host {host} is not a public address (nor in OAUTH_ISSUER_NETWORKS)."
            )
        if scheme == "http" and not all(inside):
            raise FetchFailed("The URL must use https.")
        return Target(host, port, str(addresses[0]))


@functools.cache
def _tls() -> ssl.SSLContext:
    """One TLS context for every fetch: building one (the CA bundle) costs ~28 ms of CPU."""
    return httpx.create_ssl_context()


async def fetch_json(url: str, policy: OutboundPolicy) -> dict[str, Any]:
    """GET a JSON object: no redirects, bounded in time and size, to a checked address."""
    target = await policy.resolve(url)
    default_port = target.port in (80, 443)
    headers = {
        "accept": "application/json",
        "user-agent": USER_AGENT,
        "host": target.host if default_port else f"{target.host}:{target.port}",
    }
    # Connect to the address that was checked; the name still goes in Host and in TLS SNI.
    pinned = httpx.URL(url).copy_with(host=target.address)
    body = bytearray()
    try:
        async with (
            asyncio.timeout(FETCH_TIMEOUT_SECONDS),
            httpx.AsyncClient(
                timeout=FETCH_TIMEOUT_SECONDS,
                follow_redirects=False,
                trust_env=False,
                verify=_tls(),
            ) as client,
            client.stream(
                "GET", pinned, headers=headers, extensions={"sni_hostname": target.host}
            ) as response,
        ):
            if 300 <= response.status_code < 400:
                raise FetchFailed(
                    f"{url} answered HTTP {response.status_code}: redirects are not followed."
                )
            if response.status_code != 200:
                raise FetchFailed(f"{url} answered HTTP {response.status_code}.")
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > MAX_DOCUMENT_BYTES:
                    raise FetchFailed(f"{url} sent more than {MAX_DOCUMENT_BYTES} bytes.")
    except TimeoutError:
        raise FetchFailed(f"{url} did not answer within {FETCH_TIMEOUT_SECONDS:g} s.") from None
    except httpx.HTTPError as exc:
        raise FetchFailed(f"{url} could not be reached ({type(exc).__name__}).") from None
    try:
        document = json.loads(body)
    except ValueError:
        raise FetchFailed(f"{url} did not send JSON.") from None
    if not isinstance(document, dict):
        raise FetchFailed(f"{url} did not send a JSON object.")
    return document


def discovery_urls(issuer: str) -> tuple[str, str]:
    """Where an issuer's metadata is: OpenID Connect Discovery's and RFC 8414's URL."""
    parts = urlsplit(issuer)
    path = parts.path.rstrip("/")
    return (
        f"{issuer.rstrip('/')}/.well-known/openid-configuration",
        f"{parts.scheme}://{parts.netloc}/.well-known/oauth-authorization-server{path}",
    )


async def discover_jwks_uri(issuer: str, policy: OutboundPolicy) -> str:
    """The `jwks_uri` of the issuer's metadata, which must name exactly this issuer."""
    failures = []
    for url in discovery_urls(issuer):
        try:
            document = await fetch_json(url, policy)
        except FetchFailed as exc:
            failures.append(str(exc))
            continue
        if document.get("issuer") != issuer:
            raise FetchFailed(
                f"The metadata at {url} is for the issuer {str(document.get('issuer'))[:200]!r}, "
                f"not {issuer!r}."
            )
        jwks_uri = document.get("jwks_uri")
        if not isinstance(jwks_uri, str) or not jwks_uri:
            raise FetchFailed(f"The metadata at {url} names no `jwks_uri`.")
        policy.check_url(jwks_uri)
        return jwks_uri
    raise FetchFailed("No metadata found for the issuer: " + " ".join(failures))


# Key sets.


@dataclass(frozen=True, slots=True)
class KeySet:
    """An issuer's verifying keys of accepted algorithms, by `kid` (and those without one)."""

    by_kid: Mapping[str, PyJWK]
    unnamed: tuple[PyJWK, ...] = ()

    def __len__(self) -> int:
        return len(self.by_kid) + len(self.unnamed)

    def find(self, kid: str | None, algorithm: str) -> tuple[PyJWK, ...]:
        """The key named `kid`; without a `kid`, every key of `algorithm` (a few at most)."""
        if kid is not None:
            key = self.by_kid.get(kid)
            return () if key is None else (key,)
        every = (*self.by_kid.values(), *self.unnamed)
        return tuple(key for key in every if key.algorithm_name == algorithm)


def parse_jwks(document: Mapping[str, Any], algorithms: Iterable[str]) -> KeySet:
    """The signing keys of `document` (a JWKS) usable with `algorithms`; symmetric keys,
    encryption keys and keys of other algorithms are left out."""
    entries = document.get("keys")
    if not isinstance(entries, list):
        raise FetchFailed("The document is not a JWK set: it has no `keys` list.")
    accepted = frozenset(algorithms)
    by_kid: dict[str, PyJWK] = {}
    unnamed: list[PyJWK] = []
    for entry in entries[: MAX_KEYS * 5]:
        if not isinstance(entry, dict) or entry.get("use", "sig") != "sig":
            continue
        if entry.get("kty") not in ("RSA", "EC", "OKP"):
            continue  # never a symmetric key: a token must not be verified with a shared secret
        try:
            key = PyJWK(entry)
        except (PyJWTError, ValueError, TypeError):
            continue  # a key this library cannot read, or an algorithm it does not know
        if key.algorithm_name not in accepted:
            continue
        kid = entry.get("kid")
        if isinstance(kid, str) and kid and len(kid) <= MAX_KID_LENGTH:
            by_kid.setdefault(kid, key)
        else:
            unnamed.append(key)
        if len(by_kid) + len(unnamed) >= MAX_KEYS:
            break
    return KeySet(by_kid, tuple(unnamed))


@dataclass(slots=True)
class _IssuerKeys:
    """One issuer's keys on this replica, and the state of their fetching."""

    id: str
    issuer: str
    jwks_uri: str
    keys: KeySet | None = None
    fetched_at: float = -math.inf  # monotonic time of the last successful fetch
    attempted_at: float = -math.inf  # ... and of the last fetch started
    error: str | None = None  # why the last fetch failed
    fetching: "asyncio.Task[None] | None" = field(default=None, repr=False)

    def usable(self, now: float, max_staleness: float) -> bool:
        return self.keys is not None and now - self.fetched_at < max_staleness


def _entry_bytes(entry: _IssuerKeys) -> int:
    keys = len(entry.keys) if entry.keys is not None else 0
    return ENTRY_BYTES + len(entry.jwks_uri) + len(entry.issuer) + keys * KEY_BYTES


class SigningKeys:
    """The signing keys of every trusted issuer this replica has seen tokens of (module doc)."""

    def __init__(
        self,
        policy: OutboundPolicy,
        algorithms: Iterable[str],
        *,
        refresh_seconds: float,
        cooldown_seconds: float,
        max_staleness_seconds: float,
        clock: Callable[[], float] = time.monotonic,
        max_issuers: int = MAX_ISSUERS,
    ) -> None:
        self.policy = policy
        self.algorithms = tuple(algorithms)
        self.refresh_seconds = refresh_seconds
        self.cooldown_seconds = cooldown_seconds
        self.max_staleness_seconds = max_staleness_seconds
        self.clock = clock
        self._issuers: BoundedCache[str, _IssuerKeys] = BoundedCache(
            "oauth_issuer_keys",
            max_entries=max_issuers,
            max_bytes=MAX_CACHE_BYTES,
            sizeof=_entry_bytes,
        )
        self._tasks: set[asyncio.Task[None]] = set()  # running fetches (asyncio keeps weak refs)

    async def candidates(
        self, trusted: TrustedIssuer, kid: str | None, algorithm: str
    ) -> tuple[PyJWK, ...]:
        """The keys that may have signed a token of `trusted` (empty: none the issuer has).
        Raises `IssuerUnavailable` when the issuer's keys cannot be known now."""
        entry = self._entry(trusted)
        now = self.clock()
        if entry.usable(now, self.max_staleness_seconds):
            assert entry.keys is not None
            found = entry.keys.find(kid, algorithm)
            if found:
                if now - entry.fetched_at >= self.refresh_seconds:
                    self._fetch_if_due(entry, now)  # in the background; these keys still hold
                return found
        fetching = entry.fetching or self._fetch_if_due(entry, now)
        if fetching is not None:
            await asyncio.shield(fetching)  # a request given up on leaves the fetch running
            now = self.clock()
        found = entry.keys.find(kid, algorithm) if entry.keys is not None else ()
        if not entry.usable(now, self.max_staleness_seconds) or (
            not found and entry.error is not None
        ):
            # Never fetched, stale past the limit, or a key the unreachable issuer could not
            # be asked about (the token may well be valid): not the client's failure.
            wait = entry.attempted_at + self.cooldown_seconds - now
            raise IssuerUnavailable(trusted.issuer, max(1, math.ceil(wait)), entry.error)
        return found

    def _entry(self, trusted: TrustedIssuer) -> _IssuerKeys:
        entry = self._issuers.get(trusted.id)
        if entry is None or entry.jwks_uri != trusted.jwks_uri or entry.issuer != trusted.issuer:
            entry = _IssuerKeys(trusted.id, trusted.issuer, trusted.jwks_uri)
            self._issuers.put(trusted.id, entry)
        return entry

    def _fetch_if_due(self, entry: _IssuerKeys, now: float) -> "asyncio.Task[None] | None":
        if entry.fetching is not None:
            return entry.fetching
        if now - entry.attempted_at < self.cooldown_seconds:
            return None
        entry.attempted_at = now
        task = asyncio.get_running_loop().create_task(self._fetch(entry))
        entry.fetching = task
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _fetch(self, entry: _IssuerKeys) -> None:
        try:
            keys = parse_jwks(await fetch_json(entry.jwks_uri, self.policy), self.algorithms)
        except Exception as exc:  # whatever went wrong, the issuer is unreachable for now
            reason = str(exc) if isinstance(exc, FetchFailed) else type(exc).__name__
            KEY_FETCHES.labels("failed").inc()
            entry.error = reason
            logger.warning("signing keys of %s not fetched: %s", entry.issuer, reason)
        else:
            KEY_FETCHES.labels("ok").inc()
            entry.keys, entry.fetched_at, entry.error = keys, self.clock(), None
            if self._issuers.get(entry.id) is entry:
                self._issuers.put(entry.id, entry)  # counted again, at its new size
        finally:
            entry.fetching = None

    def __len__(self) -> int:
        """Issuers whose keys this replica holds."""
        return len(self._issuers)

    async def close(self) -> None:
        """Cancel the fetches still running (at shutdown)."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
