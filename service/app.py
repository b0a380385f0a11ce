"""The ASGI application: `service.app:app` (create_app() builds one for tests)."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from litestar import Litestar
from litestar.datastructures import State
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.openapi.spec import Contact, License, Server

from service.api import contract
from service.api.common.answered import AnsweredContentMiddleware, answered_cache
from service.api.common.json_limits import BoundedJSONRequest
from service.api.graphql.controller import GraphQLDoor, graphql_controller
from service.api.mcp import McpDoor, mcp_route
from service.api.rest.content import ContentController
from service.api.rest.decisions import DecisionController
from service.api.rest.docs import example_snapshot, release_examples
from service.api.rest.documents import TrustedDocumentController
from service.api.rest.embed import EmbedController
from service.api.rest.health import HealthController
from service.api.rest.issuers import IssuerController
from service.api.rest.oauth import ProtectedResourceController
from service.api.rest.organisations import OrganisationController
from service.api.rest.recommendations import RecommendationController, kept_answers
from service.api.rest.releases import ReleaseController
from service.api.rest.webhooks import WebhookController
from service.bootstrap import store_content_files
from service.config import Settings, get_settings
from service.db import create_engine, listen_url, session_factory
from service.domain.decisions import ids as decision_ids
from service.domain.decisions.card import PolicyCards
from service.domain.decisions.service import Replayer
from service.domain.documents.service import TrustedDocuments
from service.domain.organisations.service import OrganisationPolicies
from service.domain.store import ContentStore
from service.garbage_collection import settle_after_start
from service.observability import Observability, metrics_endpoint
from service.observability.metrics_port import metrics_listener
from service.problems import handle_exception
from service.security.cors import CachingHeaders, PublishableCors, PublishableOrigins, cors_config
from service.security.headers import FrameablePages, security_headers
from service.security.middleware import Admission

logger = logging.getLogger("service")

API_DESCRIPTION = """\
Content about mentoring versus coaching for professional growth (approaches, comparison
aspects, topics, glossary terms and structured model variants), and explainable
recommendations of which model fits an employee's situation.

