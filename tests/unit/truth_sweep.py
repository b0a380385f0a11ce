"""The truth sweep: generated situations in every locale, each sentence checked against the
situation it describes (no tests here; `test_recommend_truth.py` runs it).

What a client reads is checked, not how the engine built it: claims are recognised in the text by
per-locale marker phrases (the wording the templates use for "fits", "partly fits", "said not
available", "long-term", ...), and numbers are read back with the locale's decimal separator.
Run as a script to print the counts: `.venv/bin/python -m tests.unit.truth_sweep`.
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
from tests.unit.test_recommend_helpers import engine_for

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
    "de": [r"Ihre Sitzungen dürfen"],
}
TIME_HOURS_SHORT = {
    "en": [r"a week, and you have"],
    "es": [r"a la semana y tú dispones de"],
    "fr": [r"par semaine, et vous disposez de"],
    "de": [r"pro Woche, Sie haben"],
}
SAID_NOT_AVAILABLE = {
    "en": [r"you said is not available"],
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
# -- broken grammar, per locale ------------------------------------------------------------------
BROKEN = {
    "en": [
        r"(?<![\d.,])1 (hours|weeks|minutes|fields|values|sessions|goals)\b",
        r"\((s|es)\)",
        r"\b(a|an) (a|an)\b",
        r"\b\d+\.\d+\.\d",
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
    """(where, text, variant slug) for every sentence of an answer."""
    yield "headline", answer.primary.headline, answer.primary.variant
    for ranked in answer.ranking:
        for reason in ranked.reasons:
            yield f"reason.{reason.factor.value}", reason.text, ranked.variant
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


def check(locale: str, body: dict[str, Any], s: Situation, answer: Recommendation) -> list[Finding]:
    found: list[Finding] = []
    h = s.horizon_weeks
    context = body.get("context", {})
    urgent = body.get("urgent")

    def bad(name: str, text: str) -> None:
        found.append(Finding(name, locale, text))

    for where, text, slug in sentences(answer):
        record = catalogue()[slug] if slug else None
        for name in grammar_findings(locale, text):
            bad(name, text)
        said_no = record is not None and any(
            context.get(p.value) is False for p in record.prerequisites
        )
        if record is not None and _any(SAID_NOT_AVAILABLE, locale, text) and not said_no:
            bad("context:said not available without a no", text)
        if where == "reason.horizon" and record is not None:
            d = record.duration_weeks
            inside = d.min <= h <= d.max
            # "partly fits" and "does not fit" are recognised before the plain "fits".
            if _any(HORIZON_PARTLY, locale, text):
                if inside:
                    bad("horizon:said to partly fit a horizon it contains", text)
            elif _any(HORIZON_NOT, locale, text):
                if inside:
                    bad("horizon:said not to fit a horizon it contains", text)
            elif _any(HORIZON_FITS, locale, text):
                if not inside:
                    bad("horizon:said to suit a horizon it excludes", text)
            elif not any(
                _any(p, locale, text) for p in (HORIZON_FITS, HORIZON_PARTLY, HORIZON_NOT)
            ):
                bad("horizon:claim not recognised", text)
        if where == "reason.time" and record is not None:
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
        if where == "counterfactual" and answer.counterfactual is not None:
            cf = answer.counterfactual
            if cf.field == "horizon_weeks" and not h / 2 <= float(cf.suggested) <= 2 * h:
                bad("counterfactual:abandons the horizon (more than halves or doubles it)", text)
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
