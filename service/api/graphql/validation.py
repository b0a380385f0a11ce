"""Limits on what one GraphQL request may cost, each checked in time linear in its size.

Strawberry's `QueryDepthLimiter` and `MaxAliasesLimiter` walk the document with every
fragment spread expanded in place, so a few hundred tokens of fragments that each spread the
previous one twice take exponential time (2^20 spreads: seconds; 2^25: never). The rules here
give the same answers (same messages, so the same error codes) but cost each fragment once:
its depth and its alias count are computed on first use and remembered for the document.

GraphQL's own `OverlappingFieldsCanBeMerged` compares fields that share a response name pairwise,
so a document of 2,000 tokens can ask for hundreds of thousands of comparisons (500 copies of
one field: 125,000, about 100 ms). graphql-core meters that work with a budget of 500,000 units
(a comparison costs two); `BoundedOverlappingFields` gives it a budget a real document never
comes near (`OVERLAP_BUDGET`) and names the refusal, so any document is validated in a few
milliseconds whatever its fragments.

The request-size checks run before any parsing: the document's bytes, and the variables'
bytes. The response cache keys on a digest of the variables the operation declares, so
variables it does not use can neither bloat a key nor create a new entry.
"""

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import msgspec
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    parse,
)
from graphql.validation import (
    ASTValidationRule,
    OverlappingFieldsCanBeMergedRule,
    specified_rules,
)
from graphql.validation.validate import ValidationAbortedError
from strawberry.extensions import SchemaExtension

from service.cache import BoundedCache

MAX_DOCUMENT_BYTES = 32 * 1024  # a 2,000-token document with long names fits well
MAX_VARIABLES_BYTES = 64 * 1024  # as JSON; the largest real input (a situation) is ~1 KB

SelectionOwner = OperationDefinitionNode | FragmentDefinitionNode | FieldNode | InlineFragmentNode


@dataclass(frozen=True, slots=True)
class _Cost:
    depth: int  # levels of fields with a selection set below this point
    aliases: int  # aliased fields, each fragment spread counted where it is spread


class _DocumentCosts:
    """Depth and aliases of selection sets, each fragment computed once (memoised)."""

    def __init__(self, document: DocumentNode) -> None:
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self._fragment_costs: dict[str, _Cost] = {}
        self._in_progress: set[str] = set()

    def of(self, owner: SelectionOwner) -> _Cost:
        return self._selection_set(owner.selection_set)

    def _selection_set(self, selection_set: SelectionSetNode | None) -> _Cost:
        depth = aliases = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                aliases += selection.alias is not None
                if selection.selection_set and not selection.name.value.startswith("__"):
                    inner = self._selection_set(selection.selection_set)
                    depth = max(depth, 1 + inner.depth)
                    aliases += inner.aliases
                elif selection.selection_set:  # introspection: depth not counted, aliases are
                    aliases += self._selection_set(selection.selection_set).aliases
            elif isinstance(selection, InlineFragmentNode):
                inner = self._selection_set(selection.selection_set)
                depth, aliases = max(depth, inner.depth), aliases + inner.aliases
            elif isinstance(selection, FragmentSpreadNode):
                inner = self._fragment(selection.name.value)
                depth, aliases = max(depth, inner.depth), aliases + inner.aliases
        return _Cost(depth, aliases)

    def _fragment(self, name: str) -> _Cost:
        cost = self._fragment_costs.get(name)
        if cost is not None:
            return cost
        fragment = self.fragments.get(name)
        if fragment is None or name in self._in_progress:
            # Unknown fragments and cycles are reported by GraphQL's own rules.
            return _Cost(0, 0)
        self._in_progress.add(name)
        cost = self._fragment_costs[name] = self.of(fragment)
        self._in_progress.discard(name)
        return cost


def _operations(document: DocumentNode) -> Iterable[OperationDefinitionNode]:
    return (d for d in document.definitions if isinstance(d, OperationDefinitionNode))


