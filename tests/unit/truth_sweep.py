"""The truth sweep: generated situations in every locale, each sentence checked against the
situation it describes (no tests here; `test_recommend_truth.py` runs it).

What a client reads is checked, not how the engine built it: claims are recognised in the text by
per-locale marker phrases (the wording the templates use for "fits", "partly fits", "said not
available", "long-term", ...), and numbers are read back with the locale's decimal separator.
Run as a script to print the counts: `.venv/bin/python -m tests.unit.truth_sweep`.

Besides false and broken sentences, it finds advice an L&D lead would not sign (issue 31), one
check name per class: a variant blocked by a prerequisite said unavailable that comes first, sits
above an open one, leads a growth-plan track or loses its reason (`blocked:`); a horizon reason
that is a strength but says "does not fit" (`horizon:`); a claim about the source that no quote
in the variant's editorial note backs (`source:`); "long-term growth" for a short horizon
(`headline:`); a counterfactual whose change does nothing for the variant it names
(`counterfactual:`); a time shortfall of the primary or of a plan left unsaid (`shortfall:`);
and wording the reviewers rejected (`grammar:`).
"""

from __future__ import annotations

import collections
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import msgspec

from service.domain.content_files import CONTENT_DIR, Catalogue, CatalogueVariant
from service.domain.recommendation import Recommendation, Situation, parse_situation
from tests.unit.test_recommend_helpers import apply_change, engine_for

LOCALES = ("en", "es", "fr", "de")
SITUATIONS = 2_000
SEED = 14
CONTEXT_FLAGS = (
    "senior_learns_from_juniors",
    "sponsors_available",
    "peers_available",
    "coach_budget",
    "ai_acceptable",
)
LONG_TERM_WEEKS = 26  # a model whose typical run is this long or longer is "long-term"

