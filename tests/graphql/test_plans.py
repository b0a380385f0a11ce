"""The shipped documents' plans (service/api/graphql/plans.py) answer exactly as Strawberry would.

Every shipped document runs with many varied variable sets, valid and not (all locales and
regional or unknown ones, page sizes at and past the bounds, cursors, typos, refused variables,
operation names), through a door with plans and through one without, and the answers (bytes,
status, whether cacheable) must be equal. The content comes from the repository's files: no
database is needed.
"""

import json
import math
import random
import re
from enum import Enum
from typing import Any

import pytest
import strawberry
from graphql import OperationDefinitionNode, get_variable_values, parse, specified_rules
from strawberry.schema.schema import validate_document

from service.api.graphql.context import GraphQLContext
from service.api.graphql.controller import PERSISTED_QUERIES_FILE, GraphQLDoor, Operation
from service.api.graphql.plans import Plan, plan_document
from service.api.graphql.schema import build_schema, rules_of
from service.config import Environment, Settings
from service.domain.bundle import StoredBundle, read_files
from service.domain.content import Snapshot, build_snapshot

SHIPPED: dict[str, str] = json.loads(PERSISTED_QUERIES_FILE.read_text(encoding="utf-8"))
LOCALES = ["en", "de", "es", "fr", "es-MX", "de-AT", "FR", "xx", "", 7]
SIZES = [1, 5, 7, 20, 50, 100, 101, 0, -1, "ten", 2.5, None]
ACCEPT_LANGUAGES = [None, "en", "de-DE,de;q=0.9", "fr", "es;q=0.5, en;q=0.4", "xx"]
CASES = 1500


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return build_snapshot(StoredBundle(read_files(), 1))


def door(environment: Environment, planned: bool) -> GraphQLDoor:
    settings = Settings(service_env=environment, database_url="postgresql://test@127.0.0.1/test")
    created = GraphQLDoor.create(settings)
    if not planned:
        created.plans = {}
    return created


def operation_name(query: str) -> str:
    found = re.match(r"query (\w+)", query)
    assert found is not None
    return found.group(1)


def words(snapshot: Snapshot, locale: str) -> list[str]:
    found: set[str] = set()
    for term in snapshot.view(locale).terms:
        found.update(re.findall(r"[^\W\d_]{3,}", f"{term.name} {term.definition}".lower()))
    return sorted(found)


def varied(snapshot: Snapshot, rnd: random.Random, query: str, cursors: list[str]) -> Any:
    """Variables for one request of `query`: mostly valid, some edge cases and errors."""
    name = operation_name(query)
    variables: dict[str, Any] = {}
    if rnd.random() < 0.9:
        variables["locale"] = rnd.choice(LOCALES)
    if name == "GlossarySearch":
        pool = words(snapshot, rnd.choice(("en", "de", "es", "fr")))
        search: Any = " ".join(rnd.choice(pool) for _ in range(rnd.choice((1, 2, 2, 2, 3))))
        search = rnd.choice(
            [search] * 12 + [search + "x", "a" * 201, "!!! ???", "", None, 5, ["list"]]
        )
        variables["search"] = search
        if rnd.random() < 0.8:
            variables["first"] = rnd.choice(SIZES)
        if rnd.random() < 0.25:
            variables["after"] = rnd.choice([*cursors[-5:], "garbage", "", None])
    elif name == "TopicPage":
        slugs = [topic.slug for topic in snapshot.view("en").topics]
        if rnd.random() < 0.95:
            variables["slug"] = rnd.choice([*slugs, "nope", "", None, 1])
    elif name == "VariantPicker":
        stages = ["early_career", "mid_career", "senior", "executive", "EARLY", "nope", None, 3]
        if rnd.random() < 0.9:
            variables["careerStage"] = rnd.choice(stages)
    if rnd.random() < 0.05:
        variables["unused"] = rnd.random()
    return variables or rnd.choice([None, {}])


