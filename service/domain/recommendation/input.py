"""The situation a caller describes, and its validation into a list of field problems.

`parse_situation` takes an already JSON-decoded body and either returns a `Situation` or raises
`InvalidSituation` naming every offending field. The fast path is one `msgspec.convert`; only a
body that fails it is walked field by field to collect all problems (msgspec stops at the first).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any

import msgspec

from service.cache import BoundedCache
from service.domain.content_files import CONTENT_DIR
from service.domain.recommendation.limits import HORIZON_WEEKS, HOURS_PER_WEEK, MINUTES_PER_SESSION
from service.domain.recommendation.policy import RecommendationMessages, load_messages
from service.domain.recommendation.wording import Wording
from service.domain.vocabulary import (
    CareerStage,
    Goal,
    RelationshipPreference,
    StructurePreference,
)

MAX_GOALS = len(Goal)


# Situations are kept with the engine's cached answers; immutable and never part of a
# reference cycle, so not tracked by the cyclic collector (output.py says why it matters).
class SituationContext(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """What the organisation and the person can offer: each flag true, false or not said."""

    # Not said (left out or null) is neutral in the score and in the texts, never a "no"
    # (docs/recommendation-policy.md).

    senior_learns_from_juniors: Annotated[
        bool | None,
        msgspec.Meta(
            description="The person is a senior leader who wants to learn from "
            "junior staff (reverse mentoring). Left out or null: not said."
        ),
    ] = None
    sponsors_available: Annotated[
        bool | None,
        msgspec.Meta(
            description="Senior advocates or sponsors are available. Left out or null: not said."
        ),
    ] = None
    peers_available: Annotated[
        bool | None,
        msgspec.Meta(
            description="Peers at a similar career stage are available. Left out or null: not said."
        ),
    ] = None
    coach_budget: Annotated[
        bool | None,
        msgspec.Meta(
            description="There is budget for an external coach. Left out or null: not said."
        ),
    ] = None
    ai_acceptable: Annotated[
        bool | None,
        msgspec.Meta(description="AI coaching tools are acceptable. Left out or null: not said."),
    ] = None


class Situation(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """An employee's situation. Nothing in it is stored or logged."""

    career_stage: Annotated[
        CareerStage, msgspec.Meta(description="Current career stage.", examples=["mid"])
    ]
    goals: Annotated[
        tuple[Goal, ...],
        msgspec.Meta(
            min_length=1,
            max_length=MAX_GOALS,
            description="What the person wants from development, without repeats.",
            examples=[["career_navigation", "specific_skill"]],
        ),
    ]
    horizon_weeks: Annotated[
        int,
        msgspec.Meta(
            ge=HORIZON_WEEKS[0],
            le=HORIZON_WEEKS[1],
            description="How far ahead the person plans, in weeks.",
            examples=[26],
        ),
    ]
    hours_per_week: Annotated[
        float,
        msgspec.Meta(
            ge=HOURS_PER_WEEK[0],
            le=HOURS_PER_WEEK[1],
            description="Hours a week available for development (0.05 is 3 minutes a week; "
            "15 minutes a fortnight is 0.125).",
            examples=[1.5],
        ),
    ]
    minutes_per_session: Annotated[
        int,
        msgspec.Meta(
            ge=MINUTES_PER_SESSION[0],
            le=MINUTES_PER_SESSION[1],
            description="Longest session the person can attend, in minutes.",
            examples=[60],
        ),
    ]
    urgent: Annotated[
        bool | None,
        msgspec.Meta(
            description="The person needs help now. Left out or null: not said (neutral).",
            examples=[False],
        ),
    ] = None
    relationship_preference: Annotated[
        RelationshipPreference,
        msgspec.Meta(description="Who the person would like to learn from."),
    ] = RelationshipPreference.NO_PREFERENCE
    structure_preference: Annotated[
        StructurePreference, msgspec.Meta(description="How structured the person wants it.")
    ] = StructurePreference.NO_PREFERENCE
    context: Annotated[
        SituationContext,
        msgspec.Meta(description="What the organisation and the person can offer."),
    ] = SituationContext()


class FieldProblem(msgspec.Struct, frozen=True):
    field: str  # dotted path: "goals[1]", "context.coach_budget"; "body" for the whole body
    message: str
    allowed: tuple[str, ...] | None = None