# -- per-locale markers of the claims a sentence makes -------------------------------------------
# Each list holds regular expressions (case-insensitive); the first list whose pattern occurs in
# a sentence names its claim. Old wordings stay listed so the sweep also judges older texts.
HORIZON_FITS = {
    "en": [r"which suits a horizon", r"fits your horizon"],
    "es": [r"lo que encaja con un horizonte", r"encaja con tu horizonte"],
    "fr": [r"ce qui convient à un horizon", r"correspond à votre horizon"],
    "de": [r"und passt damit zu einem", r"passt zu Ihrem Zeithorizont"],
}
HORIZON_PARTLY = {
    "en": [r"partly fits"],
    "es": [r"encaja en parte"],
    "fr": [r"correspond en partie"],
    "de": [r"passt nur teilweise"],
}
HORIZON_NOT = {
    "en": [r"a poor match for a horizon", r"does not fit your horizon"],
    "es": [r"lo que encaja mal con un horizonte", r"no encaja con tu horizonte"],
    "fr": [r"ce qui convient mal à un horizon", r"ne correspond pas à votre horizon"],
    "de": [r"passt damit schlecht zu", r"passt (\w+ )?nicht zu Ihrem Zeithorizont"],
}
TIME_COVERS = {
    "en": [r"Your time covers"],
    "es": [r"Tu disponibilidad cubre"],
    "fr": [r"Votre disponibilité couvre"],
    "de": [r"Ihre verfügbare Zeit deckt"],
}
# The old gap sentence claims both the session length and the weekly hours are short.
TIME_BOTH_SHORT = {
    "en": [r"more than you have"],
    "es": [r"más de lo que tienes"],
    "fr": [r"plus que ce dont vous disposez"],
    "de": [r"mehr, als Ihnen zur Verfügung steht"],
}
TIME_MINUTES_SHORT = {
    "en": [r"your sessions can last"],
    "es": [r"tus sesiones pueden durar"],
    "fr": [r"vos séances peuvent durer"],
    "de": [r"Ihre Sitzungen dürfen", r"Sie können sich höchstens .* pro Sitzung nehmen"],
}
TIME_HOURS_SHORT = {
    "en": [r"a week, and you have"],
    "es": [r"a la semana y tú dispones de"],
    "fr": [r"par semaine, et vous disposez de"],
    "de": [r"pro Woche, Sie haben"],
}
SAID_NOT_AVAILABLE = {
    "en": [r"you said is not available", r"which you said you do not have"],
    "es": [r"según indicas, no dispones"],
    "fr": [r"vous avez indiqué ne pas disposer"],
    "de": [r"laut Ihren Angaben nicht vorhanden"],
}
HEADLINE_LONG = {
    "en": [r"long-term"],
    "es": [r"a largo plazo"],
    "fr": [r"à long terme"],
    "de": [r"langfristig"],
}
HEADLINE_NOW = {
    "en": [r"right now", r"starts now"],
    "es": [r"desde ya", r"ahora mismo"],
    "fr": [r"dès maintenant", r"tout de suite"],
    "de": [r"sofort"],
}
# The plan says why it does not cover the horizon, or what a track needs before it starts.
PLAN_WHY_SHORT = {
    "en": [r"plan another cycle", r"longer than your horizon"],
    "es": [r"planifica otro ciclo", r"más largo que tu horizonte"],
    "fr": [r"prévoyez un autre cycle", r"plus longue? que votre horizon"],
    "de": [r"planen Sie einen weiteren Durchgang", r"länger als Ihr Zeithorizont"],
}
# A claim about what the source says about a variant's career stages.
SOURCE_PAIRS = {
    "en": [r"The source pairs"],
    "es": [r"La fuente asocia"],
    "fr": [r"La source associe"],
    "de": [r"Die Quelle ordnet"],
}
# The growth plan says that its two tracks need more weekly time than the person has.
PLAN_LOAD = {
    "en": [r"Together the two tracks need"],
    "es": [r"Entre las dos partes necesitan"],
    "fr": [r"Les deux volets demandent ensemble"],
    "de": [r"Beide Teile zusammen brauchen"],
}
# Who can lead a coach-led variant when no budget for an external coach was confirmed.
COACH_WHO = {
    "en": [r"internal coach"],
    "es": [r"coach interno"],
    "fr": [r"coach interne"],
    "de": [r"interne Coaching-Fachleute"],
}
# Words of the editorial notes' quotes that name a career stage (the source's own words).
STAGE_WORDS = {
    "early": [r"\bearly-stage\b"],
    "mid": [r"\bmid\b"],
    "senior": [r"\bsenior\b"],
    "executive": [r"\bsenior leaders\b", r"\bexecutives?\b"],
}
CHANGED_FACTOR = {
    "horizon_weeks": "horizon",
    "urgent": "urgency",
    "hours_per_week": "time",
    "minutes_per_session": "time",
    "relationship_preference": "relationship",
    "structure_preference": "structure",
}
MATCH_FIT = 0.7  # policy reason_thresholds: a fit at least this is a match
GAP_FIT = 0.4  # below this, a gap
# -- broken grammar, per locale ------------------------------------------------------------------
BROKEN = {
    "en": [
        r"(?<![\d.,])1 (hours|weeks|minutes|fields|values|sessions|goals)\b",
        r"\((s|es)\)",
        r"\b(a|an) (a|an)\b",
        r"\b\d+\.\d+\.\d",
        # A plural label with a singular verb: "peers ..., which you said is not available".
        r"\b(peers|sponsors|advocates|colleagues|tools)\b[^.;:]*, which you said is\b",
    ],
    "es": [
        r"(?<![\d.,])1 (horas|semanas|minutos|campos|valores|objetivos)\b",
        r"\((s|es)\)",
        r"\d\.\d",
        r"de tipo (list|dict|str|int|float|bool|null|NoneType)\b",
        r"\bde el\b",
        r"\ba el\b",
    ],
    "fr": [
        r"(?<![\d,])[01](,\d+)? (heures|semaines|minutes|séances)\b",
        r"\((s|x)\)",
        r"\d\.\d",
        r"(?:^|\s)(le|la|du|au) [AEIOUÉaeioué]",
        r"\bde le\b",
        r"\bà le\b",
        r"\bde les\b",
        r"\bà les\b",
        r"\ble (Mentorat|Coaching|Micro|Modèle)",
    ],
    "de": [
        r"(?<![\d.,])1 (Stunden|Wochen|Minuten|Felder|Werte|Sitzungen)\b",
        r"\bersten 1\b",
        r"\((er|n|e|s)\)",
        r"\d\.\d",
        r"Ihre Sitzungen dürfen",  # a permission, not how long the person can give
        r"\breicht\b[^.]*\bnicht in\b[^.]*\bhinaus\b",  # "reicht ... nicht in ... hinaus"
    ],
}
# Words that may stand right before a variant's name in running text (articles and contractions).
ARTICLES = {
    "es": {"el", "la", "los", "las", "del", "al"},
    "fr": {"le", "la", "les", "l'", "du", "des", "au", "aux"},
    "de": {
        "der", "die", "das", "den", "dem", "des", "zum", "zur", "im", "beim", "vom", "ins",
    },
}  # fmt: skip


