"""What a GraphQL operation costs, worked out from the document before any resolver runs.

The weights are declared beside the resolvers, as schema directives that the SDL shows to
every client (the IBM GraphQL cost specification's `@cost` and `@listSize`, as Apollo's
router reads them):

- an object costs 1 point, a scalar or an enum 0 (`__typename` too);
- `@cost(weight: N)` on a field replaces its own point by N (`recommend`: a new computation;
  the fields that read PostgreSQL);
- a list multiplies the cost of one element (its own point and its selections) by its size:
  `@listSize(slicingArguments: ["first"], sizedFields: ["items"])` says a page's `items` hold
  `first` elements; `@listSize(assumedSize: N)` gives another list's size; any other list
  counts `DEFAULT_LIST_SIZE` elements;
- introspection: `__schema` costs `SCHEMA_INTROSPECTION_COST`, `__type` `TYPE_INTROSPECTION_COST`;
- a fragment counts in full wherever it is spread, and is worked out once per document.

The analysis reads the schema as its SDL says (`build_ast_schema`), so what clients see is
what counts. A slicing argument counts at most `MAX_LIMIT` elements: a larger value is
refused when the variables are coerced, with the bound in the message, which is the more
useful answer than a cost.
"""

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import strawberry
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    VariableValues,
    build_ast_schema,
    get_argument_values,
    get_directive_values,
    get_named_type,
    get_nullable_type,
    get_variable_values,
    is_composite_type,
    is_list_type,
    parse,
)
from strawberry.schema_directive import Location

from service.cache import BoundedCache
from service.domain.content import MAX_LIMIT
from service.security.identity import Identity
from service.security.ratelimit import Decision, RateLimiter

DEFAULT_LIST_SIZE = 10
# Measured against one object (1 point): a never-seen recommendation takes about as much CPU
# as 50 content objects; a field that reads PostgreSQL is counted 5.
RECOMMEND_COST = 50
DATABASE_COST = 5
SCHEMA_INTROSPECTION_COST = 100
TYPE_INTROSPECTION_COST = 10


@strawberry.schema_directive(
    locations=[Location.FIELD_DEFINITION],
    description="The field's cost in points, instead of 1 for an object and 0 for a scalar "
    "(the query cost of docs/graphql.md).",
)
class Cost:
    weight: int = strawberry.field(description="Points for the field itself.")


@strawberry.schema_directive(
    locations=[Location.FIELD_DEFINITION],
    description="How many elements a list holds, for the query cost.",
)
class ListSize:
    assumed_size: int | None = strawberry.field(
        default=None, description="The size to count when no argument gives it."
    )
    slicing_arguments: list[str] | None = strawberry.field(
        default=None, description="Arguments whose value is the size (`first`)."
    )
    sized_fields: list[str] | None = strawberry.field(
        default=None,
        description="Fields of the result that hold the list the arguments size (`items`).",
    )


PAGE = ListSize(slicing_arguments=["first"], sized_fields=["items"])


@dataclass(frozen=True, slots=True)
class _Declared:
    weight: int | None = None
    assumed_size: int | None = None
    slicing_arguments: tuple[str, ...] = ()
    sized_fields: tuple[str, ...] = ()


class _Operation:
    """The cost of one operation: its variables, and each fragment's cost memoised."""

    def __init__(
        self,
        analysis: "CostAnalysis",
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: VariableValues | None,
    ) -> None:
        self.analysis = analysis
        self.fragments = fragments
        self.variables = variables
        self.memo: dict[tuple[str, tuple[tuple[str, int], ...]], int] = {}
        self.in_progress: set[str] = set()

    def selection_set(
        self, parent: Any, selection_set: SelectionSetNode | None, sizes: Mapping[str, int]
    ) -> int:
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += self.field(parent, selection, sizes)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.analysis.schema.get_type(condition.name.value) if condition else parent
                total += self.selection_set(inner, selection.selection_set, sizes)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value, sizes)
        return total

    def fragment(self, name: str, sizes: Mapping[str, int]) -> int:
        key = (name, tuple(sorted(sizes.items())))
        if key in self.memo:
            return self.memo[key]
        fragment = self.fragments.get(name)
        if fragment is None or name in self.in_progress:
            return 0  # unknown fragments and cycles are refused by validation
        self.in_progress.add(name)
        parent = self.analysis.schema.get_type(fragment.type_condition.name.value)
        cost = self.memo[key] = self.selection_set(parent, fragment.selection_set, sizes)
        self.in_progress.discard(name)
        return cost

    def field(self, parent: Any, node: FieldNode, sizes: Mapping[str, int]) -> int:
        name = node.name.value
        if name == "__schema":
            return SCHEMA_INTROSPECTION_COST
        if name == "__type":
            return TYPE_INTROSPECTION_COST
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return 0  # `__typename` on a union, or a type validation refuses
        definition = parent.fields.get(name)
        if definition is None:
            return 0
        declared = self.analysis.declared.get((parent.name, name), _Declared())
        named = get_named_type(definition.type)
        own = declared.weight if declared.weight is not None else int(is_composite_type(named))
        size = self.slice_size(definition, node, declared)
        inner_sizes = dict.fromkeys(declared.sized_fields, size) if size is not None else {}
        children = self.selection_set(named, node.selection_set, inner_sizes)
        if not is_list_type(get_nullable_type(definition.type)):
            return own + children
        if declared.sized_fields or (own + children) == 0:
            return own + children
        count = sizes.get(name)
        if count is None:
            count = size if size is not None else declared.assumed_size or DEFAULT_LIST_SIZE
        return count * (own + children)

    def slice_size(
        self, definition: GraphQLField, node: FieldNode, declared: _Declared
    ) -> int | None:
        if not declared.slicing_arguments:
            return declared.assumed_size
        try:
            arguments = get_argument_values(definition, node, self.variables)
        except GraphQLError:
            return declared.assumed_size  # refused when it executes, with the reason
        for name in declared.slicing_arguments:
            value = arguments.get(name)
            if isinstance(value, int) and not isinstance(value, bool):
                return max(0, min(value, MAX_LIMIT))
        return declared.assumed_size


