"""Fragment-spread explosions: validation is linear in the document, whatever its fragments."""

import json
import os
import time
from pathlib import Path

import httpx
import pytest
from graphql import GraphQLError, parse, validate

from service.api.graphql.errors import shape_error
from service.api.graphql.schema import (
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_TOKENS,
    VALIDATION_RULES,
    build_schema,
)
from service.api.graphql.validation import OVERLAP_BUDGET, BoundedOverlappingFields
from service.config import PROJECT_ROOT
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


def validation_seconds(document: str) -> tuple[float, list[GraphQLError]]:
    """CPU seconds to validate `document` with the development schema's rules (the larger
    set: production adds only the introspection rule), best of 9: CPU time, since other
    processes share this machine."""
    schema = build_schema()._schema
    ast = parse(document, max_tokens=MAX_TOKENS)
    times, errors = [], []
    for _ in range(9):
        started = time.process_time()
        errors = validate(schema, ast, VALIDATION_RULES)
        times.append(time.process_time() - started)
    return min(times), errors


def count_tokens(document: str) -> int:
    from graphql.language import Lexer, Source, TokenKind

    lexer = Lexer(Source(document))
    tokens = 0
    while lexer.advance().kind != TokenKind.EOF:
        tokens += 1
    return tokens


def codes(errors: list[GraphQLError] | None) -> list[str]:
    return [shape_error(error).extensions["code"] for error in errors or []]


def fragment_chain(count: int) -> str:
    """`count` fragments, each spreading the one before: walking it from the top visits all."""
    first = ["fragment F0 on Query { __typename }"]
    return " ".join(first + [f"fragment F{n} on Query {{ ...F{n - 1} }}" for n in range(1, count)])


# Documents of about MAX_TOKENS tokens built to make validation slow, with the code each gets
# (None: valid). Before issue 12 the first never returned; before the overlap budget, the
# second took 90-135 ms and the third about 100 ms (125,000 field comparisons).
HOSTILE_DOCUMENTS = {
    "99 doubling fragments (2^99 spreads)": (lambda: doubling_fragments(99, 40), None),
    "99 doubling fragments, 500 repeated fields": (
        lambda: nearly_max_tokens(99),
        "QUERY_TOO_COMPLEX",
    ),
    "130 doubling fragments (past the nesting bound)": (
        lambda: nearly_max_tokens(130),
        "QUERY_TOO_DEEP",
    ),
    "one field 1,990 times": (lambda: "{ " + "__typename " * 1990 + "}", "QUERY_TOO_COMPLEX"),
    "180 conflicting arguments": (
        lambda: "{ " + " ".join(f'topic(slug: "s{i}") {{ slug }}' for i in range(180)) + " }",
        "QUERY_TOO_COMPLEX",
    ),
    "200 fragments spread together": (
        lambda: (
            "{ "
            + " ".join(f"...F{i}" for i in range(200))
            + " } "
            + " ".join(f"fragment F{i} on Query {{ __typename }}" for i in range(200))
        ),
        "QUERY_TOO_COMPLEX",
    ),
    "100 operations over one 150-fragment chain": (
        lambda: (
            " ".join(f"query Q{n} {{ ...F149 }}" for n in range(100)) + " " + fragment_chain(150)
        ),
        "TOO_MANY_OPERATIONS",
    ),
    "10 operations over one 190-fragment chain": (
        lambda: (
            " ".join(f"query Q{n} {{ ...F189 }}" for n in range(10)) + " " + fragment_chain(190)
        ),
        None,
    ),
}


def ordinary_document() -> str:
    """What a front end sends, at about MAX_TOKENS tokens: ten operations with variables, over
    colocated fragments."""
    operation = """
    query Page{n}($locale: Locale, $after: Cursor, $search: SearchText) {{
      variants(locale: $locale, first: {n}, after: $after) {{
        items {{ ...Card ...Row slug name formality durationWeeks {{ min typical }} }} nextCursor
      }}
      approaches(locale: $locale) {{ items {{ ...Approach }} nextCursor }}
      terms(search: $search, locale: $locale, first: 5) {{
        items {{ id slug name definition synonyms }} nextCursor
      }}
      topics(locale: $locale, after: $after) {{ items {{ id slug title body aspects }} nextCursor }}
      variant(slug: "reverse-mentoring", locale: $locale) {{ ...Detail ...Badge }}
      contentVersion
    }}"""
    fragments = COLOCATED_FRAGMENTS[COLOCATED_FRAGMENTS.index("fragment") :]
    return "".join(operation.format(n=n) for n in range(1, 11)) + fragments


# On a quiet machine every hostile document is validated in 2-35 ms of CPU (the target is
# 50 ms) and the ordinary one in about 25 ms. When the other core is busy, CPU time itself grows
# by up to 1.8x, so the absolute bound here leaves room for that, and the claim that holds on any
# machine is the ratio: a hostile token costs at most twice an ordinary one.
ABSOLUTE_BOUND_SECONDS = 0.1
RATIO_TO_ORDINARY = 2.0


