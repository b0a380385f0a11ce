"""The adaptive intake: the next question worth asking, or none when no answer left could change
the primary recommendation (docs/recommendation-policy.md, section 7).

Pure and in-memory, like the engine, and stateless: the caller sends what it knows so far each
time. Required fields come first, in a fixed order (the one that splits likely answers most
first). Then the optional signals, each asked only while some combination of answers to the
ones not yet asked could still change the primary (its approach and its variant).

Exact, not sampled: the ranking keys are sums of per-factor columns, and the four optional
factors (urgency, relationship, structure, context) each add their own column. So the primary's
variant stays first over every combination of the unasked fields exactly when, for every other
variant, its lead with each factor at its least favourable value still stays above zero: one
minimum per factor and variant, not one ranking per combination (at most 3 + 6 + 4 + 243 column
reads per variant instead of 17,496 rankings). The approach can only change through the growth
plan, whose presence depends on the goals (known) and on which variants can start (the context).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import product
from typing import Annotated, Any, Literal

import msgspec

from service.domain.content_files import CONTENT_DIR
from service.domain.recommendation.engine import Engine
from service.domain.recommendation.input import (
    REQUIRED_FIELDS,
    Situation,
    parse_partial,
    parse_situation,
    wording,
)
from service.domain.recommendation.limits import HORIZON_WEEKS, HOURS_PER_WEEK, MINUTES_PER_SESSION
from service.domain.recommendation.policy import Factor, GoalTrack
from service.domain.recommendation.tables import (
    CONTEXT_FIELDS,
    NOT_SAID,
    Tables,
    context_key,
)
from service.domain.vocabulary import (
    BaseApproach,
    CareerStage,
    Goal,
    RelationshipPreference,
    StructurePreference,
)

# Required fields, the one that splits likely answers most first (measured: mutual information
# between the field and the primary over 20,000 generated situations, docs/recommendation-
# policy.md section 7; `tests/unit/test_intake.py` measures it again and checks this order).
REQUIRED_ORDER = ("goals", "horizon_weeks", "career_stage", "minutes_per_session", "hours_per_week")
# Optional signals in the order a tie is broken (the closest competitor moved as much by two).
OPTIONAL_ORDER = (
    "urgent",
    "relationship_preference",
    "structure_preference",
    *(f"context.{flag}" for flag in CONTEXT_FIELDS),
)
FIELDS = REQUIRED_ORDER + OPTIONAL_ORDER  # the full form: every field a question fills
assert set(REQUIRED_ORDER) == REQUIRED_FIELDS


class QuestionKind(StrEnum):
    ONE_OF = "one_of"
    SEVERAL_OF = "several_of"
    NUMBER = "number"
    YES_NO = "yes_no"  # yes, no or not sure


class QuestionOption(msgspec.Struct, frozen=True):
    value: Annotated[
        str | bool | None,
        msgspec.Meta(description="What to send for the field; null: not said."),
    ]
    label: str
    not_sure: Annotated[
        bool,
        msgspec.Meta(description='This option is "not sure": the field counts as not said.'),
    ] = False


class Question(msgspec.Struct, frozen=True):
    field: Annotated[
        str,
        msgspec.Meta(
            description="The field the answer fills, dotted for context flags "
            "(`context.coach_budget`). Send it in the next request's body; an answer of "
            '"not sure" is sent as its option\'s value (null, or `no_preference`).'
        ),
    ]
    kind: QuestionKind
    text: str
    why: Annotated[str, msgspec.Meta(description="Why this question is asked now.")]
    required: bool
    options: tuple[QuestionOption, ...] = ()
    minimum: float | None = None  # numbers: the bounds, inclusive
    maximum: float | None = None
    integer: bool = False  # numbers: whole numbers only
    hint: str | None = None  # numbers: the bounds and unit, in words
    min_choices: int | None = None  # several of: how many may be chosen
    max_choices: int | None = None


class IntakeQuestion(msgspec.Struct, frozen=True, kw_only=True):
    """The next question; the intake is not done."""

    done: Literal[False]
    question: Question
    asked_so_far: Annotated[
        int, msgspec.Meta(description="Fields answered so far (not sure included).")
    ]


# -- the texts --------------------------------------------------------------------------------


class _Asked(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    text: str
    why: str | None = None
    hint: str | None = None
    options: dict[str, str] = {}


class IntakeTexts(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    locale: str
    answer_yes: str
    answer_no: str
    not_sure: str
    why_optional: str
    questions: dict[str, _Asked]


@lru_cache(maxsize=16)  # one per locale the content ships (a handful, checked below)
def intake_texts(locale: str) -> IntakeTexts:
    path = CONTENT_DIR / "intake" / f"{locale}.yaml"
    if not path.is_file():
        path = CONTENT_DIR / "intake" / "en.yaml"
    texts = msgspec.yaml.decode(path.read_bytes(), type=IntakeTexts)
    missing = set(FIELDS) - set(texts.questions)
    if missing:
        raise ValueError(f"{path.name}: no question for {sorted(missing)}")
    return texts


# -- what could still change the primary ------------------------------------------------------

PrimaryKey = tuple[str, str]  # (approach, variant)


@dataclass(frozen=True, slots=True)
class Pending:
    """The primary of the situation as known (unasked fields not said), and the unasked fields
    that could still change it, the most telling first (empty: done)."""

    primary: PrimaryKey
    fields: tuple[str, ...]


def _approach(t: Tables, top: int, plan: bool) -> str:
    base = t.variants[top].base_approach
    if plan or base is BaseApproach.HYBRID:
        return "blend"
    return base.value


def pending(
    engine: Engine,
    situation: Situation,
    unasked: frozenset[str],
    context_defaults: Mapping[str, bool],
) -> Pending:
    """Which of the `unasked` optional fields could still change `situation`'s primary, where
    a context flag not said takes the organisation's default (`context_defaults`)."""
    t = engine.tables
    scored = engine.scored(situation)
    k = scored.keys
    cols = t.columns
    top = scored.order[0]
    tracks = t.policy.goal_tracks
    both_tracks = {tracks[g] for g in situation.goals} >= {GoalTrack.GROWTH, GoalTrack.SKILL}

    def plan_at(key: int) -> bool:
        can_start = t.open_by_approach[key]
        return (
            both_tracks
            and bool(can_start[BaseApproach.MENTORING])
            and bool(can_start[BaseApproach.COACHING])
        )

    primary = (_approach(t, top, plan_at(k.context)), t.variants[top].slug)
    # The values each factor may still take (the one known when asked).
    urgency = (0, 1, NOT_SAID) if "urgent" in unasked else (k.urgent,)
    relationship = (
        tuple(RelationshipPreference) if "relationship_preference" in unasked else (k.relationship,)
    )
    structure = tuple(StructurePreference) if "structure_preference" in unasked else (k.structure,)
    flags: list[tuple[bool | None, ...]] = []
    for bit, flag in enumerate(CONTEXT_FIELDS):
        if f"context.{flag}" in unasked:
            flags.append((True, False, context_defaults.get(flag)))
        elif k.context >> bit & 1:
            flags.append((True,))
        elif k.context >> (bit + len(CONTEXT_FIELDS)) & 1:
            flags.append((False,))
        else:
            flags.append((None,))
    contexts = {_key_of(values): values for values in product(*flags)}
    parts: list[tuple[str, tuple[Any, ...], Any, dict[Any, Any]]] = [
        ("urgent", urgency, k.urgent, cols[Factor.URGENCY]),
        ("relationship_preference", relationship, k.relationship, cols[Factor.RELATIONSHIP]),
        ("structure_preference", structure, k.structure, cols[Factor.STRUCTURE]),
        ("context", tuple(contexts), k.context, cols[Factor.CONTEXT]),
    ]
    packed = scored.packed
    # Done? The primary's variant stays first for every combination exactly when each
    # competitor's lead, with every factor at its least favourable value, stays above zero.
    worst: tuple[int, int, list[Any]] | None = None  # (margin, competitor, least favourable)
    for q in range(len(packed)):
        if q == top:
            continue
        margin = packed[top] - packed[q]
        chosen = []
        for _, values, now, column in parts:
            here = column[now].scaled
            lead_now = here[top] - here[q]
            best, least = now, lead_now
            for value in values:
                scaled = column[value].scaled
                lead = scaled[top] - scaled[q]
                if lead < least:
                    best, least = value, lead
            margin -= lead_now - least
            chosen.append(best)
        if margin <= 0 and (worst is None or margin < worst[0]):
            worst = (margin, q, chosen)
    flips: list[int] = []  # contexts that change the approach through the growth plan
    if worst is None and both_tracks and t.variants[top].base_approach is not BaseApproach.HYBRID:
        flips = [key for key in contexts if plan_at(key) != plan_at(k.context)]
    if worst is None and not flips:
        return Pending(primary, ())

    def primary_at(name: str, value: Any) -> PrimaryKey:
        """The primary with one factor's key changed, the others as now."""
        _, _, now, column = next(part for part in parts if part[0] == name)
        here, there = column[now].scaled, column[value].scaled
        scores = [p - h + v for p, h, v in zip(packed, here, there, strict=True)]
        best = max(range(len(scores)), key=scores.__getitem__)
        plan = plan_at(value if name == "context" else k.context)
        return _approach(t, best, plan), t.variants[best].slug

    # The fields whose answer alone can change the primary, the likeliest to first (the share
    # of its answers that would change it).
    telling: dict[str, float] = {}
    for name, values, now, _ in parts:
        if name != "context":
            if name in unasked:
                changed = sum(primary_at(name, value) != primary for value in values)
                if changed:
                    telling[name] = changed / len(values)
            continue
        for bit, flag in enumerate(CONTEXT_FIELDS):
            if f"context.{flag}" not in unasked:
                continue
            options = {_key_of(_with_flag(_set(bit, v), now, flag)) for v in flags[bit]}
            changed = sum(primary_at("context", key) != primary for key in options)
            if changed:
                telling[f"context.{flag}"] = changed / len(options)
    if not telling:
        # Only answers together can change it: the fields the least favourable combination
        # against the closest competitor sets (or that flips the growth plan), by how far each
        # moves that competitor.
        if worst is not None:
            _, q, chosen = worst
            for (name, _, now, column), value in zip(parts, chosen, strict=True):
                if value == now:
                    continue
                here, there = column[now].scaled, column[value].scaled
                if name != "context":
                    telling[name] = (here[top] - here[q]) - (there[top] - there[q])
                    continue
                for flag in _differing(now, value):
                    single = column[_key_of(_with_flag(contexts[value], now, flag))].scaled
                    telling[f"context.{flag}"] = (here[top] - here[q]) - (single[top] - single[q])
        else:
            telling = {f"context.{flag}": 0 for flag in _differing(k.context, flips[0])}
    order = {name: i for i, name in enumerate(OPTIONAL_ORDER)}
    ranked = sorted(telling, key=lambda name: (-telling[name], order[name]))
    return Pending(primary, tuple(ranked))


