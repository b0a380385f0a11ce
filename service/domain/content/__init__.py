"""The content service: an immutable snapshot per content version, with queries and search.

Reads never touch PostgreSQL: the snapshot is rebuilt when the version in PostgreSQL changes
(`ContentStore.refresh`), and requests keep being served from the last good snapshot while
the database is away.

- `snapshot.py`: `Snapshot` (all locales of one content version) and `build_snapshot`;
- `views.py`: `LocaleView`, what one locale serves (lists, lookups, filters, search);
- `search.py`: how terms are analysed and ranked for a query (docs/search.md);
- `paging.py`: the cursor paging shared by REST and GraphQL.
"""

from service.domain.content.paging import (
    CURSOR_PATTERN,
    DEFAULT_LIMIT,
    MAX_LIMIT,
    decode_cursor,
    encode_cursor,
    paginate,
)
from service.domain.content.snapshot import Snapshot, build_snapshot
from service.domain.content.views import DEFAULT_LOCALE, LocaleView

__all__ = [
    "CURSOR_PATTERN",
    "DEFAULT_LIMIT",
    "DEFAULT_LOCALE",
    "MAX_LIMIT",
    "LocaleView",
    "Snapshot",
    "build_snapshot",
    "decode_cursor",
    "encode_cursor",
    "paginate",
]
