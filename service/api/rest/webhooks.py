"""REST: webhook subscriptions (scope `admin`). Thin: parse, ask the core, shape the answer.

Every call acts on the caller's organisation (its key's); in development, where no key is
recorded, on `default`'s.
"""

import re
from datetime import UTC, datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, delete, get, post
from litestar.params import JSONBody, Parameter
from litestar.routes import HTTPRoute

from service.api.common.paging import DEFAULT_LIMIT, MAX_LIMIT
from service.api.rest.docs import ok, problems
from service.api.rest.http import JSON
from service.domain.organisations.models import DEFAULT_ORGANISATION
from service.security.identity import identity_of
from service.security.scopes import Scope, access
from service.webhooks import subscriptions
from service.webhooks.schemas import (
    CreatedWebhook,
    DeliveryAttempt,
    DeliveryPage,
    PingSent,
    Webhook,
    WebhookCreate,
    WebhookPage,
)
from service.webhooks.ssrf import url_policy

AnyRequest = Request[Any, Any, Any]
Limit = Annotated[int, Parameter(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")]
Cursor = Annotated[
    str | None,
    Parameter(description="Opaque cursor from the previous page's `next_cursor`.", max_length=200),
]
WebhookId = Annotated[str, Parameter(max_length=40, description="The subscription's id.")]
NO_STORE = {"Cache-Control": "no-store"}


_PARAMETER_TYPE = re.compile(r":\w+\}")  # `{webhook_id:str}` is `{webhook_id}` in the scope


async def allow_every_method(request: AnyRequest) -> Response[None] | None:
    """Answer OPTIONS with every method of the path: Litestar 2.25's automatic answer names
    only the methods of the first handler registered on a path with several."""
    if request.method != "OPTIONS":
        return None
    template = request.scope.get("path_template")
    methods = {
        method
        for candidate in request.app.routes
        if isinstance(candidate, HTTPRoute) and _PARAMETER_TYPE.sub("}", candidate.path) == template
        for method in candidate.methods
    }
    return Response(content=None, status_code=204, headers={"Allow": ", ".join(sorted(methods))})


def _organisation(request: AnyRequest) -> str:
    identity = identity_of(request.scope)
    return DEFAULT_ORGANISATION if identity is None else identity.organisation


def _json(value: Any, status_code: int = 200) -> Response[bytes]:
    return Response(
        content=msgspec.json.encode(value),
        status_code=status_code,
        media_type=JSON,
        headers=NO_STORE,
    )


_TIME = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
_EXAMPLE = Webhook(
    "wh_3f9c2a1b0d4e5f67",
    "https://lms.example.com/hooks/mentoring",
    ("content.released",),
    "LMS catalogue sync",
    "active",
    None,
    _TIME,
)
_ERRORS = problems(400, 404, 503, resource="webhook")


class WebhookController(Controller):
    path = "/v1/webhooks"
    tags = ["Webhooks"]
    opt = access(Scope.ADMIN)
    before_request = staticmethod(allow_every_method)

    @post(
        "",
        operation_id="CreateWebhook",
        summary="Subscribe a URL to events (the signing secret is shown once)",
        status_code=201,
        responses={
            201: ok(
                CreatedWebhook,
                "A new subscription",
                CreatedWebhook(
                    **{f: getattr(_EXAMPLE, f) for f in _EXAMPLE.__struct_fields__},
                    secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                ),
                "Created",
            ),
            **problems(400, 413, 503),
        },
    )
    async def create_webhook(
        self, request: AnyRequest, data: JSONBody[WebhookCreate]
    ) -> Response[bytes]:
        policy = url_policy(request.app.state.settings)
        async with request.app.state.sessions() as session, session.begin():
            created = await subscriptions.create(session, _organisation(request), data, policy)
        return _json(created, 201)

    @get(
        "",
        operation_id="ListWebhooks",
        summary="The subscriptions of the key's organisation (never their secrets)",
        responses={200: ok(WebhookPage, "One subscription", WebhookPage((_EXAMPLE,), None))}
        | problems(400, 503),
    )
    async def list_webhooks(
        self, request: AnyRequest, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None
    ) -> Response[bytes]:
        async with request.app.state.sessions() as session:
            return _json(
                await subscriptions.list_all(session, _organisation(request), limit, cursor)
            )

    @get(
        "/{webhook_id:str}",
        operation_id="GetWebhook",
        summary="One subscription and its status",
        responses={200: ok(Webhook, "A subscription", _EXAMPLE), **_ERRORS},
    )
    async def get_webhook(self, request: AnyRequest, webhook_id: WebhookId) -> Response[bytes]:
        async with request.app.state.sessions() as session:
            return _json(await subscriptions.get(session, _organisation(request), webhook_id))

    @delete(
        "/{webhook_id:str}",
        operation_id="DeleteWebhook",
        summary="Unsubscribe (pending deliveries are dropped)",
        status_code=204,
        responses=_ERRORS,
    )
    async def delete_webhook(self, request: AnyRequest, webhook_id: WebhookId) -> None:
        async with request.app.state.sessions() as session, session.begin():
            await subscriptions.remove(session, _organisation(request), webhook_id)

    @post(
        "/{webhook_id:str}/ping",
        operation_id="PingWebhook",
        summary="Send a signed `ping` event to the subscription now",
        description=f"Attempted once, never retried; the delivery log shows the outcome. At "
        f"most {subscriptions.PING_LIMIT} pings per subscription every "
        f"{subscriptions.PING_WINDOW_SECONDS} seconds (then 429 with `Retry-After`).",
        status_code=202,
        responses={202: ok(PingSent, "Queued", PingSent("msg_6c1f0e9a8b7d6c5e4f3a2b1c"))} | _ERRORS,
    )
    async def ping_webhook(self, request: AnyRequest, webhook_id: WebhookId) -> Response[bytes]:
        async with request.app.state.sessions() as session, session.begin():
            sent = await subscriptions.ping(session, _organisation(request), webhook_id)
        return _json(sent, 202)

    @get(
        "/{webhook_id:str}/deliveries",
        operation_id="ListWebhookDeliveries",
        summary="Every delivery attempt, newest first: time, status, duration, next retry",
        responses={
            200: ok(
                DeliveryPage,
                "A retried delivery",
                DeliveryPage(
                    (
                        DeliveryAttempt(
                            12,
                            "msg_6c1f0e9a8b7d6c5e4f3a2b1c",
                            "content.released",
                            2,
                            _TIME,
                            200,
                            84,
                            None,
                            None,
                            "delivered",
                            "delivered",
                        ),
                        DeliveryAttempt(
                            12,
                            "msg_6c1f0e9a8b7d6c5e4f3a2b1c",
                            "content.released",
                            1,
                            _TIME,
                            503,
                            40,
                            "HTTP 503",
                            _TIME,
                            "retrying",
                            "delivered",
                        ),
                    ),
                    None,
                ),
            ),
            **_ERRORS,
        },
    )
    async def list_deliveries(
        self,
        request: AnyRequest,
        webhook_id: WebhookId,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[bytes]:
        async with request.app.state.sessions() as session:
            page = await subscriptions.attempts(
                session, _organisation(request), webhook_id, limit, cursor
            )
        return _json(page)
