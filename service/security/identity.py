"""Who is calling, once the admission middleware has verified it, and what it may do."""

from collections.abc import Iterable
from dataclasses import dataclass

from litestar.types import Scope as ASGIScope

from service.domain.organisations.models import DEFAULT_ORGANISATION
from service.security.scopes import Scope

IDENTITY_STATE_KEY = "api_identity"


@dataclass(frozen=True, slots=True)
class Identity:
    key_id: str  # what its rate limit counts against
    name: str
    scopes: frozenset[str]
    organisation: str = DEFAULT_ORGANISATION  # whose policy, webhooks and documents it uses
    # A publishable key's origins (what `Origin` must be); empty for a secret key.
    origins: frozenset[str] = frozenset()
    # An OAuth access token's `client_id` (service/security/tokens.py); None for an API key.
    client_id: str | None = None

    @property
    def publishable(self) -> bool:
        return bool(self.origins)

    def allows(self, scope: str) -> bool:
        return scope in self.scopes or Scope.ADMIN in self.scopes


def remember_identity(scope: ASGIScope, identity: Identity) -> None:
    """Called by the admission middleware once it has verified the caller."""
    scope.setdefault("state", {})[IDENTITY_STATE_KEY] = identity


def identity_of(scope: ASGIScope) -> Identity | None:
    """The request's verified caller; None where scopes are not enforced (development)."""
    identity: Identity | None = scope.get("state", {}).get(IDENTITY_STATE_KEY)
    return identity


def missing_scope(identity: Identity | None, scopes: Iterable[str]) -> str | None:
    """The first of `scopes` the caller lacks (None: all granted, or nothing enforced)."""
    if identity is None:
        return None
    return next((name for name in sorted(scopes) if not identity.allows(name)), None)
