"""Outbound requests are not an open door: which webhook URLs and addresses may be called.

The rules are applied when a subscription is registered and again before every delivery (a
name's addresses can change after registration), and the delivery connects to the address
checked here, never to a second resolution of the name (DNS rebinding).
"""

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from service.config import Environment, Settings

MAX_URL_LENGTH = 2000
RESOLVE_TIMEOUT_SECONDS = 5.0
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeUrl(ValueError):
    """The URL may not be called; the message says why, for the client and the delivery log."""


@dataclass(frozen=True, slots=True)
class UrlPolicy:
    production: bool
    allow_loopback: bool  # development and tests only; production ignores it

    @property
    def loopback_allowed(self) -> bool:
        return self.allow_loopback and not self.production


def url_policy(settings: Settings) -> UrlPolicy:
    return UrlPolicy(
        production=settings.service_env == Environment.PRODUCTION,
        allow_loopback=settings.webhook_allow_loopback,
    )


@dataclass(frozen=True, slots=True)
class Target:
    """Where a delivery connects: the URL's host name (for Host and TLS) and a checked address."""

    url: str
    host: str
    port: int
    address: str


def check_url(url: str, policy: UrlPolicy) -> tuple[str, int]:
    """(host, port) of a well-formed URL the policy accepts, before any name is resolved."""
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeUrl(f"The URL is longer than {MAX_URL_LENGTH} characters.")
    if any(ord(character) <= 0x20 or ord(character) == 0x7F for character in url):
        raise UnsafeUrl("The URL must not contain spaces or control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeUrl(f"The URL is not valid: {exc}.") from None
    allowed_schemes = ("https",) if policy.production else ("https", "http")
    if parts.scheme not in allowed_schemes:
        raise UnsafeUrl(f"The URL must use {' or '.join(allowed_schemes)}.")
    if parts.username is not None or parts.password is not None:
        raise UnsafeUrl("The URL must not carry a user name or password.")
    if not parts.hostname:
        raise UnsafeUrl("The URL has no host.")
    if parts.fragment:
        raise UnsafeUrl("The URL must not have a fragment.")
    if port == 0:
        raise UnsafeUrl("The URL's port must be between 1 and 65535.")
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname, port or default_port


# What the standard library's properties miss (Python 3.11 counts both as global): 6to4
# (`2002:7f00:1::` reaches 127.0.0.1 through a relay) and the 6to4 relays' anycast.
_NOT_PUBLIC = (ipaddress.ip_network("2002::/16"), ipaddress.ip_network("192.88.99.0/24"))


def is_public(address: IPAddress) -> bool:
    """A unicast address of the public internet that reaches only itself: not loopback,
    private, link-local (cloud metadata), multicast, reserved, site-local, nor an IPv6 form
    that carries an IPv4 address to a relay (6to4, Teredo)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return is_public(address.ipv4_mapped)
        if address.sixtofour is not None or address.teredo is not None or address.is_site_local:
            return False
    if address.is_multicast or address.is_reserved or any(address in n for n in _NOT_PUBLIC):
        return False
    return address.is_global


def may_call(address: IPAddress, policy: UrlPolicy) -> bool:
    mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
    if (mapped or address).is_loopback and policy.loopback_allowed:
        return True
    return is_public(address)


async def resolve(url: str, policy: UrlPolicy) -> Target:
    """Check the URL and every address its host resolves to; refuse if any one is refused."""
    host, port = check_url(url, policy)
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
    else:
        try:
            async with asyncio.timeout(RESOLVE_TIMEOUT_SECONDS):
                infos = await asyncio.get_running_loop().getaddrinfo(
                    host, port, type=socket.SOCK_STREAM
                )
        except (socket.gaierror, UnicodeError) as exc:
            raise UnsafeUrl(f"The host {host!r} does not resolve ({exc}).") from None
        except TimeoutError:
            raise UnsafeUrl(f"The host {host!r} did not resolve in time.") from None
        addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in infos))
        if not addresses:
            raise UnsafeUrl(f"The host {host!r} does not resolve.")
    if not all(may_call(address, policy) for address in addresses):
        # Never which address, nor what kind: a refusal must not reveal what our DNS knows.
        raise UnsafeUrl(
            f"The URL's host {host} is not a public address; webhooks are sent to public "
            "addresses only."
        )
    return Target(url, host, port, str(addresses[0]))
