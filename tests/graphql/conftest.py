"""Helpers for the GraphQL door: raw HTTP calls, the app's door, and a gql client."""

import hashlib
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx2  # what gql uses once it is installed (the mcp SDK brings it)
import pytest
from gql import Client as GqlClient
from gql.transport.httpx import HTTPXAsyncTransport
from graphql import ExecutionResult
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.api.graphql.controller import GraphQLDoor

Client = AsyncTestClient[Any]
BASE_URL = "http://testserver.local"


async def graphql(
    client: Client,
    query: str,
    variables: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """POST one operation; the answer's JSON (status must be 200)."""
    payload: dict[str, Any] = {"query": query} | ({"variables": variables} if variables else {})
    response = await client.post("/graphql", json=payload, headers=headers or {})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def codes(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors", [])]


def door_of(app: Litestar) -> GraphQLDoor:
    for route in app.routes:
        if route.path == "/graphql":
            door: GraphQLDoor = route.route_handlers[0].opt["graphql_door"]
            return door
    raise AssertionError("no /graphql route")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class PersistedQueryTransport(HTTPXAsyncTransport):
    """gql speaks no automatic persisted queries: this adds Apollo's protocol over GET.

    First the hash alone by GET (cacheable); on PERSISTED_QUERY_NOT_FOUND, the query and its
    hash by POST, which registers it. `sent` records (method, status) of every HTTP call.
    """

    def __init__(self, url: str, **kwargs: Any) -> None:
        super().__init__(url, **kwargs)
        self.sent: list[tuple[str, int]] = []

    async def execute(self, request: Any, *args: Any, **kwargs: Any) -> ExecutionResult:
        assert self.client is not None
        payload = request.payload
        extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha256(payload["query"])}}
        params = {"extensions": json.dumps(extensions)}
        if payload.get("variables"):
            params["variables"] = json.dumps(payload["variables"])
        if payload.get("operationName"):
            params["operationName"] = payload["operationName"]
        response = await self.client.get(self.url, params=params)
        self.sent.append(("GET", response.status_code))
        result = self._prepare_result(response)
        if result.errors and result.errors[0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND":
            response = await self.client.post(self.url, json=payload | {"extensions": extensions})
            self.sent.append(("POST", response.status_code))
            result = self._prepare_result(response)
        return result


@pytest.fixture
async def gql_client(app: Litestar, client: Client) -> AsyncIterator[Any]:
    """A real GraphQL client (gql + httpx) talking to the running app. `client` first: it
    starts the application (content loaded)."""
    transport = HTTPXAsyncTransport(
        url=f"{BASE_URL}/graphql", transport=httpx2.ASGITransport(app=app)
    )
    async with GqlClient(transport=transport, fetch_schema_from_transport=True) as session:
        yield session
