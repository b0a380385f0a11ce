"""The embeddable recommender: its ES module and the iframe page that hosts it.

The module is built from `embed/` (Lit, TypeScript, esbuild) and committed as
`service/static/embed/recommender.js`, so serving it needs no Node. It is served under two
names with the same bytes: `recommender.js` (cached for a day, revalidated by ETag) and
`<digest>/recommender.js`, whose path changes with its bytes (cached for a year,
`immutable`). Its Subresource Integrity hash (`integrity="sha384-..."`) is `BUNDLE.integrity`.

The iframe page sends `frame-ancestors` with the origins of the publishable key it is given,
so it only renders inside those partners' pages; the component inside it talks to its host
page with `postMessage` addressed to those origins only.
"""

import base64
import hashlib
import html
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from litestar import Controller, Request, Response, get
from litestar.params import FromPath

from service.problems import ProblemError, problem
from service.security.identity import Identity
from service.security.middleware import Admission
from service.security.scopes import open_access

STATIC = Path(__file__).resolve().parents[2] / "static" / "embed"
BUNDLE_PATH = STATIC / "recommender.js"
# Litestar adds `; charset=utf-8` to every text/* type: naming it here would repeat it.
JAVASCRIPT = "text/javascript"
LOCALES = ("en", "es", "fr", "de")
# Attributes the iframe page passes from its query to the component (validated there too).
PASSED_ATTRIBUTES = (
    "lang",
    "career-stage",
    "goals",
    "horizon-weeks",
    "hours-per-week",
    "minutes-per-session",
    "urgent",
    "relationship-preference",
    "structure-preference",
    "context",
    "variant-href",
    "theme",
)
MAX_ATTRIBUTE_LENGTH = 300


@dataclass(frozen=True, slots=True)
class Bundle:
    body: bytes
    digest: str  # names the immutable copy: the first 16 hex digits of its SHA-256
    integrity: str  # the `integrity` attribute value: sha384, base64

    @property
    def versioned_path(self) -> str:
        return f"/embed/v1/{self.digest}/recommender.js"

    @property
    def etag(self) -> str:
        return f'"{self.digest}"'


@cache
def bundle() -> Bundle:
    body = BUNDLE_PATH.read_bytes()
    sri = base64.b64encode(hashlib.sha384(body).digest()).decode()
    return Bundle(body, hashlib.sha256(body).hexdigest()[:16], f"sha384-{sri}")


def _script(request: Request[Any, Any, Any], cache_control: str) -> Response[bytes]:
    current = bundle()
    headers = {
        "Cache-Control": cache_control,
        "ETag": current.etag,
        # Any page may load the module (it holds no data), with `crossorigin` for SRI.
        "Access-Control-Allow-Origin": "*",
        "Cross-Origin-Resource-Policy": "cross-origin",
    }
    if request.headers.get("if-none-match") == current.etag:
        return Response(content=b"", status_code=304, headers=headers)
    return Response(content=current.body, media_type=JAVASCRIPT, headers=headers)


def _page_csp(origins: frozenset[str]) -> str:
    return "; ".join(
        (
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "connect-src 'self'",
            "img-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            # Only Lit's own policy may turn strings into HTML: an unsafe sink added to the
            # component later (innerHTML with a query value) throws instead of running.
            "require-trusted-types-for 'script'",
            "trusted-types lit-html",
            "frame-ancestors " + " ".join(sorted(origins)),
        )
    )


def _attributes(request: Request[Any, Any, Any]) -> str:
    found: list[str] = []
    for name in PASSED_ATTRIBUTES:
        value = request.query_params.get(name)
        if value is None:
            continue
        if len(value) > MAX_ATTRIBUTE_LENGTH or (name == "lang" and value not in LOCALES):
            raise ProblemError(
                problem(400, "invalid-parameter", f"Invalid parameter: {name}", "Out of range.")
            )
        found.append(f' {name}="{html.escape(value, quote=True)}"')
    return "".join(found)


class EmbedController(Controller):
    path = "/embed/v1"
    include_in_schema = False
    opt = open_access()  # the module holds no data; the page checks its publishable key itself

    @get("/recommender.js", cache=False)
    async def script(self, request: Request[Any, Any, Any]) -> Response[bytes]:
        return _script(request, "public, max-age=86400, stale-while-revalidate=604800")

    @get("/{digest:str}/recommender.js", cache=False)
    async def versioned_script(
        self, request: Request[Any, Any, Any], digest: FromPath[str]
    ) -> Response[bytes]:
        if digest != bundle().digest:  # an older name: its bytes are gone, never serve others
            raise ProblemError(problem(404, "not-found", "Not found", "No such bundle version."))
        return _script(request, "public, max-age=31536000, immutable")

    @get("/recommender.html", cache=False)
    async def page(self, request: Request[Any, Any, Any]) -> Response[bytes]:
        key = request.query_params.get("key", "")
        identity = await _publishable_identity(request, key)
        current = bundle()
        lang = request.query_params.get("lang", "en")
        origins = " ".join(sorted(identity.origins))
        document = (
            "<!doctype html>\n"
            f'<html lang="{html.escape(lang if lang in LOCALES else "en")}">\n'
            '<head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="color-scheme" content="light dark">'
            "<title>Recommender</title>"
            f'<script type="module" src="{current.versioned_path}" '
            f'integrity="{current.integrity}" crossorigin="anonymous"></script></head>\n'
            f'<body><mc-recommender frame api-key="{html.escape(key, quote=True)}" '
            f'host-origins="{html.escape(origins, quote=True)}"{_attributes(request)}>'
            "</mc-recommender></body>\n</html>\n"
        )
        return Response(
            content=document.encode(),
            media_type="text/html",  # Litestar adds the charset
            headers={
                "Content-Security-Policy": _page_csp(identity.origins),
                "Cache-Control": "no-store",
            },
        )


async def _publishable_identity(request: Request[Any, Any, Any], key: str) -> Identity:
    """The page's publishable key, verified as the admission verifies any key."""
    admission: Admission = request.app.state.admission
    try:
        identity = await admission.verify(request.scope, key)
    except ProblemError as refused:
        if refused.problem.status != 401:
            raise  # 429 for an address that keeps failing, 503 for an unreachable database
        identity = None
    if identity is None or not identity.publishable:
        raise ProblemError(
            problem(403, "forbidden", "Forbidden", "This page needs an active publishable key.")
        )
    return identity
