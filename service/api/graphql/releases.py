"""`releases` and `changes(since:)`: the same core and answers as `/v1/releases` and
`/v1/changes`. They read PostgreSQL, so their answers stay out of the response cache."""

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from service.api.graphql.context import GraphQLContext
from service.api.graphql.cost import DATABASE_COST, PAGE, Cost
from service.api.graphql.scalars import DEFAULT_PAGE, After, First, page_size
from service.domain.errors import ContentUnavailable
from service.domain.releases import feed
from service.domain.releases import schemas as domain


@strawberry.type(description=domain.ReleaseSummary.__doc__)
class ReleaseSummary:
    created: int = strawberry.field(description="How many items it created.")
    updated: int = strawberry.field(description="How many items it updated.")
    removed: int = strawberry.field(description="How many items it removed.")
    policy_changed: bool = strawberry.field(
        description="Whether the recommendation policy or its texts changed."
    )


@strawberry.type(description=domain.Release.__doc__)
class Release:
    version: int = strawberry.field(description="The content version it released.")
    previous_version: int | None = strawberry.field(
        description="Null where the kept history starts."
    )
    released_at: datetime = strawberry.field(description="When it was released.")
    policy_version: str = strawberry.field(
        description="The recommendation policy version in service with it."
    )
    summary: ReleaseSummary = strawberry.field(description="What it changed, in figures.")


@strawberry.type(description=domain.Change.__doc__)
class Change:
    kind: str = strawberry.field(
        description="The item's kind: `approach`, `aspect`, `topic`, `term` or `variant`."
    )
    key: str = strawberry.field(description="Its slug (an aspect's key).")
    change: str = strawberry.field(description="`created`, `updated` or `removed`.")
    version: int = strawberry.field(description="The release of its last change.")
    locales: list[str] = strawberry.field(description="Locales that changed.")
    replaced_by: str | None = strawberry.field(
        description="The key of the item replacing a removed one."
    )


@strawberry.type(description="A page of content releases, newest first.")
class ReleasePage:
    items: list[Release] = strawberry.field(description="The releases of this page.")
    next_cursor: str | None = strawberry.field(
        description="Pass as `after` for the next page; null on the last page."
    )


@strawberry.type(description=domain.ChangePage.__doc__)
class ChangePage:
    items: list[Change] = strawberry.field(description="The changes of this page.")
    next_cursor: str | None = strawberry.field(
        description="Pass as `after` for the next page; null on the last page."
    )
    since: int = strawberry.field(description="The `since` asked for.")
    next_since: int = strawberry.field(
        description="The `since` of the next sync, once `nextCursor` is null."
    )


def _release(value: domain.Release) -> Release:
    summary = ReleaseSummary(
        **{f: getattr(value.summary, f) for f in value.summary.__struct_fields__}
    )
    return Release(
        version=value.version,
        previous_version=value.previous_version,
        released_at=value.released_at,
        policy_version=value.policy_version,
        summary=summary,
    )


def _change(value: domain.Change) -> Change:
    return Change(
        kind=value.kind,
        key=value.key,
        change=value.change,
        version=value.version,
        locales=list(value.locales),
        replaced_by=value.replaced_by,
    )


def _context(info: Info) -> GraphQLContext:
    context: GraphQLContext = info.context
    context.no_store = True
    if context.sessions is None:
        raise ContentUnavailable("The database is not configured.")
    return context


async def releases(
    info: Info, first: First = DEFAULT_PAGE, after: After = None
) -> ReleasePage | None:
    context = _context(info)
    async with context.sessions() as session:
        page = await feed.list_releases(session, page_size(first), after)
    return ReleasePage(items=[_release(r) for r in page.items], next_cursor=page.next_cursor)


async def changes(
    info: Info,
    since: Annotated[
        int,
        strawberry.argument(
            description="A release version: the export's `contentVersion` or the previous "
            "answer's `nextSince`."
        ),
    ],
    first: First = DEFAULT_PAGE,
    after: After = None,
) -> ChangePage | None:
    context = _context(info)
    async with context.sessions() as session:
        page = await feed.changes_since(session, since, page_size(first), after)
    return ChangePage(
        items=[_change(c) for c in page.items],
        next_cursor=page.next_cursor,
        since=page.since,
        next_since=page.next_since,
    )


RELEASES_FIELD = strawberry.field(
    resolver=releases,
    directives=[Cost(weight=DATABASE_COST), PAGE],
    description="Content releases, newest first (as `GET /v1/releases`).",
)
CHANGES_FIELD = strawberry.field(
    resolver=changes,
    directives=[Cost(weight=DATABASE_COST), PAGE],
    description="Every item created, updated or removed after release `since`, each once "
    "(as `GET /v1/changes`); a `since` older than the kept history is `HISTORY_EXPIRED`.",
)