@lru_cache(maxsize=256)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _any(patterns: dict[str, list[str]], locale: str, text: str) -> bool:
    return _compiled(tuple(patterns[locale])).search(text) is not None


@lru_cache(maxsize=8)
def _names_pattern(locale: str) -> re.Pattern[str]:
    alternatives = sorted((re.escape(n) for n in names(locale).values()), key=len, reverse=True)
    return re.compile("|".join(alternatives), re.IGNORECASE)


@lru_cache(maxsize=8)
def _broken(locale: str) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in BROKEN[locale]]


def numbers(text: str) -> list[float]:
    """Every number in a sentence, read with either decimal separator."""
    return [float(n.replace(",", ".")) for n in re.findall(r"\d+(?:[.,]\d+)?", text)]


@dataclass(frozen=True)
class Finding:
    check: str
    locale: str
    text: str
    situation: int = -1


@lru_cache(maxsize=1)
def catalogue() -> dict[str, CatalogueVariant]:
    data = msgspec.yaml.decode((CONTENT_DIR / "catalogue.yaml").read_bytes(), type=Catalogue)
    return {v.slug: v for v in data.variants}


@lru_cache(maxsize=8)
def names(locale: str) -> dict[str, str]:
    raw = msgspec.yaml.decode((CONTENT_DIR / "locales" / f"{locale}.yaml").read_bytes())
    return {slug: v["name"] for slug, v in raw["variants"].items()}


@lru_cache(maxsize=8)
def prerequisite_labels(locale: str) -> dict[str, str]:
    raw = msgspec.yaml.decode((CONTENT_DIR / "messages" / f"{locale}.yaml").read_bytes())
    labels: dict[str, str] = raw["labels"]["prerequisites"]
    return labels


def situations(
    count: int = SITUATIONS, seed: int = SEED, *, little_time: bool = False
) -> list[dict[str, Any]]:
    """Raw request bodies: every optional signal sent as true, as false, or left out. With
    `little_time`, weekly time is 3 to 36 minutes (below the old 0.25-hour minimum)."""
    rng = random.Random(seed)
    stages = ["early", "mid", "senior", "executive"]
    goals = [
        "career_navigation", "network_building", "industry_knowledge", "specific_skill",
        "performance_improvement", "behaviour_change", "immediate_challenge",
        "leadership_development", "advancement_visibility", "digital_fluency", "peer_learning",
    ]  # fmt: skip
    relationships = [
        "single_senior", "several_mentors", "peers", "junior_colleagues", "ai_tool",
        "no_preference",
    ]  # fmt: skip
    structures = ["informal", "semi_structured", "structured", "no_preference"]
    horizons = [1, 2, 3, 4, 5, 8, 12, 13, 16, 20, 26, 27, 40, 52, 53, 80, 104, 105, 156, 300, 520]
    out = []
    for _ in range(count):
        body: dict[str, Any] = {
            "career_stage": rng.choice(stages),
            "goals": rng.sample(goals, rng.choice([1, 1, 2, 2, 3, 4])),
            "horizon_weeks": rng.choice(horizons) if rng.random() < 0.5 else rng.randint(1, 520),
            "hours_per_week": round(rng.uniform(0.05, 0.6), 3)
            if little_time
            else round(2 ** rng.uniform(-2, 5.3), 2),
            "minutes_per_session": rng.choice([5, 10, 15, 20, 30, 45, 60, 90, 120, 480]),
        }
        if rng.random() < 0.6:
            body["urgent"] = rng.random() < 0.4
        if rng.random() < 0.6:
            body["relationship_preference"] = rng.choice(relationships)
        if rng.random() < 0.6:
            body["structure_preference"] = rng.choice(structures)
        context = {flag: rng.random() < 0.5 for flag in CONTEXT_FLAGS if rng.random() < 0.6}
        if context or rng.random() < 0.5:
            body["context"] = context
        out.append(body)
    return out