def _sized(value: tuple[int, object]) -> int:
    return 256 + value[0]  # the key's text and a few small values


class CostAnalysis:
    """One per schema: the declared weights, read from the SDL. `parsers` are the custom
    scalars' value parsers, so that this schema checks values as the served one does (a
    manifest's documents are validated against it)."""

    def __init__(self, sdl: str, parsers: Mapping[str, Callable[[Any], Any]]) -> None:
        self.schema: GraphQLSchema = build_ast_schema(parse(sdl))
        for name, parser in parsers.items():
            scalar = self.schema.get_type(name)
            if isinstance(scalar, GraphQLScalarType):
                # The constructor's two names for one function (graphql-core 3.3).
                scalar.parse_value = scalar.coerce_input_value = parser  # type: ignore[assignment]
        cost = self.schema.get_directive("cost")
        list_size = self.schema.get_directive("listSize")
        self.declared: dict[tuple[str, str], _Declared] = {}
        # An operation's cost depends on its document and on the values of the variables its
        # slicing arguments read, nothing else: kept by those, a varied request (new search
        # words, the same page size) is costed once (measured in-process: about 150 us of a
        # varied glossary search's 750 us went to costing it again).
        # Kept by the document's text (bounded in bytes), never by the parsed document, which
        # can be tens of times larger.
        # Values carry the text's length, so that the bound in bytes counts the keys' texts.
        self._slicing_variables: BoundedCache[str, tuple[int, tuple[str, ...]]] = BoundedCache(
            "graphql_cost_shapes", max_entries=1024, max_bytes=8_000_000, sizeof=_sized
        )
        self._costs: BoundedCache[tuple[Hashable, ...], tuple[int, int]] = BoundedCache(
            "graphql_costs", max_entries=4096, max_bytes=8_000_000, sizeof=_sized
        )
        for type_ in self.schema.type_map.values():
            if not isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
                continue
            for field_name, field in type_.fields.items():
                if field.ast_node is None or not field.ast_node.directives:
                    continue
                weight = get_directive_values(cost, field.ast_node) if cost else None
                sizing = get_directive_values(list_size, field.ast_node) if list_size else None
                sizing = sizing or {}
                self.declared[(type_.name, field_name)] = _Declared(
                    weight=weight["weight"] if weight else None,
                    assumed_size=sizing.get("assumedSize"),
                    slicing_arguments=tuple(sizing.get("slicingArguments") or ()),
                    sized_fields=tuple(sizing.get("sizedFields") or ()),
                )

    def cost(
        self,
        text: str,
        document: DocumentNode,
        operation_name: str | None,
        variables: Mapping[str, Any] | None,
    ) -> int:
        """The cost of the operation the request runs (0 when there is none to run), kept by
        the document's `text`, the operation and the values of the variables its slicing
        arguments read."""
        shape = self._slicing_variables.get(text)
        if shape is None:
            shape = (len(text), self._variables_sliced_by(document))
            self._slicing_variables.put(text, shape)
        given = variables or {}
        key = (text, operation_name, *(given.get(name) for name in shape[1]))
        try:
            kept = self._costs.get(key)
        except TypeError:  # a value that is not hashable (a list): costed every time
            return self._cost(document, operation_name, variables)
        if kept is None:
            kept = (len(text), self._cost(document, operation_name, variables))
            self._costs.put(key, kept)
        return kept[1]

    def _variables_sliced_by(self, document: DocumentNode) -> tuple[str, ...]:
        """The variables some slicing argument of the document reads."""
        slicing = {name for d in self.declared.values() for name in d.slicing_arguments}
        found: set[str] = set()
        pending: list[Any] = list(document.definitions)
        while pending:
            node = pending.pop()
            for argument in getattr(node, "arguments", None) or ():
                if argument.name.value in slicing and isinstance(argument.value, VariableNode):
                    found.add(argument.value.name.value)
            selections = getattr(node, "selection_set", None)
            if selections is not None:
                pending.extend(selections.selections)
        return tuple(sorted(found))

    def _cost(
        self,
        document: DocumentNode,
        operation_name: str | None,
        variables: Mapping[str, Any] | None,
    ) -> int:
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if operation_name is not None:
            operations = [o for o in operations if o.name and o.name.value == operation_name]
        if len(operations) != 1:
            return 0  # refused by the executor, which names the problem
        operation = operations[0]
        root = self.schema.get_root_type(operation.operation)
        coerced = get_variable_values(
            self.schema, operation.variable_definitions or (), dict(variables or {})
        )
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        # Variables the operation cannot use: its slicing arguments count their assumed sizes,
        # and the executor refuses the operation with the reason.
        usable = coerced if isinstance(coerced, VariableValues) else None
        walk = _Operation(self, fragments, usable)
        return walk.selection_set(root, operation.selection_set, {})


