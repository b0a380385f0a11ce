"""Scopes on GraphQL fields: `permission_classes=[MayRecommend]` on the field that needs one.

Checked when the field itself resolves, so however a document reaches it (by persisted-query
hash, inside a batch, under an alias or in a fragment) the check applies.
"""

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info

from service.api.common.scopes import Scope, missing_scope


class MayRecommend(BasePermission):
    message = f"This API key lacks the scope `{Scope.RECOMMEND}`."
    error_extensions = {"code": "FORBIDDEN"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return missing_scope(info.context.identity, {Scope.RECOMMEND}) is None
