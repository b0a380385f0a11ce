"""The policy card: who provides it, intended use, how it works, inputs and what each does,
factors and weights, limits, results by group, evidence, review, regulatory status, data
handling and human oversight, in every locale (model-card practice, Mitchell et al. 2019; the
EU AI Act's "instructions for use", article 13(3)).

The prose is data (`content/card/<locale>.yaml`, the provider's facts in `facts.yaml`); the
weights and every statement about what an input does come from the policy the card describes
(`factor_effects`; tests/decisions/test_card.py measures them on the engine); the evaluation
figures come from `content/card/evidence.json`, which the test suite produces and checks
(tests/decisions/test_evidence.py). Numbers, percentages and lists are formatted by Babel for
the card's locale.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import msgspec
from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from service.cache import BoundedCache, size_of_bytes
from service.domain.content_files import CONTENT_DIR
from service.domain.recommendation import Factor, RecommendationPolicy
from service.domain.vocabulary import CareerStage

CARD_DIR = CONTENT_DIR / "card"
EVIDENCE_FILE = CARD_DIR / "evidence.json"
FACTS_FILE = CARD_DIR / "facts.yaml"
CARD_LOCALES = ("en", "es", "fr", "de")
# Repository paths the card links to (relative to docs/ in the Markdown page).
POLICY_DOC = "docs/recommendation-policy.md"
CHANGELOG = "content/policy-changelog.yaml"


# -- the files ------------------------------------------------------------------------------


class _Strict(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    pass


# Fields added after the GraphQL mirror's descriptions were written carry their own.
Heading = Annotated[str, msgspec.Meta(description="A section heading, in the card's locale.")]


class Sections(_Strict, frozen=True):
    purpose: str
    users: str
    must_not: str
    inputs: str
    factors: str
    limitations: str
    failure_modes: str
    evaluation: str
    data: str
    oversight: str
    links: str
    about: Heading
    method: Heading
    groups: Heading
    review: Heading
    regulatory: Heading


class CheckTexts(_Strict, frozen=True):
    source_scenarios: str
    same_bytes: str
    breakdowns_add_up: str
    counterfactuals_hold: str
    locales_agree: str
    archive_round_trip: str


class LinkLabels(_Strict, frozen=True):
    policy: str
    policies: str
    replay: str
    method: str
    changelog: str


class EffectTexts(_Strict, frozen=True):
    """What an input does, worded from `factor_effects` (placeholders filled through Babel)."""

    urgent: str  # {raised}, {lowered}
    context: str  # {coach_led}, {internal}, {not_said}
    career_stage: str  # {sourced}
    sourced_item: str  # {variant}, {stages}


class GroupTexts(_Strict, frozen=True):
    stage_changes: str  # {changed}, {total}
    by_stage: str  # {group}, {shares}
    by_locale: str  # {group}, {shares}
    what_to_do: tuple[str, ...]


class CardTexts(_Strict, frozen=True):
    locale: str
    title: str
    sections: Sections
    intended_purpose: str
    intended_users: tuple[str, ...]
    must_not_use_for: tuple[str, ...]
    inputs: dict[str, str]
    not_said_rule: str
    factors: dict[Factor, str]
    factor_line: str
    limitations: tuple[str, ...]
    failure_modes: tuple[str, ...]
    about: str  # {provider}, {version}, {released}, {licence}, {contact}
    not_recorded: str  # a release date the facts do not hold
    method: str
    effects: EffectTexts
    groups: GroupTexts
    evaluation_intro: str
    evaluation_situations: str  # {count}
    evaluation_independent: str
    evaluation_stale: str
    checks: CheckTexts
    primary_share: str
    approach_names: dict[str, str]
    primary_share_item: str
    stage_names: dict[str, str]  # career stages as the card's groups name them
    review: tuple[str, ...]
    regulatory: tuple[str, ...]
    data_handling: tuple[str, ...]
    human_oversight: tuple[str, ...]
    link_labels: LinkLabels


class Facts(_Strict, frozen=True):
    """Language-neutral facts about the provider (content/card/facts.yaml)."""

    provider: str
    contact: str
    licence: str
    released: dict[str, str]  # policy version -> ISO date it was released


class Check(msgspec.Struct, frozen=True):
    passed: int
    total: int


class Evidence(msgspec.Struct, frozen=True):
    """What the suite measured; written by tests/decisions/test_evidence.py, never by hand."""

    policy_version: str
    generated_by: str
    situations: int
    checks: dict[str, Check]
    primary_share: dict[str, int]  # approach -> how many generated situations got it first
    locales: tuple[str, ...]
    # Situations whose first variant changes when only the career stage changes (`passed`).
    stage_changes_first: Check
    primary_share_by_stage: dict[str, dict[str, int]]  # stage -> approach -> count
    primary_share_by_locale: dict[str, dict[str, int]]  # locale -> approach -> count


@lru_cache(maxsize=len(CARD_LOCALES))
def card_texts(locale: str, card_dir: Path = CARD_DIR) -> CardTexts:
    return msgspec.yaml.decode((card_dir / f"{locale}.yaml").read_bytes(), type=CardTexts)


@lru_cache(maxsize=1)
def card_facts(path: Path = FACTS_FILE) -> Facts:
    return msgspec.yaml.decode(path.read_bytes(), type=Facts)


@lru_cache(maxsize=len(CARD_LOCALES))
def variant_names(locale: str) -> dict[str, str]:
    """Each variant's name as running text of the locale: "la mentoría inversa", "das Reverse
    Mentoring" (the messages' forms), the plain name in English."""
    raw = msgspec.yaml.decode((CONTENT_DIR / "messages" / f"{locale}.yaml").read_bytes())
    texts = msgspec.yaml.decode((CONTENT_DIR / "locales" / f"{locale}.yaml").read_bytes())
    names = {slug: v["name"] for slug, v in texts["variants"].items()}
    form = {"es": "the", "fr": "the", "de": "acc"}.get(locale)
    for slug, grammar in raw["names"].items():
        names[slug] = grammar.get("forms", {}).get(form, names[slug])
    return names


