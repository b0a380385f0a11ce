"""The MCP door against a production server (granian), with the official MCP Python client:
tools and their annotations, every tool called, the same answers as REST, two organisations
side by side, scopes, authentication, Origin, and bad input as MCP errors (never a 500)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import httpx2
import pytest
from mcp import Client, ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError

from tests.mcp.conftest import SITUATION, Organisations, bearer
from tests.reliability.conftest import LiveServer

pytestmark = pytest.mark.slow

TOOLS = {"recommend", "replay", "compare_approaches", "search_terms", "get_variant"}
TOOLS |= {"get_policy_card"}
ACCEPT = {"Accept": "application/json, text/event-stream"}


@asynccontextmanager
async def session(
    server: LiveServer, key: str | None, locale: str = "en"
) -> AsyncIterator[ClientSession]:
    headers = {"Accept-Language": locale, **(bearer(key) if key else {})}
    async with (
        httpx2.AsyncClient(headers=headers, timeout=30) as http,
        streamable_http_client(f"{server.base_url}/mcp", http_client=http) as (read, write),
        ClientSession(read, write) as opened,
    ):
        await opened.initialize()
        yield opened


async def test_tools_are_listed_read_only_with_the_rest_schemas(
    mcp_server: LiveServer, organisations: Organisations
) -> None:
    async with session(mcp_server, organisations.acme_key) as mcp:
        listed = (await mcp.list_tools()).tools
    assert {tool.name for tool in listed} == TOOLS
    for tool in listed:
        assert tool.annotations is not None and tool.annotations.read_only_hint is True
        assert tool.annotations.destructive_hint is False
        assert tool.input_schema["type"] == "object"
        assert tool.description
    schemas = {tool.name: tool.input_schema for tool in listed}
    # The situation's schema is the one the OpenAPI document gives POST /v1/recommendations.
    async with httpx.AsyncClient(base_url=mcp_server.base_url) as http:
        openapi = (await http.get("/schema/openapi.json")).json()
    situation = openapi["components"]["schemas"]["Situation"]
    recommend = schemas["recommend"]
    assert recommend["properties"]["situation"]["$ref"] == "#/$defs/Situation"
    assert recommend["$defs"]["Situation"]["required"] == situation["required"]
    assert set(recommend["$defs"]["Situation"]["properties"]) == set(situation["properties"])
    assert (
        schemas["replay"]["required"]
        == openapi["components"]["schemas"]["ReplayRequest"]["required"]
    )
    assert schemas["search_terms"]["properties"]["limit"]["maximum"] == 100


async def test_recommend_is_the_rest_answer_in_the_callers_locale(
    mcp_server: LiveServer, organisations: Organisations
) -> None:
    async with session(mcp_server, organisations.globex_key, "es-MX") as mcp:
        result = await mcp.call_tool("recommend", {"situation": SITUATION})
        explicit = await mcp.call_tool("recommend", {"situation": SITUATION, "locale": "fr"})
    assert not result.is_error
    answer = result.structured_content
    assert answer is not None
    async with httpx.AsyncClient(base_url=mcp_server.base_url) as http:
        rest = await http.post(
            "/v1/recommendations",
            json=SITUATION,
            headers={**bearer(organisations.globex_key), "Accept-Language": "es-MX"},
        )
    assert rest.status_code == 200
    assert {**answer, "decision_id": ""} == {**rest.json(), "decision_id": ""}
    assert answer["locale"] == "es" and answer["decision_id"].startswith("d2.")
    assert [row["variant"] for row in answer["ranking"]] == [
        row["variant"] for row in rest.json()["ranking"]
    ]
    assert explicit.structured_content is not None
    assert explicit.structured_content["locale"] == "fr"


async def test_each_organisation_gets_its_own_policy(
    mcp_server: LiveServer, organisations: Organisations
) -> None:
    answers: dict[str, Any] = {}
    for name, key in (("acme", organisations.acme_key), ("globex", organisations.globex_key)):
        async with session(mcp_server, key) as mcp:
            result = await mcp.call_tool("recommend", {"situation": SITUATION})
        assert not result.is_error
        answers[name] = result.structured_content
        async with httpx.AsyncClient(base_url=mcp_server.base_url) as http:
            rest = await http.post("/v1/recommendations", json=SITUATION, headers=bearer(key))
        # Each decision has an id of its own (a nonce under the MAC); all else is the same.
        assert answers[name]["decision_id"] != rest.json()["decision_id"]
        assert {**answers[name], "decision_id": ""} == {**rest.json(), "decision_id": ""}
    acme, globex = answers["acme"], answers["globex"]
    assert acme["organisation_policy_version"] == 1
    assert acme["not_offered"] == [organisations.not_offered]
    assert acme["ranking"][0]["variant"] != organisations.not_offered
    assert globex["organisation_policy_version"] is None
    assert globex["ranking"][0]["variant"] == organisations.not_offered
    assert acme["decision_id"] != globex["decision_id"]


async def test_every_tool_resource_and_prompt(
    mcp_server: LiveServer, organisations: Organisations
) -> None:
    async with session(mcp_server, organisations.acme_key, "de") as mcp:
        made = (await mcp.call_tool("recommend", {"situation": SITUATION})).structured_content
        assert made is not None
        replayed = await mcp.call_tool(
            "replay",
            {
                "situation": SITUATION,
                "policy_version": made["policy_version"],
                "content_version": made["content_version"],
                "locale": made["locale"],
                "organisation_policy_version": made["organisation_policy_version"],
                "decision_id": made["decision_id"],
            },
        )
        compared = await mcp.call_tool("compare_approaches", {"aspects": ["duration"]})
        found = await mcp.call_tool("search_terms", {"q": "reverse mentorship", "limit": 1})
        variant = await mcp.call_tool("get_variant", {"slug": "reverse-mentoring"})
        card = await mcp.call_tool("get_policy_card", {"locale": "en"})
        listed = (await mcp.list_resources()).resources
        templates = (await mcp.list_resource_templates()).resource_templates
        read = await mcp.read_resource("mentoring-coaching://aspects/duration")
        prompts = (await mcp.list_prompts()).prompts
        prompt = await mcp.get_prompt(
            "choose_mentoring_or_coaching", {"situation": "A new team lead, six months"}
        )
    assert replayed.structured_content == made
    version = made["content_version"]
    assert compared.structured_content is not None
    assert compared.structured_content["content_version"] == version
    assert compared.structured_content["locale"] == "de"
    assert [a["key"] for a in compared.structured_content["aspects"]] == ["duration"]
    assert {a["slug"] for a in compared.structured_content["approaches"]} == {
        "mentoring",
        "coaching",
    }
    assert found.structured_content is not None
    assert found.structured_content["items"][0]["slug"] == "reverse-mentoring"
    assert variant.structured_content is not None
    assert variant.structured_content["variant"]["slug"] == "reverse-mentoring"
    assert card.structured_content is not None and card.structured_content["locale"] == "en"
    assert card.structured_content["card"]["policy_version"] == made["policy_version"]
    uris = {str(resource.uri) for resource in listed}
    assert {"mentoring-coaching://variants/reverse-mentoring"} <= uris
    assert {
        "mentoring-coaching://approaches/coaching",
        "mentoring-coaching://terms/reverse-mentoring",
    } <= uris
    assert all(resource.meta == {"content_version": version, "locale": "de"} for resource in listed)
    assert {t.uri_template for t in templates} >= {"mentoring-coaching://variants/{slug}"}
    assert read.meta == {"content_version": version, "locale": "de"}
    assert '"key":"duration"' in read.contents[0].text  # type: ignore[union-attr]
    assert {p.name for p in prompts} == {
        "choose_mentoring_or_coaching",
        "explain_recommendation_to_manager",
    }
    assert "A new team lead, six months" in prompt.messages[0].content.text  # type: ignore[union-attr]


async def test_a_key_without_recommend_is_refused_before_dispatch(
    mcp_server: LiveServer, organisations: Organisations
) -> None:
    async with session(mcp_server, organisations.reader_key) as mcp:
        with pytest.raises(MCPError) as refused:
            await mcp.call_tool("recommend", {"situation": SITUATION})
        assert "lacks the scope `recommend`" in refused.value.message
        with pytest.raises(MCPError):
            await mcp.call_tool("replay", {"situation": SITUATION})
        read = await mcp.call_tool("get_variant", {"slug": "reverse-mentoring"})
    assert not read.is_error
    call = {
        "jsonrpc": "2.0",
        "id": 7,
        "method": "tools/call",
        "params": {"name": "recommend", "arguments": {"situation": SITUATION}},
    }
    headers = {**ACCEPT, **bearer(organisations.reader_key), "MCP-Protocol-Version": "2025-11-25"}
    async with httpx.AsyncClient(base_url=mcp_server.base_url) as http:
        answer = await http.post("/mcp", json=call, headers=headers)
        batch = await http.post(
            "/mcp", json=[{**call, "params": {"name": "get_variant"}}, call], headers=headers
        )
        # The name as the SDK will read it: escapes decoded, the last of repeated keys.
        disguised = await http.post(
            "/mcp",
            content=b'{"jsonrpc":"2.0","id":8,"method":"tools/c\\u0061ll","params":{"name":'
            b'"get_variant","name":"recomm\\u0065nd","arguments":{"situation":{}}}}',
            headers={**headers, "Content-Type": "application/json"},
        )
    assert answer.status_code == 403
    challenge = answer.headers["www-authenticate"]
    assert 'error="insufficient_scope"' in challenge and 'scope="recommend"' in challenge
    assert answer.json()["id"] == 7 and answer.json()["error"]["data"]["status"] == 403
    assert batch.status_code == 403
    assert disguised.status_code == 403, disguised.text


async def test_authentication_origin_and_methods(
    mcp_server: LiveServer, organisations: Organisations
) -> None:
    call = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    key = bearer(organisations.acme_key)
    async with httpx.AsyncClient(base_url=mcp_server.base_url) as http:
        anonymous = await http.post("/mcp", json=call, headers=ACCEPT)
        wrong = await http.post("/mcp", json=call, headers={**ACCEPT, **bearer("mc_nope")})
        foreign = await http.post(
            "/mcp", json=call, headers={**ACCEPT, **key, "Origin": "https://evil.example"}
        )
        allowed = await http.post(
            "/mcp", json=call, headers={**ACCEPT, **key, "Origin": "https://assistant.example"}
        )
        stream = await http.get("/mcp", headers={**key, "Accept": "text/event-stream"})
    assert anonymous.status_code == 401 and wrong.status_code == 401
    assert anonymous.headers["www-authenticate"].startswith("Bearer")
    metadata = "https://api.example.com/.well-known/oauth-protected-resource"
    assert f'resource_metadata="{metadata}"' in anonymous.headers["www-authenticate"]
    assert foreign.status_code == 403 and foreign.json()["code"] == "origin-not-allowed"
    assert allowed.status_code == 200 and allowed.json()["result"]["tools"]
    assert stream.status_code == 405 and stream.headers["allow"] == "POST"


async def test_bad_input_is_an_mcp_error_never_a_500(
    mcp_server: LiveServer, organisations: Organisations
) -> None:
    async with session(mcp_server, organisations.acme_key, "es") as mcp:
        invalid = await mcp.call_tool("recommend", {"situation": {"career_stage": "earl"}})
        unknown_argument = await mcp.call_tool("get_variant", {"slug": "x", "colour": "red"})
        missing = await mcp.call_tool("get_variant", {"slug": "no-such-variant"})
        bad_page = await mcp.call_tool("search_terms", {"q": "mentor", "limit": 1000})
        bad_locale = await mcp.call_tool("compare_approaches", {"locale": "xx"})
        mismatch = await mcp.call_tool(
            "replay",
            {"situation": SITUATION, "policy_version": "x", "content_version": 1, "locale": "en"},
        )
        with pytest.raises(MCPError) as unknown_tool:
            await mcp.call_tool("delete_everything", {})
        with pytest.raises(MCPError) as unknown_resource:
            await mcp.read_resource("mentoring-coaching://variants/no-such-variant")
        with pytest.raises(MCPError):
            await mcp.get_prompt("choose_mentoring_or_coaching", {})
    assert invalid.is_error and invalid.structured_content is not None
    assert invalid.structured_content["status"] == 422
    assert invalid.structured_content["title"] == "La situación no es válida."
    assert {e["field"] for e in invalid.structured_content["errors"]} >= {"career_stage", "goals"}
    assert unknown_argument.is_error and unknown_argument.structured_content is not None
    assert unknown_argument.structured_content["status"] == 400
    assert missing.is_error and missing.structured_content is not None
    assert missing.structured_content["status"] == 404
    for result in (bad_page, bad_locale, mismatch):
        assert result.is_error and result.structured_content is not None
        assert result.structured_content["status"] == 400
    assert unknown_tool.value.code == -32602
    assert unknown_resource.value.code == -32602


async def test_the_stateless_revision_client_too(
    mcp_server: LiveServer, organisations: Organisations
) -> None:
    """`mcp.Client`, which speaks the 2026-07-28 revision (no handshake, no session)."""
    headers = {**bearer(organisations.acme_key), "Accept-Language": "fr"}
    async with httpx2.AsyncClient(headers=headers, timeout=30) as http:
        transport = streamable_http_client(f"{mcp_server.base_url}/mcp", http_client=http)
        async with Client(transport, mode="2026-07-28") as client:
            result = await client.call_tool("recommend", {"situation": SITUATION})
            assert client.session.protocol_version == "2026-07-28"
    assert result.structured_content is not None
    assert result.structured_content["locale"] == "fr"
    assert result.structured_content["organisation_policy_version"] == 1