def depth_limit_rule(max_depth: int) -> type[ValidationRule]:
    """Refuse operations nesting fields deeper than `max_depth` (introspection not counted)."""

    class DepthLimit(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            costs = _DocumentCosts(context.document)
            for operation in _operations(context.document):
                if costs.of(operation).depth > max_depth:
                    name = operation.name.value if operation.name else "anonymous"
                    context.report_error(
                        GraphQLError(
                            f"'{name}' exceeds maximum operation depth of {max_depth}",
                            [operation],
                        )
                    )

    return DepthLimit


def alias_limit_rule(max_aliases: int) -> type[ValidationRule]:
    """Refuse documents with more than `max_aliases` aliases, counted through fragments."""

    class AliasLimit(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            costs = _DocumentCosts(context.document)
            total = sum(costs.of(operation).aliases for operation in _operations(context.document))
            if total > max_aliases:
                context.report_error(GraphQLError(f"{total} aliases found. Allowed: {max_aliases}"))

    return AliasLimit


# Units of graphql-core's overlap budget (two per pair of fields compared). The shipped documents
# spend at most a few hundred (tests/hostile/test_graphql_validation.py measures them); spending
# all of it takes about 5 ms of CPU here, against 100 ms and more for graphql-core's default.
OVERLAP_BUDGET = 4_000
TOO_COMPLEX_MESSAGE = (
    "The document repeats fields too often to be checked for conflicts"
    f" (more than {OVERLAP_BUDGET // 2} comparisons)."
)


class BoundedOverlappingFields(OverlappingFieldsCanBeMergedRule):
    """GraphQL's rule with a smaller budget, and a refusal that says what was too much."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.rule_context.remaining_complexity_budget = OVERLAP_BUDGET

    def enter_selection_set(self, *args: Any) -> None:
        try:
            super().enter_selection_set(*args)
        except ValidationAbortedError:
            if self.rule_context.remaining_complexity_budget >= 0:
                raise  # aborted for another reason (the error limit)
            raise ValidationAbortedError(TOO_COMPLEX_MESSAGE) from None


Rules = tuple[type[ASTValidationRule], ...]


def validation_rules(max_operations: int, limits: Iterable[type[ASTValidationRule]]) -> Rules:
    """The operation limit, GraphQL's own rules with the overlap rule bounded, then `limits`."""
    bounded = (
        BoundedOverlappingFields if rule is OverlappingFieldsCanBeMergedRule else rule
        for rule in specified_rules
    )
    return (operation_limit_rule(max_operations), *bounded, *limits)


def rules_extension(rules: Rules) -> type[SchemaExtension]:
    """A schema extension that validates every operation with `rules` (and only them)."""

    class ValidationRules(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            self.execution_context.validation_rules = rules
            yield

    return ValidationRules


def operation_limit_rule(max_operations: int) -> type[ValidationRule]:
    """Refuse documents defining more than `max_operations` operations, before any other rule:
    GraphQL's variable rules walk every fragment an operation uses, once per operation, so
    operations times fragments would otherwise be the cost."""

    class OperationLimit(ValidationRule):
        def enter_document(self, document: DocumentNode, *_args: Any) -> None:
            count = sum(1 for _ in _operations(document))
            if count > max_operations:
                raise ValidationAbortedError(
                    f"The document defines {count} operations. Allowed: {max_operations}."
                )

    return OperationLimit


class RequestTooLarge(Exception):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def check_request_size(query: str | None, variables: dict[str, Any] | None) -> None:
    """Raise `RequestTooLarge` when the document or the variables are over their bounds."""
    if query is not None and len(query.encode()) > MAX_DOCUMENT_BYTES:
        raise RequestTooLarge(
            f"The GraphQL document is larger than {MAX_DOCUMENT_BYTES} bytes.",
            "DOCUMENT_TOO_LARGE",
        )
    if variables and len(msgspec.json.encode(variables)) > MAX_VARIABLES_BYTES:
        raise RequestTooLarge(
            f"The variables are larger than {MAX_VARIABLES_BYTES} bytes as JSON.",
            "VARIABLES_TOO_LARGE",
        )


# Per document (by its hash): the variable names each operation declares. Small values, and
# documents are bounded (the persisted list in production, the token limit everywhere).
_DECLARED: BoundedCache[str, dict[str | None, frozenset[str]]] = BoundedCache(
    "graphql_declared_variables", max_entries=2048, max_bytes=8 * 1024 * 1024
)


def _declared_variables(document_hash: str, query: str) -> dict[str | None, frozenset[str]]:
    declared = _DECLARED.get(document_hash)
    if declared is None:
        try:
            document = parse(query, no_location=True, max_tokens=4096)
        except GraphQLError:
            declared = {}  # not executable: the answer is an error, which is never cached
        else:
            operations = list(_operations(document))
            declared = {
                (op.name.value if op.name else None): frozenset(
                    v.variable.name.value for v in op.variable_definitions or ()
                )
                for op in operations
            }
            if len(operations) == 1:  # the operation a request without a name runs
                declared[None] = next(iter(declared.values()))
        _DECLARED.put(document_hash, declared)
    return declared


def variables_key(
    document_hash: str, query: str, operation_name: str | None, variables: dict[str, Any] | None
) -> bytes:
    """A short digest of the variables the operation declares, for the response cache key."""
    if not variables:
        return b""
    names = _declared_variables(document_hash, query).get(operation_name)
    used = {k: v for k, v in variables.items() if k in names} if names is not None else variables
    encoded = msgspec.json.encode(used, order="sorted")
    return hashlib.blake2b(encoded, digest_size=16).digest()
