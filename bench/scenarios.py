"""What the benchmark loads: each scenario's requests, which server answers it, what it is
compared with and its target (issue 16). Edit here to add a scenario; `bench.run` runs
whatever `scenarios()` lists."""

import functools
import itertools
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from bench.load import Request
from bench.situations import situation

JSON_HEADERS = {"Content-Type": "application/json"}
BATCH_SIZE = 1000
LOCALES = ("en", "de", "es", "fr")

# The single recommendation every repeated POST sends.
SITUATION: dict[str, object] = {
    "career_stage": "mid",
    "goals": ["specific_skill", "performance_improvement"],
    "horizon_weeks": 8,
    "urgent": True,
    "hours_per_week": 2,
    "minutes_per_session": 45,
    "relationship_preference": "no_preference",
    "structure_preference": "structured",
    "context": {"coach_budget": True},
}

# In production the service runs only the GraphQL documents it ships
# (service/api/graphql/persisted_queries.json), which clients send by hash. The repeated
# scenario is the variant picker screen; PostGraphile is asked the same rows and columns.
SERVICE_SCREEN_OPERATION = "VariantPicker"
POSTGRAPHILE_SCREEN_QUERY = """\
query VariantPicker {
  allVariants(orderBy: PRIMARY_KEY_ASC) { nodes { slug baseApproach relationshipShape formality
    careerStages
    variantTextsByVariantSlug(condition: {locale: "en"}) { nodes { name summary } } } }
}"""

# The varied scenario: a glossary search in one of four locales, two words that occur in one
# term of that locale, and a page size; every request has different variables, so our
# response cache misses. PostGraphile (amber preset: no text search) reads a page of terms
# with their texts in the locale at an offset, with as many variations; it has no cache.
SERVICE_VARIED_OPERATION = "GlossarySearch"
POSTGRAPHILE_VARIED_QUERY = """\
query GlossaryPage($locale: String!, $first: Int!, $offset: Int!) {
  allTermTexts(condition: {locale: $locale}, first: $first, offset: $offset,
    orderBy: PRIMARY_KEY_ASC) { nodes { termSlug name definition synonyms } }
}"""


@functools.cache  # read once: varied scenarios build thousands of bodies
def shipped_query_hash(operation: str) -> str:
    from service.api.graphql.controller import PERSISTED_QUERIES_FILE

    shipped: dict[str, str] = json.loads(PERSISTED_QUERIES_FILE.read_text())
    return next(digest for digest, query in shipped.items() if f"query {operation}" in query)


def persisted_body(operation: str, variables: dict[str, object]) -> bytes:
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": shipped_query_hash(operation)}}
    document = {"extensions": extensions, "variables": variables}
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()


def persisted_get_path(operation: str, variables: dict[str, object]) -> str:
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": shipped_query_hash(operation)}}
    return (
        "/graphql?extensions="
        + quote(json.dumps(extensions, separators=(",", ":")))
        + "&variables="
        + quote(json.dumps(variables, separators=(",", ":")))
    )


# A function that yields `count` bodies from index `first` on; indexes never repeat in a run.
Bodies = Callable[[int, int], list[bytes]]


@dataclass(frozen=True)
class Catalogue:
    """What the varied scenarios draw from, read from the running service: per locale, pairs
    of words that occur together in one glossary term; and the number of terms."""

    word_pairs: dict[str, tuple[tuple[str, str], ...]]
    terms: int