@dataclass(frozen=True)
class Effects:
    """What the policy makes the inputs do, as the card states it (a test measures it)."""

    urgent_raises: tuple[str, ...]  # variants whose urgent fit is above their not-urgent fit
    urgent_lowers: tuple[str, ...]
    coach_led: tuple[str, ...]  # no budget for an external coach lowers them, blocks none
    internal_coach: float
    not_said: float
    source_stages: dict[str, tuple[CareerStage, ...]]  # the stages the source names


def factor_effects(policy: RecommendationPolicy) -> Effects:
    variants = sorted(policy.variants.items())
    return Effects(
        urgent_raises=tuple(s for s, v in variants if v.urgency.urgent > v.urgency.not_urgent),
        urgent_lowers=tuple(s for s, v in variants if v.urgency.urgent < v.urgency.not_urgent),
        coach_led=tuple(sorted(policy.coach_led)),
        internal_coach=policy.context.internal_coach,
        not_said=policy.context.not_said,
        source_stages={s: v.source_stages for s, v in variants if v.source_stages},
    )


def read_evidence(path: Path = EVIDENCE_FILE) -> Evidence:
    return msgspec.json.decode(path.read_bytes(), type=Evidence)


@lru_cache(maxsize=1)
def committed_evidence() -> Evidence:
    return read_evidence()


# -- the card -------------------------------------------------------------------------------


class CardSection(msgspec.Struct, frozen=True):
    heading: str


class CardInput(msgspec.Struct, frozen=True):
    field: str
    how_used: str


class CardFactor(msgspec.Struct, frozen=True):
    factor: Factor
    weight: float
    share: str  # the weight as a percentage of the score, in the card's locale
    what: str


class CardCheck(msgspec.Struct, frozen=True):
    check: str
    passed: int
    total: int
    text: str


