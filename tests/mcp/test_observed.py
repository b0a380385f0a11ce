"""MCP requests are observed as REST ones are: the request counted under its route, a
recommendation counted by its top variant, and nothing a caller sent in the logs, at any level
(the SDK prints JSON-RPC messages at DEBUG)."""

import logging
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from tests.observability.test_metrics import sample, scrape

Client = AsyncTestClient[Any]
HEADERS = {"Accept": "application/json, text/event-stream", "MCP-Protocol-Version": "2025-11-25"}
# A value that can only reach a log by printing the situation (an unknown career stage).
CANARY = "canary-career-stage-7f3a"


def call(name: str, arguments: dict[str, Any]) -> dict[str, Any]:
    params = {"name": name, "arguments": arguments}
    return {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": params}


async def test_requests_and_recommendations_are_counted(client: Client) -> None:
    situation = {
        "career_stage": "early",
        "goals": ["career_navigation"],
        "horizon_weeks": 52,
        "hours_per_week": 2,
        "minutes_per_session": 60,
    }
    first = await client.post(
        "/mcp", json=call("recommend", {"situation": situation}), headers=HEADERS
    )
    assert first.status_code == 200, first.text
    top = first.json()["result"]["structuredContent"]["primary"]["variant"]
    before = await scrape(client)
    again = await client.post(
        "/mcp", json=call("recommend", {"situation": situation}), headers=HEADERS
    )
    assert again.status_code == 200
    after = await scrape(client)
    counted = {"top_variant": top}
    assert sample(after, "recommendations_total", **counted) == (
        (sample(before, "recommendations_total", **counted) or 0.0) + 1
    )
    assert "/mcp" in after  # requests labelled by the route


async def test_nothing_the_caller_sent_is_logged(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    situation = {"career_stage": CANARY, "goals": ["career_navigation"]}
    with caplog.at_level(logging.DEBUG):
        answer = await client.post(
            "/mcp", json=call("recommend", {"situation": situation}), headers=HEADERS
        )
        # The door has loaded the SDK by now: its logger stays at WARNING under a DEBUG root.
        assert logging.getLogger("mcp").getEffectiveLevel() == logging.WARNING
        again = await client.post(
            "/mcp", json=call("recommend", {"situation": situation}), headers=HEADERS
        )
    assert answer.status_code == again.status_code == 200
    assert again.json()["result"]["isError"] is True
    assert CANARY in again.text  # the caller is told what was wrong
    assert CANARY not in caplog.text
