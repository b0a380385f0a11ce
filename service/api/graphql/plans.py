"""The shipped persisted queries, answered by a plan built once instead of graphql-core's executor.

Production runs only the shipped documents (`persisted_queries.json`), and with new variables
every request misses the response cache. Strawberry's `execute` then spends most of a request
on generic work that is the same every time: extension hooks, choosing the operation, collecting
fields, building a resolve info for every field, completing every value by its type. A plan
does that walk once per document, from its validated AST, and keeps per field only what the
request changes: the source object, the variables and the context.

A plan calls the same resolver functions with what Strawberry would give them (the arguments
as graphql-core coerces and Strawberry converts them, the same `Info`) and completes their
values by graphql-core's type rules (non-null, lists, `coerce_output_value` of scalars and
enums, `is_type_of`), so it builds the same result dict. It covers query operations made of
fields (aliases, constant literal and variable arguments, `__typename`) over object, list,
scalar and enum types with plain synchronous resolvers; a document with anything else
(fragments, directives, interfaces or unions, asynchronous resolvers, permission classes,
several operations, list or input-object literals) gets no plan. `tests/graphql/test_plans.py`
compares both executions' bytes.

What graphql-core and Strawberry decide per request from the document alone is decided once:
where each argument's value comes from and its default, whether Strawberry converts it, how a
leaf-typed variable is coerced (its type's `parse_value`; any other value goes to graphql-core's
`get_variable_values`), which fields are plain string attributes (read in their object's own
loop), and the resolver function Strawberry's resolver wraps (called directly).

A plan answers only requests that succeed. Whatever graphql-core would turn into an error (a
variable its type refuses, a resolver that raises, a null where the schema says non-null, a
value of the wrong type) makes the plan decline, and the request runs through the generic
executor with a fresh context, which reports it with its exact message, locations and path.
Running a resolver twice is harmless because planned fields are synchronous reads of the
snapshot (asynchronous resolvers, the ones that read the database, are never planned).
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLArgument,
    GraphQLError,
    GraphQLField,
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLString,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_variable_values,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
    is_required_argument,
    parse,
)
from graphql.execution.get_variable_signature import get_variable_signature
from graphql.pyutils import Path, Undefined, is_iterable
from graphql.utilities.coerce_input_value import coerce_default_value, coerce_input_literal
from graphql.validation import ASTValidationRule
from strawberry import Schema
from strawberry.execution import optimized_is_awaitable

# The resolve info Strawberry's execution context gives resolvers (graphql-core's, plus the
# operation's extensions): a plan gives them the same.
from strawberry.schema.schema import _OperationContextAwareGraphQLResolveInfo, validate_document
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.arguments import StrawberryArgument, convert_argument
from strawberry.types.base import StrawberryOptional
from strawberry.types.field import StrawberryField

from service.api.graphql.types import InstanceOf

_STRAWBERRY_FIELD = GraphQLCoreConverter.DEFINITION_BACKREF  # where a field keeps its own


class NotPlannable(Exception):
    """The document uses something a plan does not cover: the generic executor runs it."""


class Declined(Exception):
    """This request would not succeed as planned: the generic executor answers it."""


@dataclass(frozen=True, slots=True)
class _Request:
    """What one request gives a plan: its coerced variables and the resolvers' context."""

    variables: dict[str, Any]
    context: Any


# Values that a plan may hand to every request (a default, a literal argument): graphql-core
# coerces them afresh for each request, which only matters for values a resolver could change.
_IMMUTABLE = (str, int, float, bool, Enum, type(None))


@dataclass(frozen=True, slots=True)
class _Variable:
    """A variable of a leaf type, coerced the way graphql-core's `coerce_variable_values`
    coerces it: a default when absent, null unless non-null, else the type's `parse_value`."""

    name: str
    leaf_type: GraphQLLeafType
    required: bool  # non-null without a default
    non_null: bool
    default: Any  # coerced once (graphql-core memoises it too); Undefined: none
    unchanged: type[str] | None  # the Python type `parse_value` returns unchanged (str for String)