class CardEvaluation(msgspec.Struct, frozen=True):
    introduction: str
    policy_version: str  # the version the figures were produced for
    produced_by: str
    checks: tuple[CardCheck, ...]
    primary_share: str
    stale: str | None  # set when the figures were produced for another policy version
    situations: Annotated[
        str, msgspec.Meta(description="How the evaluation situations were generated.")
    ] = ""
    independent: Annotated[
        str,
        msgspec.Meta(description="What was evaluated on situations the team did not write."),
    ] = ""


class CardLink(msgspec.Struct, frozen=True):
    label: str
    href: str


class PolicyCard(msgspec.Struct, frozen=True):
    """Instructions for use of the recommendation, for one policy version and locale."""

    locale: str
    policy_version: str
    title: str
    headings: Sections
    provider: Annotated[
        str, msgspec.Meta(description="Who provides the recommendation and this card.")
    ]
    released: Annotated[
        str,
        msgspec.Meta(description="When this policy version was released (ISO date), if recorded."),
    ]
    licence: Annotated[str, msgspec.Meta(description="The licence the provider grants.")]
    contact: Annotated[str, msgspec.Meta(description="Where to reach the provider.")]
    about: Annotated[
        str,
        msgspec.Meta(
            description="Provider, version, release date, licence and contact, as a sentence."
        ),
    ]
    method: Annotated[
        str, msgspec.Meta(description="How the recommendation works: a hand-weighted rule system.")
    ]
    intended_purpose: str
    intended_users: tuple[str, ...]
    must_not_use_for: tuple[str, ...]
    inputs: tuple[CardInput, ...]
    not_said_rule: str
    factors: tuple[CardFactor, ...]
    limitations: tuple[str, ...]
    failure_modes: tuple[str, ...]
    results_by_group: Annotated[
        tuple[str, ...],
        msgspec.Meta(
            description="How the first choice differs by career stage and by language, and "
            "what a deployer must do about it."
        ),
    ]
    evaluation: CardEvaluation
    review: Annotated[
        tuple[str, ...],
        msgspec.Meta(
            description="Who reviews the weights, how often, and how long a version serves."
        ),
    ]
    regulatory_status: Annotated[
        tuple[str, ...],
        msgspec.Meta(
            description="Regulatory status under the EU AI Act, and the likeliest misuse."
        ),
    ]
    data_handling: tuple[str, ...]
    human_oversight: tuple[str, ...]
    links: tuple[CardLink, ...]


def _effect_lines(policy: RecommendationPolicy, texts: CardTexts) -> dict[str, str]:
    """The inputs' statements that come from the policy, worded in the card's locale."""
    code = texts.locale
    effects = factor_effects(policy)
    names = variant_names(code)
    stage_names = texts.stage_names

    def listed(slugs: tuple[str, ...]) -> str:
        return format_list([names.get(s, s) for s in slugs], locale=code)

    sourced = [
        texts.effects.sourced_item.format(
            variant=names.get(slug, slug),
            stages=format_list([stage_names[st] for st in stages], locale=code),
        )
        for slug, stages in effects.source_stages.items()
    ]
    return {
        "urgent": texts.effects.urgent.format(
            raised=listed(effects.urgent_raises), lowered=listed(effects.urgent_lowers)
        ),
        "context": texts.effects.context.format(
            coach_led=listed(effects.coach_led),
            internal=format_decimal(effects.internal_coach, locale=code),
            not_said=format_decimal(effects.not_said, locale=code),
        ),
        "career_stage": texts.effects.career_stage.format(
            sourced=format_list(sourced, locale=code)
        ),
    }


def _shares(counts: dict[str, int], texts: CardTexts, code: str) -> str:
    total = sum(counts.values()) or 1
    return format_list(
        [
            texts.primary_share_item.format(
                approach=texts.approach_names.get(approach, approach),
                share=format_percent(count / total, locale=code),
            )
            for approach, count in counts.items()
        ],
        locale=code,
    )