class InvalidSituation(Exception):
    """Every offending field, with a title and detail in the caller's locale (the same title
    on the single and the batch endpoint)."""

    def __init__(
        self, problems: list[FieldProblem], messages: RecommendationMessages | None = None
    ) -> None:
        super().__init__("invalid fields: " + ", ".join(p.field for p in problems))
        self.problems = problems
        self.title, self.detail = describe_problems(problems, messages or default_messages())


def describe_problems(problems: list[FieldProblem], m: RecommendationMessages) -> tuple[str, str]:
    """The localised title and detail of a list of field problems."""
    fields = wording(m.locale).join(list(dict.fromkeys(p.field for p in problems)))
    detail = _text(m, m.problems.detail, count=len(problems), fields=fields)
    return m.problems.title, detail


# One Wording per locale code the content ships (a handful): parse_situation gets messages, not
# an engine, and needs the locale's plural rules and number format for its problem texts.
_WORDINGS: BoundedCache[str, Wording] = BoundedCache(
    "recommendation_wording", max_entries=32, max_bytes=32 * 256 * 1024, sizeof=lambda _: 256 * 1024
)


def wording(locale: str) -> Wording:
    return _WORDINGS.get_or_build(locale, lambda: Wording(locale))


@lru_cache(maxsize=1)
def default_messages() -> RecommendationMessages:
    """The bundled English messages, read once; used when a caller passes none."""
    return load_messages((CONTENT_DIR / "messages" / "en.yaml").read_bytes())


def parse_situation(raw: object, messages: RecommendationMessages | None = None) -> Situation:
    """Validate a JSON-decoded body; raise InvalidSituation listing every problem."""
    if isinstance(raw, dict):
        try:
            situation = msgspec.convert(raw, type=Situation, strict=True)
        except (msgspec.ValidationError, TypeError, ValueError):
            pass
        else:
            if len(set(situation.goals)) == len(situation.goals):
                return situation
    problems = _collect_problems(raw, messages or default_messages())
    if not problems:  # msgspec rejected something our walk accepts: report msgspec's words
        problems = [FieldProblem("body", _msgspec_error(raw))]
    raise InvalidSituation(problems, messages)


def parse_partial(raw: object, messages: RecommendationMessages | None = None) -> dict[str, Any]:
    """What an intake knows so far: any subset of the situation's fields, each validated as
    `parse_situation` validates it (unknown fields, types, bounds, repeats); nothing is
    required. Raises InvalidSituation listing every problem."""
    m = messages or default_messages()
    if not isinstance(raw, dict):
        raise InvalidSituation(_collect_problems(raw, m), messages)
    out: list[FieldProblem] = []
    _check_object("", raw, _FIELDS, frozenset(), m, out)
    if out:
        raise InvalidSituation(out, messages)
    return raw


def _msgspec_error(raw: object) -> str:
    try:
        msgspec.convert(raw, type=Situation, strict=True)
    except Exception as exc:
        return str(exc)
    return "invalid situation"


# ---------------------------------------------------------------------------------------------
# The slow path: walk the body and describe every problem.

_Check = Callable[[str, object, RecommendationMessages, list[FieldProblem]], None]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return (_is_int(value) or isinstance(value, float)) and math.isfinite(float(value))  # type: ignore[arg-type]


def _type_problem(path: str, kind: str, m: RecommendationMessages) -> FieldProblem:
    expected = m.problems.type_names[kind]
    return FieldProblem(path, _text(m, m.problems.wrong_type, expected=expected))


def _text(m: RecommendationMessages, template: str, **values: object) -> str:
    return wording(m.locale).render(template, **values)


def _range_problem(path: str, bounds: tuple[Any, Any], m: RecommendationMessages) -> FieldProblem:
    return FieldProblem(path, _text(m, m.problems.out_of_range, min=bounds[0], max=bounds[1]))


def _enum_check(enum: type[StrEnum]) -> _Check:
    allowed = tuple(member.value for member in enum)

    def check(path: str, value: object, m: RecommendationMessages, out: list[FieldProblem]) -> None:
        if not isinstance(value, str):
            out.append(FieldProblem(path, _type_problem(path, "string", m).message, allowed))
        elif value not in allowed:
            out.append(FieldProblem(path, _text(m, m.problems.not_allowed, value=value), allowed))

    return check


def _int_check(bounds: tuple[int, int]) -> _Check:
    def check(path: str, value: object, m: RecommendationMessages, out: list[FieldProblem]) -> None:
        if not _is_int(value):
            out.append(_type_problem(path, "integer", m))
        elif not bounds[0] <= value <= bounds[1]:  # type: ignore[operator]
            out.append(_range_problem(path, bounds, m))

    return check