@pytest.mark.parametrize("environment", [Environment.PRODUCTION, Environment.DEVELOPMENT])
async def test_plans_answer_byte_for_byte_as_strawberry(
    snapshot: Snapshot, environment: Environment
) -> None:
    planned, generic = door(environment, True), door(environment, False)
    assert set(planned.plans) == set(SHIPPED.values()), "every shipped document has a plan"
    rnd = random.Random(16)
    cursors: list[str] = []
    errors = 0
    # One search that pages for sure (random words rarely find more than `first` terms), so
    # plans are compared on a page with a next cursor, and later requests can follow it.
    glossary = next(d for d, q in SHIPPED.items() if operation_name(q) == "GlossarySearch")
    paged = Operation(
        query=None,
        variables={"locale": "en", "search": "mentoring", "first": 1},
        operation_name=None,
        extensions={"persistedQuery": {"version": 1, "sha256Hash": glossary}},
    )
    ours = await planned.answer(paged, snapshot, "en", False)
    theirs = await generic.answer(paged, snapshot, "en", False)
    assert (ours.body, ours.status) == (theirs.body, theirs.status)
    found = re.search(rb'"nextCursor":"([^"]+)"', ours.body)
    assert found, ours.body
    cursors.append(found.group(1).decode())
    for _ in range(CASES):
        digest, query = rnd.choice(list(SHIPPED.items()))
        operation = Operation(
            query=query if rnd.random() < 0.2 else None,
            variables=varied(snapshot, rnd, query, cursors),
            operation_name=rnd.choice([None] * 8 + [operation_name(query), "Other"]),
            extensions={"persistedQuery": {"version": 1, "sha256Hash": digest}},
        )
        accept_language, get = rnd.choice(ACCEPT_LANGUAGES), rnd.random() < 0.3
        ours = await planned.answer(operation, snapshot, accept_language, get)
        theirs = await generic.answer(operation, snapshot, accept_language, get)
        assert (ours.body, ours.status, ours.cacheable) == (
            theirs.body,
            theirs.status,
            theirs.cacheable,
        ), (operation, accept_language, get)
        errors += b'"errors"' in ours.body
        found = re.search(rb'"nextCursor":"([^"]+)"', ours.body)
        if found:
            cursors.append(found.group(1).decode())
    # Both kinds were compared, and the plans answered every request that succeeded.
    assert 0.1 * CASES < errors < 0.6 * CASES
    assert cursors
    assert planned.planned == planned.executions - errors > 0
    assert generic.planned == 0


async def test_a_plan_declines_what_the_generic_executor_reports(snapshot: Snapshot) -> None:
    """A resolver that raises, or a value of the wrong type: the plan gives no data."""
    query = next(query for query in SHIPPED.values() if "GlossarySearch" in query)
    plan = plan_document(build_schema(True), query, rules_of(True))
    assert isinstance(plan, Plan)
    context = GraphQLContext(snapshot, None)
    variables = {"search": "mentor", "locale": "en", "first": 5}
    assert plan.run(variables, None, context) is not None
    assert plan.run(variables, "Other", context) is None
    assert plan.run({**variables, "first": "five"}, None, context) is None
    assert plan.run({**variables, "after": "garbage"}, None, context) is None
    assert plan.run({**variables, "locale": "xx"}, None, context) is None


def test_documents_a_plan_does_not_cover_have_none() -> None:
    schema = build_schema(False)
    rules = rules_of(False)
    uncovered = [
        "{ approaches { ...Page } } fragment Page on ApproachPage { nextCursor }",
        "{ approaches { items { slug @include(if: true) } } }",
        '{ node(id: "Term:mentoring") { id } }',  # an interface
        "{ a: contentVersion a: contentVersion }",  # graphql-core merges the two
        "query A { contentVersion } query B { contentVersion }",
        "{ __schema { types { name } } }",
        # Asynchronous, and guarded by a permission class (MayRecommend): Strawberry's own.
        "query($s: SituationInput!) { recommend(situation: $s) { policyVersion } }",
    ]
    for query in uncovered:
        assert not validate_document(schema._schema, parse(query), rules), query  # valid
        assert plan_document(schema, query, rules) is None, query
    assert plan_document(schema, "{ nope }", rules) is None  # invalid
    assert plan_document(schema, "{ v: contentVersion __typename }", rules) is not None


# Beyond the shipped documents: aliases, `__typename`, literal arguments, links two levels deep.
COVERED = [
    '{ t: terms(first: 3, locale: "de") { __typename items { __typename s: slug linkedApproaches '
    "{ slug } linkedVariant { slug linkedTerm { name } } } } n: contentVersion }",
    "query($l: String) { aspects(locale: $l, first: 4) { items { key linkedTopics { slug "
    'linkedAspects { key } } } nextCursor } approach(slug: "coaching") { aspects { key '
    "linkedAspect { name } } } }",
    'query($l: String) { variant(slug: "peer-coaching", locale: $l) { slug baseApproach '
    "careerStages formality linkedApproaches { name } } }",
    "query($l: String) { topics(locale: $l, first: 2) { items { slug } } "
    'x: topic(slug: "nope") { slug } }',  # a resolver's error: the plan declines
]


