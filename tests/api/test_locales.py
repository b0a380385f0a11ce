"""Localisation: every locale complete, negotiation, per-language search (issue 7)."""

from typing import Any

import msgspec
import pytest
from litestar.testing import AsyncTestClient

from service.domain.bundle import read_files
from service.domain.content_files import LocaleTexts

Client = AsyncTestClient[Any]
LOCALES = ("en", "es", "fr", "de")
KINDS = ("approaches", "aspects", "topics", "terms", "variants")


def _leaves(value: Any, path: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, f"{path}.{key}")]
    return [(path, value)]


@pytest.mark.parametrize("code", [c for c in LOCALES if c != "en"])
def test_every_locale_translates_every_item_and_field(code: str) -> None:
    """A missing translation fails here; it must not silently fall back to English."""
    bundle = read_files()
    english, other = bundle.locales["en"], bundle.locales[code]
    for kind in KINDS:
        items_en: dict[str, Any] = getattr(english, kind)
        items_other: dict[str, Any] = getattr(other, kind)
        assert set(items_other) == set(items_en), (code, kind)
        for key, item in items_en.items():
            for field, value in msgspec.structs.asdict(item).items():
                translated = getattr(items_other[key], field)
                assert translated, (code, kind, key, field)
                if isinstance(value, tuple) and field != "synonyms":
                    assert len(translated) == len(value), (code, kind, key, field)
                if field not in ("synonyms",) and isinstance(value, str) and len(value) > 40:
                    assert translated != value, f"{code} {kind}.{key}.{field} is untranslated"
    # `names` holds each language's own grammar of the variant names (gender, forms with
    # article and case: "the/of/to" in French, "nom/acc/dat" in German), so its leaves differ
    # by design; the engine checks that every locale describes every variant.
    messages_en = {k: v for k, v in _leaves(bundle.messages["en"]) if not k.startswith(".names.")}
    messages_other = {
        k: v for k, v in _leaves(bundle.messages[code]) if not k.startswith(".names.")
    }
    assert set(bundle.messages[code]["names"]) == set(bundle.messages["en"]["names"]), code
    assert set(messages_other) == set(messages_en), code
    assert all(messages_other[path] not in ("", None) for path in messages_en), code


def test_locale_files_declare_themselves() -> None:
    for code, texts in read_files().locales.items():
        assert isinstance(texts, LocaleTexts) and texts.locale == code


async def test_locales_endpoint_lists_completeness(client: Client) -> None:
    response = await client.get("/v1/locales")
    assert response.status_code == 200
    body = response.json()
    assert body["default"] == "en"
    assert {item["code"] for item in body["items"]} == set(LOCALES)
    for item in body["items"]:
        assert item["completeness"] == 1.0, item
        assert item["language_name"]
        assert item["fallback"] == (None if item["code"] == "en" else "en")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-MX", "es"),
        ("es-MX,es;q=0.9,en;q=0.8", "es"),
        ("pt-BR", "en"),
        ("pt-BR, fr;q=0.5", "fr"),
        ("de;q=0.2, fr;q=0.9", "fr"),
        ("fr-CA;q=0, de", "de"),
        ("*", "en"),
        ("", "en"),
        ("en-US,en;q=0.9", "en"),
        ("DE-de", "de"),
        ("es;q=abc, fr", "fr"),
        (";;;,,", "en"),
    ],
)
async def test_accept_language_negotiation(client: Client, header: str, expected: str) -> None:
    response = await client.get("/v1/aspects/duration", headers={"Accept-Language": header})
    assert response.status_code == 200
    assert response.headers["content-language"] == expected
    assert "Accept-Language" in response.headers["vary"]


async def test_explicit_locale_overrides_the_header(client: Client) -> None:
    response = await client.get("/v1/aspects/duration?locale=fr", headers={"Accept-Language": "de"})
    assert response.headers["content-language"] == "fr"
    bad = await client.get("/v1/aspects/duration?locale=pt")
    assert bad.status_code == 400
    error = bad.json()["errors"][0]
    assert error["field"] == "locale" and set(error["allowed"]) == set(LOCALES)


async def test_etags_differ_per_locale(client: Client) -> None:
    etags = set()
    for code in LOCALES:
        response = await client.get("/v1/variants", headers={"Accept-Language": code})
        assert response.headers["content-language"] == code
        etags.add(response.headers["etag"])
    assert len(etags) == len(LOCALES)
    spanish = (await client.get("/v1/variants", headers={"Accept-Language": "es"})).headers["etag"]
    stale = await client.get(
        "/v1/variants", headers={"Accept-Language": "fr", "If-None-Match": spanish}
    )
    assert stale.status_code == 200


async def test_translated_content_is_served(client: Client) -> None:
    texts = {
        code: (await client.get("/v1/topics/core-goals", params={"locale": code})).json()["title"]
        for code in LOCALES
    }
    assert len(set(texts.values())) == len(LOCALES)


@pytest.mark.parametrize(
    ("code", "query", "first"),
    [
        ("es", "mentoria inversa", "reverse-mentoring"),
        ("es", "mentoría", "mentoring"),
        ("es", "MENTORIA", "mentoring"),
        ("fr", "mentorat inverse", "reverse-mentoring"),
        ("fr", "coaching entre pairs", "peer-coaching"),
        ("de", "umgekehrtes mentoring", "reverse-mentoring"),
        ("de", "ki coaching", "ai-powered-coaching"),
    ],
)
async def test_search_in_each_language(client: Client, code: str, query: str, first: str) -> None:
    response = await client.get("/v1/terms", params={"q": query, "locale": code})
    assert response.status_code == 200
    items = response.json()["items"]
    assert items and items[0]["slug"] == first, [i["slug"] for i in items]
