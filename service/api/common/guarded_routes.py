"""Route decorators whose guards get the route handler itself.

Litestar's `authorize_connection` hands each guard a `copy.copy` of the route handler (so that
a guard cannot change it): for a handler of 40-odd attributes about 10-20 us of CPU per request
(measured in-process; 7 % of a GraphQL request answered from its cache). The guards of this
service (`requires`, api/common/scopes.py) read the connection only, so the copy buys nothing.
Content GETs answered from their final bytes (api/common/answered.py) never reach a guard.
"""

from typing import Any

from litestar import get, post
from litestar.connection import ASGIConnection


class _GuardsGetTheHandler:
    """Put first in the bases, so that this `authorize_connection` is the one that runs."""

    async def authorize_connection(self, connection: ASGIConnection[Any, Any, Any, Any]) -> None:
        for guard in self.resolve_guards():  # type: ignore[attr-defined]  # the route handler's
            await guard(connection, self)


class guarded_get(_GuardsGetTheHandler, get):
    pass


class guarded_post(_GuardsGetTheHandler, post):
    pass