@dataclass(frozen=True, slots=True)
class _Argument:
    """One argument of a resolver, as graphql-core's `coerce_argument` and then Strawberry's
    `convert_arguments` give it: `python_name` gets the value of `variable` (None: a literal
    or no argument node, whose value is `default`)."""

    python_name: str
    graphql_name: str
    variable: str | None
    default: Any  # literal's or the argument's default, coerced; Undefined: none
    required: bool  # graphql-core's `is_required_argument`
    non_null: bool
    # The type Strawberry converts the value to; None where it returns it unchanged.
    converted_type: Any


# A field of a selection set: (request, source object, path of the parent) -> completed value.
_Step = Callable[[_Request, Any, Path | None], Any]
# A resolver's call: (source object, raw resolve info, argument values) -> its value.
_Call = Callable[[Any, Any, dict[str, Any]], Any]  # (source, raw info, variables)
# A value's completion by its type: (request, value, path of the value) -> completed value.
_Completion = Callable[[_Request, Any, Path | None], Any]


class Plan:
    """One operation of one document, walked once: `run` gives the `data` of a request."""

    def __init__(self, schema: Schema, operation: OperationDefinitionNode) -> None:
        self._schema = schema._schema
        self._config = schema.config
        self._scalar_registry = schema.schema_converter.scalar_registry
        self._operation = operation
        self.name = operation.name.value if operation.name else None
        self._variable_definitions = operation.variable_definitions or ()
        self._variables = self._leaf_variables()
        root = self._schema.query_type
        if operation.operation != OperationType.QUERY or root is None or operation.directives:
            raise NotPlannable("only query operations without directives are planned")
        self._fields = self._selection(root, operation.selection_set)

    def run(
        self, variables: dict[str, Any] | None, operation_name: str | None, context: Any
    ) -> dict[str, Any] | None:
        """The result's `data`, or None when the generic executor must answer."""
        if operation_name is not None and operation_name != self.name:
            return None
        coerced = self._coerce(variables or {})
        if coerced is None:
            return None
        request = _Request(coerced, context)
        try:
            return {key: step(request, None, None) for key, step in self._fields}
        except Exception:  # any error (Declined included) is the generic executor's to report
            return None

    def _coerce(self, inputs: dict[str, Any]) -> dict[str, Any] | None:
        """The coerced variables, or None if graphql-core refuses them.

        Variables of leaf types, given as the types' usual Python values, are coerced here;
        anything else (another kind of value, a refusal, an input object or a list) goes to
        graphql-core's `get_variable_values`, so a refusal is always graphql-core's."""
        if self._variables is None:
            return self._coerce_generic(inputs)
        coerced: dict[str, Any] = {}
        for variable in self._variables:
            value = inputs.get(variable.name, Undefined)
            if value is Undefined:
                if variable.default is not Undefined:
                    coerced[variable.name] = variable.default
                elif variable.required:
                    return self._coerce_generic(inputs)
                continue
            if value is None:
                if variable.non_null:
                    return self._coerce_generic(inputs)
            elif type(value) is not variable.unchanged:
                try:
                    value = variable.leaf_type.parse_value(value)
                except Exception:
                    return self._coerce_generic(inputs)
                if value is Undefined:
                    return self._coerce_generic(inputs)
            coerced[variable.name] = value
        return coerced

    def _coerce_generic(self, inputs: dict[str, Any]) -> dict[str, Any] | None:
        # The first refusal is enough to decline: the generic executor words every one.
        coerced = get_variable_values(
            self._schema, self._variable_definitions, inputs, max_errors=1
        )
        return None if isinstance(coerced, list) else coerced.coerced

    def _leaf_variables(self) -> tuple[_Variable, ...] | None:
        """The variables as `_coerce` coerces them; None if one is not of a leaf type (or has
        a default a request could change): graphql-core coerces them all."""
        variables = []
        for definition in self._variable_definitions:
            signature = get_variable_signature(self._schema, definition)
            if isinstance(signature, GraphQLError):
                return None
            non_null = isinstance(signature.type, GraphQLNonNull)
            named = (
                signature.type.of_type
                if isinstance(signature.type, GraphQLNonNull)
                else (signature.type)
            )
            if not isinstance(named, GraphQLLeafType):
                return None  # a list or an input object
            default = coerce_default_value(signature) if definition.default_value else Undefined
            if default is not Undefined and not isinstance(default, _IMMUTABLE):
                return None
            variables.append(
                _Variable(
                    signature.name,
                    named,
                    non_null and default is Undefined,
                    non_null,
                    default,
                    str if named is GraphQLString else None,
                )
            )
        return tuple(variables)

    # --- building --------------------------------------------------------------------------

    def _selection(
        self, parent: GraphQLObjectType, selection_set: SelectionSetNode | None
    ) -> list[tuple[str, _Step]]:
        steps: list[tuple[str, _Step]] = []
        for selection in selection_set.selections if selection_set else ():
            if not isinstance(selection, FieldNode) or selection.directives:
                raise NotPlannable("fragments and directives are not planned")
            key = selection.alias.value if selection.alias else selection.name.value
            if any(key == seen for seen, _ in steps):
                raise NotPlannable("a response key asked twice is merged by graphql-core")
            steps.append((key, self._field(parent, selection, key)))
        return steps

    def _field(self, parent: GraphQLObjectType, node: FieldNode, key: str) -> _Step:
        name = node.name.value
        if name == "__typename":
            typename = parent.name

            def typename_step(request: _Request, source: Any, path: Path | None) -> Any:
                return typename

            return typename_step
        field_def = parent.fields.get(name)
        definition = field_def.extensions.get(_STRAWBERRY_FIELD) if field_def else None
        if field_def is None or not isinstance(definition, StrawberryField):
            raise NotPlannable(f"{parent.name}.{name} is not a Strawberry field")
        # Paths are built only where a resolver below may read its own (`info.path`).
        track = self._resolvers_below(field_def.type, node.selection_set)
        complete = self._completion(field_def.type, node.selection_set, track)
        parent_name = parent.name

        if definition.is_basic_field:
            # What Strawberry's resolver of a plain attribute does, without its two calls.
            read, attribute = definition.default_resolver, definition.python_name

            def basic_step(request: _Request, source: Any, path: Path | None) -> Any:
                value = read(source, attribute)
                return complete(request, value, Path(path, key, parent_name) if track else None)

            return basic_step

        call = self._call(definition, field_def, node)
        nodes = [node]
        schema, operation, return_type = self._schema, self._operation, field_def.type
        raw_info = _OperationContextAwareGraphQLResolveInfo
        leaf = is_leaf_type(get_named_type(return_type))

        def resolver_step(request: _Request, source: Any, path: Path | None) -> Any:
            field_path = Path(path, key, parent_name)
            # The resolve info Strawberry's execution context builds for the same field.
            info = raw_info(
                name,
                nodes,
                return_type,
                parent,
                field_path,
                schema,
                {},
                None,
                operation,
                request.variables,
                request.context,
                optimized_is_awaitable,
                None,  # abort signal: none is passed to Strawberry's execute either
                None,  # graphql-core's async helpers: no planned resolver awaits anything
                None,  # type: ignore[arg-type]  # operation extensions: execute gets none
            )
            value = call(source, info, request.variables)
            # graphql-core would await an awaitable: the plan leaves it to it. A leaf's
            # coercion might accept one (JSON's does), so leaves are checked first; objects
            # and lists refuse it by type and close it as they decline.
            if leaf and optimized_is_awaitable(value):
                _close(value)
                raise Declined
            try:
                return complete(request, value, field_path)
            except Declined:
                _close(value)
                raise

        return resolver_step

    def _call(self, definition: StrawberryField, field_def: GraphQLField, node: FieldNode) -> _Call:
        """Strawberry's call of a resolver (`get_arguments` in strawberry/schema/
        schema_converter.py) with the arguments graphql-core's `get_argument_values` gives
        it, with what depends only on the document worked out once: where each argument's
        value comes from, its default, whether Strawberry converts it, and the parameters
        that get the source and the info.

        Only plain synchronous resolvers are planned: field extensions (permission classes
        among them) and asynchronous resolvers are left to the generic executor.
        """
        resolver = definition.base_resolver
        if (
            resolver is None
            or definition.extensions
            or definition.is_async
            or resolver.self_parameter
            or not callable(resolver.wrapped_func)
        ):
            raise NotPlannable(f"{definition.python_name} is not a plain synchronous resolver")
        function = resolver.wrapped_func  # what `StrawberryResolver.__call__` calls
        config, registry = self._config, self._scalar_registry
        nodes = {argument.name.value: argument for argument in node.arguments or ()}
        arguments = [
            self._argument(argument, field_def, nodes) for argument in definition.arguments
        ]
        if set(field_def.args) != {argument.graphql_name for argument in arguments}:
            raise NotPlannable(f"{definition.python_name}'s arguments are not Strawberry's")
        source_names = [
            parameter.name
            for parameter in (resolver.parent_parameter, resolver.root_parameter)
            if parameter is not None
        ]
        info_name = resolver.info_parameter.name if resolver.info_parameter else None
        info_class = config.info_class

        def call(source: Any, raw_info: Any, variables: dict[str, Any]) -> Any:
            info = info_class(raw_info, definition)
            kwargs: dict[str, Any] = dict.fromkeys(source_names, source)
            if info_name is not None:
                kwargs[info_name] = info
            for argument in arguments:
                if argument.variable is None:
                    value = argument.default
                elif argument.variable in variables:
                    value = variables[argument.variable]
                    if value is None and argument.non_null:
                        raise Declined  # graphql-core: the argument has an invalid value
                elif argument.required:
                    raise Declined
                else:
                    value = argument.default
                if value is Undefined:
                    continue
                if argument.converted_type is not None:
                    value = convert_argument(
                        value,
                        argument.converted_type,
                        registry,
                        config,
                        info,
                        path=(argument.graphql_name,),
                    )
                kwargs[argument.python_name] = value
            return function(**kwargs)

        return call

    def _argument(
        self,
        argument: StrawberryArgument,
        field_def: GraphQLField,
        nodes: dict[str, Any],
    ) -> _Argument:
        name = self._config.name_converter.from_argument(argument)
        definition: GraphQLArgument | None = field_def.args.get(name)
        if definition is None or (definition.out_name or name) != name:
            raise NotPlannable(f"argument {name} is not planned")
        node = nodes.get(name)
        required = is_required_argument(definition)
        default = coerce_default_value(definition)
        variable = None
        if node is None:
            if required:
                raise NotPlannable(f"argument {name} is missing")  # validation refuses it
        elif isinstance(node.value, VariableNode):
            variable = node.value.name.value
        else:  # a literal, coerced once: a scalar or an enum value (else not planned)
            default = coerce_input_literal(node.value, definition.type)
            if default is Undefined:
                raise NotPlannable(f"argument {name}'s literal is not a constant")
        if default is not Undefined and not isinstance(default, _IMMUTABLE):
            raise NotPlannable(f"argument {name}'s value could be changed by a resolver")
        type_ = argument.type
        plain = type_.of_type if type(type_) is StrawberryOptional else type_
        return _Argument(
            argument.python_name,
            name,
            variable,
            default,
            required,
            is_non_null_type(definition.type),
            None if plain in (str, int, float, bool) else type_,
        )

    def _resolvers_below(
        self, type_: GraphQLOutputType, selection_set: SelectionSetNode | None
    ) -> bool:
        """Whether a field below calls a resolver (which gets a resolve info and its path)."""
        named = get_named_type(type_)
        for selection in selection_set.selections if selection_set else ():
            if not isinstance(selection, FieldNode) or not is_object_type(named):
                return True  # not planned anyway
            if selection.name.value == "__typename":
                continue
            field_def = named.fields.get(selection.name.value)
            if field_def is None:
                return True
            definition = field_def.extensions.get(_STRAWBERRY_FIELD)
            if not isinstance(definition, StrawberryField) or not definition.is_basic_field:
                return True
            if self._resolvers_below(field_def.type, selection.selection_set):
                return True
        return False

    def _string_attributes(
        self, parent: GraphQLObjectType, selection_set: SelectionSetNode | None
    ) -> dict[str, str]:
        """The response keys of the selection's fields that Strawberry reads with `getattr`
        and that are of type String: a `str` read there is the field's completed value."""
        found: dict[str, str] = {}
        for selection in selection_set.selections if selection_set else ():
            if not isinstance(selection, FieldNode):
                continue
            field_def = parent.fields.get(selection.name.value)
            definition = field_def.extensions.get(_STRAWBERRY_FIELD) if field_def else None
            if (
                field_def is not None
                and isinstance(definition, StrawberryField)
                and definition.is_basic_field
                and definition.default_resolver is getattr
                and _is_string(field_def.type)
            ):
                key = selection.alias.value if selection.alias else selection.name.value
                found[key] = definition.python_name
        return found

    def _completion(
        self, type_: GraphQLOutputType, selection_set: SelectionSetNode | None, track: bool
    ) -> _Completion:
        """A value's completion; non-null is a flag of the inner type's completion (which
        returns None only for None), saving a call per value."""
        required = isinstance(type_, GraphQLNonNull)
        if isinstance(type_, GraphQLNonNull):
            type_ = type_.of_type
        if is_list_type(type_):
            item = self._completion(type_.of_type, selection_set, track)
            # A list of strings completes to a copy of itself: no call per string.
            strings = _is_string(type_.of_type)

            def listed(request: _Request, value: Any, path: Path | None) -> Any:
                if value is None:
                    if required:
                        raise Declined
                    return None
                if type(value) not in (list, tuple) and (
                    isinstance(value, Exception) or not is_iterable(value)
                ):
                    raise Declined
                if not track:
                    if strings and type(value) in (list, tuple):  # not an iterator: read twice
                        for element in value:
                            if type(element) is not str:
                                break
                        else:
                            return list(value)
                    return [item(request, element, None) for element in value]
                return [
                    item(request, element, Path(path, index, None))
                    for index, element in enumerate(value)
                ]

            return listed
        if is_leaf_type(type_):
            coerce = type_.coerce_output_value
            # String's coercion returns a str unchanged: most leaves skip the call.
            identity = str if type_ is GraphQLString else None

            def leaf(request: _Request, value: Any, path: Path | None) -> Any:
                if type(value) is identity:
                    return value
                if value is None:
                    if required:
                        raise Declined
                    return None
                if isinstance(value, Exception):
                    raise Declined
                completed = coerce(value)
                if completed is Undefined or completed is None:
                    raise Declined
                return completed

            return leaf
        if is_object_type(type_):
            # The string fields Strawberry reads with `getattr` are read here: a `str` there is
            # the field's completed value; anything else is completed by the field's step.
            attributes = self._string_attributes(type_, selection_set)
            fields = [
                (key, attributes.get(key), step)
                for key, step in self._selection(type_, selection_set)
            ]
            # Called without a resolve info: our types' `is_type_of` is an isinstance check,
            # done inline.
            is_type_of: Any = type_.is_type_of
            instance_of = is_type_of.struct if isinstance(is_type_of, InstanceOf) else None

            def object_value(request: _Request, value: Any, path: Path | None) -> Any:
                if value is None:
                    if required:
                        raise Declined
                    return None
                if instance_of is not None:  # which an Exception is not either
                    if not isinstance(value, instance_of):
                        raise Declined
                elif is_type_of is not None:
                    if is_type_of(value, None) is not True:
                        raise Declined
                elif isinstance(value, Exception):
                    raise Declined
                result = {}
                for key, attribute, step in fields:
                    if attribute is not None:
                        read = getattr(value, attribute)
                        if type(read) is str:
                            result[key] = read
                            continue
                    result[key] = step(request, value, path)
                return result

            return object_value
        raise NotPlannable(f"{type_} (an interface or a union) is not planned")


def _close(value: Any) -> None:
    """Close an awaitable the plan will not await (a coroutine would warn that it never ran)."""
    if optimized_is_awaitable(value):
        getattr(value, "close", lambda: None)()


def _is_string(type_: GraphQLOutputType) -> bool:
    """String or String!: a `str` completes to itself."""
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    return inner is GraphQLString


def plan_document(
    schema: Schema, query: str, rules: tuple[type[ASTValidationRule], ...]
) -> Plan | None:
    """The plan of a document with exactly one operation, valid under `rules`; else None."""
    graphql_schema = schema._schema
    try:
        document: DocumentNode = parse(query)
    except GraphQLError:
        return None
    if validate_document(graphql_schema, document, rules):
        return None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1 or len(document.definitions) != 1:
        return None
    try:
        return Plan(schema, operations[0])
    except NotPlannable:
        return None
