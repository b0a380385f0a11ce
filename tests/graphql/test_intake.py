"""The GraphQL `intake` field: the same core, the same questions and the same final answer as
POST /v1/recommendations/intake; the `recommend` scope; problems as BAD_USER_INPUT."""

from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api.test_intake import PATH, PERSON, answer
from tests.graphql.conftest import codes, graphql
from tests.graphql.test_parity import camelized

Client = AsyncTestClient[Litestar]
QUERY = """query($s: IntakeSituationInput!, $locale: Locale) {
  intake(situation: $s, locale: $locale) {
    done askedSoFar
    question { field kind text why required options { value label notSure }
               minimum maximum integer hint minChoices maxChoices }
    recommendation { decisionId primary { approach variant headline } ranking { variant } }
  }
}"""


def as_input(body: dict[str, Any]) -> dict[str, Any]:
    converted: dict[str, Any] = camelized(body)
    return converted


async def test_graphql_asks_what_rest_asks_and_ends_with_the_same_answer(client: Client) -> None:
    body: dict[str, Any] = {}
    for _ in range(14):
        rest = (await client.post(PATH, json=body, params={"locale": "fr"})).json()
        found = await graphql(client, QUERY, {"s": as_input(body), "locale": "fr"})
        assert "errors" not in found, found
        step = found["data"]["intake"]
        assert step["done"] is rest["done"]
        if rest["done"]:
            mine, theirs = step["recommendation"], rest["recommendation"]
            assert mine["decisionId"].startswith("d2.") and theirs["decision_id"].startswith("d2.")
            assert mine["primary"] == theirs["primary"]
            assert [r["variant"] for r in mine["ranking"]] == [
                r["variant"] for r in theirs["ranking"]
            ]
            assert step["question"] is None and step["askedSoFar"] is None
            return
        question, expected = step["question"], rest["question"]
        assert step["askedSoFar"] == rest["asked_so_far"]
        assert question["field"] == expected["field"]
        assert question["kind"] == expected["kind"]
        assert (question["text"], question["why"]) == (expected["text"], expected["why"])
        assert [(o["value"], o["label"], o["notSure"]) for o in question["options"]] == [
            (o["value"], o["label"], o["not_sure"]) for o in expected["options"]
        ]
        body = answer(body, expected["field"], PERSON)
    raise AssertionError("the intake never ended")


async def test_a_bad_partial_situation_is_bad_user_input(client: Client) -> None:
    found = await graphql(client, QUERY, {"s": {"horizonWeeks": 0, "goals": []}})
    assert codes(found) == ["BAD_USER_INPUT"]
    assert found["data"] is None or found["data"]["intake"] is None
