"""`policyCard` and `policyVersions`: the same core as the REST policy card and history."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service.api.common.paging import page
from service.api.graphql.context import GraphQLContext
from service.api.graphql.scalars import DEFAULT_PAGE, After, First, Locale, page_size
from service.api.graphql.types import mirror_struct
from service.domain.decisions import card, history
from service.domain.errors import ContentUnavailable, NotFound

mirror_struct(card.Sections, description="The card's section headings, in its locale.")
mirror_struct(card.CardInput)
mirror_struct(card.CardFactor)
mirror_struct(card.CardCheck)
mirror_struct(card.CardEvaluation)
mirror_struct(card.CardLink)
_PolicyCard = mirror_struct(card.PolicyCard)

if TYPE_CHECKING:
    from service.domain.decisions.card import PolicyCard
else:
    PolicyCard = _PolicyCard


@strawberry.type(description="A released policy version.")
class PolicyRelease:
    version: str = strawberry.field(description="The policy version.")
    released_at: datetime = strawberry.field(description="When it was released.")
    changelog: str = strawberry.field(description="What changed from the previous version.")
    in_service: bool = strawberry.field(description="Whether it answers recommendations now.")


@strawberry.type(description="A page of released policy versions, oldest first.")
class PolicyReleasePage:
    items: list[PolicyRelease] = strawberry.field(description="The versions of this page.")
    next_cursor: str | None = strawberry.field(
        description="Pass as `after` for the next page; null on the last page."
    )


def _context(info: Info) -> GraphQLContext:
    context: GraphQLContext = info.context
    if context.sessions is None:
        raise ContentUnavailable("The database is not configured.")
    return context


async def policy_card(
    info: Info,
    locale: Locale = None,
    policy_version: Annotated[
        str | None,
        strawberry.argument(
            description="A released policy version; the one in service if null. A version "
            "that was never released answers null."
        ),
    ] = None,
) -> PolicyCard | None:
    context: GraphQLContext = info.context
    view = context.root_view(info, locale)
    policy = context.current().policy
    if policy_version is not None and policy_version != policy.version:
        context = _context(info)
        async with context.sessions() as session:
            connection = await session.connection()
            try:
                policy = await history.released_policy(connection, policy_version, "policyVersion")
            except NotFound:
                return None
    return card.build_card(policy, view.locale, card.committed_evidence())


async def policy_versions(
    info: Info,
    first: First = DEFAULT_PAGE,
    after: After = None,
) -> PolicyReleasePage | None:
    context = _context(info)
    in_service = context.current().policy.version
    async with context.sessions() as session:
        releases = await history.policy_releases(await session.connection(), in_service)
    items, cursor = page(
        releases,
        page_size(first),
        after,
        size_name="first",
        cursor_name="after",
        cursor_detail="The cursor is not one this API issued; use `nextCursor` as returned.",
    )
    return PolicyReleasePage(
        items=[
            PolicyRelease(
                version=r.version,
                released_at=r.released_at,
                changelog=r.changelog,
                in_service=r.in_service,
            )
            for r in items
        ],
        next_cursor=cursor,
    )
