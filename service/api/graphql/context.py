"""Per-operation context: the content snapshot, the locale of each root field, the caller.

Linked objects come straight from the in-memory snapshot: DataLoaders were measured to make a
query over every relation slower, not faster, since no lookup touches the database
(docs/architecture.md).

A nested field (a variant's term, a topic's aspects) answers in the locale its root field
chose, so the context remembers the view of every root field by its response key.
"""

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from graphql.pyutils import Path
from strawberry.types import Info

from service.api.common.locale import current_snapshot, negotiate, resolve_locale
from service.api.graphql.cost import CostReport
from service.api.graphql.errors import ResultTooLarge
from service.domain.content import LocaleView, Snapshot
from service.security.identity import Identity

# Links go both ways (aspect -> topics -> aspects ...), so depth alone does not bound the size
# of an answer: a budget of linked objects per operation does.
MAX_LINKED_OBJECTS = 2000


def root_key(path: Path) -> str:
    """The response key (alias or name) of the root field above this path."""
    while path.prev is not None:
        path = path.prev
    return str(path.key)


@dataclass
class GraphQLContext:
    snapshot: Snapshot | None
    accept_language: str | None
    linked_objects: int = 0
    # Set by resolvers whose answer is about a person: kept out of every cache.
    no_store: bool = False
    # The caller's API key, for the fields' permission classes and the fields that answer per
    # organisation (None: development, scopes not enforced).
    identity: Identity | None = None
    # The database sessions and the application state, for the fields that read them.
    sessions: Any = None
    state: Any = None
    # Spends an operation's cost from the key's budget before it executes (`cost.py`); the
    # controller reads the report for `extensions.cost`.
    admit_cost: Callable[[int], Awaitable[CostReport]] | None = None
    cost: CostReport | None = None
    _views: dict[str, LocaleView] = field(default_factory=dict)

    def current(self) -> Snapshot:
        return current_snapshot(self.snapshot)

    def header_locale(self) -> str:
        return negotiate(self.accept_language, self.current().locales)

    def root_view(self, info: Info, explicit_locale: str | None) -> LocaleView:
        """The view a root field answers from: `locale` argument, else Accept-Language."""
        current = self.current()
        view = current.view(resolve_locale(current, explicit_locale, self.accept_language))
        self._views[root_key(info.path)] = view
        return view

    def _view_of(self, info: Info) -> LocaleView:
        """The view of the field's root (the one `root_view` chose for it)."""
        view = self._views.get(root_key(info.path))
        return view if view is not None else self.current().view(self.header_locale())

    def _spend(self, count: int) -> None:
        self.linked_objects += count
        if self.linked_objects > MAX_LINKED_OBJECTS:
            raise ResultTooLarge(MAX_LINKED_OBJECTS)

    def load(self, kind: str, key: str, info: Info) -> Any:
        """A linked object, from the snapshot, in the locale of the field's root."""
        self._spend(1)
        return self._view_of(info).get(kind, key)

    def load_many(self, kind: str, keys: Iterable[str], info: Info) -> list[Any]:
        keys = list(keys)
        self._spend(len(keys))
        view = self._view_of(info)
        return [view.get(kind, key) for key in keys]
