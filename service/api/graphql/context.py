"""Per-operation context: the content snapshot, the locale of each root field, the DataLoaders.

A nested field (a variant's term, a topic's aspects) answers in the locale its root field
chose, so the context remembers the view of every root field by its response key.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphql.pyutils import Path
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from service.api.graphql.errors import ResultTooLarge
from service.api.rest.http import negotiate
from service.domain.content import LocaleView, Snapshot
from service.domain.errors import ContentUnavailable, InvalidParameter

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
    # Batch calls per kind: what the N+1 test counts.
    batch_calls: Counter[str] = field(default_factory=Counter)
    linked_objects: int = 0
    # Set by resolvers whose answer is about a person: kept out of every cache.
    no_store: bool = False
    # The API key's `recommend` scope (the middleware cannot see inside persisted queries).
    may_recommend: bool = True
    # The database sessions, for the fields that read it (releases and changes).
    sessions: Any = None
    _views: dict[str, LocaleView] = field(default_factory=dict)
    _loaders: dict[str, DataLoader[tuple[str, str], Any]] = field(default_factory=dict)

    def current(self) -> Snapshot:
        if self.snapshot is None:
            raise ContentUnavailable("No content has been loaded yet.")
        return self.snapshot

    def header_locale(self) -> str:
        return negotiate(self.accept_language, self.current().locales)

    def root_view(self, info: Info, explicit_locale: str | None) -> LocaleView:
        """The view a root field answers from: `locale` argument, else Accept-Language."""
        current = self.current()
        if explicit_locale is None:
            locale = self.header_locale()
        else:
            locale = explicit_locale.strip().lower()
            if locale not in current.views:
                raise InvalidParameter(
                    "locale",
                    f"Unsupported locale {explicit_locale!r}; "
                    f"supported: {', '.join(current.locales)}.",
                    current.locales,
                )
        view = current.view(locale)
        self._views[root_key(info.path)] = view
        return view

    def _loader(self, kind: str) -> DataLoader[tuple[str, str], Any]:
        loader = self._loaders.get(kind)
        if loader is None:

            async def batch(keys: Sequence[tuple[str, str]]) -> list[Any]:
                self.batch_calls[kind] += 1
                current = self.current()
                found: list[Any] = []
                for locale, key in keys:
                    try:
                        found.append(current.view(locale).get(kind, key))
                    except Exception as exc:  # DataLoader answers that key with the error
                        found.append(exc)
                return found

            loader = self._loaders[kind] = DataLoader(load_fn=batch)
        return loader

    def _locale_of(self, info: Info) -> str:
        view = self._views.get(root_key(info.path))
        return view.locale if view is not None else self.header_locale()

    def _spend(self, count: int) -> None:
        self.linked_objects += count
        if self.linked_objects > MAX_LINKED_OBJECTS:
            raise ResultTooLarge(MAX_LINKED_OBJECTS)

    async def load(self, kind: str, key: str, info: Info) -> Any:
        self._spend(1)
        return await self._loader(kind).load((self._locale_of(info), key))

    async def load_many(self, kind: str, keys: Iterable[str], info: Info) -> list[Any]:
        keys = list(keys)
        self._spend(len(keys))
        locale = self._locale_of(info)
        return await self._loader(kind).load_many([(locale, key) for key in keys])
