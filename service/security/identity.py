"""Who is calling: the trust middleware records the verified API key of a request here, and the
API's scope checks (`service/api/common/scopes.py`) read it."""

from litestar.types import Scope

from service.security.keys import Identity

IDENTITY_STATE_KEY = "api_identity"


def remember_identity(scope: Scope, identity: Identity) -> None:
    scope.setdefault("state", {})[IDENTITY_STATE_KEY] = identity


def identity_of(scope: Scope) -> Identity | None:
    """The request's verified key; None where scopes are not enforced (development)."""
    identity: Identity | None = scope.get("state", {}).get(IDENTITY_STATE_KEY)
    return identity