def sentences(answer: Recommendation) -> Iterator[tuple[str, str, str | None]]:
    """(where, text, variant slug) for every sentence of an answer; a reason's `where` ends
    with its kind ("reason.horizon.match")."""
    yield "headline", answer.primary.headline, answer.primary.variant
    for ranked in answer.ranking:
        for reason in ranked.reasons:
            kind = reason.code.rpartition(".")[2]
            yield f"reason.{reason.factor.value}.{kind}", reason.text, ranked.variant
        for caution in ranked.cautions:
            yield f"caution.{caution.code}", caution.text, ranked.variant
    if answer.growth_plan is not None:
        yield "growth_plan", answer.growth_plan.summary, None
    if answer.counterfactual is not None:
        yield "counterfactual", answer.counterfactual.text, answer.counterfactual.would_rank_first


def _shown_hours(value: float) -> float:
    return round(value, 1)


@lru_cache(maxsize=100_000)  # answers share most sentences: judge each text once
def grammar_findings(locale: str, text: str) -> tuple[str, ...]:
    """Broken plural, number and article patterns in one sentence (they depend on the text
    only)."""
    found = [f"grammar:{p.pattern}" for p in _broken(locale) if p.search(text)]
    if locale in ARTICLES:
        for match in _names_pattern(locale).finditer(text):
            before = (text[: match.start()].split() or [""])[-1].lower()
            if before not in ARTICLES[locale] and not before.endswith("'"):
                found.append("grammar:name without article")
            elif locale in ("es", "fr") and match.group(0)[0].isupper():
                found.append("grammar:capitalised name after article")
    return tuple(found)


@lru_cache(maxsize=1)
def coach_led() -> frozenset[str]:
    """The variants the policy says a coach leads (a budget for an external coach helps them)."""
    raw = msgspec.yaml.decode((CONTENT_DIR / "policy.yaml").read_bytes())
    return frozenset(raw.get("coach_led", ()))


@lru_cache(maxsize=1)
def source_stages() -> dict[str, frozenset[str]]:
    """Per variant, the career stages named by a quote of its English editorial note that the
    source really contains: what "the source pairs ..." may claim. The source is the English
    content's verbatim copy of it (summaries, table cells, topic bodies, term definitions)."""
    raw = msgspec.yaml.decode((CONTENT_DIR / "locales" / "en.yaml").read_bytes())
    verbatim = [
        *(text for a in raw["approaches"].values() for text in a.values()),
        *(text for a in raw["aspects"].values() for text in a.values()),
        *(t["body"] for t in raw["topics"].values()),
        *(t["definition"] for t in raw["terms"].values()),
    ]
    seed = " ".join(" ".join(verbatim).split()).lower()
    found: dict[str, frozenset[str]] = {}
    for slug, texts in raw["variants"].items():
        quotes = [
            q.lower()
            for q in re.findall(r"(?:(?<=\s)|^)'([^']+)'(?=[\s.,;:)]|$)", texts["editorial_note"])
            if " ".join(q.split()).lower() in seed
        ]
        found[slug] = frozenset(
            stage
            for stage, words in STAGE_WORDS.items()
            if any(re.search(w, q) for w in words for q in quotes)
        )
    return found


