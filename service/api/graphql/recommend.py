"""`recommend(situation)` and `recommendationPolicy`: the same core as `POST /v1/recommendations`.

The input mirrors the REST body in camelCase, with every field optional and enumerations as
strings: the core, not GraphQL, judges the situation, so a bad one gets exactly REST's
field-level problems (`extensions.errors`, with REST's snake_case paths such as `goals[1]`).
"""

import typing
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import msgspec
import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info
from strawberry.types.unset import UNSET

from service.api.graphql.context import GraphQLContext
from service.api.graphql.types import mirror_enum, mirror_struct
from service.domain.recommendation import output
from service.domain.recommendation import service as recommendations
from service.domain.recommendation.input import Situation, SituationContext
from service.domain.recommendation.policy import Factor
from service.observability.metrics import record_recommendation

_INPUTS: dict[type[msgspec.Struct], Any] = {}


def _input_annotation(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _input_annotation(typing.get_args(annotation)[0])
    if origin in (tuple, list):
        return list[_input_annotation(typing.get_args(annotation)[0])]  # type: ignore[misc]
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return str
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        return _INPUTS[annotation]
    return annotation


def _describe(field: msgspec.structs.FieldInfo) -> str | None:
    described: str | None = None
    if typing.get_origin(field.type) is typing.Annotated:
        for meta in typing.get_args(field.type)[1:]:
            if isinstance(meta, msgspec.Meta) and meta.description:
                described = meta.description
    enum = next(
        (
            a
            for a in (typing.get_args(field.type) or (field.type,))
            if isinstance(a, type) and issubclass(a, StrEnum)
        ),
        None,
    )
    inner = typing.get_args(typing.get_args(field.type)[0]) if typing.get_args(field.type) else ()
    enum = enum or next((a for a in inner if isinstance(a, type) and issubclass(a, StrEnum)), None)
    if enum is not None:
        described = f"{described or ''} One of: {', '.join(m.value for m in enum)}.".strip()
    return described


def mirror_input(struct: type[msgspec.Struct], name: str) -> Any:
    """An input type with the Struct's fields, all optional (the core reports what is missing)."""
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__module__": __name__}
    for field in msgspec.structs.fields(struct):
        annotations[field.name] = _input_annotation(field.type) | None
        namespace[field.name] = strawberry.field(default=UNSET, description=_describe(field))
    namespace["__annotations__"] = annotations
    _INPUTS[struct] = strawberry.input(type(name, (), namespace), description=struct.__doc__)
    return _INPUTS[struct]


def as_body(value: Any) -> Any:
    """The input as the snake_case JSON body REST would have received (unset fields left out)."""
    if isinstance(value, list):
        return [as_body(item) for item in value]
    if hasattr(value, "__strawberry_definition__"):
        return {name: as_body(item) for name, item in vars(value).items() if item is not UNSET}
    return value


SituationContextInput = mirror_input(SituationContext, "SituationContextInput")
SituationInput = mirror_input(Situation, "SituationInput")

mirror_enum(Factor, "A factor of the score.")
mirror_enum(output.PrimaryApproach, "mentoring, coaching, or a blend of both.")
mirror_struct(output.BreakdownItem)
mirror_struct(output.Reason)
mirror_struct(output.Caution)
mirror_struct(output.RankedVariant)
mirror_struct(output.Primary)
mirror_struct(output.GrowthTrack)
mirror_struct(output.GrowthPlan)
mirror_struct(output.Counterfactual)
_Recommendation = mirror_struct(output.Recommendation)

if TYPE_CHECKING:
    from service.domain.recommendation.output import Recommendation

    SituationInputType = Any
else:
    Recommendation = _Recommendation
    SituationInputType = SituationInput


def recommend(
    info: Info,
    situation: Annotated["SituationInputType", strawberry.argument(description="The situation.")],
    locale: Annotated[
        str | None,
        strawberry.argument(description="Locale of the texts; else `Accept-Language`, then `en`."),
    ] = None,
) -> Recommendation | None:
    """Thin: the scope is the field's permission class (`schema.py`), the work is the core's."""
    context: GraphQLContext = info.context
    view = context.root_view(info, locale)
    context.no_store = True  # a person's situation: never cached, never kept
    result = recommendations.recommend(context.current(), view.locale, as_body(situation))
    record_recommendation(result.primary.variant)
    return result


def recommendation_policy(info: Info) -> JSON:
    context: GraphQLContext = info.context
    return msgspec.to_builtins(recommendations.policy(context.current()))  # type: ignore[no-any-return]
