"""One signed HTTP attempt: Standard Webhooks headers, no redirects, bounded time and size."""

import asyncio
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from standardwebhooks.webhooks import Webhook

from service.webhooks.ssrf import UnsafeUrl, UrlPolicy, resolve

USER_AGENT = "mentoring-coaching-webhooks/1"


@dataclass(frozen=True, slots=True)
class AttemptResult:
    delivered: bool
    status_code: int | None
    duration_ms: int
    error: str | None


def signed_headers(secret: str, message_id: str, body: str, now: datetime) -> dict[str, str]:
    """The three Standard Webhooks headers, signed with the subscription's secret."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, now, body),
    }


async def send(
    url: str,
    secret: str,
    message_id: str,
    body: str,
    policy: UrlPolicy,
    timeout_seconds: float,
    max_response_bytes: int,
) -> AttemptResult:
    """POST `body` once. A 2xx is a delivery; anything else (a refusal, a redirect, an error, a
    timeout) is a failed attempt with its reason."""
    started = time.monotonic()

    def result(status: int | None, error: str | None) -> AttemptResult:
        elapsed = round((time.monotonic() - started) * 1000)
        return AttemptResult(error is None, status, elapsed, error)

    try:
        target = await resolve(url, policy)  # again at delivery time: names can change
    except UnsafeUrl as exc:
        return result(None, f"refused: {exc}")
    headers = {
        **signed_headers(secret, message_id, body, datetime.now(UTC)),
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "host": target.host if target.port in (80, 443) else f"{target.host}:{target.port}",
    }
    # Connect to the address that was checked; the name still goes in Host and in TLS SNI.
    pinned = httpx.URL(url).copy_with(host=target.address)
    try:
        async with (
            asyncio.timeout(timeout_seconds),
            httpx.AsyncClient(
                timeout=timeout_seconds, follow_redirects=False, trust_env=False
            ) as client,
            client.stream(
                "POST",
                pinned,
                content=body.encode(),
                headers=headers,
                extensions={"sni_hostname": target.host},
            ) as response,
        ):
            received = 0
            async for chunk in response.aiter_raw():
                received += len(chunk)
                if received >= max_response_bytes:
                    break  # we only need the status; the rest is not read
            status = response.status_code
    except TimeoutError:
        return result(None, f"timed out after {timeout_seconds:g} s")
    except httpx.HTTPError as exc:
        return result(None, f"{type(exc).__name__}: {exc}"[:500] or type(exc).__name__)
    if 200 <= status < 300:
        return result(status, None)
    if 300 <= status < 400:
        return result(status, f"HTTP {status}: redirects are not followed")
    return result(status, f"HTTP {status}")
