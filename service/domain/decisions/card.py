"""The policy card: intended use, inputs, factors and weights, limits, evidence, data handling
and human oversight, in every locale (the EU AI Act's "instructions for use", article 13).

The prose is data (`content/card/<locale>.yaml`); the weights come from the policy the card
describes; the evaluation figures come from `content/card/evidence.json`, which the test suite
produces and checks (tests/decisions/test_evidence.py). Numbers, percentages and lists are
formatted by Babel for the card's locale.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import msgspec
from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from service.cache import BoundedCache, size_of_bytes
from service.domain.content_files import CONTENT_DIR
from service.domain.recommendation import Factor, RecommendationPolicy

CARD_DIR = CONTENT_DIR / "card"
EVIDENCE_FILE = CARD_DIR / "evidence.json"
CARD_LOCALES = ("en", "es", "fr", "de")


# -- the files ------------------------------------------------------------------------------


class _Strict(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    pass


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
    evaluation_intro: str
    evaluation_stale: str
    checks: CheckTexts
    primary_share: str
    approach_names: dict[str, str]
    primary_share_item: str
    data_handling: tuple[str, ...]
    human_oversight: tuple[str, ...]
    link_labels: LinkLabels


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


@lru_cache(maxsize=len(CARD_LOCALES))
def card_texts(locale: str, card_dir: Path = CARD_DIR) -> CardTexts:
    return msgspec.yaml.decode((card_dir / f"{locale}.yaml").read_bytes(), type=CardTexts)


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


class CardLink(msgspec.Struct, frozen=True):
    label: str
    href: str


class PolicyCard(msgspec.Struct, frozen=True):
    """Instructions for use of the recommendation, for one policy version and locale."""

    locale: str
    policy_version: str
    title: str
    headings: Sections
    intended_purpose: str
    intended_users: tuple[str, ...]
    must_not_use_for: tuple[str, ...]
    inputs: tuple[CardInput, ...]
    not_said_rule: str
    factors: tuple[CardFactor, ...]
    limitations: tuple[str, ...]
    failure_modes: tuple[str, ...]
    evaluation: CardEvaluation
    data_handling: tuple[str, ...]
    human_oversight: tuple[str, ...]
    links: tuple[CardLink, ...]


def build_card(policy: RecommendationPolicy, locale: str, evidence: Evidence) -> PolicyCard:
    texts = card_texts(locale if locale in CARD_LOCALES else "en")
    code = texts.locale
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
    total = sum(evidence.primary_share.values()) or 1
    shares = [
        texts.primary_share_item.format(
            approach=texts.approach_names.get(approach, approach),
            share=format_percent(count / total, locale=code),
        )
        for approach, count in evidence.primary_share.items()
    ]
    evaluation = CardEvaluation(
        introduction=texts.evaluation_intro,
        policy_version=evidence.policy_version,
        produced_by=evidence.generated_by,
        checks=checks,
        primary_share=texts.primary_share.format(shares=format_list(shares, locale=code)),
        stale=None
        if evidence.policy_version == policy.version
        else texts.evaluation_stale.format(version=evidence.policy_version),
    )
    return PolicyCard(
        locale=code,
        policy_version=policy.version,
        title=texts.title,
        headings=texts.sections,
        intended_purpose=texts.intended_purpose,
        intended_users=texts.intended_users,
        must_not_use_for=texts.must_not_use_for,
        inputs=tuple(CardInput(name, how) for name, how in texts.inputs.items()),
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
        evaluation=evaluation,
        data_handling=texts.data_handling,
        human_oversight=texts.human_oversight,
        links=(
            CardLink(texts.link_labels.policy, "/v1/recommendations/policy"),
            CardLink(texts.link_labels.policies, "/v1/recommendations/policies"),
            CardLink(texts.link_labels.replay, "/v1/recommendations/replay"),
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
        "<!-- Generated from content/card/en.yaml, content/policy.yaml and "
        "content/card/evidence.json by `python -m service.domain.decisions.card`; "
        "do not edit. -->",
        "",
        f"# {card.title}",
        "",
        f"Policy version `{card.policy_version}`.",
        "",
        f"## {h.purpose}",
        "",
        card.intended_purpose,
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
        f"## {h.evaluation}",
        "",
        card.evaluation.introduction,
        "",
        f"Policy version `{card.evaluation.policy_version}`, `{card.evaluation.produced_by}`.",
        "",
        *[f"- {c.text}" for c in card.evaluation.checks],
        f"- {card.evaluation.primary_share}",
        "",
        *([card.evaluation.stale, ""] if card.evaluation.stale else []),
        f"## {h.data}",
        "",
        *bullets(card.data_handling),
        f"## {h.oversight}",
        "",
        *bullets(card.human_oversight),
        f"## {h.links}",
        "",
        *[f"- [{link.label}]({link.href})" for link in card.links],
    ]
    return "\n".join(lines) + "\n"


def committed_card_markdown() -> str:
    """docs/policy-card.md as it should be: the English card of the committed policy."""
    from service.domain.bundle import read_files
    from service.domain.recommendation import policy_from

    policy = policy_from(read_files().policy)
    return card_markdown(build_card(policy, "en", read_evidence()))


if __name__ == "__main__":
    import sys

    sys.stdout.write(committed_card_markdown())
