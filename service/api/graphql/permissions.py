"""Scopes on GraphQL fields: `permission_classes=[MayRecommend]` on a field that needs more than
its route's `content:read` (service/security/scopes.py).

Checked when the field itself resolves, so however a document reaches it (by persisted-query
hash, inside a batch, under an alias or in a fragment) the check applies.
"""

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info

from service.security.identity import missing_scope
from service.security.scopes import Scope


class MayRecommend(BasePermission):
    message = f"This API key lacks the scope `{Scope.RECOMMEND}`."
    error_extensions = {"code": "FORBIDDEN"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return missing_scope(info.context.identity, {Scope.RECOMMEND}) is None
