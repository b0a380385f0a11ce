"""Fragment-spread explosions: validation is linear in the document, whatever its fragments."""

import time

import httpx
import pytest
from graphql import ExecutionResult, GraphQLError

from service.api.graphql.errors import shape_error
from service.api.graphql.schema import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS, build_schema
from tests.hostile.conftest import Server

pytestmark = pytest.mark.slow


def doubling_fragments(count: int, padding: int = 0) -> str:
    """`count` fragments, each spreading the previous one twice: 2^count spreads expanded.
    `padding` more fields in the first fragment make the document longer."""
    fragments = ["fragment F0 on Query { __typename" + " __typename" * padding + " }"]
    for n in range(1, count + 1):
        fragments.append(f"fragment F{n} on Query {{ ...F{n - 1} ... on Query {{ ...F{n - 1} }} }}")
    return f"{{ ...F{count} }} " + " ".join(fragments)


def nearly_max_tokens(count: int) -> str:
    padding = 0
    while count_tokens(doubling_fragments(count, padding + 10)) <= MAX_TOKENS:
        padding += 10
    return doubling_fragments(count, padding)


def fastest_of_five(document: str) -> tuple[float, ExecutionResult]:
    """CPU seconds to parse, validate and execute `document` (new text each time, so no
    cache answers), best of 5: CPU time, since other processes share this machine."""
    schema = build_schema(production=False)
    schema.execute_sync("{ __typename }")  # warm up
    times = []
    for n in range(5):
        started = time.process_time()
        result = schema.execute_sync(f"{document} # {n}")
        times.append(time.process_time() - started)
    return min(times), result


def count_tokens(document: str) -> int:
    from graphql.language import Lexer, Source, TokenKind

    lexer = Lexer(Source(document))
    tokens = 0
    while lexer.advance().kind != TokenKind.EOF:
        tokens += 1
    return tokens


# Issue 12 asks for 50 ms. Measured with the document caches keyed by the whole text (so the
# comment really makes each document new): about 90-135 ms, nearly all in graphql-core's
# OverlappingFieldsCanBeMerged, which compares fragment fields pairwise. Our depth and alias
# rules are linear (a few ms). Before that fix this document never returned, so the
# bound below still catches any exponential rule; the 50 ms target stays open.
VALIDATION_BOUND_SECONDS = 0.5


def test_a_2000_token_document_is_validated_without_exponential_cost() -> None:
    # 99 doubling fragments (2^99 spreads once expanded) are within graphql-core's nesting
    # bound and answered; 130 (2^130) are past it and refused. Both near the token limit.
    for count, answered in ((99, True), (130, False)):
        document = nearly_max_tokens(count)
        assert MAX_TOKENS - 20 < count_tokens(document) <= MAX_TOKENS
        elapsed, result = fastest_of_five(document)
        print(f"2^{count} spreads, {count_tokens(document)} tokens: {elapsed * 1000:.1f} ms")
        if answered:
            assert result.errors is None, result.errors
            assert result.data == {"__typename": "Query"}
        else:
            assert codes(result.errors) == ["QUERY_TOO_DEEP"]
        assert elapsed < VALIDATION_BOUND_SECONDS


def codes(errors: list[GraphQLError] | None) -> list[str]:
    return [shape_error(error).extensions["code"] for error in errors or []]


def test_depth_and_aliases_are_still_counted_through_fragments() -> None:
    schema = build_schema(production=False)
    chain = "slug"
    names = ["linkedAspects" if i % 2 == 0 else "linkedTopics" for i in range(MAX_DEPTH)]
    fragments = []
    # Each level in its own fragment: the depth is only visible by following the spreads.
    for level, name in enumerate(reversed(names)):
        on = "Topic" if name == "linkedAspects" else "Aspect"
        fragments.append(f"fragment L{level} on {on} {{ {name} {{ {chain} }} }}")
        chain = f"...L{level}"
    deep = f'{{ topic(slug: "core-goals") {{ {chain} }} }} ' + " ".join(fragments)
    assert codes(schema.execute_sync(deep).errors) == ["QUERY_TOO_DEEP"]

    # Aliases count where their fragment is spread: once within the limit, twice over it.
    half = MAX_ALIASES // 2 + 1
    fragment = f"fragment A on Query {{ {' '.join(f'a{i}: __typename' for i in range(half))} }}"
    assert schema.execute_sync(f"{{ ...A }} {fragment}").errors is None
    twice = schema.execute_sync(f"{{ ...A ... on Query {{ ...A }} }} {fragment}")
    assert codes(twice.errors) == ["TOO_MANY_ALIASES"]


async def test_a_fragment_explosion_does_not_freeze_the_worker(development_server: Server) -> None:
    document = nearly_max_tokens(99)
    async with httpx.AsyncClient(base_url=development_server.base_url, timeout=5) as client:
        assert (await client.post("/graphql", json={"query": "{ __typename }"})).is_success
        started = time.monotonic()
        response = await client.post("/graphql", json={"query": document})
        elapsed = time.monotonic() - started
        print(f"2^99 spreads over HTTP: answered in {elapsed * 1000:.0f} ms")
        assert response.status_code == 200
        assert response.json()["data"] == {"__typename": "Query"}
        assert elapsed < 2.0  # wall clock on a shared machine; before: never answered
        assert (await client.get("/health/live")).status_code == 200