@dataclass(frozen=True)
class Target:
    """What a scenario must reach (issue "One request path"), said once: the table's text and
    the check are both read from here."""

    ratio_at_least: float | None = None  # of the scenario it is compared with, same round
    p99_below_ms: float | None = None
    units_per_s_at_least: float | None = None
    of: str = "bare Litestar"
    # Scenarios compared by the worker's CPU per request (`Scenario.compare_by="cpu"`): their
    # ratio must stay at most this; the worker's resident set at most this many MB above the
    # comparison's; `/health/live`, sampled during the load, under this p99.
    cpu_ratio_at_most: float | None = None
    rss_above_at_most_mb: float | None = None
    health_p99_below_ms: float | None = None

    def describe(self, unit: str) -> str:
        parts = []
        if self.ratio_at_least is not None:
            parts.append(f">= {self.ratio_at_least:g} x {self.of}")
        if self.cpu_ratio_at_most is not None:
            parts.append(f"CPU/req <= {self.cpu_ratio_at_most:g} x {self.of}")
        if self.rss_above_at_most_mb is not None:
            parts.append(f"worker RSS <= {self.of} + {self.rss_above_at_most_mb:g} MB")
        if self.health_p99_below_ms is not None:
            parts.append(f"/health/live p99 < {self.health_p99_below_ms:g} ms")
        if self.p99_below_ms is not None:
            parts.append(f"p99 < {self.p99_below_ms:g} ms")
        if self.units_per_s_at_least is not None:
            parts.append(f">= {self.units_per_s_at_least:,.0f} {unit}/s")
        return ", ".join(parts)

    def met(
        self,
        ratio: float | None,
        p99_ms: float,
        units_per_s: float,
        rss_above_mb: float | None = None,
        health_p99_ms: float | None = None,
    ) -> bool | None:
        checks = []
        for bound, value in (
            (self.ratio_at_least, ratio),
            (self.cpu_ratio_at_most, ratio),
            (self.rss_above_at_most_mb, rss_above_mb),
            (self.health_p99_below_ms, health_p99_ms),
        ):
            if bound is not None and value is None:
                return None
        if self.ratio_at_least is not None and ratio is not None:
            checks.append(ratio >= self.ratio_at_least)
        if self.cpu_ratio_at_most is not None and ratio is not None:
            checks.append(ratio <= self.cpu_ratio_at_most)
        if self.rss_above_at_most_mb is not None and rss_above_mb is not None:
            checks.append(rss_above_mb <= self.rss_above_at_most_mb)
        if self.health_p99_below_ms is not None and health_p99_ms is not None:
            checks.append(health_p99_ms < self.health_p99_below_ms)
        if self.p99_below_ms is not None:
            checks.append(p99_ms < self.p99_below_ms)
        if self.units_per_s_at_least is not None:
            checks.append(units_per_s >= self.units_per_s_at_least)
        return all(checks)


@dataclass
class Scenario:
    key: str
    label: str
    request: Request
    # "litestar" or "raw" (the ceilings), "postgraphile", or "tenants-one"/"tenants-many"
    # (a service of its own for each organisation scenario: their memory is compared)
    server: str = "service"
    # The scenario this one is a ratio of, in the same round (a ceiling or PostGraphile).
    compare_with: str | None = None
    # "rps": the ratio is of rates (higher is better); "cpu": of the worker's CPU per request
    # (lower is better).
    compare_by: str = "rps"
    target: Target | None = None
    unit: str = "req"  # the batch counts situations
    units_per_request: int = 1
    connections: int = 32
    load_generator: str = "wrk"  # "python" for the batch, "h2load" for the second opinion
    # A different body for every request (wrk reads them from a file, one per line).
    bodies: Bodies | None = None
    batch_situations: int = 0  # the Python generator builds this many situations per body
    expected_status: int = 200
    # Every request carries the next of these keys in turn (wrk with `bodies`), round-robin.
    keys: tuple[str, ...] = ()
    # Read the worker's CPU and resident set around each load, and sample `/health/live`.
    watch_worker: bool = False


def graphql_body(query: str, variables: dict[str, object] | None = None) -> bytes:
    document: dict[str, object] = {"query": query}
    if variables is not None:
        document["variables"] = variables
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()


def catalogue_from(terms_by_locale: dict[str, bytes]) -> Catalogue:
    """Word pairs from `GET /v1/terms?limit=100` in each locale."""
    pairs: dict[str, tuple[tuple[str, str], ...]] = {}
    count = 0
    for locale, answer in terms_by_locale.items():
        items = json.loads(answer)["items"]
        count = max(count, len(items))
        found: set[tuple[str, str]] = set()
        for item in items:
            text = f"{item['name']} {item['definition']}"
            words = sorted({word.lower() for word in re.findall(r"[^\W\d_]{4,}", text)})
            found.update(itertools.combinations(words, 2))
        pairs[locale] = tuple(sorted(found))
    return Catalogue(pairs, count)


