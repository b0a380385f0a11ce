"""The generated Python SDK (sdk/python) against a live production server: every operation,
paging to the end, a 304, and the problems an integrator must handle (401, 403, 404, 422, 429)."""

import sys
from http import HTTPStatus
from typing import Any

import pytest

from service.config import PROJECT_ROOT
from tests.reliability.conftest import LiveServer
from tests.sdk.conftest import RATE_LIMIT, Keys

pytestmark = pytest.mark.slow
sys.path.insert(0, str(PROJECT_ROOT / "sdk" / "python"))

from mentoring_coaching_client import AuthenticatedClient, Client  # noqa: E402
from mentoring_coaching_client.api.content import (  # noqa: E402
    export_catalogue,
    get_approach,
    get_aspect,
    get_term,
    get_topic,
    get_variant,
    list_approaches,
    list_aspects,
    list_locales,
    list_terms,
    list_topics,
    list_variants,
)
from mentoring_coaching_client.api.health import get_liveness, get_readiness  # noqa: E402
from mentoring_coaching_client.api.recommendations import (  # noqa: E402
    create_recommendation,
    create_recommendation_batch,
    create_recommendation_intake,
    get_recommendation_policy,
)
from mentoring_coaching_client.models import (  # noqa: E402
    BatchDetail,
    BatchRequest,
    CareerStage,
    Goal,
    IntakeQuestion,
    IntakeSituation,
    Problem,
    Recommendation,
    Situation,
    SummaryBatchResponse,
    TermPage,
)

SITUATION = Situation(
    career_stage=CareerStage.EARLY,
    goals=[Goal.CAREER_NAVIGATION, Goal.SPECIFIC_SKILL],
    horizon_weeks=52,
    hours_per_week=2,
    minutes_per_session=60,
)


def authenticated(server: LiveServer, key: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=server.base_url, token=key, raise_on_unexpected_status=True)


def test_every_operation_answers(sdk_server: LiveServer, keys: Keys) -> None:
    api = authenticated(sdk_server, keys.full)
    assert get_liveness.sync(client=Client(base_url=sdk_server.base_url)).status == "ok"  # type: ignore[union-attr]
    assert get_readiness.sync(client=api).status == "ready"  # type: ignore[union-attr]
    approaches = list_approaches.sync(client=api)
    assert [a.slug for a in approaches.items] == ["mentoring", "coaching"]  # type: ignore[union-attr]
    assert get_approach.sync("coaching", client=api).slug == "coaching"  # type: ignore[union-attr]
    aspects = list_aspects.sync(client=api, limit=100).items  # type: ignore[union-attr]
    assert get_aspect.sync(aspects[0].key, client=api).key == aspects[0].key  # type: ignore[union-attr]
    topics = list_topics.sync(client=api).items  # type: ignore[union-attr]
    assert get_topic.sync(topics[0].slug, client=api).slug == topics[0].slug  # type: ignore[union-attr]
    variants = list_variants.sync(client=api, relationship_shape="peer").items  # type: ignore[arg-type, union-attr]
    assert variants and all(v.relationship_shape == "peer" for v in variants)
    assert get_variant.sync(variants[0].slug, client=api).slug == variants[0].slug  # type: ignore[union-attr]
    assert get_term.sync("reverse-mentoring", client=api).variant == "reverse-mentoring"  # type: ignore[union-attr]
    locales = list_locales.sync(client=api)
    assert "es" in [item.code for item in locales.items]  # type: ignore[union-attr]
    assert get_recommendation_policy.sync(client=api).version  # type: ignore[union-attr]
    recommendation = create_recommendation.sync(client=api, body=SITUATION, locale="es-MX")
    assert isinstance(recommendation, Recommendation) and recommendation.locale == "es"
    step = create_recommendation_intake.sync(
        client=api, body=IntakeSituation.from_dict({"goals": SITUATION.to_dict()["goals"]})
    )
    assert isinstance(step, IntakeQuestion) and step.question.field == "horizon_weeks"
    batch = create_recommendation_batch.sync(
        client=api,
        body=BatchRequest(items=[SITUATION.to_dict(), {**SITUATION.to_dict(), "goals": []}]),
        detail=BatchDetail.SUMMARY,
    )
    assert isinstance(batch, SummaryBatchResponse)
    assert batch.items[0].result is not None
    assert batch.items[1].problem.status == 422  # type: ignore[union-attr]
    assert batch.items[1].problem.errors[0].field == "goals"  # type: ignore[union-attr]
    export = export_catalogue.sync(client=api, accept_language="es-MX,es;q=0.9")
    assert export.locale == "es"  # type: ignore[union-attr]


def test_paging_follows_next_cursor_to_the_end(sdk_server: LiveServer, keys: Keys) -> None:
    api = authenticated(sdk_server, keys.full)
    seen: list[str] = []
    cursor: Any = None
    pages = 0
    while True:
        page = list_terms.sync(client=api, limit=7, cursor=cursor)
        assert isinstance(page, TermPage)
        seen += [term.slug for term in page.items]
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
    everything = export_catalogue.sync(client=api)
    assert seen == [term.slug for term in everything.terms]  # type: ignore[union-attr]
    assert pages == -(-len(seen) // 7) > 1


def test_a_repeated_get_is_304_with_the_etag(sdk_server: LiveServer, keys: Keys) -> None:
    api = authenticated(sdk_server, keys.full)
    first = get_term.sync_detailed("reverse-mentoring", client=api, locale="es")
    assert first.status_code == HTTPStatus.OK and first.headers["content-language"] == "es"
    again = get_term.sync_detailed(
        "reverse-mentoring", client=api, locale="es", if_none_match=first.headers["etag"]
    )
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert again.parsed is None and again.headers["etag"] == first.headers["etag"]


def test_the_problems_an_integrator_handles(sdk_server: LiveServer, keys: Keys) -> None:
    anonymous = Client(base_url=sdk_server.base_url)
    missing = list_topics.sync_detailed(client=anonymous)  # type: ignore[arg-type]
    assert missing.status_code == 401 and isinstance(missing.parsed, Problem)
    assert missing.headers["www-authenticate"].startswith("Bearer")

    read_only = authenticated(sdk_server, keys.read_only)
    refused = create_recommendation.sync_detailed(client=read_only, body=SITUATION)
    assert refused.status_code == 403 and isinstance(refused.parsed, Problem)

    api = authenticated(sdk_server, keys.full)
    unknown = get_term.sync_detailed("unknown", client=api)
    assert unknown.status_code == 404 and isinstance(unknown.parsed, Problem)
    assert unknown.parsed.code == "not-found"

    invalid = Situation.from_dict({**SITUATION.to_dict(), "horizon_weeks": 9999})
    refused_body = create_recommendation.sync_detailed(client=api, body=invalid)
    assert refused_body.status_code == 422 and isinstance(refused_body.parsed, Problem)
    assert [e.field for e in refused_body.parsed.errors] == ["horizon_weeks"]  # type: ignore[union-attr]

    burner = authenticated(sdk_server, keys.burner)
    statuses = [list_locales.sync_detailed(client=burner) for _ in range(RATE_LIMIT + 1)]
    limited = statuses[-1]
    assert [s.status_code for s in statuses[:-1]] == [200] * RATE_LIMIT
    assert limited.status_code == 429 and isinstance(limited.parsed, Problem)
    assert int(limited.headers["retry-after"]) > 0
