"""Figures for docs/oauth.md (not a test: `.venv/bin/python -m tests.oauth.measure`).

- CPU per token verification (process time, per algorithm), everything but the database:
  header and claims, the issuer looked up in memory, the key found, the signature checked;
- fetches caused by 1,000 tokens with made-up `kid`s, sent at once;
- memory of 1,000 issuers' keys (one RSA 2048 and one P-256 key each, as most providers
  publish), resident set and Python allocations.
"""

import asyncio
import gc
import secrets
import time
import tracemalloc
from ipaddress import ip_network
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from service.security.issuers import OutboundPolicy, SigningKeys, TrustedIssuer
from service.security.tokens import TokenVerifier
from service.security.trusted_issuers import IssuerDirectory
from tests.oauth.signer import claims, private_jwk, public_jwks, sign
from tests.oauth.stub import stub_server

RESOURCE = "https://api.mentoring.test"
POLICY = OutboundPolicy((ip_network("127.0.0.0/8"),))


def resident_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class Directory(IssuerDirectory):
    def __init__(self, trusted: TrustedIssuer) -> None:
        super().__init__(60)
        self.trusted = trusted

    async def lookup(self, engine: AsyncEngine, issuer: str) -> TrustedIssuer | None:
        return self.trusted if issuer == self.trusted.issuer else None


def signing_keys(max_issuers: int = 10_000) -> SigningKeys:
    return SigningKeys(
        POLICY,
        ("RS256", "ES256", "EdDSA"),
        refresh_seconds=900,
        cooldown_seconds=60,
        max_staleness_seconds=21_600,
        max_issuers=max_issuers,
    )


async def cpu_per_verification(base: str, rounds: int = 2000) -> dict[str, float]:
    found = {}
    for alg in ("RS256", "ES256", "EdDSA"):
        with stub_server() as stub:
            jwk = private_jwk(alg, "k1")
            trusted = TrustedIssuer(
                "0" * 16, stub.base, "org", stub.answer("/jwks", public_jwks(jwk))
            )
            verifier = TokenVerifier(
                RESOURCE, ("RS256", "ES256", "EdDSA"), 30, Directory(trusted), signing_keys()
            )
            token = sign(claims(stub.base, RESOURCE), jwk, alg)
            engine: AsyncEngine = None  # type: ignore[assignment]  # not used by Directory
            await verifier.verify(engine, token)  # fetches the keys once
            started = time.process_time()
            for _ in range(rounds):
                await verifier.verify(engine, token)
            found[alg] = (time.process_time() - started) / rounds * 1e6
            await verifier.keys.close()
    return found


async def fetches_per_unknown_kids(count: int = 1000) -> int:
    with stub_server() as stub:
        jwk = private_jwk("ES256", "k1")
        trusted = TrustedIssuer("1" * 16, stub.base, "org", stub.answer("/jwks", public_jwks(jwk)))
        keys = signing_keys()
        await asyncio.gather(
            *(keys.candidates(trusted, secrets.token_hex(8), "ES256") for _ in range(count))
        )
        await keys.close()
        return stub.hits["/jwks"]


async def memory_of_issuers(count: int = 1000) -> tuple[int, int, int]:
    document = public_jwks(private_jwk("RS256", "rsa-1"), private_jwk("ES256", "ec-1"))
    with stub_server() as stub:
        jwks_uri = stub.answer("/jwks", document)
        keys = signing_keys()
        gc.collect()
        before = resident_kib()
        tracemalloc.start()
        for number in range(count):
            trusted = TrustedIssuer(f"{number:016x}", f"{stub.base}/{number}", "org", jwks_uri)
            await keys.candidates(trusted, "rsa-1", "RS256")
        traced, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        gc.collect()
        after = resident_kib()
        held = len(keys)
        await keys.close()
    return held, after - before, traced // 1024


async def main() -> None:
    cpu = await cpu_per_verification("")
    for alg, micros in cpu.items():
        print(f"CPU per verification, {alg}: {micros:.0f} µs")
    print(f"fetches caused by 1,000 tokens with made-up kids: {await fetches_per_unknown_kids()}")
    held, rss, traced = await memory_of_issuers()
    print(
        f"{held} issuers' keys held: resident set +{rss / 1024:.1f} MiB, "
        f"Python allocations {traced / 1024:.1f} MiB"
    )


if __name__ == "__main__":
    asyncio.run(main())
