"""An organisation's policy: bounded adjustments to the released policy, applied per request.

Three kinds of adjustment, each documented on the policy card and in docs/organisations.md:

- `weights`: a multiplier per factor between MIN_MULTIPLIER and MAX_MULTIPLIER; the weights are
  then scaled back to add up to 1 (so the released policy's checks still hold).
- `not_offered`: variants the organisation does not offer. They are never recommended (left
  out of the ranking, the growth plan and the counterfactuals) and the answer lists them.
- `context_defaults`: organisation-wide answers to the context questions ("no coach budget
  here"). A default replaces only a flag the caller did not send, never one it sent.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Annotated

import msgspec

from service.domain.content import Snapshot
from service.domain.recommendation import Engine, Factor, RecommendationPolicy
from service.domain.recommendation.limits import SCALE
from service.domain.vocabulary import BaseApproach, Prerequisite

MIN_MULTIPLIER = 0.5
MAX_MULTIPLIER = 2.0
MAX_NOTE = 500

Multiplier = Annotated[float, msgspec.Meta(ge=MIN_MULTIPLIER, le=MAX_MULTIPLIER)]


class OrganisationPolicyDocument(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What an organisation changes; everything left out stays as released."""

    weights: Annotated[
        dict[Factor, Multiplier],
        msgspec.Meta(
            description=f"Multiplier per factor, {MIN_MULTIPLIER} to {MAX_MULTIPLIER}; the "
            "weights are scaled back to add up to 1."
        ),
    ] = {}
    not_offered: Annotated[
        tuple[str, ...],
        msgspec.Meta(
            max_length=32,
            description="Variant slugs the organisation does not offer: never recommended, "
            "and listed in every answer as not offered.",
        ),
    ] = ()
    context_defaults: Annotated[
        dict[Prerequisite, bool],
        msgspec.Meta(
            description="Organisation-wide context (e.g. coach_budget: false). Replaces a "
            "flag the caller did not send; never a value the caller sent."
        ),
    ] = {}
    # No NUL: PostgreSQL's JSONB cannot hold it.
    note: Annotated[str, msgspec.Meta(max_length=MAX_NOTE, pattern=r"^[^\u0000]*$")] = ""


class InvalidOrganisationPolicy(ValueError):
    pass


def adjusted_policy(
    policy: RecommendationPolicy, document: OrganisationPolicyDocument
) -> RecommendationPolicy:
    """The released policy with the organisation's weights, scaled back to a sum of 1 in
    units of 1e-4 (largest remainders get the rounding units, ties by factor order)."""
    if not document.weights:
        return policy
    raw = {
        factor: spec.weight * document.weights.get(factor, 1.0)
        for factor, spec in policy.factors.items()
    }
    total = sum(raw.values())
    exact = {factor: value / total * SCALE for factor, value in raw.items()}
    units = {factor: int(value) for factor, value in exact.items()}
    order = sorted(exact, key=lambda f: (-(exact[f] - units[f]), list(Factor).index(f)))
    for factor in order[: SCALE - sum(units.values())]:
        units[factor] += 1
    factors = {
        factor: msgspec.structs.replace(spec, weight=units[factor] / SCALE)
        for factor, spec in policy.factors.items()
    }
    return msgspec.structs.replace(policy, factors=factors)


def adjusted_snapshot(
    snapshot: Snapshot, document: OrganisationPolicyDocument, strict: bool = False
) -> Snapshot:
    """The snapshot as the organisation's keys see it: its weights, without the variants it
    does not offer. Raises InvalidOrganisationPolicy when no engine can be built from it.

    `strict` (publishing) also refuses variants the content does not have; applied to a later
    content version, a variant that has since gone is simply not there to leave out."""
    unknown = sorted(set(document.not_offered) - set(snapshot.policy.variants))
    if unknown and strict:
        raise InvalidOrganisationPolicy(f"not_offered names unknown variants: {unknown}")
    policy = adjusted_policy(snapshot.policy, document)
    offered = set(snapshot.policy.variants) - set(document.not_offered)
    left = {v.base_approach for v in snapshot.stored.bundle.catalogue.variants if v.slug in offered}
    if not {BaseApproach.MENTORING, BaseApproach.COACHING} <= left:
        raise InvalidOrganisationPolicy(
            "not_offered must leave at least one mentoring and one coaching variant: the "
            "ranking, the growth plan and the counterfactuals compare the two"
        )
    policy = msgspec.structs.replace(
        policy, variants={slug: p for slug, p in policy.variants.items() if slug in offered}
    )
    bundle = snapshot.stored.bundle
    catalogue = msgspec.structs.replace(
        bundle.catalogue,
        variants=tuple(v for v in bundle.catalogue.variants if v.slug in offered),
    )
    try:
        engines = {
            code: Engine(
                policy,
                catalogue,
                bundle.locales[code],
                engine.messages,
                content_version=snapshot.version,
            )
            for code, engine in snapshot.engines.items()
        }
    except (ValueError, KeyError, IndexError) as exc:
        raise InvalidOrganisationPolicy(f"this policy leaves no working engine: {exc}") from exc
    return dataclasses.replace(snapshot, policy=policy, engines=engines)


def with_context_defaults(raw: object, document: OrganisationPolicyDocument) -> object:
    """The body with the organisation's context defaults for every flag the caller left out
    (absent or null). Anything that is not an object is left alone for the validator."""
    if not document.context_defaults or not isinstance(raw, Mapping):
        return raw
    context = raw.get("context", {})
    if not isinstance(context, Mapping):  # null included: refused as without defaults
        return raw
    filled = dict(context)
    for flag, value in document.context_defaults.items():
        if filled.get(flag.value) is None:
            filled[flag.value] = value
    return {**raw, "context": filled}
