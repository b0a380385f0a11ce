"""REST: the release history and the change feed. Thin: parse, ask the core, shape the answer."""

from datetime import UTC, datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import Parameter

from service.api.common.paging import DEFAULT_LIMIT, MAX_LIMIT
from service.api.rest.docs import AnswerExample, ok, problems
from service.api.rest.http import JSON
from service.domain.releases import feed
from service.domain.releases.schemas import (
    Change,
    ChangePage,
    Release,
    ReleaseDetail,
    ReleasePage,
    ReleaseSummary,
)
from service.problems import PROBLEM_MEDIA_TYPE, Problem, classify
from service.security.scopes import Scope, access

AnyRequest = Request[Any, Any, Any]
Limit = Annotated[int, Parameter(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")]
Cursor = Annotated[
    str | None,
    Parameter(description="Opaque cursor from the previous page's `next_cursor`.", max_length=200),
]
# Never cached by shared caches: a new release changes the answer at any moment.
NO_STORE = {"Cache-Control": "no-cache"}

_EXAMPLE_SUMMARY = ReleaseSummary(created=0, updated=1, removed=1, policy_changed=False)
_EXAMPLE_TIME = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
_EXAMPLE_CHANGES = (
    Change("term", "buddy-system", "removed", 7, ("de", "en", "es", "fr"), "peer-mentoring"),
    Change("topic", "integrating-both", "updated", 7, ("en",)),
)
_GONE = feed.HistoryExpired(3, 40)
GONE_RESPONSE = {
    410: ResponseSpec(
        data_container=Problem,
        description="`since` is older than the kept history: sync again from `/v1/export`",
        media_type=PROBLEM_MEDIA_TYPE,
        generate_examples=False,
        examples=[
            AnswerExample(
                id="history-expired",
                summary="History expired",
                value=msgspec.to_builtins(classify(_GONE)[0]),
            )
        ],
    )
}


def _json(value: Any) -> Response[bytes]:
    return Response(content=msgspec.json.encode(value), media_type=JSON, headers=NO_STORE)


class ReleaseController(Controller):
    path = "/v1"
    tags = ["Releases and changes"]
    opt = access(Scope.CONTENT_READ)

    @get(
        "/releases",
        operation_id="ListReleases",
        summary="Content releases, newest first",
        description="Every content load that changed something is a release.",
        responses={
            200: ok(
                ReleasePage,
                "The latest release",
                ReleasePage((Release(7, 6, _EXAMPLE_TIME, "2", _EXAMPLE_SUMMARY),), None),
            ),
            **problems(400, 503),
        },
    )
    async def list_releases(
        self, request: AnyRequest, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None
    ) -> Response[bytes]:
        async with request.app.state.sessions() as session:
            return _json(await feed.list_releases(session, limit, cursor))

    @get(
        "/releases/{version:int}",
        operation_id="GetRelease",
        summary="One release with every change it made",
        responses={
            200: ok(
                ReleaseDetail,
                "A release that removed a term",
                ReleaseDetail(7, 6, _EXAMPLE_TIME, "2", _EXAMPLE_SUMMARY, _EXAMPLE_CHANGES),
            ),
            **problems(400, 404, 503, resource="release"),
        },
    )
    async def get_release(
        self,
        request: AnyRequest,
        version: Annotated[int, Parameter(ge=1, le=feed.MAX_VERSION, description="A version.")],
    ) -> Response[bytes]:
        async with request.app.state.sessions() as session:
            return _json(await feed.get_release(session, version))

    @get(
        "/changes",
        operation_id="ListChanges",
        summary="Every item created, updated or removed after a release",
        description="Start from `/v1/export` and its `content_version`; then ask for the "
        "changes since it. Each item appears once with its net change (`removed` is a "
        "tombstone). After the last page, `next_since` is the `since` of the next sync. A "
        "`since` older than the kept history answers 410: download the export again.",
        responses={
            200: ok(ChangePage, "Changes since 6", ChangePage(_EXAMPLE_CHANGES, None, 6, 7)),
            **problems(400, 503),
            **GONE_RESPONSE,
        },
    )
    async def list_changes(
        self,
        request: AnyRequest,
        since: Annotated[
            int,
            Parameter(
                ge=0,
                le=feed.MAX_VERSION,
                description="A release version: the export's `content_version` or the "
                "previous answer's `next_since` (0 for everything, while the history reaches "
                "back to the first release).",
            ),
        ],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[bytes]:
        async with request.app.state.sessions() as session:
            return _json(await feed.changes_since(session, since, limit, cursor))
