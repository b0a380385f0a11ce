"""The webhook address check on its own (no database, nothing is called): which URLs production
refuses, and that a refusal says the address is not public without what a name resolved to."""

import pytest

from service.webhooks.ssrf import UnsafeUrl, UrlPolicy, resolve

PRODUCTION = UrlPolicy(production=True, allow_loopback=False)
NOT_PUBLIC = (
    "The URL's host {host} is not a public address; webhooks are sent to public addresses only."
)


@pytest.mark.parametrize(
    "url",
    [
        "https://[2002:7f00:1::]/hook",  # 6to4 around 127.0.0.1
        "https://[2002:7f00:0001:0000:0000:0000:0000:0001]/hook",  # the same, written long
        "https://[2002:a9fe:a9fe::]/latest/meta-data/",  # 6to4 around 169.254.169.254
        "https://[2002:5db8:d70e::1]/hook",  # 6to4 around a public address: still a relay
        "https://[::ffff:a9fe:a9fe]/hook",  # IPv4-mapped 169.254.169.254
        "https://[fec0::1]/hook",  # site-local
        "https://[feff:ffff::1]/hook",  # the end of site-local
        "https://192.88.99.1/hook",  # the 6to4 relays' anycast
        "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook",  # Teredo
        "https://[64:ff9b::7f00:1]/hook",  # NAT64 around 127.0.0.1
        "https://[::7f00:1]/hook",  # IPv4-compatible 127.0.0.1
        "https://[ff02::1]/hook",  # multicast
        "https://127.0.0.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://localhost/hook",
    ],
)
async def test_production_refuses_addresses_that_are_not_public(url: str) -> None:
    with pytest.raises(UnsafeUrl) as refused:
        await resolve(url, PRODUCTION)
    message = str(refused.value)
    assert message.startswith("The URL's host ") and message.endswith(
        "is not a public address; webhooks are sent to public addresses only."
    )


async def test_a_refusal_does_not_say_what_a_name_resolved_to() -> None:
    with pytest.raises(UnsafeUrl) as refused:
        await resolve("https://localhost:8443/hook", PRODUCTION)
    assert str(refused.value) == NOT_PUBLIC.format(host="localhost")


@pytest.mark.parametrize("url", ["https://93.184.215.14:0/hook", "https://93.184.215.14:00/"])
async def test_port_zero_is_refused(url: str) -> None:
    with pytest.raises(UnsafeUrl, match="port must be between 1 and 65535"):
        await resolve(url, PRODUCTION)


@pytest.mark.parametrize(
    ("url", "address", "port"),
    [
        ("https://93.184.215.14/hook", "93.184.215.14", 443),
        ("https://93.184.215.14:8443/hook", "93.184.215.14", 8443),
        (
            "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook",
            "2606:2800:21f:cb07:6820:80da:af6b:8b2c",
            443,
        ),
    ],
)
async def test_public_addresses_are_accepted(url: str, address: str, port: int) -> None:
    target = await resolve(url, PRODUCTION)  # literals: nothing is resolved, nothing is called
    assert (target.address, target.port) == (address, port)


async def test_development_may_allow_loopback_and_nothing_else() -> None:
    lenient = UrlPolicy(production=False, allow_loopback=True)
    assert (await resolve("http://127.0.0.1:9/hook", lenient)).address == "127.0.0.1"
    assert (await resolve("http://[::ffff:127.0.0.1]:9/hook", lenient)).port == 9
    for url in ("http://[2002:7f00:1::]/hook", "http://10.0.0.1/hook", "http://[fec0::1]/"):
        with pytest.raises(UnsafeUrl):
            await resolve(url, lenient)
