"""A real browser (Debian's Chromium through Playwright), the real service (`python -m service
run`, production mode) and partner pages on other 127.0.0.1 origins that embed the component.

Chromium is Debian's (`make test-deps`; Playwright cannot download its own here).
Everything started here is stopped here: the server's process group, the page servers, the
browser. Each wait is bounded.
"""

import os
import sys
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, async_playwright
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.api.rest.embed import bundle
from service.config import PROJECT_ROOT
from service.security.keys import create_key
from tools import embed
from tools.machine import debian_program, free_port, serving

START_TIMEOUT_SECONDS = 90
SCREENSHOTS = Path(__file__).parent / "screenshots"  # git-ignored
DOCS_SCREENSHOT = PROJECT_ROOT / "docs" / "images" / "embed-en.png"
UPDATE_DOCS_SCREENSHOT = os.environ.get("MC_UPDATE_SCREENSHOTS") == "1"


@dataclass(frozen=True)
class Service:
    base: str  # http://127.0.0.1:PORT


@pytest.fixture(scope="session")
def service(database_url: str, client: Any) -> Iterator[Service]:
    """`python -m service run` in production mode on the run's database (`client` first: the
    session's application has loaded the content)."""
    port = free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CORS_ORIGINS", "LOG_LEVEL", "WORKERS", "EMBEDDED_PG_DIR")
    } | {
        "DATABASE_URL": database_url,
        "SERVICE_ENV": "production",
        "PORT": str(port),
        "WORKERS": "1",
        "WEBHOOK_WORKER_IN_SERVICE": "false",
        "PUBLISHABLE_ORIGINS_REFRESH_SECONDS": "1",
        "ACCESS_LOG": "false",
        # The iframe page calls the API from the service's own origin, which only this says.
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
    }
    base = f"http://127.0.0.1:{port}"
    with serving(
        [sys.executable, "-m", "service", "run"],
        environment,
        ready_url=f"{base}/health/ready",
        cwd=PROJECT_ROOT,
        timeout_seconds=START_TIMEOUT_SECONDS,
        stop_seconds=30,
    ):
        yield Service(base)


class PartnerSite:
    """A partner's web server on its own 127.0.0.1 port (so its own origin): pages under a
    strict Content-Security-Policy that allows scripts and requests to the service only."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.pages: dict[str, bytes] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def policy(self) -> str:
        api = self.service.base
        return (
            f"default-src 'none'; script-src 'self' {api}; style-src 'self'; "
            f"connect-src {api}; frame-src {api}; img-src 'self'; base-uri 'none'; "
            "form-action 'none'"
        )

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                body = site.pages.get(path)
                if body is None:
                    self.send_error(404)
                    return
                kind = {
                    ".js": "text/javascript",
                    ".css": "text/css",
                }.get(Path(path).suffix, "text/html; charset=utf-8")
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Security-Policy", site.policy)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_: Any) -> None:
                pass

        return Handler

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


HOST_SCRIPT = b"""
// What a partner page listens to: the component's events, and in iframe mode its messages.
window.mcEvents = [];
for (const name of ["mc-recommendation", "mc-select"]) {
  document.addEventListener(name, (event) => window.mcEvents.push({ type: name, ...event.detail }));
}
const service = document.body.dataset.service;
window.addEventListener("message", (event) => {
  if (event.origin === service) window.mcEvents.push({ via: "postMessage", ...event.data });
});
"""
HOST_STYLE = (
    b"body { font-family: Georgia, serif; margin: 2rem; } mc-recommender { --mc-radius: 4px; }"
)


def component_page(site: PartnerSite, key: str, lang: str, attributes: str = "") -> bytes:
    current = bundle()
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Partner HR portal</title>
<link rel="stylesheet" href="/host.css">
<script type="module" src="{site.service.base}{current.versioned_path}"
  integrity="{current.integrity}" crossorigin="anonymous"></script>
<script type="module" src="/host.js"></script></head>
<body data-service="{site.service.base}"><main><h1>Partner HR portal</h1>
<mc-recommender api-key="{key}"{attributes}></mc-recommender></main></body></html>
""".encode()


def frame_page(site: PartnerSite, key: str, query: str) -> bytes:
    src = f"{site.service.base}/embed/v1/recommender.html?key={key}&amp;{query}"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner HR portal</title>
<script type="module" src="/host.js"></script></head>
<body data-service="{site.service.base}"><main><h1>Partner HR portal</h1>
<iframe title="Recommender" src="{src}" width="800" height="1400"></iframe></main></body></html>
""".encode()


@dataclass(frozen=True)
class Sites:
    allowed: PartnerSite  # listed by the key
    other: PartnerSite  # not listed
    key: str


@pytest.fixture(scope="session")
async def sites(service: Service, engine: AsyncEngine) -> AsyncIterator[Sites]:
    allowed, other = PartnerSite(service), PartnerSite(service)
    async with AsyncSession(engine) as session, session.begin():
        key = (await create_key(session, "partner", (), origins=[allowed.origin])).key
    axe = embed.ensure_installed() / "axe-core" / "axe.min.js"
    for site in (allowed, other):
        site.pages["/host.js"] = HOST_SCRIPT
        site.pages["/host.css"] = HOST_STYLE
        site.pages["/axe.min.js"] = axe.read_bytes()
        site.pages["/favicon.ico"] = b""  # so the console holds only what the pages caused
    try:
        yield Sites(allowed, other, key)
    finally:
        allowed.close()
        other.close()


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    executable = debian_program("chromium")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox"], timeout=30_000
        )
        try:
            yield launched
        finally:
            await launched.close()


def save_screenshot(png: bytes, locale: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / f"recommender-{locale}.png").write_bytes(png)
    if locale == "en" and UPDATE_DOCS_SCREENSHOT:
        DOCS_SCREENSHOT.parent.mkdir(exist_ok=True)
        DOCS_SCREENSHOT.write_bytes(png)
