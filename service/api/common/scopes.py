"""Scopes, declared where they apply: `guards=[requires(Scope.X)]` on a REST controller or route,
and `RequiresScope` (`api/graphql/permissions.py`) on a GraphQL field. Both check here.

The trust middleware (`service/security/`) only says who is calling; what a key may do is
decided by the route or field it reaches. In development no identity is recorded, so every
scope is granted (keys are optional there).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler
from litestar.types import Scope as ASGIScope

from service.api.problems import lacks_scope
from service.security.keys import Identity, Scope

__all__ = [
    "Scope",
    "granted",
    "identity_of",
    "missing_scope",
    "remember_identity",
    "requires",
    "route_scopes",
]

IDENTITY_STATE_KEY = "api_identity"


def remember_identity(scope: ASGIScope, identity: Identity) -> None:
    """Called by the trust middleware (production only) once it has verified the key."""
    scope.setdefault("state", {})[IDENTITY_STATE_KEY] = identity


def identity_of(scope: ASGIScope) -> Identity | None:
    """The request's verified key; None where scopes are not enforced (development)."""
    identity: Identity | None = scope.get("state", {}).get(IDENTITY_STATE_KEY)
    return identity


def missing_scope(identity: Identity | None, scopes: Iterable[str]) -> str | None:
    """The first of `scopes` the key lacks (None: all granted, or nothing enforced)."""
    if identity is None:
        return None
    return next((name for name in sorted(scopes) if not identity.allows(name)), None)


def granted(scope: ASGIScope, scopes: Iterable[str]) -> bool:
    return missing_scope(identity_of(scope), scopes) is None


@dataclass(frozen=True, slots=True)
class Requires:
    """A Litestar guard: the request's API key must hold every one of `scopes`."""

    scopes: frozenset[str]

    # async: Litestar runs a synchronous guard in a worker thread, on every request.
    async def __call__(
        self, connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
    ) -> None:
        lacking = missing_scope(identity_of(connection.scope), self.scopes)
        if lacking is not None:
            raise lacks_scope(lacking)


def requires(*scopes: Scope) -> Requires:
    return Requires(frozenset(scopes))


def route_scopes(handler: BaseRouteHandler) -> frozenset[str]:
    """Every scope the guards of a route (and of its controller, router, app) declare."""
    found: set[str] = set()
    for layer in handler.ownership_layers:
        for guard in layer.guards or ():
            if isinstance(guard, Requires):
                found |= guard.scopes
    return frozenset(found)
