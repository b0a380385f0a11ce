"""`recommend(situation)` and `recommendationPolicy`: the same core as `POST /v1/recommendations`.

The input mirrors the REST body in camelCase with GraphQL's own types: enumerations are enums
and the fields the core requires are non-null, so generated clients refuse `"earl"` or a
missing `careerStage` before sending. What GraphQL cannot say (ranges, repeated goals) the core
judges, with REST's field-level problems in `extensions.errors` under the GraphQL input names
(`horizonWeeks`, `goals[1]`, `context.coachBudget`).
"""

import typing
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import msgspec
import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info
from strawberry.types.unset import UNSET

from service.api.common.recommending import organisation_scope
from service.api.graphql.context import GraphQLContext
from service.api.graphql.scalars import Locale
from service.api.graphql.types import mirror_enum, mirror_struct
from service.domain.decisions import service as decisions
from service.domain.recommendation import output
from service.domain.recommendation import service as recommendations
from service.domain.recommendation.input import Situation, SituationContext
from service.domain.recommendation.intake import QuestionKind
from service.domain.recommendation.policy import Factor
from service.domain.vocabulary import RelationshipPreference, StructurePreference
from service.observability.metrics import record_recommendation

_INPUTS: dict[type[msgspec.Struct], Any] = {}


def _input_annotation(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _input_annotation(typing.get_args(annotation)[0])
    if origin in (tuple, list):
        return list[_input_annotation(typing.get_args(annotation)[0])]  # type: ignore[misc]
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return mirror_enum(annotation)  # the same GraphQL enum the output types use
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        return _INPUTS[annotation]
    return annotation


def _describe(field: msgspec.structs.FieldInfo) -> str | None:
    if typing.get_origin(field.type) is typing.Annotated:
        for meta in typing.get_args(field.type)[1:]:
            if isinstance(meta, msgspec.Meta) and meta.description:
                return meta.description
    return None


def mirror_input(
    struct: type[msgspec.Struct], name: str, description: str, partial: bool = False
) -> Any:
    """An input type with the Struct's fields: non-null where the core requires a value,
    optional (and left out of the body when not sent) where the core has a default; every
    field optional when `partial` (the intake's "what is known so far")."""
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__module__": __name__}
    for field in msgspec.structs.fields(struct):
        annotation = _input_annotation(field.type)
        described = _describe(field)
        if partial:
            annotations[field.name] = annotation | None
            described = f"{described or ''} Optional: not known yet when left out.".strip()
            namespace[field.name] = strawberry.field(default=UNSET, description=described)
        elif field.required:
            annotations[field.name] = annotation
            namespace[field.name] = strawberry.field(description=described)
        else:
            annotations[field.name] = annotation | None
            described = f"{described or ''} Optional: the core's default when left out.".strip()
            namespace[field.name] = strawberry.field(default=UNSET, description=described)
    namespace["__annotations__"] = annotations
    made = strawberry.input(type(name, (), namespace), description=description)
    if not partial:
        _INPUTS[struct] = made
    return made


def as_body(value: Any) -> Any:
    """The input as the snake_case JSON body REST would have received (unset fields left out)."""
    if isinstance(value, list):
        return [as_body(item) for item in value]
    if isinstance(value, Enum):  # before the next test: enum members see their class's definition
        return value.value
    if hasattr(value, "__strawberry_definition__"):
        return {name: as_body(item) for name, item in vars(value).items() if item is not UNSET}
    return value


mirror_enum(RelationshipPreference, "Who the person would like to learn from.")
mirror_enum(StructurePreference, "How structured the person wants the development to be.")
SituationContextInput = mirror_input(
    SituationContext,
    "SituationContextInput",
    "What the organisation and the person can offer (as REST's `context`).",
)
SituationInput = mirror_input(
    Situation,
    "SituationInput",
    "An employee's situation (as REST's body). Nothing in it is stored.",
)
IntakeSituationInput = mirror_input(
    Situation,
    "IntakeSituationInput",
    "What is known so far of a situation (as the REST intake's body): any subset of its "
    "fields. A context flag sent as null, or a preference sent as NO_PREFERENCE, counts as "
    "answered (not sure). Nothing in it is stored.",
    partial=True,
)

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

QuestionKindEnum = mirror_enum(
    QuestionKind,
    "one of the options, several of them, a number within bounds, or yes / no / not sure.",
)

if TYPE_CHECKING:
    from service.domain.recommendation.output import Recommendation

    SituationInputType = Any
    IntakeSituationInputType = Any
    QuestionKindType = Any
else:
    Recommendation = _Recommendation
    SituationInputType = SituationInput
    IntakeSituationInputType = IntakeSituationInput
    QuestionKindType = QuestionKindEnum


@strawberry.type(description="One answer a question offers.")
class IntakeOption:
    value: JSON | None = strawberry.field(
        description="What to send for the field: a string, a boolean, or null (not said)."
    )
    label: str = strawberry.field(description="The option in the caller's language.")
    not_sure: bool = strawberry.field(
        description='This option is "not sure": the field counts as not said.'
    )


@strawberry.type(description="The next question of the intake, as the REST intake words it.")
class IntakeQuestionItem:
    field: str = strawberry.field(
        description="The situation field the answer fills (snake_case as in REST, dotted for "
        "context flags: `context.coach_budget`)."
    )
    kind: QuestionKindType = strawberry.field(description="How the question is answered.")
    text: str = strawberry.field(description="The question in the caller's language.")
    why: str = strawberry.field(description="Why this question is asked now.")
    required: bool = strawberry.field(
        description='A field every recommendation needs (never "not sure").'
    )
    options: list[IntakeOption] = strawberry.field(
        description='The answers offered (empty for a number); one is "not sure" when the '
        "field is optional."
    )
    minimum: float | None = strawberry.field(description="Numbers: the lowest value allowed.")
    maximum: float | None = strawberry.field(description="Numbers: the highest value allowed.")
    integer: bool = strawberry.field(description="Numbers: whole numbers only.")
    hint: str | None = strawberry.field(description="Numbers: the bounds and unit, in words.")
    min_choices: int | None = strawberry.field(description="Several of: the fewest choices.")
    max_choices: int | None = strawberry.field(description="Several of: the most choices.")


@strawberry.type(
    description="The intake's step: the next question (done false), or the recommendation "
    "once no answer left could change its primary (done true), exactly as `recommend` gives it."
)
class IntakeStep:
    done: bool = strawberry.field(
        description="True: no answer left could change the primary; the recommendation is here."
    )
    question: IntakeQuestionItem | None = strawberry.field(
        description="The next question; null when done."
    )
    asked_so_far: int | None = strawberry.field(
        description="Fields answered so far (not sure included); null when done."
    )
    recommendation: Recommendation | None = strawberry.field(
        description="The recommendation, as `recommend` gives it; null until done."
    )


async def recommend(
    info: Info,
    situation: Annotated["SituationInputType", strawberry.argument(description="The situation.")],
    locale: Locale = None,
) -> Recommendation | None:
    """Thin: the scope is the field's permission class (`schema.py`), the work is the core's."""
    context: GraphQLContext = info.context
    view = context.root_view(info, locale)
    context.no_store = True  # a person's situation: never cached, never kept
    scope = None
    if context.state is not None:
        scope = await organisation_scope(context.state, context.identity)
    result = decisions.recommend(context.current(), view.locale, as_body(situation), scope)
    record_recommendation(result.primary.variant)
    return result


async def intake(
    info: Info,
    situation: Annotated[
        "IntakeSituationInputType", strawberry.argument(description="What is known so far.")
    ],
    locale: Locale = None,
) -> IntakeStep:
    """Thin, like `recommend`: the core decides the question or the recommendation."""
    context: GraphQLContext = info.context
    view = context.root_view(info, locale)
    context.no_store = True  # a person's situation: never cached, never kept
    scope = None
    if context.state is not None:
        scope = await organisation_scope(context.state, context.identity)
    found = decisions.intake(context.current(), view.locale, as_body(situation), scope)
    if isinstance(found, decisions.IntakeDone):
        record_recommendation(found.recommendation.primary.variant)
        return IntakeStep(
            done=True, question=None, asked_so_far=None, recommendation=found.recommendation
        )
    question = typing.cast(IntakeQuestionItem, found.question)  # read by attribute: same fields
    return IntakeStep(
        done=False, question=question, asked_so_far=found.asked_so_far, recommendation=None
    )


def recommendation_policy(info: Info) -> JSON:
    context: GraphQLContext = info.context
    return msgspec.to_builtins(recommendations.policy(context.current()))  # type: ignore[no-any-return]