# -- the maximum per request and the key's budget per window --------------------------------

QUERY_TOO_EXPENSIVE = "QUERY_TOO_EXPENSIVE"
BUDGET_EXHAUSTED = "BUDGET_EXHAUSTED"


@dataclass(frozen=True, slots=True)
class CostReport:
    """What `extensions.cost` says about one operation, and whether its cost refused it."""

    requested: int
    maximum: int
    budget: Decision | None = None  # None: no key (development), or no budget configured
    refusal: str | None = None

    def extension(self) -> dict[str, int]:
        report = {"requested": self.requested, "maximum": self.maximum}
        if self.budget is not None:
            report |= {
                "limit": self.budget.limit,
                "remaining": self.budget.remaining,
                "resetSeconds": self.budget.reset_seconds,
            }
        return report

    def error(self) -> GraphQLError | None:
        if self.refusal == QUERY_TOO_EXPENSIVE:
            return GraphQLError(
                f"This query costs {self.requested} points; one request may cost at most "
                f"{self.maximum}. Ask for smaller pages (`first`) or fewer nested lists, or "
                "split the query.",
                extensions={
                    "code": QUERY_TOO_EXPENSIVE,
                    "cost": self.requested,
                    "maximumCost": self.maximum,
                },
            )
        if self.refusal == BUDGET_EXHAUSTED and self.budget is not None:
            return GraphQLError(
                f"This query costs {self.requested} points and this API key has "
                f"{self.budget.remaining} of its {self.budget.limit} left in this window; "
                f"retry after {self.budget.reset_seconds} s.",
                extensions={
                    "code": BUDGET_EXHAUSTED,
                    "cost": self.requested,
                    "remaining": self.budget.remaining,
                    "retryAfter": self.budget.reset_seconds,
                },
            )
        return None


class CostBudget:
    """The maximum cost of one operation, and each key's budget of points per window, shared
    by every replica through PostgreSQL as the request rate limit is (`RateLimiter`, whose
    leases hand out points here instead of requests)."""

    def __init__(self, maximum: int, budget: int, window_seconds: int) -> None:
        self.maximum = maximum
        # Leased in blocks of a twentieth of the budget, as requests are, but at most 100
        # operations of the maximum cost: a block of 5,000 points (one costly operation) had
        # a replica ask PostgreSQL every 25 repeated VariantPicker queries (profiled).
        lease = max(1, min(budget // 20, 100 * maximum))
        self.limiter = RateLimiter(budget, window_seconds, lease_size=lease) if budget > 0 else None

    async def admit(self, cost: int, identity: Identity | None, request: Any) -> CostReport:
        """Spend `cost` from the key's budget, unless it is over the maximum or the budget."""
        if cost > self.maximum:
            return CostReport(
                cost, self.maximum, await self._spend(0, identity, request), QUERY_TOO_EXPENSIVE
            )
        decision = await self._spend(cost, identity, request)
        refusal = BUDGET_EXHAUSTED if decision is not None and not decision.allowed else None
        return CostReport(cost, self.maximum, decision, refusal)

    async def report(self, cost: int, identity: Identity | None, request: Any) -> CostReport:
        """The report of an answer that spent nothing (a refused or invalid request)."""
        return CostReport(cost, self.maximum, await self._spend(0, identity, request))

    async def _spend(self, amount: int, identity: Identity | None, request: Any) -> Decision | None:
        if self.limiter is None or identity is None:
            return None
        engine = request.app.state.engine
        return await self.limiter.hit(engine, f"cost:{identity.key_id}", amount)