def _number_check(bounds: tuple[float, float]) -> _Check:
    def check(path: str, value: object, m: RecommendationMessages, out: list[FieldProblem]) -> None:
        if not _is_number(value):
            out.append(_type_problem(path, "number", m))
        elif not bounds[0] <= value <= bounds[1]:  # type: ignore[operator]
            out.append(_range_problem(path, bounds, m))

    return check


def _bool_check(
    path: str, value: object, m: RecommendationMessages, out: list[FieldProblem]
) -> None:
    if not isinstance(value, bool) and value is not None:  # null: not said
        out.append(_type_problem(path, "boolean", m))


_check_goal = _enum_check(Goal)


def _goals_check(
    path: str, value: object, m: RecommendationMessages, out: list[FieldProblem]
) -> None:
    if not isinstance(value, list | tuple):
        out.append(_type_problem(path, "list", m))
        return
    if not value:
        out.append(FieldProblem(path, _text(m, m.problems.too_few, min=1)))
    elif len(value) > MAX_GOALS:
        out.append(FieldProblem(path, _text(m, m.problems.too_many, max=MAX_GOALS)))
    seen: set[str] = set()
    for index, item in enumerate(value):
        item_path = f"{path}[{index}]"
        before = len(out)
        _check_goal(item_path, item, m, out)
        if len(out) == before:
            assert isinstance(item, str)
            if item in seen:
                out.append(FieldProblem(item_path, _text(m, m.problems.duplicate, value=item)))
            seen.add(item)


_CONTEXT_FIELDS: dict[str, _Check] = {
    name: _bool_check for name in SituationContext.__struct_fields__
}


def _context_check(
    path: str, value: object, m: RecommendationMessages, out: list[FieldProblem]
) -> None:
    if not isinstance(value, dict):
        out.append(_type_problem(path, "object", m))
        return
    _check_object(path + ".", value, _CONTEXT_FIELDS, frozenset(), m, out)


_FIELDS: dict[str, _Check] = {
    "career_stage": _enum_check(CareerStage),
    "goals": _goals_check,
    "horizon_weeks": _int_check(HORIZON_WEEKS),
    "urgent": _bool_check,
    "hours_per_week": _number_check(HOURS_PER_WEEK),
    "minutes_per_session": _int_check(MINUTES_PER_SESSION),
    "relationship_preference": _enum_check(RelationshipPreference),
    "structure_preference": _enum_check(StructurePreference),
    "context": _context_check,
}
_REQUIRED = frozenset(
    name
    for name, default in zip(
        Situation.__struct_fields__,
        (msgspec.NODEFAULT,)
        * (len(Situation.__struct_fields__) - len(Situation.__struct_defaults__))
        + Situation.__struct_defaults__,
        strict=True,
    )
    if default is msgspec.NODEFAULT
)
REQUIRED_FIELDS = _REQUIRED  # what a situation cannot do without (the intake asks these first)
assert set(_FIELDS) == set(Situation.__struct_fields__)


def _check_object(
    prefix: str,
    body: Mapping[Any, object],
    fields: Mapping[str, _Check],
    required: frozenset[str],
    m: RecommendationMessages,
    out: list[FieldProblem],
) -> None:
    for key in sorted(body, key=str):
        name = str(key)
        if name not in fields:
            shown = name or '""'  # an empty key still needs a visible path
            out.append(
                FieldProblem(
                    prefix + shown, _text(m, m.problems.unknown_field, field=shown), tuple(fields)
                )
            )
    for name, check in fields.items():
        if name in body:
            check(prefix + name, body[name], m, out)
        elif name in required:
            out.append(FieldProblem(prefix + name, _text(m, m.problems.missing, field=name)))


def json_type(value: object) -> str:
    """The JSON kind of a decoded value, as named in `problems.type_names`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "list"
    return "object"


def _collect_problems(raw: object, m: RecommendationMessages) -> list[FieldProblem]:
    if not isinstance(raw, dict):
        if raw is None or raw == "" or raw == b"":
            return [FieldProblem("body", m.problems.empty_body)]
        kind = m.problems.type_names[json_type(raw)]
        return [FieldProblem("body", _text(m, m.problems.not_object, type=kind))]
    out: list[FieldProblem] = []
    if not raw:
        out.append(FieldProblem("body", m.problems.empty_body))
    _check_object("", raw, _FIELDS, _REQUIRED, m, out)
    return out