def _groups(evidence: Evidence, texts: CardTexts) -> tuple[str, ...]:
    code = texts.locale
    g = texts.groups
    changed = evidence.stage_changes_first
    lines = [
        g.stage_changes.format(
            changed=format_decimal(changed.passed, locale=code),
            total=format_decimal(changed.total, locale=code),
        )
    ]
    lines += [
        g.by_stage.format(
            group=texts.stage_names.get(stage, stage), shares=_shares(counts, texts, code)
        )
        for stage, counts in evidence.primary_share_by_stage.items()
    ]
    lines += [
        g.by_locale.format(
            group=Locale.parse(language).get_display_name(code) or language,
            shares=_shares(counts, texts, code),
        )
        for language, counts in evidence.primary_share_by_locale.items()
    ]
    return (*lines, *g.what_to_do)


def build_card(policy: RecommendationPolicy, locale: str, evidence: Evidence) -> PolicyCard:
    texts = card_texts(locale if locale in CARD_LOCALES else "en")
    code = texts.locale
    facts = card_facts()
    released = facts.released.get(policy.version, texts.not_recorded)
    effects = _effect_lines(policy, texts)
    factors = tuple(
        CardFactor(
            factor=factor,
            weight=spec.weight,
            share=format_percent(spec.weight, locale=code),
            what=texts.factors[factor],
        )
        for factor, spec in sorted(policy.factors.items(), key=lambda item: -item[1].weight)
    )
    language_names = [Locale.parse(c).get_display_name(code) or c for c in evidence.locales]
    checks = tuple(
        CardCheck(
            check=name,
            passed=figure.passed,
            total=figure.total,
            text=getattr(texts.checks, name).format(
                passed=format_decimal(figure.passed, locale=code),
                total=format_decimal(figure.total, locale=code),
                locales=format_list(language_names, locale=code),
            ),
        )
        for name, figure in evidence.checks.items()
        if hasattr(texts.checks, name)
    )
    evaluation = CardEvaluation(
        introduction=texts.evaluation_intro,
        policy_version=evidence.policy_version,
        produced_by=evidence.generated_by,
        checks=checks,
        primary_share=texts.primary_share.format(
            shares=_shares(evidence.primary_share, texts, code)
        ),
        stale=None
        if evidence.policy_version == policy.version
        else texts.evaluation_stale.format(version=evidence.policy_version),
        situations=texts.evaluation_situations.format(
            count=format_decimal(evidence.situations, locale=code)
        ),
        independent=texts.evaluation_independent,
    )
    return PolicyCard(
        locale=code,
        policy_version=policy.version,
        title=texts.title,
        headings=texts.sections,
        provider=facts.provider,
        released=released,
        licence=facts.licence,
        contact=facts.contact,
        about=texts.about.format(
            provider=facts.provider,
            version=policy.version,
            released=released,
            licence=facts.licence,
            contact=facts.contact,
        ),
        method=texts.method,
        intended_purpose=texts.intended_purpose,
        intended_users=texts.intended_users,
        must_not_use_for=texts.must_not_use_for,
        inputs=tuple(
            CardInput(name, f"{how} {effects[name]}" if name in effects else how)
            for name, how in texts.inputs.items()
        ),
        not_said_rule=texts.not_said_rule,
        factors=tuple(
            msgspec.structs.replace(
                f,
                what=f"{f.what} "
                + texts.factor_line.format(
                    weight=format_decimal(f.weight, locale=code), share=f.share
                ),
            )
            for f in factors
        ),
        limitations=texts.limitations,
        failure_modes=texts.failure_modes,
        results_by_group=_groups(evidence, texts),
        evaluation=evaluation,
        review=texts.review,
        regulatory_status=texts.regulatory,
        data_handling=texts.data_handling,
        human_oversight=texts.human_oversight,
        links=(
            CardLink(texts.link_labels.policy, "/v1/recommendations/policy"),
            CardLink(texts.link_labels.policies, "/v1/recommendations/policies"),
            CardLink(texts.link_labels.replay, "/v1/recommendations/replay"),
            CardLink(texts.link_labels.method, POLICY_DOC),
            CardLink(texts.link_labels.changelog, CHANGELOG),
        ),
    )