@lru_cache(maxsize=8)
def stage_labels(locale: str) -> dict[str, str]:
    raw = msgspec.yaml.decode((CONTENT_DIR / "messages" / f"{locale}.yaml").read_bytes())
    labels: dict[str, str] = raw["labels"]["career_stages"]
    return labels


@lru_cache(maxsize=8)
def _forms(locale: str) -> tuple[dict[str, str], re.Pattern[str]]:
    """Every written form of every variant's name (the catalogue name and the messages' forms
    with their article and case: "dem klassischen Mentoring"), lower-case, to its slug."""
    raw = msgspec.yaml.decode((CONTENT_DIR / "messages" / f"{locale}.yaml").read_bytes())
    by_form = {name.lower(): slug for slug, name in names(locale).items()}
    for slug, grammar in raw["names"].items():
        for form in grammar.get("forms", {}).values():
            by_form[form.lower()] = slug
    alternatives = sorted(map(re.escape, by_form), key=len, reverse=True)
    return by_form, re.compile("|".join(alternatives), re.IGNORECASE)


def named_variants(locale: str, text: str) -> list[str]:
    """The slugs of the variants a sentence names, in order."""
    by_form, pattern = _forms(locale)
    return [by_form[m.group(0).lower()] for m in pattern.finditer(text)]


def _stage_in(locale: str, text: str) -> str | None:
    labels = stage_labels(locale).items()
    present = [(len(label), stage) for stage, label in labels if label in text]
    return max(present)[1] if present else None


def _fit(ranked: Any, factor: str) -> float:
    return next(b.fit for b in ranked.breakdown if b.factor == factor)


