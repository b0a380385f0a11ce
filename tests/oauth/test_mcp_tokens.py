"""The MCP door with OAuth access tokens from a real OpenID provider: a token with `recommend`
gets its organisation's recommendation, a token with `content:read` only is refused
`recommend` with the token's own `insufficient_scope` challenge, and reads."""

import pytest

from tests.oauth.conftest import Client, Tenant, bearer
from tests.oauth.identity_provider import IdentityProvider

pytestmark = pytest.mark.slow  # a real identity provider (Node) per session

HEADERS = {"Accept": "application/json, text/event-stream", "MCP-Protocol-Version": "2025-11-25"}
SITUATION = {
    "career_stage": "mid",
    "goals": ["specific_skill"],
    "horizon_weeks": 26,
    "hours_per_week": 2,
    "minutes_per_session": 60,
}


def call(name: str, arguments: dict[str, object]) -> dict[str, object]:
    params = {"name": name, "arguments": arguments}
    return {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": params}


async def test_tokens_reach_the_mcp_tools_their_scopes_allow(
    oauth: Client, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    sync = await idp.token("acme", "acme-sync")
    reader = await idp.token("acme", "acme-reader")
    made = await oauth.post(
        "/mcp",
        json=call("recommend", {"situation": SITUATION}),
        headers={**HEADERS, **bearer(sync)},
    )
    assert made.status_code == 200, made.text
    rest = await oauth.post("/v1/recommendations", json=SITUATION, headers=bearer(sync))
    # The same answer; each decision has an id of its own (a nonce under the MAC).
    through_mcp = made.json()["result"]["structuredContent"]
    assert {**through_mcp, "decision_id": ""} == {**rest.json(), "decision_id": ""}
    refused = await oauth.post(
        "/mcp",
        json=call("recommend", {"situation": SITUATION}),
        headers={**HEADERS, **bearer(reader)},
    )
    assert refused.status_code == 403
    assert 'error="insufficient_scope"' in refused.headers["www-authenticate"]
    assert "This access token lacks the scope" in refused.json()["error"]["message"]
    read = await oauth.post(
        "/mcp",
        json=call("get_variant", {"slug": "reverse-mentoring"}),
        headers={**HEADERS, **bearer(reader)},
    )
    assert read.status_code == 200 and not read.json()["result"]["isError"]
