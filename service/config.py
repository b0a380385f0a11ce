"""Every setting comes from the environment; docs/configuration.md is generated from here."""

import difflib
import logging
import os
import re
from collections.abc import Mapping
from enum import StrEnum
from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Literal, NoReturn

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    service_env: Environment = Field(
        Environment.DEVELOPMENT,
        description="`production` requires API keys, hides introspection and GraphiQL, logs JSON.",
    )
    database_url: str | None = Field(
        None,
        description="PostgreSQL URL (`postgresql://user:pass@host:5432/db`). Unset: `make run` "
        "starts an embedded PostgreSQL in `EMBEDDED_PG_DIR`.",
    )
    database_listen_url: str | None = Field(
        None,
        description="Direct PostgreSQL URL for the LISTEN connection that hears content "
        "changes at once. Set it when `DATABASE_URL` points at PgBouncer in transaction mode "
        "(a LISTEN needs one server session). Unset: `DATABASE_URL`.",
    )
    db_pgbouncer: bool = Field(
        False,
        description="`DATABASE_URL` is PgBouncer in transaction pooling mode: no prepared "
        "statement caches (asyncpg's `statement_cache_size=0`, SQLAlchemy's "
        "`prepared_statement_cache_size=0`), unique statement names, and no "
        "`statement_timeout` startup parameter (PgBouncer refuses it; set it on the role, "
        "`ALTER ROLE ... SET statement_timeout`; the client-side timeout still applies).",
    )
    embedded_pg_dir: Path = Field(
        PROJECT_ROOT / ".data" / "pg",
        description="Data folder of the embedded PostgreSQL used when `DATABASE_URL` is unset.",
    )
    host: str = Field("127.0.0.1", description="Interface the server binds to.")
    port: int = Field(8000, ge=1, le=65535, description="TCP port the server listens on.")
    metrics_port: int = Field(
        0,
        ge=0,
        le=65535,
        description="TCP port of a listener of its own for `GET /metrics` (Prometheus), on "
        "`HOST`; the API's port then has no `/metrics`. The image sets 9100; the chart's "
        "Service names it `metrics` for the ServiceMonitor and its Ingress never routes it. "
        "0: `/metrics` is served on `PORT` with the API.",
    )
    workers: int = Field(1, ge=1, le=64, description="Granian worker processes.")
    log_level: str = Field("INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$", description="Log level.")
    access_log: bool = Field(
        True,
        description="One log line per request: method, route template, status, duration, "
        "request id (never the query string or the body).",
    )
    otel_exporter_otlp_endpoint: str | None = Field(
        None,
        pattern=r"^https?://\S+$",
        description="OTLP/HTTP collector base URL (`http://otel-collector:4318`); traces go to "
        "`/v1/traces` under it. Unset: no tracing at all.",
    )
    otel_service_name: str = Field(
        "mentoring-coaching-service",
        min_length=1,
        max_length=100,
        description="`service.name` of the exported traces.",
    )
    db_pool_size: int = Field(10, ge=1, le=200, description="Connections kept open per worker.")
    db_max_overflow: int = Field(5, ge=0, le=200, description="Extra connections under burst.")
    db_pool_timeout_seconds: float = Field(
        2.0, gt=0, le=60, description="Longest wait for a free pooled connection before a 503."
    )
    db_connect_timeout_seconds: float = Field(
        3.0, gt=0, le=60, description="Longest wait to open a connection."
    )
    db_statement_timeout_ms: int = Field(
        5000, ge=1, le=600_000, description="PostgreSQL `statement_timeout` for every session."
    )
    content_poll_seconds: float = Field(
        30.0,
        gt=0,
        le=3600,
        description="Safety-net check of the content version, beside LISTEN/NOTIFY.",
    )
    load_content_on_start: bool = Field(
        True, description="Apply migrations' content load (idempotent) when the service starts."
    )
    api_key_cache_seconds: float = Field(
        60.0,
        gt=0,
        le=3600,
        description="How often a replica reads the table of active API keys, and the "
        "organisations' trusted issuers, again (keys are checked in memory against it, so known "
        "keys and issuers keep working through a database outage; a revoked key or a removed "
        "issuer works at most this long on the other replicas).",
    )
    rate_limit_requests: int = Field(
        1200,
        ge=0,
        le=10_000_000,
        description="Requests each API key may make per window, across all replicas; 0 disables.",
    )
    rate_limit_window_seconds: int = Field(
        60, ge=1, le=86_400, description="Length of the fixed rate-limit window."
    )
    publishable_rate_limit_requests: int = Field(
        600,
        ge=0,
        le=10_000_000,
        description="Requests each publishable (browser) key may make per window, across all "
        "replicas, instead of `RATE_LIMIT_REQUESTS`; 0 disables.",
    )
    publishable_rate_limit_per_address: int = Field(
        60,
        ge=0,
        le=1_000_000,
        description="Requests one client address may make per window with one publishable key "
        "(counted per worker), so one visitor cannot spend a partner's whole budget; 0 disables.",
    )
    publishable_origins_refresh_seconds: float = Field(
        10.0,
        gt=0,
        le=3600,
        description="How often a replica re-reads the origins of the active publishable keys, "
        "which CORS preflights are answered for (a new key's origin waits at most this long).",
    )
    auth_failures_per_minute: int = Field(
        20,
        ge=0,
        le=1_000_000,
        description="Failed authentications (unknown, revoked or malformed keys) a client "
        "address may make per minute and worker before it gets 429 (requests with a verified "
        "key still pass); 0 disables.",
    )
    oauth_resource: str | None = Field(
        None,
        pattern=r"^https?://[^/?#\s]+/?$",
        description="This service's resource identifier (RFC 8707), `https://api.example.com`: "
        "the `aud` an OAuth access token must name, and the `resource` of the metadata at "
        "`/.well-known/oauth-protected-resource` (RFC 9728). Unset: `PUBLIC_BASE_URL`; both "
        "unset: access tokens are refused and API keys are the only credentials.",
    )
    oauth_algorithms: str = Field(
        "RS256,ES256,EdDSA",
        pattern=r"^(RS256|ES256|EdDSA)(,(RS256|ES256|EdDSA)){0,2}$",
        description="Comma-separated signature algorithms an access token may use, among "
        "RS256, ES256 and EdDSA (`none` and the HMAC ones are never accepted).",
    )
    oauth_leeway_seconds: int = Field(
        30,
        ge=0,
        le=300,
        description="Clock difference tolerated with an identity provider when checking an "
        "access token's `exp`, `nbf` and `iat`.",
    )
    oauth_keys_refresh_seconds: float = Field(
        900.0,
        gt=0,
        le=86_400,
        description="Age at which an issuer's signing keys (its JWKS) are fetched again, in "
        "the background: a key the issuer withdrew stops working within this long.",
    )
    oauth_keys_cooldown_seconds: float = Field(
        60.0,
        gt=0,
        le=3600,
        description="Shortest time between two fetches of one issuer's keys: a token naming a "
        "key (`kid`) not held causes at most one fetch per this period, and an unreachable "
        "issuer is tried again this often.",
    )
    oauth_keys_max_staleness_seconds: float = Field(
        21_600.0,
        gt=0,
        le=604_800,
        description="How long an issuer's last fetched keys keep verifying tokens while the "
        "issuer cannot be reached; past this its tokens get 503 with `Retry-After`.",
    )
    oauth_issuer_networks: str = Field(
        "",
        description="Comma-separated networks (CIDR) besides the public internet where "
        "trusted issuers and their keys may be fetched from, over `http` too (an identity "
        "provider inside the cluster: `10.20.0.0/16`). Empty: public addresses over https only.",
    )

    @property
    def oauth_resource_identifier(self) -> str | None:
        return self.oauth_resource or self.public_base_url or None

    @property
    def oauth_algorithm_list(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.oauth_algorithms.split(",")))

    @property
    def oauth_issuer_network_list(self) -> list[IPv4Network | IPv6Network]:
        return [
            ip_network(part.strip())
            for part in self.oauth_issuer_networks.split(",")
            if part.strip()
        ]

    @field_validator("oauth_issuer_networks")
    @classmethod
    def _issuer_networks(cls, value: str) -> str:
        for part in value.split(","):
            if part.strip():
                ip_network(part.strip())  # ValueError names the bad network
        return value

    request_max_body_bytes: int = Field(
        1_000_000, ge=1024, le=100_000_000, description="Larger request bodies are refused (413)."
    )
    request_timeout_seconds: float = Field(
        10.0, gt=0, le=600, description="A request still running after this long answers 503."
    )
    answered_cache_max_bytes: int = Field(
        32_000_000,
        ge=1_000_000,
        le=4_000_000_000,
        description="Bytes of final REST content answers each worker keeps (least recently "
        "used go first; at most 4096 answers).",
    )
    graphql_max_query_cost: int = Field(
        5000,
        ge=1,
        le=1_000_000,
        description="Most points one GraphQL operation may cost (an object 1, a page of `first` "
        "objects `first`, `recommend` 50: docs/graphql.md); a costlier one is refused, "
        "`QUERY_TOO_EXPENSIVE`, before any resolver runs.",
    )
    decision_id_keys: str = Field(
        "",
        repr=False,
        pattern=r"^([a-z0-9]{1,16}:[^,\s]{32,}(,[a-z0-9]{1,16}:[^,\s]{32,})*)?$",
        description="Secret keys of decision ids (HMAC-SHA256), `kid:secret` pairs "
        "comma-separated, each secret at least 32 characters: the first makes new ids, every "
        "one listed still verifies (keep a rotated key listed after the new one while its ids "
        "must replay). Required when `SERVICE_ENV=production` (the chart reads it from a "
        "Secret, `decisionIds.existingSecret`); development uses a fixed, public key.",
    )
    replay_builds_per_minute: int = Field(
        20,
        ge=0,
        le=100_000,
        description="Past content versions (not already held in memory) each API key may have "
        "built for replay per minute, per worker (about 100 ms of CPU each; concurrent replays "
        "of one version share one build); past it a replay that would build answers 429 with "
        "`Retry-After`. 0 disables the limit.",
    )
    graphql_cost_budget: int = Field(
        250_000,
        ge=0,
        le=1_000_000_000,
        description="GraphQL cost points each API key may spend per `RATE_LIMIT_WINDOW_SECONDS`, "
        "across all replicas (`BUDGET_EXHAUSTED` with 429 once spent); 0 disables.",
    )
    graphql_response_cache_max_bytes: int = Field(
        32_000_000,
        ge=1_000_000,
        le=4_000_000_000,
        description="Bytes of GraphQL responses each worker keeps for repeated operations "
        "(least recently used go first; at most 4096 responses).",
    )
    graphql_document_cache_max_bytes: int = Field(
        32_000_000,
        ge=1_000_000,
        le=4_000_000_000,
        description="Estimated bytes of parsed GraphQL documents each worker keeps (and as "
        "much for their validation results; at most 1024 documents each).",
    )
    persisted_queries_max_bytes: int = Field(
        8_000_000,
        ge=100_000,
        le=1_000_000_000,
        description="Bytes of automatic persisted query documents each worker remembers, "
        "beyond the shipped ones (least recently used go first; at most 10000 documents).",
    )
    persisted_query_max_bytes: int = Field(
        20_000,
        ge=1_000,
        le=1_000_000,
        description="Longest GraphQL document that may be registered as an automatic "
        "persisted query (longer ones still run, but are not remembered).",
    )
    cors_origins: str = Field(
        "",
        description="Comma-separated origins allowed by CORS (`https://hr.example.com`); "
        "empty: no cross-origin browser access.",
    )

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]

    public_base_url: str | None = Field(
        None,
        pattern=r"^(https?://[^/?#\s]+/?)?$",
        description="The service's own public origin as browsers reach it "
        "(`https://api.example.com`): the embed page calls the API from there, so a "
        "publishable key is accepted from this origin besides its own. Unset: only the keys' "
        "origins. Never taken from the request's `Host`.",
    )
    trusted_proxies: str = Field(
        "",
        description="Comma-separated networks (CIDR) of the proxies in front (an ingress), "
        "whose `Forwarded` or `X-Forwarded-For` is believed: the rightmost address not in them "
        "is the client's, for per-address budgets. Empty: nothing forwarded is believed and "
        "the TCP peer is the client.",
    )

    trusted_proxy_header: Literal["x-forwarded-for", "forwarded"] = Field(
        "x-forwarded-for",
        description="The one header the proxies in `TRUSTED_PROXIES` write the client's "
        "address into (`x-forwarded-for`, as ingress-nginx does, or RFC 7239 `forwarded`). "
        "Only it is read: a proxy passes on whatever other header the client sent.",
    )

    @property
    def trusted_proxy_networks(self) -> list[IPv4Network | IPv6Network]:
        return [
            ip_network(part.strip()) for part in self.trusted_proxies.split(",") if part.strip()
        ]

    @model_validator(mode="after")
    def _decision_id_keys_in_production(self) -> "Settings":
        if self.service_env is Environment.PRODUCTION and not self.decision_id_keys:
            raise ValueError(
                "DECISION_ID_KEYS is required in production (decision ids are keyed with it)"
            )
        return self

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: str) -> str:
        for part in value.split(","):
            if part.strip():
                ip_network(part.strip())  # ValueError names the bad network
        return value

    gc_young_threshold: int = Field(
        50_000,
        ge=100,
        le=10_000_000,
        description="Allocations between young collections of the served worker (Python's "
        "default is 700; service/garbage_collection.py says why).",
    )
    gc_middle_threshold: int = Field(
        20,
        ge=1,
        le=1_000,
        description="Young collections between collections of the middle generation (Python's "
        "default is 10).",
    )

    webhook_worker_in_service: bool = Field(
        True,
        description="Run the webhook delivery worker inside each service process. Set to "
        "`false` where `python -m service worker` runs as its own Deployment.",
    )
    webhook_allow_loopback: bool = Field(
        False,
        description="Development and tests only: allow webhook URLs on 127.0.0.1/::1 (and "
        "`http`). Private, link-local and metadata addresses are always refused; production "
        "refuses loopback and `http` whatever this says.",
    )
    webhook_retry_schedule: str = Field(
        "5,300,1800,7200,18000,36000,36000",
        pattern=r"^\d{1,6}(,\d{1,6}){0,19}$",
        description="Seconds to wait before each retry of a failed webhook delivery "
        "(comma-separated; the default retries 7 times over about 27.5 hours, then marks the "
        "subscription failing).",
    )
    webhook_timeout_seconds: float = Field(
        10.0, gt=0, le=60, description="Longest a webhook delivery may take, connect included."
    )
    webhook_max_response_bytes: int = Field(
        65_536, ge=0, le=10_000_000, description="Bytes of a receiver's answer read at most."
    )
    webhook_stalled_seconds: float = Field(
        30.0,
        ge=1,
        le=3600,
        description="A delivery worker silent for this long is presumed dead and its jobs are "
        "retried (workers beat every third of it).",
    )
    webhook_worker_poll_seconds: float = Field(
        5.0,
        gt=0,
        le=300,
        description="How often an idle worker looks for due retries (new jobs wake it at once).",
    )

    @property
    def webhook_retry_delays(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.webhook_retry_schedule.split(","))