def check(locale: str, body: dict[str, Any], s: Situation, answer: Recommendation) -> list[Finding]:
    found: list[Finding] = []
    h = s.horizon_weeks
    context = body.get("context", {})
    urgent = body.get("urgent")

    def bad(name: str, text: str) -> None:
        found.append(Finding(name, locale, text))

    def said_no(slug: str) -> bool:
        """A prerequisite of the variant was said to be unavailable (it cannot start)."""
        return any(context.get(p.value) is False for p in catalogue()[slug].prerequisites)

    def no_coach_budget(slug: str) -> bool:
        return slug in coach_led() and context.get("coach_budget") is False

    for where, text, slug in sentences(answer):
        record = catalogue()[slug] if slug else None
        for name in grammar_findings(locale, text):
            bad(name, text)
        if record is not None and _any(SAID_NOT_AVAILABLE, locale, text):
            # The headline's note names the blocked variant, not the primary.
            about = named_variants(locale, text) if where == "headline" else [slug]
            if not any(x is not None and (said_no(x) or no_coach_budget(x)) for x in about):
                bad("context:said not available without a no", text)
        if where.startswith("reason.horizon") and record is not None:
            d = record.duration_weeks
            inside = d.min <= h <= d.max
            # "partly fits" and "does not fit" are recognised before the plain "fits".
            if _any(HORIZON_PARTLY, locale, text):
                if inside:
                    bad("horizon:said to partly fit a horizon it contains", text)
            elif _any(HORIZON_NOT, locale, text):
                if inside:
                    bad("horizon:said not to fit a horizon it contains", text)
                if where.endswith(".match"):
                    bad("horizon:a strength that says it does not fit", text)
            elif _any(HORIZON_FITS, locale, text):
                if not inside:
                    bad("horizon:said to suit a horizon it excludes", text)
                if where.endswith(".gap"):
                    bad("horizon:a gap that says it fits", text)
            else:
                bad("horizon:claim not recognised", text)
        if _any(SOURCE_PAIRS, locale, text) and slug is not None:
            stage = _stage_in(locale, text)
            named = source_stages()[slug]
            claimed = (
                stage in named if where.endswith(".match") else bool(named) and stage not in named
            )
            if stage is None or not where.startswith("reason.career_stage") or not claimed:
                bad("source:a claim no quote of the editorial note backs", text)
        if where.startswith("reason.time") and record is not None:
            need_minutes = record.session_minutes.min
            need_hours = record.sessions_per_month.min * record.session_minutes.min / 60 / (52 / 12)
            minutes_ok = s.minutes_per_session >= need_minutes
            hours_ok = s.hours_per_week >= need_hours
            if _any(TIME_COVERS, locale, text) and not (minutes_ok and hours_ok):
                bad("time:said to cover a need it does not", text)
            if _any(TIME_BOTH_SHORT, locale, text) and (minutes_ok or hours_ok):
                bad("time:said both are short when one is not", text)
            if _any(TIME_MINUTES_SHORT, locale, text) and minutes_ok:
                bad("time:said sessions are short when they are not", text)
            if _any(TIME_HOURS_SHORT, locale, text) and hours_ok:
                bad("time:said hours are short when they are not", text)
            if _any(TIME_MINUTES_SHORT, locale, text) and s.minutes_per_session not in numbers(
                text
            ):
                bad("time:quoted minutes are not the situation's", text)
        if where == "headline" and record is not None:
            typical = record.duration_weeks.typical
            if _any(HEADLINE_LONG, locale, text) and typical < LONG_TERM_WEEKS:
                bad("headline:long-term for a short primary", text)
            if _any(HEADLINE_NOW, locale, text) and not (urgent and typical < LONG_TERM_WEEKS):
                bad("headline:help now without urgency or for a long primary", text)
            if urgent and typical < LONG_TERM_WEEKS and _any(HEADLINE_LONG, locale, text):
                bad("headline:long-term growth for an urgent situation", text)
            if _any(HEADLINE_LONG, locale, text) and h < LONG_TERM_WEEKS:
                bad("headline:long-term growth for a short horizon", text)
        if where == "growth_plan" and answer.growth_plan is not None:
            tracks = answer.growth_plan.tracks
            covered = max(t.duration_weeks for t in tracks)
            if covered < h and not _any(PLAN_WHY_SHORT, locale, text):
                bad("plan:covers less than the horizon without saying why", text)
            if any(t.duration_weeks > h for t in tracks) and not _any(PLAN_WHY_SHORT, locale, text):
                bad("plan:a track runs past the horizon without saying so", text)
            for track in tracks:
                for p in catalogue()[track.variant].prerequisites:
                    label = prerequisite_labels(locale)[p.value]
                    if context.get(p.value) is not True and label.lower() not in text.lower():
                        bad("plan:prerequisite not available and not named", text)
                if (
                    track.variant in coach_led()
                    and context.get("coach_budget") is not True
                    and not _any(COACH_WHO, locale, text)
                ):
                    bad("plan:a coach-led track without saying who can lead it", text)
    found += _advice(locale, body, s, answer, said_no)
    return found


