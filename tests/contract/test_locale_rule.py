"""One locale rule for `?locale=`, GraphQL's `locale` and `Accept-Language`: a regional tag is
served by its language; an explicit unsupported locale is a client error."""

from typing import Any

ASPECT = "/v1/aspects/duration"
QUERY = 'query($locale: Locale) { aspect(key: "duration", locale: $locale) { name } }'


async def test_rest_serves_a_regional_locale_by_its_language(client: Any) -> None:
    spanish = await client.get(ASPECT, params={"locale": "es"})
    for asked in ({"params": {"locale": "es-MX"}}, {"headers": {"Accept-Language": "es-MX"}}):
        answer = await client.get(ASPECT, **asked)
        assert answer.status_code == 200, asked
        assert answer.headers["content-language"] == "es"
        assert answer.json() == spanish.json()
    refused = await client.get(ASPECT, params={"locale": "xx-MX"})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "locale"
    assert "es" in refused.json()["errors"][0]["allowed"]


async def test_graphql_serves_a_regional_locale_by_its_language(client: Any) -> None:
    async def ask(locale: str) -> dict[str, Any]:
        answer = await client.post(
            "/graphql", json={"query": QUERY, "variables": {"locale": locale}}
        )
        body: dict[str, Any] = answer.json()
        return body

    spanish, regional = await ask("es"), await ask("es-MX")
    assert "errors" not in regional and regional["data"] == spanish["data"]
    assert regional["data"]["aspect"]["name"] != (await ask("en"))["data"]["aspect"]["name"]
    [error] = (await ask("xx"))["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "locale"