def _set(bit: int, value: bool | None) -> tuple[bool | None, ...]:
    values: list[bool | None] = [None] * len(CONTEXT_FIELDS)
    values[bit] = value
    return tuple(values)


def _key_of(values: tuple[bool | None, ...]) -> int:
    said_yes = said_no = 0
    for bit, value in enumerate(values):
        if value is True:
            said_yes |= 1 << bit
        elif value is False:
            said_no |= 1 << bit
    return context_key(said_yes, said_no)


def _state(key: int, bit: int) -> bool | None:
    if key >> bit & 1:
        return True
    if key >> (bit + len(CONTEXT_FIELDS)) & 1:
        return False
    return None


def _differing(a: int, b: int) -> list[str]:
    return [flag for bit, flag in enumerate(CONTEXT_FIELDS) if _state(a, bit) != _state(b, bit)]


def _with_flag(target: tuple[bool | None, ...], now: int, flag: str) -> tuple[bool | None, ...]:
    """The context `now` with only `flag` set as in `target`."""
    values = [_state(now, bit) for bit in range(len(CONTEXT_FIELDS))]
    bit = CONTEXT_FIELDS.index(flag)
    values[bit] = target[bit]
    return tuple(values)


# -- one step ---------------------------------------------------------------------------------


def known_fields(raw: Mapping[str, Any]) -> frozenset[str]:
    """The fields the body answers (a context flag by its dotted name; null counts: not sure)."""
    found = {name for name in raw if name != "context"}
    context = raw.get("context")
    if isinstance(context, Mapping):
        found |= {f"context.{flag}" for flag in context}
    return frozenset(found)