def _advice(
    locale: str,
    body: dict[str, Any],
    s: Situation,
    answer: Recommendation,
    said_no: Any,
) -> list[Finding]:
    """The classes of issue 31 that span an answer: blocked variants, counterfactuals and
    time shortfalls."""
    found: list[Finding] = []

    def bad(name: str, text: str) -> None:
        found.append(Finding(name, locale, text))

    ranking = answer.ranking
    first = ranking[0]
    if said_no(answer.primary.variant):
        bad("blocked:a blocked variant is the primary", answer.primary.headline)
    seen_blocked = False
    for ranked in ranking:
        if said_no(ranked.variant):
            seen_blocked = True
            if not any(r.code == "context.gap" for r in ranked.reasons):
                bad("blocked:a blocked variant without its reason", ranked.variant)
        elif seen_blocked:
            bad("blocked:a blocked variant ranks above one that can start", ranked.variant)
    plan = answer.growth_plan
    if plan is not None and any(said_no(t.variant) for t in plan.tracks):
        bad("blocked:a blocked variant in the growth plan", plan.summary)
    built_for = [r.variant for r in ranking if _fit(r, "goals") >= MATCH_FIT]
    if built_for and all(said_no(v) for v in built_for):
        named = named_variants(locale, answer.primary.headline)
        if not _any(SAID_NOT_AVAILABLE, locale, answer.primary.headline) or not any(
            v in built_for for v in named
        ):
            bad("blocked:every variant built for the goals is blocked, unsaid", first.variant)

    cf = answer.counterfactual
    if cf is not None:
        winner = next(r for r in ranking if r.variant == cf.would_rank_first)
        factor = CHANGED_FACTOR.get(cf.field, "context")
        changed = engine_for(locale).recommend(apply_change(s, cf.field, cf.suggested))
        after = next(r for r in changed.ranking if r.variant == cf.would_rank_first)
        rises = _fit(after, factor) > _fit(winner, factor)
        matches = factor not in ("relationship", "structure", "context") or (
            _fit(after, factor) >= MATCH_FIT
        )
        if not (rises and matches and _fit(winner, "goals") >= GAP_FIT):
            bad("counterfactual:the change does nothing for the variant it names", cf.text)

    record = catalogue()[first.variant]
    need_hours = record.sessions_per_month.min * record.session_minutes.min / 60 / (52 / 12)
    minutes_short = s.minutes_per_session < record.session_minutes.min
    hours_short = s.hours_per_week < need_hours
    said = [c.text for c in first.cautions if c.code == "time_short"]
    if (minutes_short and not any(_any(TIME_MINUTES_SHORT, locale, t) for t in said)) or (
        hours_short and not any(_any(TIME_HOURS_SHORT, locale, t) for t in said)
    ):
        bad("shortfall:the primary's time shortfall unsaid", first.variant)
    if minutes_short or hours_short:
        fitting = [
            r.variant for r in ranking[1:] if _fit(r, "time") == 1.0 and not said_no(r.variant)
        ]
        pointed = [v for t in said for v in named_variants(locale, t) if v != first.variant]
        if fitting and pointed[:1] != fitting[:1]:
            bad("shortfall:no pointer to the best model that fits the time", " ".join(said))
    if plan is not None:
        for track in plan.tracks:
            if track.session_minutes < catalogue()[track.variant].session_minutes.min and not (
                _any(TIME_MINUTES_SHORT, locale, plan.summary)
                and track.variant in named_variants(locale, plan.summary)
            ):
                bad("shortfall:plan sessions shorter than a model's minimum, unsaid", plan.summary)
        load = sum(t.cadence_per_month * t.session_minutes for t in plan.tracks) / 60 / (52 / 12)
        if load > s.hours_per_week and not _any(PLAN_LOAD, locale, plan.summary):
            bad("shortfall:plan over the person's weekly time, unsaid", plan.summary)
    return found


def sweep(
    count: int = SITUATIONS,
    locales: tuple[str, ...] = LOCALES,
    *,
    seed: int = SEED,
    little_time: bool = False,
) -> list[Finding]:
    bodies = situations(count, seed, little_time=little_time)
    findings: list[Finding] = []
    for locale in locales:
        engine = engine_for(locale)
        for index, body in enumerate(bodies):
            s = parse_situation(body)
            for f in check(locale, body, s, engine.recommend(s)):
                findings.append(Finding(f.check, f.locale, f.text, index))
    return findings


def summary(findings: list[Finding]) -> str:
    counts = collections.Counter((f.check.split(":")[0], f.locale) for f in findings)
    by_check = collections.Counter(f.check for f in findings)
    answers = {(f.locale, f.situation) for f in findings}
    texts = {(f.locale, f.text) for f in findings}
    lines = [
        f"{len(findings)} findings in {len(answers)} answers (situation x locale); "
        f"{len(texts)} distinct false or broken sentences"
    ]
    lines += [f"  {kind} {locale}: {n}" for (kind, locale), n in sorted(counts.items())]
    lines += [f"  {n:6d}  {name}" for name, n in by_check.most_common()]
    return "\n".join(lines)


if __name__ == "__main__":
    import time

    started = time.perf_counter()
    result = sweep()
    print(summary(result))
    examples: dict[str, Finding] = {}
    for f in result:
        examples.setdefault(f"{f.check} [{f.locale}]", f)
    for key, f in sorted(examples.items()):
        print(f"- {key}: {f.text}")
    print(f"{time.perf_counter() - started:.1f} s")
