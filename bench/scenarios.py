"""What the benchmark loads: the requests, which ceiling each one is compared with, and the
targets of issue 8. Edit here to add a scenario; `bench.harness` runs whatever this lists."""

import hashlib
import json
from dataclasses import dataclass, field
from urllib.parse import quote

JSON_HEADERS = {"Content-Type": "application/json"}

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

# A realistic mix for the batch: every career stage, different goals, horizons and budgets.
_STAGES = ["early", "mid", "senior", "executive"]
_GOALS = [
    ["specific_skill", "performance_improvement"],
    ["career_navigation"],
    ["leadership_development", "behaviour_change"],
    ["network_building", "career_navigation"],
    ["digital_fluency", "peer_learning"],
    ["immediate_challenge"],
]
_RELATIONSHIPS = ["no_preference", "single_senior", "peers", "several_mentors", "ai_tool"]
_STRUCTURES = ["structured", "semi_structured", "informal", "no_preference"]


def batch_situations(count: int) -> list[dict[str, object]]:
    items = []
    for i in range(count):
        item = dict(SITUATION)
        item["career_stage"] = _STAGES[i % len(_STAGES)]
        item["goals"] = _GOALS[(i // 4) % len(_GOALS)]
        item["horizon_weeks"] = 4 + (i % 9) * 4
        item["urgent"] = i % 3 == 0
        item["hours_per_week"] = 1 + i % 4
        item["relationship_preference"] = _RELATIONSHIPS[i % len(_RELATIONSHIPS)]
        item["structure_preference"] = _STRUCTURES[(i // 3) % len(_STRUCTURES)]
        item["context"] = {"coach_budget": i % 2 == 0, "peers_available": i % 5 == 0}
        items.append(item)
    return items


# The typical front-end screen: the variants with their base approach, and the comparison
# aspects. Our GraphQL and PostGraphile's are asked for the same rows and columns.
SERVICE_GRAPHQL_QUERY = """\
query VariantsScreen {
  variants {
    items {
      slug
      name
      summary
      baseApproach
      relationshipShape
      formality
      linkedApproaches {
        slug
        name
      }
    }
  }
  approaches {
    items {
      slug
      name
      summary
    }
  }
  aspects {
    items {
      key
      name
      mentoring
      coaching
    }
  }
}"""

POSTGRAPHILE_QUERY = """\
query VariantsScreen {
  allVariants {
    nodes {
      slug
      baseApproach
      relationshipShape
      formality
      variantTextsByVariantSlug(condition: {locale: "en"}) {
        nodes { name summary }
      }
    }
  }
  allApproaches {
    nodes {
      slug
      approachTextsByApproachSlug(condition: {locale: "en"}) {
        nodes { name summary }
      }
    }
  }
  allAspects {
    nodes {
      key
      aspectTextsByAspectKey(condition: {locale: "en"}) {
        nodes { name mentoring coaching }
      }
    }
  }
}"""


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Scenario:
    key: str
    label: str
    request: Request
    # "get" or "post": the ceiling this scenario is a ratio of; None for ceilings and the peer.
    ceiling: str | None
    server: str = "service"  # or "postgraphile"
    target: str = ""
    unit: str = "req"  # the batch counts situations
    units_per_request: int = 1
    connections: int = 32
    # A request to send once before loading (registers a persisted query).
    prepare: Request | None = None


def graphql_text(query: str) -> Request:
    body = json.dumps({"query": query}).encode()
    return Request("POST", "/graphql", body, JSON_HEADERS)


def persisted_query() -> tuple[Request, Request]:
    """(registration, the GET a client sends afterwards): Apollo's APQ protocol."""
    digest = hashlib.sha256(SERVICE_GRAPHQL_QUERY.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    register = json.dumps({"query": SERVICE_GRAPHQL_QUERY, "extensions": extensions}).encode()
    get_path = "/graphql?extensions=" + quote(json.dumps(extensions, separators=(",", ":")))
    return Request("POST", "/graphql", register, JSON_HEADERS), Request("GET", get_path)


BATCH_SIZE = 1000


def scenarios(ceiling_get_path: str, ceiling_post: Request) -> list[Scenario]:
    register, persisted_get = persisted_query()
    recommendation = json.dumps(SITUATION).encode()
    batch = json.dumps({"items": batch_situations(BATCH_SIZE)}).encode()
    content_target = ">= 0.85 of GET ceiling, p99 < 10 ms"
    return [
        Scenario(
            "ceiling-get", "ceiling GET (pre-encoded JSON)", Request("GET", ceiling_get_path), None
        ),
        Scenario("ceiling-post", "ceiling POST (pre-encoded JSON)", ceiling_post, None),
        Scenario(
            "variants",
            "GET /v1/variants",
            Request("GET", "/v1/variants"),
            "get",
            target=content_target,
        ),
        Scenario(
            "terms",
            "GET /v1/terms?q=reverse+mentoring",
            Request("GET", "/v1/terms?q=reverse+mentoring"),
            "get",
            target=content_target,
        ),
        Scenario(
            "export", "GET /v1/export", Request("GET", "/v1/export"), "get", target=content_target
        ),
        Scenario(
            "recommend",
            "POST /v1/recommendations",
            Request("POST", "/v1/recommendations", recommendation, JSON_HEADERS),
            "post",
            target=">= 0.6 of POST ceiling",
        ),
        *(
            Scenario(
                key,
                f"POST {path} ({BATCH_SIZE} situations)",
                Request("POST", path, batch, JSON_HEADERS),
                "post",
                target=">= 20,000 situations/s",
                unit="situations",
                units_per_request=BATCH_SIZE,
                # One request is a long piece of CPU work: 2 connections keep the one worker
                # busy (one computing, one in transit); more would only queue.
                connections=2,
            )
            for key, path in (
                ("batch", "/v1/recommendations/batch"),
                ("batch-summary", "/v1/recommendations/batch?detail=summary"),
            )
        ),
        Scenario(
            "graphql-text",
            "GraphQL query as text (POST /graphql)",
            graphql_text(SERVICE_GRAPHQL_QUERY),
            "post",
            target=">= PostGraphile req/s",
        ),
        Scenario(
            "graphql-apq",
            "GraphQL persisted query (APQ, GET /graphql)",
            persisted_get,
            "get",
            target=">= 2x PostGraphile req/s",
            prepare=register,
        ),
        Scenario(
            "postgraphile",
            "PostGraphile 5: same query as text (POST /graphql)",
            graphql_text(POSTGRAPHILE_QUERY),
            None,
            server="postgraphile",
            target="peer",
        ),
    ]