# Variables that begin like this are meant for the service: one it does not know is a typo
# or a stale name (the chart once set RATE_LIMIT_PER_MINUTE, which nothing read), and stops
# the start. OTEL_ is left out: the OpenTelemetry SDK reads its own OTEL_* variables.
SHARED_PREFIXES = frozenset({"OTEL_"})
# The address variables of service links, which Kubernetes adds for every Service in the
# namespace (the chart turns them off) and Docker for every `--link`: `DB_PORT`,
# `API_SERVICE_HOST`, `AUTH_PORT_443_TCP_ADDR`, ...
SERVICE_LINK = re.compile(
    r"^[A-Z0-9_]+_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?)$"
)


def setting_names() -> frozenset[str]:
    return frozenset(name.upper() for name in Settings.model_fields)


def setting_prefixes() -> frozenset[str]:
    """`DB_`, `RATE_`, `WEBHOOK_`, ...: the first word of every setting's name."""
    return frozenset(name.split("_")[0] + "_" for name in setting_names()) - SHARED_PREFIXES


def unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """Variables that look like settings (a setting's first word) but are none."""
    known, prefixes = setting_names(), setting_prefixes()
    return sorted(
        name
        for name in (key.upper() for key in environ)
        if name not in known and name.startswith(tuple(prefixes)) and not SERVICE_LINK.match(name)
    )