class PolicyCards:
    """Encoded cards by (policy version, locale): built once, kept least recently used."""

    def __init__(self, max_cards: int = 64) -> None:
        self._cards: BoundedCache[tuple[str, str], bytes] = BoundedCache(
            "policy_cards",
            max_entries=max_cards,
            max_bytes=max_cards * 64 * 1024,
            sizeof=size_of_bytes,
        )

    def encoded(self, policy: RecommendationPolicy, locale: str) -> bytes:
        return self._cards.get_or_build(
            (policy.version, locale),
            lambda: msgspec.json.encode(build_card(policy, locale, committed_evidence())),
        )


def card_markdown(card: PolicyCard) -> str:
    """The card as a Markdown page (docs/policy-card.md is the English one)."""
    h = card.headings

    def bullets(items: tuple[str, ...]) -> list[str]:
        return [f"- {item}" for item in items] + [""]

    lines = [
        "<!-- Generated from content/card/en.yaml, content/card/facts.yaml, content/policy.yaml "
        "and content/card/evidence.json by `python -m service.domain.decisions.card` "
        "(`make docs`); do not edit. -->",
        "",
        f"# {card.title}",
        "",
        f"Policy version `{card.policy_version}`.",
        "",
        f"## {h.about}",
        "",
        card.about,
        "",
        f"## {h.purpose}",
        "",
        card.intended_purpose,
        "",
        f"## {h.method}",
        "",
        card.method,
        "",
        f"## {h.users}",
        "",
        *bullets(card.intended_users),
        f"## {h.must_not}",
        "",
        *bullets(card.must_not_use_for),
        f"## {h.inputs}",
        "",
        *[f"- `{i.field}`: {i.how_used}" for i in card.inputs],
        "",
        card.not_said_rule,
        "",
        f"## {h.factors}",
        "",
        *[f"- `{f.factor.value}`: {f.what}" for f in card.factors],
        "",
        f"## {h.limitations}",
        "",
        *bullets(card.limitations),
        f"## {h.failure_modes}",
        "",
        *bullets(card.failure_modes),
        f"## {h.groups}",
        "",
        *bullets(card.results_by_group),
        f"## {h.evaluation}",
        "",
        card.evaluation.introduction,
        "",
        card.evaluation.situations,
        "",
        f"Policy version `{card.evaluation.policy_version}`, `{card.evaluation.produced_by}`.",
        "",
        *[f"- {c.text}" for c in card.evaluation.checks],
        f"- {card.evaluation.primary_share}",
        "",
        card.evaluation.independent,
        "",
        *([card.evaluation.stale, ""] if card.evaluation.stale else []),
        f"## {h.review}",
        "",
        *bullets(card.review),
        f"## {h.regulatory}",
        "",
        *bullets(card.regulatory_status),
        f"## {h.data}",
        "",
        *bullets(card.data_handling),
        f"## {h.oversight}",
        "",
        *bullets(card.human_oversight),
        f"## {h.links}",
        "",
        *[f"- [{link.label}]({_relative(link.href)})" for link in card.links],
    ]
    return "\n".join(lines) + "\n"


def _relative(href: str) -> str:
    """A repository path as seen from docs/, where the Markdown card lives."""
    if href.startswith("docs/"):
        return href.removeprefix("docs/")
    return href if href.startswith("/") else f"../{href}"


def committed_card_markdown() -> str:
    """docs/policy-card.md as it should be: the English card of the committed policy."""
    from service.domain.bundle import read_files
    from service.domain.recommendation import policy_from

    policy = policy_from(read_files().policy)
    return card_markdown(build_card(policy, "en", read_evidence()))


if __name__ == "__main__":
    import sys

    sys.stdout.write(committed_card_markdown())
