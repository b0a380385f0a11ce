"""GET /metrics and the request id, as a scraper and a client see them."""

import re
from typing import Any

from litestar.testing import AsyncTestClient

Client = AsyncTestClient[Any]


def sample(text: str, name: str, **labels: str) -> float | None:
    """The value of one series in a Prometheus text exposition, or None when absent."""
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    pattern = re.escape(name) + (r"\{" + re.escape(wanted) + r"\}" if labels else "") + r" (\S+)"
    found = re.search("^" + pattern + "$", text, re.MULTILINE)
    return float(found.group(1)) if found else None


async def scrape(client: Client) -> str:
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    return response.text


async def test_requests_are_counted_by_route_template_and_status(client: Client) -> None:
    labels = {"method": "GET", "route": "/v1/variants/{slug}", "status": "200"}
    before = sample(await scrape(client), "http_requests_total", **labels) or 0.0
    for _ in range(3):
        assert (await client.get("/v1/variants/classic-mentoring")).status_code == 200
    text = await scrape(client)
    assert sample(text, "http_requests_total", **labels) == before + 3
    assert (sample(text, "http_request_duration_seconds_count", **labels) or 0) >= 3
    assert 'route="/v1/variants/classic-mentoring"' not in text  # never the raw path


async def test_unmatched_paths_share_one_label(client: Client) -> None:
    assert (await client.get("/no/such/path/unmatched-probe")).status_code == 404
    text = await scrape(client)
    assert (
        sample(text, "http_requests_total", method="GET", route="<unmatched>", status="404") or 0
    ) >= 1
    assert "unmatched-probe" not in text


async def test_pool_and_content_version_are_exposed(client: Client) -> None:
    version = (await client.get("/health/ready")).json()["content_version"]
    text = await scrape(client)
    assert sample(text, "content_version") == float(version)
    assert sample(text, "db_pool_size_connections") is not None
    checked_out = sample(text, "db_pool_checked_out_connections")
    capacity = sample(text, "db_pool_capacity_connections")
    assert checked_out is not None and capacity is not None and 0 <= checked_out <= capacity


SITUATION = {
    "career_stage": "early",
    "goals": ["career_navigation", "network_building"],
    "horizon_weeks": 52,
    "hours_per_week": 2,
    "minutes_per_session": 60,
    "context": {"sponsors_available": True},
}
GRAPHQL_RECOMMEND = (
    "query($situation: SituationInput!) { recommend(situation: $situation) "
    "{ primary { variant } } }"
)
GRAPHQL_SITUATION = {
    "careerStage": "early",
    "goals": ["career_navigation", "network_building"],
    "horizonWeeks": 52,
    "hoursPerWeek": 2,
    "minutesPerSession": 60,
    "context": {"sponsorsAvailable": True},
}


async def test_recommendations_through_either_door_are_counted_by_top_variant(
    client: Client,
) -> None:
    rest = await client.post("/v1/recommendations", json=SITUATION)
    assert rest.status_code == 200, rest.text
    top = rest.json()["primary"]["variant"]
    before = sample(await scrape(client), "recommendations_total", top_variant=top) or 0.0

    rest = await client.post("/v1/recommendations", json=SITUATION)
    assert rest.json()["primary"]["variant"] == top
    after_rest = sample(await scrape(client), "recommendations_total", top_variant=top)
    assert after_rest == before + 1

    answer = await client.post(
        "/graphql",
        json={"query": GRAPHQL_RECOMMEND, "variables": {"situation": GRAPHQL_SITUATION}},
    )
    assert answer.status_code == 200 and "errors" not in answer.json(), answer.text
    assert answer.json()["data"]["recommend"]["primary"]["variant"] == top
    after_graphql = sample(await scrape(client), "recommendations_total", top_variant=top)
    assert after_graphql == before + 2


async def test_metrics_stay_out_of_the_openapi_document(client: Client) -> None:
    paths = (await client.get("/schema/openapi.json")).json()["paths"]
    assert "/metrics" not in paths


async def test_request_id_is_echoed_when_valid_and_generated_otherwise(client: Client) -> None:
    given = "req-1.A_b"
    echoed = await client.get("/v1/variants", headers={"X-Request-ID": given})
    assert echoed.headers["x-request-id"] == given

    generated = (await client.get("/v1/variants")).headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)

    for bad in ("x" * 129, "has space", "back\\slash", "\xfcmlaut".encode("latin-1"), ""):
        response = await client.get("/v1/variants", headers={"X-Request-ID": bad})
        assert response.headers["x-request-id"] not in (bad, "x" * 128)
        assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])


async def test_errors_carry_the_request_id_too(client: Client) -> None:
    response = await client.get("/v1/variants/no-such-variant", headers={"X-Request-ID": "abc"})
    assert response.status_code == 404
    assert response.headers["x-request-id"] == "abc"
