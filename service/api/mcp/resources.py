"""The content as MCP resources: `mentoring-coaching://<kind>/<key>` for each variant, approach,
comparison aspect and glossary term, in the request's locale (Accept-Language), each carrying
the content version it was read from (`_meta.content_version`)."""

from typing import Any

import mcp_types as types
import msgspec

from service.domain.content import LocaleView
from service.domain.errors import NotFound

SCHEME = "mentoring-coaching"
JSON = "application/json"

# URI path segment -> (LocaleView.get kind, the key's name, what it is)
KINDS: dict[str, tuple[str, str, str]] = {
    "variants": ("variant", "slug", "A mentoring or coaching model variant"),
    "approaches": ("approach", "slug", "A base approach (mentoring or coaching)"),
    "aspects": ("aspect", "key", "A comparison aspect: what mentoring and coaching say"),
    "terms": ("term", "slug", "A glossary term"),
}


def uri(segment: str, key: str) -> str:
    return f"{SCHEME}://{segment}/{key}"


def _meta(view: LocaleView) -> dict[str, Any]:
    return {"content_version": view.content_version, "locale": view.locale}


def _items(view: LocaleView, segment: str) -> list[tuple[str, str, str]]:
    """(key, name, description) of every item of a kind."""
    if segment == "variants":
        return [(v.slug, v.name, v.summary) for v in view.variants]
    if segment == "approaches":
        return [(a.slug, a.name, a.summary) for a in view.approaches]
    if segment == "aspects":
        return [(a.key, a.name, KINDS["aspects"][2]) for a in view.aspects]
    return [(t.slug, t.name, t.definition) for t in view.terms]


def listed(view: LocaleView) -> types.ListResourcesResult:
    meta = _meta(view)
    return types.ListResourcesResult(
        resources=[
            types.Resource(
                uri=uri(segment, key),
                name=name,
                description=description,
                mime_type=JSON,
                meta=meta,
            )
            for segment in KINDS
            for key, name, description in _items(view, segment)
        ],
        meta=meta,
    )


def templates() -> types.ListResourceTemplatesResult:
    return types.ListResourceTemplatesResult(
        resource_templates=[
            types.ResourceTemplate(
                uri_template=f"{SCHEME}://{segment}/{{{key_name}}}",
                name=segment,
                description=f"{description}, by its {key_name}.",
                mime_type=JSON,
            )
            for segment, (_, key_name, description) in KINDS.items()
        ]
    )


def read(view: LocaleView, address: str) -> types.ReadResourceResult:
    """One item as JSON, the bytes `GET /v1/<kind>/<key>` answers; an unknown address is a
    `NotFound`, as REST's 404."""
    prefix = f"{SCHEME}://"
    segment, _, key = address.removeprefix(prefix).partition("/")
    if not address.startswith(prefix) or segment not in KINDS or not key or "/" in key:
        raise NotFound("resource", address)
    item = view.get(KINDS[segment][0], key)
    return types.ReadResourceResult(
        contents=[
            types.TextResourceContents(
                uri=address,
                mime_type=JSON,
                text=msgspec.json.encode(item).decode(),
                meta=_meta(view),
            )
        ],
        meta=_meta(view),
    )