def _alike(name: str) -> list[str]:
    """The settings that share the most leading words with `name`, closest first."""
    words = name.split("_")
    for count in range(len(words), 0, -1):
        start = "_".join(words[:count]) + "_"
        alike = [known for known in setting_names() if (known + "_").startswith(start)]
        if alike:
            return sorted(
                alike, key=lambda known: -difflib.SequenceMatcher(None, name, known).ratio()
            )
    return []


def unknown_variables_message(names: list[str]) -> str:
    lines = []
    for name in names:
        alike = _alike(name)[:3]
        hint = f" (settings that begin the same: {', '.join(alike)})" if alike else ""
        lines.append(f"unknown setting {name}{hint}")
    lines.append("the service's settings are listed in docs/configuration.md")
    return "\n".join(lines)


def invalid_settings_message(error: ValidationError) -> str:
    """One line per invalid setting, named as in the environment: `invalid setting PORT: ...`."""
    lines = []
    for item in error.errors():
        name = "_".join(str(part) for part in item["loc"]).upper() or "SETTINGS"
        lines.append(f"invalid setting {name}: {item['msg']}")
    return "\n".join(lines)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings from the environment; an invalid one, or an unknown variable that looks
    like a setting, stops the process with a clear line.

    SystemExit also covers granian importing `service.app:app`, which builds the app at import.
    """
    unknown = unknown_variables(os.environ)
    if unknown:
        _stop(unknown_variables_message(unknown))
    try:
        return Settings()
    except ValidationError as error:
        _stop(invalid_settings_message(error))


def _stop(message: str) -> NoReturn:
    """SystemExit with `message`: in production (as the environment says) one JSON log line,
    like every other line there."""
    env = {key.upper(): value for key, value in os.environ.items()}
    if env.get("SERVICE_ENV", "").strip().lower() == Environment.PRODUCTION:
        from service.observability.logs import JsonFormatter

        record = logging.LogRecord(
            "service.config", logging.CRITICAL, __file__, 0, message, None, None
        )
        message = JsonFormatter().format(record)
    raise SystemExit(message) from None