@pytest.mark.parametrize("name", HOSTILE_DOCUMENTS)
def test_a_2000_token_document_is_validated_in_linear_time(name: str) -> None:
    build, expected_code = HOSTILE_DOCUMENTS[name]
    document, ordinary = build(), ordinary_document()
    assert MAX_TOKENS // 2 < count_tokens(document) <= MAX_TOKENS
    assert MAX_TOKENS // 2 < count_tokens(ordinary) <= MAX_TOKENS
    elapsed, errors = validation_seconds(document)
    reference, ordinary_errors = validation_seconds(ordinary)
    per_token = elapsed / count_tokens(document)
    ratio = per_token / (reference / count_tokens(ordinary))
    print(
        f"{name}: {count_tokens(document)} tokens in {elapsed * 1000:.1f} ms;"
        f" an ordinary document of {count_tokens(ordinary)} in {reference * 1000:.1f} ms;"
        f" {ratio:.2f}x the cost per token"
    )
    assert codes(errors) == ([expected_code] if expected_code else [])
    assert ordinary_errors == []
    assert ratio < RATIO_TO_ORDINARY
    assert elapsed < ABSOLUTE_BOUND_SECONDS


def test_validation_time_grows_linearly_with_the_document() -> None:
    # Twice the fragments (and twice the tokens) cost about twice the time, not the square.
    half, _ = validation_seconds(doubling_fragments(49, 20))
    whole, _ = validation_seconds(doubling_fragments(99, 40))
    print(f"49 fragments: {half * 1000:.1f} ms, 99 fragments: {whole * 1000:.1f} ms")
    assert whole < 3.5 * half


def overlap_budget_spent(document: str) -> int:
    spent: list[int] = []

    class Measured(BoundedOverlappingFields):
        def leave_document(self, *_args: object) -> None:
            spent.append(OVERLAP_BUDGET - self.rule_context.remaining_complexity_budget)

    rules = [Measured if rule is BoundedOverlappingFields else rule for rule in VALIDATION_RULES]
    assert validate(build_schema()._schema, parse(document), rules) == []
    return spent[0]


# A front end's document written with colocated fragments (one per component), overlapping as
# fragments in real code do: every one spread where the page needs it.
COLOCATED_FRAGMENTS = """
query Picker($locale: Locale) {
  variants(locale: $locale) { items { id ...Card ...Row ...Detail ...Badge ...Link slug name } }
  approaches(locale: $locale) { items { ...Approach slug } nextCursor }
  variant(slug: "reverse-mentoring", locale: $locale) { ...Card ...Detail ...Badge }
}
fragment Card on Variant { id slug name summary baseApproach ...Badge }
fragment Row on Variant { id slug name relationshipShape baseApproach formality ...Link }
fragment Detail on Variant { id slug name summary relationshipShape formality ...Badge }
fragment Badge on Variant { slug baseApproach formality }
fragment Link on Variant { id slug }
fragment Approach on Approach { id slug name summary }
"""


def test_real_documents_stay_far_below_the_overlap_budget() -> None:
    shipped = json.loads((PROJECT_ROOT / "service/api/graphql/persisted_queries.json").read_text())
    for document in [*shipped.values(), COLOCATED_FRAGMENTS]:
        assert overlap_budget_spent(document) < OVERLAP_BUDGET // 10, document


def test_depth_and_aliases_are_still_counted_through_fragments() -> None:
    schema = build_schema()
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


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process `pid` so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# The worker's CPU for one hostile document over HTTP: validation (2-35 ms here) with parsing
# and the answer around it, bounded with room for a busy machine. Before issue 12 the first
# document took the worker's CPU for good (a request that never returns fails on the client's
# timeout, a bound on a hang only).
CPU_PER_DOCUMENT_SECONDS = 1.0


async def test_a_fragment_explosion_does_not_freeze_the_worker(development_server: Server) -> None:
    (worker,) = development_server.workers()
    async with httpx.AsyncClient(base_url=development_server.base_url, timeout=120) as client:
        assert (await client.post("/graphql", json={"query": "{ __typename }"})).is_success
        for name, (build, expected_code) in HOSTILE_DOCUMENTS.items():
            document = build()
            operation = "Q7" if document.startswith("query Q0") else None
            request = {"query": document, "operationName": operation}
            before = cpu_seconds(worker)
            response = await client.post("/graphql", json=request)
            spent = cpu_seconds(worker) - before
            assert response.status_code == 200
            if expected_code is None:
                assert response.json()["data"] == {"__typename": "Query"}, response.json()
            else:
                [error] = response.json()["errors"]
                assert error["extensions"]["code"] == expected_code, error
                assert error["message"].endswith(".") and len(error["message"]) > 40
            assert spent < CPU_PER_DOCUMENT_SECONDS, f"{name}: {spent:.2f} s of the worker's CPU"
        assert (await client.get("/health/live")).status_code == 200
