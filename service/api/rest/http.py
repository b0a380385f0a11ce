"""How the REST door answers: content GETs (locale, ETag, 304, the answered-content cache) and
other JSON GETs (ETag from the body). The conventions themselves live in `api/common/`."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import msgspec
from litestar import Request, Response
from litestar.datastructures import State

from service.api.common.answered import keep
from service.api.common.conditional import body_etag, content_etag, etag_matches
from service.api.common.locale import current_snapshot, resolve_locale
from service.domain.content import LocaleView, Snapshot

AnyRequest = Request[Any, Any, Any]
JSON = "application/json"
CONTENT_CACHE_CONTROL = "public, max-age=300"
# Handler arguments that are not query parameters.
_NOT_QUERY = frozenset({"self", "request"})


def snapshot(state: State) -> Snapshot:
    return current_snapshot(state.content.snapshot)


def request_locale(request: AnyRequest, current: Snapshot, explicit: str | None) -> str:
    """`?locale=` wins over the header; an unsupported explicit locale is a client error."""
    return resolve_locale(current, explicit, request.headers.get("accept-language"))


def content_view(request: AnyRequest, explicit_locale: str | None) -> LocaleView:
    current = snapshot(request.app.state)
    return current.view(request_locale(request, current, explicit_locale))


def representation(request: AnyRequest) -> tuple[str, bool]:
    """What a content answer depends on (the path and the query parameters the route knows),
    and whether the request sent only those.

    Unknown query parameters are ignored, as before, but such a request is neither kept in the
    answered-content cache nor given an ETag of its own: a client cannot grow the caches by
    adding `?x=1`, `?x=2`, ... (docs/architecture.md).
    """
    known = request.route_handler.parsed_fn_signature.parameters.keys() - _NOT_QUERY
    known -= request.path_params.keys()
    items = list(request.query_params.multi_items())
    if all(name in known for name, _ in items):
        return f"{request.url.path}?{request.url.query}", True
    kept = urlencode([(name, value) for name, value in items if name in known])
    return f"{request.url.path}?{kept}", False


def content_response(
    request: AnyRequest, view: LocaleView, build: Callable[[], Any]
) -> Response[bytes]:
    """Answer a content GET: 304 when the client's copy is current, else cached JSON bytes."""
    shown, only_known = representation(request)
    etag = content_etag(view, shown)
    headers = {
        "ETag": etag,
        "Cache-Control": CONTENT_CACHE_CONTROL,
        "Content-Language": view.locale,
        "Vary": "Accept-Language",
    }
    # Built before the precondition: a request that would fail (a bad `limit` or `cursor`) gets
    # its 400 even with a matching If-None-Match (RFC 9110, 13.2.1). Repeated requests are
    # answered by the answered-content cache before they get here.
    payload = build()
    if etag_matches(request.headers.get("if-none-match"), etag):
        return Response(content=b"", status_code=304, headers=headers)
    body = msgspec.json.encode(payload)
    if only_known:
        keep(request, view.content_version, etag, headers, body)
    return Response(content=body, media_type=JSON, headers=headers)


def hashed_response(
    request: AnyRequest, body: bytes, cache_control: str, status_code: int = 200
) -> Response[bytes]:
    """A JSON response whose strong ETag is the hash of its bytes (for non-content GETs)."""
    etag = body_etag(body)
    headers = {"ETag": etag, "Cache-Control": cache_control}
    if status_code == 200 and etag_matches(request.headers.get("if-none-match"), etag):
        return Response(content=b"", status_code=304, headers=headers)
    return Response(content=body, status_code=status_code, media_type=JSON, headers=headers)
