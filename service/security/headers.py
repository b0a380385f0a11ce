"""Security headers on every response the application sends, errors and 404s included."""

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

_ALWAYS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"referrer-policy", b"no-referrer"),
)
# Only in production: a developer's http://127.0.0.1 must not be pinned to HTTPS for a year.
_HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


def security_headers(production: bool) -> tuple[tuple[bytes, bytes], ...]:
    """The headers every response gets; Cache-Control and the others are left as they are.

    `ObservabilityMiddleware` appends them where it already adds the request id to
    `http.response.start`: as a Litestar `before_send` hook they cost a send wrapper and two
    hook calls per response (a few microseconds, profiled in the production configuration).
    """
    return (*_ALWAYS, _HSTS) if production else _ALWAYS


# Pages meant to be framed by partners: they send their own `frame-ancestors`.
FRAMEABLE_PATHS = frozenset({"/embed/v1/recommender.html"})
_NOT_FRAMEABLE = {_ALWAYS[1], _ALWAYS[2]}


class FrameablePages:
    """Outermost: drops the never-frame headers from the pages in `FRAMEABLE_PATHS` that
    answer with their own Content-Security-Policy (two policies would both apply, and
    `frame-ancestors 'none'` would win)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or scope["path"] not in FRAMEABLE_PATHS:
            await self.app(scope, receive, send)
            return

        async def frameable(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                own_policy = [
                    value
                    for name, value in headers
                    if name == b"content-security-policy" and value != b"frame-ancestors 'none'"
                ]
                if own_policy:
                    message["headers"] = [
                        (name, value)
                        for name, value in headers
                        if (name.lower(), value) not in _NOT_FRAMEABLE
                    ]
            await send(message)

        await self.app(scope, receive, frameable)