def step(
    engine: Engine, raw: object, defaults: Callable[[object], object]
) -> IntakeQuestion | Situation:
    """The next question for what `raw` says so far, or the situation to recommend for (every
    answer left unasked keeps the same primary). `defaults` fills what the organisation says
    for a context flag not said. Raises InvalidSituation like a recommendation."""
    known = parse_partial(raw, engine.messages)
    answered = known_fields(known)
    texts = intake_texts(engine.locale)
    for name in REQUIRED_ORDER:
        if name not in answered:
            question = _question(engine, texts, name)
            return IntakeQuestion(done=False, question=question, asked_so_far=len(answered))
    situation = parse_situation(defaults(known), engine.messages)
    filled = defaults({"context": {}})
    assert isinstance(filled, Mapping)
    context_defaults = filled["context"]
    unasked = frozenset(OPTIONAL_ORDER) - answered
    found = pending(engine, situation, unasked, context_defaults)
    if not found.fields:
        return situation
    return IntakeQuestion(
        done=False, question=_question(engine, texts, found.fields[0]), asked_so_far=len(answered)
    )


def _question(engine: Engine, texts: IntakeTexts, name: str) -> Question:
    asked = texts.questions[name]
    render = wording(engine.locale).render
    if name in REQUIRED_FIELDS:
        why = asked.why or ""
        if name in ("career_stage", "goals"):
            enum: type[StrEnum] = CareerStage if name == "career_stage" else Goal
            options = tuple(QuestionOption(v.value, asked.options[v.value]) for v in enum)
            if name == "goals":
                return Question(name, QuestionKind.SEVERAL_OF, asked.text, why, True, options,
                                min_choices=1, max_choices=len(Goal))  # fmt: skip
            return Question(name, QuestionKind.ONE_OF, asked.text, why, True, options)
        low, high = {
            "horizon_weeks": HORIZON_WEEKS,
            "hours_per_week": HOURS_PER_WEEK,
            "minutes_per_session": MINUTES_PER_SESSION,
        }[name]
        hint = render(asked.hint or "", min=low, max=high)
        return Question(name, QuestionKind.NUMBER, asked.text, why, True, minimum=low,
                        maximum=high, integer=name != "hours_per_week", hint=hint)  # fmt: skip
    why = asked.why or texts.why_optional
    if name in ("relationship_preference", "structure_preference"):
        prefs: type[StrEnum] = (
            RelationshipPreference if name == "relationship_preference" else StructurePreference
        )
        options = tuple(
            QuestionOption(v.value, asked.options[v.value], not_sure=v.value == "no_preference")
            for v in prefs
        )
        return Question(name, QuestionKind.ONE_OF, asked.text, why, False, options)
    options = (
        QuestionOption(True, texts.answer_yes),
        QuestionOption(False, texts.answer_no),
        QuestionOption(None, texts.not_sure, not_sure=True),
    )
    return Question(name, QuestionKind.YES_NO, asked.text, why, False, options)