def _pick(index: int, *sizes: int) -> list[int]:
    digits = []
    for size in sizes:
        index, digit = divmod(index, size)
        digits.append(digit)
    return digits


PAGE_SIZES = tuple(range(5, 21))


def varied_service_bodies(catalogue: Catalogue) -> Bodies:
    choices = [
        (locale, pair) for locale in LOCALES for pair in catalogue.word_pairs.get(locale, ())
    ]

    def bodies(first: int, count: int) -> list[bytes]:
        out = []
        for index in range(first, first + count):
            choice, size = _pick(index, len(choices), len(PAGE_SIZES))
            locale, (one, two) = choices[choice]
            variables = {"search": f"{one} {two}", "locale": locale, "first": PAGE_SIZES[size]}
            out.append(persisted_body(SERVICE_VARIED_OPERATION, variables))
        return out

    return bodies


def varied_postgraphile_bodies(catalogue: Catalogue) -> Bodies:
    offsets = max(1, catalogue.terms)

    def bodies(first: int, count: int) -> list[bytes]:
        out = []
        for index in range(first, first + count):
            offset, locale, size = _pick(index, offsets, 4, len(PAGE_SIZES))
            variables = {"locale": LOCALES[locale], "first": PAGE_SIZES[size], "offset": offset}
            out.append(graphql_body(POSTGRAPHILE_VARIED_QUERY, variables))
        return out

    return bodies


def varied_recommendation_bodies(first: int, count: int) -> list[bytes]:
    return [json.dumps(situation(i)).encode() for i in range(first, first + count)]