async def test_aliases_typename_and_links_answer_as_strawberry(snapshot: Snapshot) -> None:
    planned, generic = door(Environment.DEVELOPMENT, True), door(Environment.DEVELOPMENT, False)
    schema, rules = planned.schema, rules_of(False)
    for query in COVERED:
        plan = plan_document(schema, query, rules)
        assert plan is not None, query
        planned.plans[query] = plan
    for query in COVERED:
        for locale in [None, "en", "de", "es", "fr", "xx"]:
            operation = Operation(query=query, variables={"l": locale})
            ours = await planned.answer(operation, snapshot, "fr", get=False)
            theirs = await generic.answer(operation, snapshot, "fr", get=False)
            assert ours == theirs, (query, locale)
    # The first document once (it declares no variable: then the response cache answers), the
    # next two in every locale but `xx` (refused), the last never.
    assert planned.planned == 1 + 2 * 5


@strawberry.enum
class Shade(Enum):
    LIGHT = "light"
    DARK = "dark"


def echo(
    text: str | None = None,
    count: int | None = None,
    flag: bool | None = None,
    ratio: float | None = None,
    key: strawberry.ID | None = None,
    shade: Shade | None = None,
    limit: int = 5,
    tags: list[str] | None = None,
) -> str:
    return repr((text, count, flag, ratio, key, shade, limit, tags))


@strawberry.type
class Echo:
    echo: str = strawberry.field(resolver=echo)


ECHO = (
    "query($t: String, $n: Int! = 20, $f: Boolean, $r: Float!, $k: ID, $s: Shade = DARK, "
    "$m: Int, $l: Int = 3) { a: echo(text: $t, count: $n, flag: $f, ratio: $r, key: $k, "
    'shade: $s) b: echo(count: $m, text: "x", limit: $l) }'
)
VALUES = [
    "text", "", "DARK", "LIGHT", "dark", 0, 1, -7, 2**31 - 1, 2**31, -(2**31) - 1, True,
    False, 2.0, 2.5, math.nan, math.inf, None, [], ["text"], {}, {"a": 1},
]  # fmt: skip


TYPICAL: dict[str, list[Any]] = {
    "t": ["text", "", None],
    "n": [0, 20, -7, 2**31 - 1, 3.0],
    "f": [True, False, None],
    "r": [0.5, 2, 1e300],
    "k": ["key", 7, None],
    "s": ["DARK", "LIGHT", None],
    "m": [1, None, -(2**31)],
    "l": [4, None],  # null for the non-null argument `limit`: an error in execution
}


def test_variables_are_coerced_as_graphql_core_coerces_them() -> None:
    """The plan's coercion of leaf-typed variables (its own where it can, graphql-core's
    elsewhere) against graphql-core's, over every kind of value, absent ones included."""
    schema = strawberry.Schema(query=Echo)
    plan = plan_document(schema, ECHO, tuple(specified_rules))
    assert isinstance(plan, Plan)
    operation = parse(ECHO).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    rnd = random.Random(5)
    accepted = refused = 0
    for _ in range(3000):
        inputs = {
            name: rnd.choice(TYPICAL[name] if rnd.random() < 0.9 else VALUES)
            for name in "tnfrksml"
            if rnd.random() < 0.8
        } | ({"unused": 1} if rnd.random() < 0.1 else {})
        expected = get_variable_values(schema._schema, operation.variable_definitions or (), inputs)
        coerced = plan._coerce(inputs)
        if isinstance(expected, list):
            assert coerced is None, inputs
            refused += 1
        else:
            assert coerced is not None, inputs
            assert repr(coerced) == repr(expected.coerced), inputs  # nan == nan, types
            accepted += 1
            # The resolver gets what Strawberry gives it; an error: the plan declines.
            result = schema.execute_sync(ECHO, inputs)
            assert plan.run(inputs, None, None) == (None if result.errors else result.data)
    assert accepted > 300 and refused > 300


def test_literal_arguments_a_request_could_change_are_not_planned() -> None:
    """A list literal (graphql-core builds a new one per request; with a variable inside,
    from the variables) has no plan; scalar and enum literals are coerced once."""
    schema = strawberry.Schema(query=Echo)
    rules = tuple(specified_rules)
    assert plan_document(schema, 'query($a: String) { echo(tags: [$a, "x"]) }', rules) is None
    assert plan_document(schema, '{ echo(tags: ["x"]) }', rules) is None
    literals = '{ echo(text: "x", count: 2, shade: LIGHT, flag: null) }'
    plan = plan_document(schema, literals, rules)
    assert plan is not None
    assert plan.run(None, None, None) == schema.execute_sync(literals).data