Conventions: every list is `{"items": [...], "next_cursor": ...}` with `limit` (1-100) and an
opaque `cursor`; content GETs carry a strong `ETag` and answer `If-None-Match` with 304;
`Accept-Language` (or `?locale=`) selects the locale, falling back to `en`; every error is an
RFC 9457 `application/problem+json` document.
"""


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Mentoring & Coaching API",
        version="1.0.0",
        description=API_DESCRIPTION,
        servers=[Server(url="/")],
        license=License(name="Proprietary", identifier="LicenseRef-Proprietary"),
        contact=Contact(
            name="Integration support", url="https://mentoring-coaching.example/support"
        ),
        path="/schema",
        render_plugins=[JsonRenderPlugin()],
        use_handler_docstrings=False,
    )


def create_app(settings: Settings | None = None, *, server: bool = False) -> Litestar:
    """The application; `server=True` for the one granian serves (`app` below), which drops
    the example snapshot before it loads its content and settles its heap once started."""
    settings = settings or get_settings()
    decision_ids.configure(settings.decision_id_keys or decision_ids.DEVELOPMENT_KEYS)
    observability = Observability(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        if not settings.database_url:
            raise RuntimeError("DATABASE_URL is not set: use `make run`, which provides one.")
        engine = create_engine(settings, settings.database_url)
        app.state.engine = engine
        app.state.sessions = session_factory(engine)
        if settings.load_content_on_start:
            await store_content_files(app.state.sessions)
        if server:
            # The example snapshot behind the OpenAPI examples (a second copy of the content,
            # about 20 MB) is not read at request time: dropped before the served snapshot is
            # built, which reuses its memory (after: the worker's resident set stays ~20 MB
            # higher for good).
            release_examples()
        await app.state.content.refresh(engine)
        worker = None
        if settings.webhook_worker_in_service:
            # The job queue LISTENs and sets a startup parameter, which PgBouncer in
            # transaction mode refuses: it uses the direct connection, like the content LISTEN.
            # Imported here: procrastinate, psycopg and httpx are 18 MB of every worker's
            # memory, which an API pod with its own webhook Deployment does not need.
            from service.webhooks.worker import InServiceWorker, build_queue

            queue = build_queue(settings, listen_url(settings), app.state.sessions)
            worker = InServiceWorker(queue, settings)
            await worker.start()
        watchers = [
            asyncio.create_task(
                app.state.content.watch(engine, listen_url(settings), settings.content_poll_seconds)
            ),
            # The active API keys, read whole once and then their changes: no request waits.
            asyncio.create_task(admission.verifier.keep_current(engine)),
            # Which organisations published a policy since: kept versions stay current.
            asyncio.create_task(app.state.organisation_policies.keep_current(engine)),
        ]
        try:
            yield
        finally:
            for watcher in watchers:
                watcher.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await watcher
            if worker is not None:
                await worker.stop()
            await admission.tokens.keys.close()  # signing-key fetches still running
            await engine.dispose()

    admission = Admission(settings)
    graphql = GraphQLDoor.create(settings)
    mcp = McpDoor(settings)
    state: dict[str, Any] = {
        "settings": settings,
        "admission": admission,  # the embed page verifies its publishable key with it too
        "content": ContentStore(),
        "answered": answered_cache(settings.answered_cache_max_bytes),
        "recommendations": kept_answers(),
        "graphql": graphql,
        "replayer": Replayer(builds_per_minute=settings.replay_builds_per_minute),
        "policy_cards": PolicyCards(),
        "organisation_policies": OrganisationPolicies(),
        "trusted_documents": TrustedDocuments(),
    }
    application = Litestar(
        route_handlers=[
            HealthController,
            ContentController,
            RecommendationController,
            DecisionController,
            OrganisationController,
            IssuerController,
            ProtectedResourceController,
            TrustedDocumentController,
            ReleaseController,
            WebhookController,
            EmbedController,
            graphql_controller(graphql),
            mcp_route(mcp),  # the MCP door: tools for AI assistants (docs/mcp.md)
            # With METRICS_PORT, /metrics is served on that port only (never the Ingress's).
            *([] if settings.metrics_port else [metrics_endpoint]),
        ],
        lifespan=[observability.lifespan, lifespan, mcp.lifespan, metrics_listener(settings)],
        state=State(state),
        exception_handlers={Exception: handle_exception},
        openapi_config=openapi_config(),
        cors_config=cors_config(settings),
        # After routing, in this order, for every route: admission (the route's declared
        # access: key, scope, rate limit), then the content answers kept from earlier requests.
        middleware=[admission.middleware, AnsweredContentMiddleware],
        before_send=[CachingHeaders(settings)],
        request_max_body_size=settings.request_max_body_bytes,
        request_class=BoundedJSONRequest,  # every JSON body through the one bounded decoder
        logging_config=None,  # service.observability configures logging
        debug=False,
    )
    # Litestar rebuilds `components` from its registry, so complete the document afterwards.
    contract.complete(application, example_snapshot().locales)
    # Beside Litestar's CORS middleware, which knows only CORS_ORIGINS: publishable keys'
    # origins are read from PostgreSQL.
    application.asgi_handler = PublishableCors(
        application.asgi_handler,
        PublishableOrigins(settings.publishable_origins_refresh_seconds),
        settings,
    )
    # Security headers go on with the request id, on every response (errors and 404s too).
    observability.install(application, security_headers(settings.service_env == "production"))
    if server:  # service/garbage_collection.py
        application.on_startup.append(
            settle_after_start(settings.gc_young_threshold, settings.gc_middle_threshold)
        )
    application.asgi_handler = FrameablePages(application.asgi_handler)  # the embed page
    return application


app = create_app(server=True)