def scenarios(key: str, catalogue: Catalogue, tenant_keys: Sequence[str] = ()) -> list[Scenario]:
    """Every scenario; `key` is the API key every request to the service carries;
    `tenant_keys` one key per organisation with a published policy (issue 32, "Tenant
    scale"), the first of them the single organisation's."""
    auth = {"Authorization": f"Bearer {key}"}
    json_auth = {**JSON_HEADERS, **auth}
    screen_get = persisted_get_path(SERVICE_SCREEN_OPERATION, {"locale": "en"})
    recommendation = json.dumps(SITUATION).encode()
    # Issue "One request path": every request through Litestar, admission and the guards.
    content_target = Target(ratio_at_least=0.6, p99_below_ms=10)
    repeated_post_target = Target(ratio_at_least=0.5, p99_below_ms=20)
    varied_post_target = Target(ratio_at_least=0.25, p99_below_ms=20)
    ceiling_post = Request("POST", "/ceiling", recommendation, JSON_HEADERS)
    batch_path = "/v1/recommendations/batch"
    return [
        Scenario("litestar-get", "bare Litestar GET (same bytes)", Request("GET", "/ceiling"),
                 server="litestar"),
        Scenario("litestar-post", "bare Litestar POST (same bytes)", ceiling_post,
                 server="litestar"),
        Scenario("raw-get", "raw ASGI GET (same bytes)", Request("GET", "/ceiling"),
                 server="raw", compare_with="litestar-get"),
        Scenario("raw-post", "raw ASGI POST (same bytes)", ceiling_post, server="raw",
                 compare_with="litestar-post"),
        Scenario("variants", "GET /v1/variants", Request("GET", "/v1/variants", b"", auth),
                 compare_with="litestar-get", target=content_target),
        Scenario("terms", "GET /v1/terms?q=reverse+mentoring",
                 Request("GET", "/v1/terms?q=reverse+mentoring", b"", auth),
                 compare_with="litestar-get", target=content_target),
        Scenario("export", "GET /v1/export", Request("GET", "/v1/export", b"", auth),
                 compare_with="litestar-get", target=content_target),
        Scenario("recommend", "POST /v1/recommendations (one situation, repeated)",
                 Request("POST", "/v1/recommendations", recommendation, json_auth),
                 compare_with="litestar-post", target=repeated_post_target),
        Scenario("recommend-varied", "POST /v1/recommendations (never-seen situations)",
                 Request("POST", "/v1/recommendations", b"", json_auth),
                 compare_with="litestar-post", target=varied_post_target,
                 bodies=varied_recommendation_bodies),
        Scenario("batch", f"POST {batch_path} ({BATCH_SIZE} never-seen situations, full)",
                 Request("POST", batch_path, b"", json_auth),
                 target=Target(units_per_s_at_least=6_000), unit="situations",
                 units_per_request=BATCH_SIZE, connections=1, load_generator="python",
                 batch_situations=BATCH_SIZE),
        Scenario("batch-summary",
                 f"POST {batch_path}?detail=summary ({BATCH_SIZE} never-seen situations)",
                 Request("POST", f"{batch_path}?detail=summary", b"", json_auth),
                 target=Target(units_per_s_at_least=10_000), unit="situations",
                 units_per_request=BATCH_SIZE, connections=1, load_generator="python",
                 batch_situations=BATCH_SIZE),
        Scenario("graphql-varied", "GraphQL glossary search (persisted POST, new variables)",
                 Request("POST", "/graphql", b"", json_auth),
                 compare_with="postgraphile-varied",
                 target=Target(ratio_at_least=1.0, of="PostGraphile varied"),
                 bodies=varied_service_bodies(catalogue)),
        Scenario("graphql-repeated", "GraphQL variant picker (persisted GET, repeated)",
                 Request("GET", screen_get, b"", auth),
                 compare_with="postgraphile-repeated",
                 target=Target(ratio_at_least=2.0, of="PostGraphile repeated")),
        Scenario("postgraphile-varied", "PostGraphile 5: glossary page (new variables)",
                 Request("POST", "/graphql", b"", JSON_HEADERS), server="postgraphile",
                 bodies=varied_postgraphile_bodies(catalogue)),
        Scenario("postgraphile-repeated", "PostGraphile 5: variant picker as text (repeated)",
                 Request("POST", "/graphql", graphql_body(POSTGRAPHILE_SCREEN_QUERY),
                         JSON_HEADERS), server="postgraphile"),
        # The second load generator, for the POST p99 (docs/benchmarks.md, "POST p99").
        Scenario("litestar-post-h2load", "bare Litestar POST, h2load", ceiling_post,
                 server="litestar", load_generator="h2load"),
        Scenario("recommend-h2load", "POST /v1/recommendations (repeated), h2load",
                 Request("POST", "/v1/recommendations", recommendation, json_auth),
                 compare_with="litestar-post-h2load", load_generator="h2load"),
        # Issue 32: 1,000 organisations with policies against one, on a worker of their own.
        *tenant_scenarios(tenant_keys),
    ]  # fmt: skip


def tenant_scenarios(keys: Sequence[str]) -> list[Scenario]:
    """Never-seen recommendations from one organisation with a published policy, and the same
    load round-robin across all of them (1,000 in `make bench`), each on a worker of its own
    loaded for as long: the 1,000's CPU per request against the one's in the same round, each
    worker's resident set after its last load, and `/health/live` during the loads (issue
    32's targets)."""
    if not keys:
        return []
    path = "/v1/recommendations"
    one = Request("POST", path, b"", {**JSON_HEADERS, "Authorization": f"Bearer {keys[0]}"})
    target = Target(
        cpu_ratio_at_most=1.5,
        rss_above_at_most_mb=50,
        health_p99_below_ms=50,
        of="one organisation",
    )
    return [
        Scenario("tenants-one",
                 "POST /v1/recommendations (never-seen), one organisation with a policy",
                 one, server="tenants-one", bodies=varied_recommendation_bodies,
                 keys=(keys[0],), watch_worker=True),
        Scenario("tenants-many",
                 f"POST /v1/recommendations (never-seen), {len(keys):,} organisations with "
                 "policies, round-robin",
                 one, server="tenants-many", compare_with="tenants-one", compare_by="cpu",
                 target=target, bodies=varied_recommendation_bodies, keys=tuple(keys),
                 watch_worker=True),
    ]  # fmt: skip
