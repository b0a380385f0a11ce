"""An organisation's policy: bounded adjustments to the released policy, applied per request
at scoring time over the one shared engine (service/domain/recommendation/adjustment.py).

Three kinds of adjustment, each documented on the policy card and in docs/organisations.md:

- `weights`: a multiplier per factor between MIN_MULTIPLIER and MAX_MULTIPLIER; the weights are
  then scaled back to add up to 1 (so the released policy's checks still hold).
- `not_offered`: variants the organisation does not offer. They are never recommended (left
  out of the ranking, the growth plan and the counterfactuals) and the answer lists them.
- `context_defaults`: organisation-wide answers to the context questions ("no coach budget
  here"). A default replaces only a flag the caller did not send, never one it sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

import msgspec

from service.domain.content import Snapshot
from service.domain.recommendation import Factor, RecommendationPolicy
from service.domain.recommendation.adjustment import (
    Adjustment,
    InvalidAdjustment,
    check_offered,
    scaled_weights,
)
from service.domain.recommendation.limits import SCALE
from service.domain.vocabulary import Prerequisite

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


InvalidOrganisationPolicy = InvalidAdjustment


def adjusted_policy(
    policy: RecommendationPolicy, document: OrganisationPolicyDocument
) -> RecommendationPolicy:
    """The released policy with the organisation's weights, scaled back to a sum of 1 in
    units of 1e-4 (what the policy card shows; scoring applies the same units, adjustment.py)."""
    if not document.weights:
        return policy
    units = scaled_weights(policy, document.weights)
    factors = {
        factor: msgspec.structs.replace(spec, weight=units[factor] / SCALE)
        for factor, spec in policy.factors.items()
    }
    return msgspec.structs.replace(policy, factors=factors)


def adjustment(document: OrganisationPolicyDocument) -> Adjustment | None:
    """What scoring applies of the document (its weights and variants not offered), over the
    one shared engine of each locale; None when it changes neither."""
    return Adjustment.of(document.weights, document.not_offered)


def check_document(snapshot: Snapshot, document: OrganisationPolicyDocument) -> None:
    """Raise InvalidOrganisationPolicy for a document no recommendation could be made under on
    this content: a variant it does not have, or no mentoring or no coaching variant left.
    Cheap (no engine is built): publishing checks it before anything else is done."""
    known = {v.slug: v.base_approach for v in snapshot.stored.bundle.catalogue.variants}
    unknown = sorted(set(document.not_offered) - set(known))
    if unknown:
        raise InvalidOrganisationPolicy(f"not_offered names unknown variants: {unknown}")
    check_offered(known.items(), document.not_offered)


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
