"""Decision ids: a keyed proof of what a recommendation was made from, and nothing stored.

A decision id is `d2.<kid>.<nonce>.<tags>`:

- `kid` names the deployment key it was made with (`DECISION_ID_KEYS`: the first key makes new
  ids, every listed key still verifies, so ids made before a rotation still replay);
- `nonce` is 128 random bits, new for every id: two people with the same situation get
  unrelated ids, and an id says nothing about another;
- `tags` are one HMAC-SHA256 per input, keyed with the deployment key, over the nonce, the
  input's name and its value, in a fixed order: the organisation of the key that asked ("-"
  without one), the canonical situation (128 bits), the policy version, the organisation
  policy version, the content version and the locale (32 bits each). A replay recomputes them
  and says *which* input differs; without the key no input can be tested against an id, so
  nothing about the person can be read back from it (what an id reveals: its key id, and that
  it is one of this service's, to whoever holds the key).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import msgspec

from service.domain.recommendation import Situation

PREFIX = "d2"
# Parts of the id after the nonce, in order; also the names a 409 uses for the input that differs.
INPUTS = (
    "organisation",
    "situation",
    "policy_version",
    "organisation_policy_version",
    "content_version",
    "locale",
)
# Hex digits per tag: 128 bits for the situation (the only large input space), 32 for the rest.
_WIDTHS = (8, 32, 8, 8, 8, 8)
NONCE_HEX = 32  # 128 bits
NONE = "-"  # the value of an input that has none (no organisation, no organisation policy)
MAX_LENGTH = 3 + 17 + NONCE_HEX + 1 + sum(_WIDTHS) + len(_WIDTHS)  # what a replay accepts
KEY_ID = re.compile(r"[a-z0-9]{1,16}")
MIN_SECRET = 32  # characters of a deployment key
_HEX = re.compile(r"[0-9a-f]+")
# The form of an id (what `differing_inputs` accepts as well formed), for the OpenAPI document.
PATTERN = (
    "^"
    + r"\.".join(
        (PREFIX, KEY_ID.pattern, f"[0-9a-f]{{{NONCE_HEX}}}", *(f"[0-9a-f]{{{w}}}" for w in _WIDTHS))
    )
    + "$"
)
# Development and tests only: production refuses to start without DECISION_ID_KEYS.
DEVELOPMENT_KEYS = "dev:development-only-decision-id-key-not-secret"


class MalformedDecisionId(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class DecisionInputs:
    organisation: str | None
    situation: Situation
    policy_version: str
    organisation_policy_version: int | None
    content_version: int
    locale: str


class DecisionKeys:
    """The deployment's keys: `kid:secret` pairs, comma-separated, the first one signing."""

    def __init__(self, setting: str) -> None:
        self.keys: dict[str, hmac.HMAC] = {}
        for pair in setting.split(","):
            kid, _, secret = pair.strip().partition(":")
            if not KEY_ID.fullmatch(kid):
                raise ValueError("each key is `kid:secret`, kid 1-16 lower-case letters or digits")
            if len(secret) < MIN_SECRET:
                raise ValueError(f"each secret has at least {MIN_SECRET} characters")
            if kid in self.keys:
                raise ValueError(f"key id {kid!r} is listed twice")
            self.keys[kid] = hmac.new(secret.encode(), digestmod=hashlib.sha256)
        self.signing = next(iter(self.keys))


_keys = DecisionKeys(DEVELOPMENT_KEYS)


def configure(setting: str) -> None:
    """Use the deployment's keys (the app calls it with DECISION_ID_KEYS at start)."""
    global _keys
    _keys = DecisionKeys(setting)


def canonical_situation(situation: Situation) -> bytes:
    """The situation as JSON with every field present (defaults filled) and keys sorted, so two
    bodies that mean the same (field order, an omitted default) have the same tag."""
    return msgspec.json.encode(situation, order="sorted")


def _values(inputs: DecisionInputs) -> tuple[bytes, ...]:
    def text(value: object) -> bytes:
        return (NONE if value is None else str(value)).encode()

    return (
        text(inputs.organisation),
        canonical_situation(inputs.situation),
        text(inputs.policy_version),
        text(inputs.organisation_policy_version),
        text(inputs.content_version),
        text(inputs.locale),
    )


def _tags(key: hmac.HMAC, nonce: str, inputs: DecisionInputs) -> list[str]:
    found = []
    for name, value, width in zip(INPUTS, _values(inputs), _WIDTHS, strict=True):
        mac = key.copy()
        mac.update(f"{PREFIX}|{nonce}|{name}|".encode())
        mac.update(value)
        found.append(mac.hexdigest()[:width])
    return found


_example_nonce: str | None = None


@contextlib.contextmanager
def examples() -> Iterator[None]:
    """Within it, ids use a fixed nonce: documentation examples (the OpenAPI document) are the
    same bytes on every build. Never around a request."""
    global _example_nonce
    _example_nonce = "0" * NONCE_HEX
    try:
        yield
    finally:
        _example_nonce = None


def decision_id(inputs: DecisionInputs) -> str:
    kid = _keys.signing
    nonce = _example_nonce or secrets.token_hex(NONCE_HEX // 2)
    return ".".join((PREFIX, kid, nonce, *_tags(_keys.keys[kid], nonce, inputs)))


def differing_inputs(claimed: str, inputs: DecisionInputs) -> list[str]:
    """The names of the inputs whose tag differs from the claimed decision id's (none: the id
    was made from exactly these inputs); raises MalformedDecisionId when the claim is not a
    decision id this service issues, or names a key it does not hold."""
    parts = claimed.strip().split(".")
    if len(parts) != 3 + len(INPUTS):
        raise MalformedDecisionId(claimed)
    prefix, kid, nonce, *tags = parts
    if prefix != PREFIX or kid not in _keys.keys:
        raise MalformedDecisionId(claimed)
    if len(nonce) != NONCE_HEX or not _HEX.fullmatch(nonce):
        raise MalformedDecisionId(claimed)
    for tag, width in zip(tags, _WIDTHS, strict=True):
        if len(tag) != width or not _HEX.fullmatch(tag):
            raise MalformedDecisionId(claimed)
    actual = _tags(_keys.keys[kid], nonce, inputs)
    return [
        name
        for name, a, b in zip(INPUTS, tags, actual, strict=True)
        if not hmac.compare_digest(a, b)
    ]
