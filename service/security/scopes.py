"""What a caller may do, declared once on each route (`Access`) and GraphQL field.

A route says who may call it with `opt=access(...)` (or a controller's `opt`, which its routes
inherit and may override): the scopes a key must hold, and whether a publishable (browser) key
may reach it. Everything else reads that one declaration: the admission middleware
(`service/security/middleware.py`) refuses what it does not allow, the OpenAPI document
(`service/api/contract/`) names its security and its 401/403 answers, the caching rule makes
keyed answers private, and a test keeps docs/embedding.md's list of browser routes in step.
A GraphQL field that needs more than its route declares the scope on the field
(`api/graphql/permissions.py`), checked here too.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

ACCESS_OPT = "access"


class Scope(StrEnum):
    CONTENT_READ = "content:read"
    RECOMMEND = "recommend"
    ADMIN = "admin"  # grants every other scope


@dataclass(frozen=True, slots=True)
class Access:
    """Who may call a route. `scopes` empty: open to anyone (health, the documents, the
    embed page); otherwise a key (in production) holding every one of them."""

    scopes: frozenset[Scope] = frozenset()
    browser: bool = False  # a publishable key may reach it (from one of its origins)

    @property
    def keyed(self) -> bool:
        return bool(self.scopes)

    def describe(self) -> str:
        """One sentence for the OpenAPI description and the docs."""
        names = " and ".join(f"`{scope}`" for scope in sorted(self.scopes))
        reach = (
            " A publishable key may call it from one of its origins."
            if self.browser
            else " Publishable (browser) keys are refused: call it from a server."
        )
        return f"Needs an API key with the scope {names} (production).{reach}"


OPEN = Access()


def access(*scopes: Scope, browser: bool = False) -> dict[str, Access]:
    """The `opt` of a route or controller: `@get(..., opt=access(Scope.CONTENT_READ))`."""
    return {ACCESS_OPT: Access(frozenset(scopes), browser)}


def open_access() -> dict[str, Access]:
    return {ACCESS_OPT: OPEN}


def declared(opt: Mapping[str, Any]) -> Access | None:
    """A route's declared access (its `opt`, merged over its controller's), or None."""
    found = opt.get(ACCESS_OPT)
    return found if isinstance(found, Access) else None
