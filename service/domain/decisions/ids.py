"""Decision ids: a digest of everything a recommendation depends on, and nothing stored.

A decision id is `d1.` followed by one short digest per input, in a fixed order: the canonical
situation, the policy version, the organisation policy version ("-" when none), the content
version and the locale. A separate digest per input is what lets a replay say *which* input
differs from the id a deployer kept, while no input can be read back from the id.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

import msgspec

from service.domain.recommendation import Situation

PREFIX = "d1"
# Parts of the id, in order; also the names a 409 uses for the input that differs.
INPUTS = ("situation", "policy_version", "organisation_policy_version", "content_version", "locale")
# Hex digits per part: 64 bits for the situation (the only large input space), 32 for the rest.
_WIDTHS = (16, 8, 8, 8, 8)
NO_ORGANISATION = "-"


@dataclass(frozen=True, slots=True)
class DecisionInputs:
    situation: Situation
    policy_version: str
    organisation_policy_version: int | None
    content_version: int
    locale: str


def canonical_situation(situation: Situation) -> bytes:
    """The situation as JSON with every field present (defaults filled) and keys sorted, so two
    bodies that mean the same (field order, an omitted default) have the same digest."""
    return msgspec.json.encode(situation, order="sorted")


def _digest(value: bytes, width: int) -> str:
    return hashlib.blake2b(value, digest_size=width // 2, person=b"decision-id").hexdigest()


@lru_cache(maxsize=1024)
def _version_parts(
    policy_version: str, organisation_version: int | None, content_version: int, locale: str
) -> tuple[str, ...]:
    """The digests of everything but the situation: a handful of values, so computed once."""
    organisation = (
        NO_ORGANISATION
        if organisation_version is None
        else _digest(str(organisation_version).encode(), _WIDTHS[2])
    )
    return (
        _digest(policy_version.encode(), _WIDTHS[1]),
        organisation,
        _digest(str(content_version).encode(), _WIDTHS[3]),
        _digest(locale.encode(), _WIDTHS[4]),
    )


def _parts(inputs: DecisionInputs) -> tuple[str, ...]:
    return (
        _digest(canonical_situation(inputs.situation), _WIDTHS[0]),
        *_version_parts(
            inputs.policy_version,
            inputs.organisation_policy_version,
            inputs.content_version,
            inputs.locale,
        ),
    )


def decision_id(inputs: DecisionInputs) -> str:
    situation = _digest(canonical_situation(inputs.situation), _WIDTHS[0])
    versions = _versions_id(
        inputs.policy_version,
        inputs.organisation_policy_version,
        inputs.content_version,
        inputs.locale,
    )
    return f"{PREFIX}.{situation}.{versions}"


@lru_cache(maxsize=1024)
def _versions_id(
    policy_version: str, organisation_version: int | None, content_version: int, locale: str
) -> str:
    """The id's parts after the situation's, joined once per version set (a handful)."""
    return ".".join(_version_parts(policy_version, organisation_version, content_version, locale))


class MalformedDecisionId(ValueError):
    pass


def differing_inputs(claimed: str, inputs: DecisionInputs) -> list[str]:
    """The names of the inputs whose digest differs from the claimed decision id's; raises
    MalformedDecisionId when the claim is not a decision id this service issues."""
    prefix, *parts = claimed.strip().split(".")
    if prefix != PREFIX or len(parts) != len(INPUTS):
        raise MalformedDecisionId(claimed)
    for part, width in zip(parts, _WIDTHS, strict=True):
        hexadecimal = len(part) == width and all(c in "0123456789abcdef" for c in part)
        if part != NO_ORGANISATION and not hexadecimal:
            raise MalformedDecisionId(claimed)
    actual = _parts(inputs)
    return [name for name, a, b in zip(INPUTS, parts, actual, strict=True) if a != b]
