"""What the OpenAPI document says that Litestar cannot read off the handlers.

One pass over the generated document, in one place, so that the handlers stay thin:

- security, derived from each route's declared `Access` (service/security/scopes.py): the key
  schemes, the scope in the description, and the answers admission gives (401, 403, 429);
- conditional GETs: `If-None-Match` in, `ETag` and `Cache-Control` out, and the 304 answer;
- locales: `Accept-Language` in, `Content-Language` and `Vary` out, and `locale` described by
  the served values and the one rule (`service/api/rest/http.py` `served_locale`);
- rate limits and outages: `RateLimit-*` and `Retry-After` on the answers that carry them;
- request bodies: the schemas of the Structs the recommendation handlers validate themselves,
  with defaults described rather than declared (generators with default options turn a
  declared default into a required field), repeated goals ruled out by `uniqueItems`, and batch
  items typed as `Situation` but left open so that every item reaches the server and gets its
  own answer;
- what the server enforces but Litestar does not write: `If-Match` on the publications that
  answer 428 without it, the cursor's format, closed objects (`forbid_unknown_fields`), the
  names of the weights and context defaults;
- the tags, described, and the links a partner follows (list -> item, release -> changes,
  webhook -> deliveries, recommendation -> replay, policy -> publication).
"""

import copy
from collections.abc import Iterator, Sequence
from typing import Any

import msgspec
from litestar import Litestar
from litestar.openapi.spec import (
    Components,
    Example,
    Link,
    OpenAPI,
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Parameter,
    Reference,
    Schema,
    SecurityScheme,
    Tag,
)

from service.api.common.locale import MAX_LOCALE_LENGTH, locale_pattern
from service.domain.content import DEFAULT_LOCALE
from service.domain.decisions import ids as decision_ids
from service.domain.decisions.service import ReplayRequest
from service.domain.organisations.policy import OrganisationPolicyDocument
from service.domain.organisations.service import SLUG
from service.domain.recommendation import Factor, Situation
from service.domain.recommendation.service import BatchRequest
from service.domain.vocabulary import Prerequisite
from service.problems import PROBLEM_MEDIA_TYPE, Problem, problem
from service.security.scopes import Access, Scope, declared
from service.webhooks.outbox import SUBSCRIBABLE_EVENTS

BEARER = "bearerAuth"
API_KEY = "apiKeyAuth"
REQUIRES_KEY: list[dict[str, list[str]]] = [{BEARER: []}, {API_KEY: []}]
RECOMMEND_PREFIX = "/v1/recommendations"
# The POSTs that take `locale` and `Accept-Language`; a replay's locale is in its body (the
# one the recommendation named), so it takes neither.
REPLAY = f"{RECOMMEND_PREFIX}/replay"
RECOMMEND_POSTS = frozenset({RECOMMEND_PREFIX, f"{RECOMMEND_PREFIX}/batch"})
METHODS = ("get", "put", "post", "delete", "patch")

SECURITY_SCHEMES: dict[str, SecurityScheme | Reference] = {
    BEARER: SecurityScheme(
        type="http",
        scheme="bearer",
        description="An API key as `Authorization: Bearer <key>` (`python -m service apikey "
        "create`), or an OAuth 2.0 access token (an RFC 9068 JWT) from an identity provider "
        "the organisation trusts (docs/oauth.md). Required in production; development serves "
        "`/v1` without one.",
    ),
    API_KEY: SecurityScheme(
        type="apiKey",
        name="X-API-Key",
        security_scheme_in="header",
        description="The same API key in the `X-API-Key` header.",
    ),
}


def _string(description: str) -> OpenAPIHeader:
    return OpenAPIHeader(schema=Schema(type=OpenAPIType.STRING), description=description)


def _integer(description: str) -> OpenAPIHeader:
    return OpenAPIHeader(schema=Schema(type=OpenAPIType.INTEGER), description=description)


HEADERS: dict[str, OpenAPIHeader | Reference] = {
    "ETag": _string(
        "Strong validator of this representation: send it back as `If-None-Match` to get a "
        "304 while it is current. Content ETags change with the content version and locale."
    ),
    "Cache-Control": _string("How long shared caches may keep the answer."),
    "Content-Language": _string("The locale the texts are in (after any fallback)."),
    "Vary": _string("`Accept-Language`: the answer depends on it."),
    "Retry-After": _integer("Seconds to wait before retrying."),
    "RateLimit-Limit": _integer("Requests this API key (or OAuth client) may make per window."),
    "RateLimit-Remaining": _integer("Requests left in the current window."),
    "RateLimit-Reset": _integer("Seconds until the window resets."),
}


def _header(name: str) -> Reference:
    return Reference(f"#/components/headers/{name}")


def _parameter(name: str) -> Reference:
    return Reference(f"#/components/parameters/{name}")


def locale_description(locales: Sequence[str]) -> str:
    served = ", ".join(f"`{code}`" for code in locales)
    return (
        f"Locale of the texts; overrides `Accept-Language`. Served: {served}. A regional tag is "
        "served by its language (`es-MX` -> `es`), as in `Accept-Language`; any other value is "
        "a 400 problem."
    )


def locale_schema(locales: Sequence[str]) -> Schema:
    return Schema(
        type=OpenAPIType.STRING,
        max_length=MAX_LOCALE_LENGTH,
        pattern=locale_pattern(locales),
        examples=["es-MX"],
    )


def parameters(locales: Sequence[str]) -> dict[str, Parameter | Reference]:
    served = ", ".join(f"`{code}`" for code in locales)
    return {
        "IfNoneMatch": Parameter(
            name="If-None-Match",
            param_in="header",
            schema=Schema(type=OpenAPIType.STRING),
            description="The `ETag` of a copy you hold: while it is current the answer is 304 "
            "with no body.",
        ),
        "IfMatch": Parameter(
            name="If-Match",
            param_in="header",
            required=True,
            schema=Schema(type=OpenAPIType.STRING),
            description="The current `ETag` (from this resource's GET or the last publication): "
            "without it the answer is 428, and 412 when another publication came first.",
        ),
        "AcceptLanguage": Parameter(
            name="Accept-Language",
            param_in="header",
            schema=Schema(type=OpenAPIType.STRING, examples=["es-MX,es;q=0.9"]),
            description=f"Preferred locales (RFC 9110 quality values). Served: {served}; a "
            f"regional tag is served by its language (`es-MX` -> `es`), and nothing served "
            f"falls back to `{DEFAULT_LOCALE}`.",
        ),
        "Locale": Parameter(
            name="locale",
            param_in="query",
            schema=locale_schema(locales),
            description=locale_description(locales),
        ),
    }


# Request bodies Litestar writes from Structs with `forbid_unknown_fields` (IssuerCreate in
# service/security/trusted_issuers.py, ModeChange in service/api/rest/documents.py,
# WebhookCreate in service/webhooks/schemas.py): the server
# refuses an unknown field (400), so the schema does too.
CLOSED = ("IssuerCreate", "ModeChange", "WebhookCreate")
# A decision id as service/domain/decisions/ids.py writes it: `d1.` and five digests.
# Path parameters the server checks against the organisation slug's form (400 otherwise).
SLUG_PARAMETERS = frozenset({"organisation", "manifest"})

TAGS = {
    "Content": "The catalogue in every served locale: approaches, aspects, topics, terms, "
    "variants, locales and the whole export. Paged lists, conditional GETs.",
    "Releases and changes": "Content releases and the net changes since one, for partners "
    "who mirror the catalogue (docs/integration.md).",
    "Recommendations": "Recommendations for one situation or a batch, replays of past ones, "
    "and the released recommendation policies with their card.",
    "Organisations": "What an organisation adjusts for its own keys: its policy, its trusted "
    "OAuth issuers and its trusted GraphQL documents. Only the organisation's keys see them.",
    "Webhooks": "Subscriptions to release events, their delivery log and a test ping.",
    "Health": "Liveness and readiness probes; no key needed.",
    "OAuth": "OAuth 2.0 protected resource metadata (RFC 9728).",
}


def _link(operation_id: str, description: str, **parameters: str) -> Link:
    return Link(operation_id=operation_id, parameters=parameters, description=description)


def _item_links(item: str, key: str, parameter: str) -> dict[str, Link | Reference]:
    return {
        item: _link(
            item,
            f"The first item of the page, by its `{key}`.",
            **{parameter: f"$response.body#/items/0/{key}"},
        )
    }


_WEBHOOK_ID = "$response.body#/id"
_ORGANISATION = "$request.path.organisation"
# (operationId, status) -> the links of that answer: the flows a partner follows.
LINKS: dict[tuple[str, str], dict[str, Link | Reference]] = {
    ("ListApproaches", "200"): _item_links("GetApproach", "slug", "slug"),
    ("ListAspects", "200"): _item_links("GetAspect", "key", "key"),
    ("ListTerms", "200"): _item_links("GetTerm", "slug", "slug"),
    ("ListTopics", "200"): _item_links("GetTopic", "slug", "slug"),
    ("ListVariants", "200"): _item_links("GetVariant", "slug", "slug"),
    ("ListReleases", "200"): _item_links("GetRelease", "version", "version"),
    ("ListRecommendationPolicies", "200"): _item_links(
        "GetRecommendationPolicyVersion", "version", "version"
    ),
    ("ListWebhooks", "200"): _item_links("GetWebhook", "id", "webhook_id"),
    ("GetRelease", "200"): {
        "ListChanges": _link(
            "ListChanges", "What changed after this release.", since="$response.body#/version"
        )
    },
    ("ExportCatalogue", "200"): {
        "ListChanges": _link(
            "ListChanges",
            "What changed after the exported content version: the next sync.",
            since="$response.body#/content_version",
        )
    },
    ("CreateWebhook", "201"): {
        name: _link(name, description, webhook_id=_WEBHOOK_ID)
        for name, description in (
            ("GetWebhook", "The subscription just created."),
            ("ListWebhookDeliveries", "Its delivery log."),
            ("PingWebhook", "Send it a test event."),
            ("DeleteWebhook", "Remove it."),
        )
    },
    ("GetWebhook", "200"): {
        "ListWebhookDeliveries": _link(
            "ListWebhookDeliveries", "Its delivery log.", webhook_id=_WEBHOOK_ID
        )
    },
    ("CreateRecommendation", "200"): {
        # The replay's body is the situation sent with the versions and id the answer names;
        # a link's `requestBody` may hold only one runtime expression in openapi-generator's
        # parser (swagger-parser refuses an object), so the link says it in words.
        "ReplayRecommendation": Link(
            operation_id="ReplayRecommendation",
            description="Make this recommendation again: send the situation you sent with the "
            "answer's `policy_version`, `content_version`, `locale`, "
            "`organisation_policy_version` and `decision_id`.",
        )
    },
    ("GetOrganisationPolicy", "200"): {
        "PublishOrganisationPolicy": _link(
            "PublishOrganisationPolicy",
            "Publish the next version, with this one's ETag as If-Match.",
            organisation=_ORGANISATION,
            **{"header.If-Match": "$response.header.ETag"},
        )
    },
    ("PublishOrganisationPolicy", "201"): {
        "ListOrganisationPolicyVersions": _link(
            "ListOrganisationPolicyVersions",
            "Every version, this one first.",
            organisation=_ORGANISATION,
        )
    },
    ("TrustIssuer", "201"): {
        "DistrustIssuer": _link(
            "DistrustIssuer",
            "Stop trusting it.",
            organisation=_ORGANISATION,
            issuer_id="$response.body#/id",
        )
    },
    ("RegisterTrustedDocumentManifest", "201"): {
        name: _link(
            name, description, organisation=_ORGANISATION, manifest="$request.path.manifest"
        )
        for name, description in (
            ("GetTrustedDocumentManifest", "The manifest just registered."),
            ("RemoveTrustedDocumentManifest", "Remove it."),
        )
    },
}


def declared_access(app: Litestar) -> dict[tuple[str, str], Access]:
    """Every route's declared access, by (OpenAPI path, lower-case method)."""
    found: dict[tuple[str, str], Access] = {}
    for route in app.routes:
        for handler in getattr(route, "route_handlers", ()):
            access = declared(handler.opt)
            for method in getattr(handler, "http_methods", ()):
                if access is not None:
                    found[(route.path_format, method.lower())] = access
    return found


def _problem_response(description: str, example: Problem, *headers: str) -> OpenAPIResponse:
    return OpenAPIResponse(
        description=description,
        content={
            PROBLEM_MEDIA_TYPE: OpenAPIMediaType(
                schema=Reference("#/components/schemas/Problem"),
                examples={f"problem-{example.status}": Example(value=msgspec.to_builtins(example))},
            )
        },
        headers={name: _header(name) for name in headers} or None,
    )


def _forbidden_name(scope: str) -> str:
    return "Forbidden" + "".join(part.title() for part in scope.replace(":", "_").split("_"))


def admission_responses() -> dict[str, OpenAPIResponse | Reference]:
    """What admission (service/security/middleware.py) answers, once, for `$ref`s."""
    responses: dict[str, OpenAPIResponse | Reference] = {
        "Unauthorized": _problem_response(
            "Missing or unknown API key, or a refused access token",
            problem(
                401,
                "unauthorized",
                "Authentication required",
                "Send an API key as `Authorization: Bearer <key>` or `X-API-Key`, or an "
                "OAuth access token as `Authorization: Bearer <token>`.",
            ),
        ),
        "RateLimited": _problem_response(
            "Rate limit exceeded",
            problem(
                429,
                "rate-limited",
                "Too many requests",
                "This API key may make 600 requests per 60 s; retry after 12 s.",
            ),
            "Retry-After",
            "RateLimit-Limit",
            "RateLimit-Reset",
        ),
    }
    for scope in Scope:
        responses[_forbidden_name(scope)] = _problem_response(
            f"The API key lacks the scope `{scope}` (or is a publishable key the route refuses)",
            problem(403, "forbidden", "Forbidden", f"This API key lacks the scope `{scope}`."),
        )
    return responses


def _operations(document: OpenAPI) -> Iterator[tuple[str, str, Operation]]:
    for path, item in (document.paths or {}).items():
        for method in METHODS:
            operation = getattr(item, method, None)
            if operation is not None:
                yield path, method, operation


def _add_headers(response: OpenAPIResponse | Reference, *names: str) -> None:
    if isinstance(response, OpenAPIResponse):
        response.headers = {**(response.headers or {}), **{n: _header(n) for n in names}}


def complete(app: Litestar, locales: Sequence[str]) -> None:
    """Add what the handlers cannot say to the document Litestar generated (see the module)."""
    document = app.openapi_schema
    accesses = declared_access(app)
    components = document.components
    assert isinstance(components, Components)
    components.security_schemes = SECURITY_SCHEMES
    components.responses = {**(components.responses or {}), **admission_responses()}
    components.headers = HEADERS
    components.parameters = parameters(locales)
    components.schemas.update(request_body_schemas(locales))
    for name in CLOSED:
        closed = components.schemas.get(name)
        if isinstance(closed, Schema):
            closed.additional_properties = False
    document.tags = [Tag(name=name, description=text) for name, text in TAGS.items()]
    issuer = components.schemas.get("IssuerCreate")
    named = (issuer.properties or {}).get("issuer") if isinstance(issuer, Schema) else None
    if isinstance(named, Schema):
        named.min_length, named.max_length = 1, 500  # the server's bounds (400 otherwise)
    webhook = components.schemas.get("WebhookCreate")
    if isinstance(webhook, Schema):
        _describe_webhook_create(webhook)
    for path, method, operation in _operations(document):
        access = accesses[(path, method)]  # every documented route declares its access
        guarded = access.keyed
        operation.security = REQUIRES_KEY if guarded else []
        params = list(operation.parameters or [])
        responses = operation.responses or {}
        if guarded:
            operation.description = (
                f"{operation.description}\n\n" if operation.description else ""
            ) + access.describe()
            scope = sorted(access.scopes)[0]
            responses["401"] = Reference("#/components/responses/Unauthorized")
            responses["403"] = Reference(f"#/components/responses/{_forbidden_name(scope)}")
            responses["429"] = Reference("#/components/responses/RateLimited")
        for param in params:
            if isinstance(param, Parameter) and param.name in SLUG_PARAMETERS:
                param.schema = Schema(type=OpenAPIType.STRING, pattern=f"^{SLUG.pattern}$")
        localized = any(isinstance(p, Parameter) and p.name == "locale" for p in params)
        if method == "post" and path in RECOMMEND_POSTS:
            params.append(_parameter("Locale"))
            localized = True
        ok = responses.get("200")
        if method == "get":
            params.append(_parameter("IfNoneMatch"))
            responses["304"] = OpenAPIResponse(
                description="Not modified: the `If-None-Match` copy is current (no body).",
                headers={"ETag": _header("ETag"), "Cache-Control": _header("Cache-Control")},
            )
            if ok is not None:
                _add_headers(ok, "ETag", "Cache-Control")
        if localized:
            params.append(_parameter("AcceptLanguage"))
            for param in params:
                if isinstance(param, Parameter) and param.name == "locale":
                    param.schema = locale_schema(locales)
                    param.description = locale_description(locales)
            if ok is not None:
                _add_headers(ok, "Content-Language", "Vary")
        if path == REPLAY and ok is not None:
            _add_headers(ok, "Content-Language")  # the locale the replayed answer named
        if guarded and ok is not None:
            _add_headers(ok, "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")
        if "503" in responses:
            _add_headers(responses["503"], "Retry-After")
        if "428" in responses:  # a publication refused without If-Match
            params.append(_parameter("IfMatch"))
        for (operation_id, status), links in LINKS.items():
            answer = responses.get(status)
            if operation.operation_id == operation_id and isinstance(answer, OpenAPIResponse):
                answer.links = links
        operation.parameters = params
        operation.responses = dict(sorted(responses.items()))


def _describe_webhook_create(schema: Schema) -> None:
    """Litestar writes each event name as `oneOf: [string, {}]` (an empty schema: anything);
    the server accepts the subscribable events only, and a description without NUL."""
    properties = schema.properties or {}
    events = properties.get("events")
    if isinstance(events, Schema):
        events.items = Schema(
            type=OpenAPIType.STRING,
            enum=[str(event) for event in SUBSCRIBABLE_EVENTS],
            description="An event to receive.",
        )
    described = properties.get("description")
    if isinstance(described, Schema):
        described.pattern = "^[^\\u0000]*$"
        described.default = None  # described, not declared (see the module)
        described.description = (
            'What the subscription is for (no NUL characters). Optional; the server uses `""` '
            "when it is left out."
        )


def request_body_schemas(locales: Sequence[str]) -> dict[str, Any]:
    """JSON Schemas of the bodies the recommendation handlers read raw to report every
    offending field; msgspec writes them from the same Structs the core validates with."""
    _, components = msgspec.json.schema_components(
        [Situation, BatchRequest, ReplayRequest, OrganisationPolicyDocument],
        ref_template="#/components/schemas/{name}",
    )
    for schema in components.values():
        _describe_defaults(schema)
    goals = components["Situation"]["properties"]["goals"]
    goals["uniqueItems"] = True  # the core answers a repeated goal with a 422
    # A replay's situation is checked like any other (a 422 names what is wrong with it).
    replayed = components["ReplayRequest"]["properties"]
    replayed["situation"] = {
        "$ref": "#/components/schemas/Situation",
        "description": "The situation of the recommendation to make again.",
    }
    # The intake's body: any subset of a situation, each field checked as in a situation.
    partial = copy.deepcopy(components["Situation"])
    partial.pop("required", None)
    partial["title"] = "IntakeSituation"
    partial["description"] = (
        "What is known so far of a situation: any subset of its fields, none required. A "
        "context flag sent as null, or a preference sent as `no_preference`, counts as "
        "answered (not sure)."
    )
    components["IntakeSituation"] = partial
    replayed["locale"] = {**replayed["locale"], "pattern": locale_pattern(locales)}
    claimed = replayed["decision_id"]["anyOf"][0]
    claimed["pattern"] = decision_ids.PATTERN
    items = components["BatchRequest"]["properties"]["items"]
    items["items"] = {
        "anyOf": [
            {"$ref": "#/components/schemas/Situation"},
            {"description": "Anything else: the server answers it with its own `problem`."},
        ],
        "description": "A `Situation`. Each item is checked by the server on its own, so a "
        "client never refuses the whole batch for one bad item: a bad item gets its own "
        "`problem` (status 422 with field errors) in the 200 answer.",
    }
    document = components["OrganisationPolicyDocument"]["properties"]
    _name_keys(document["weights"], [str(factor) for factor in Factor])
    _name_keys(document["context_defaults"], [str(name) for name in Prerequisite])
    return components


def _name_keys(mapping: dict[str, Any], names: list[str]) -> None:
    """A map keyed by an enumeration as an object with one optional property per name (and no
    other): generators type each name, and a wrong one is refused before it is sent."""
    value = mapping.pop("additionalProperties")
    mapping["properties"] = {name: dict(value) for name in names}
    mapping["additionalProperties"] = False
    mapping["description"] = (
        f"{mapping.get('description', '')} Names: {', '.join(f'`{n}`' for n in names)}."
    ).strip()


def _describe_defaults(schema: dict[str, Any]) -> None:
    """Move each property's `default` into its description: the server applies it."""
    for prop in schema.get("properties", {}).values():
        if "default" in prop:
            default = prop.pop("default")
            described = prop.get("description", "").rstrip()
            if isinstance(default, dict):
                added = "Optional; each field left out takes its own default."
            else:
                shown = msgspec.json.encode(default).decode()
                added = f"Optional; the server uses `{shown}` when it is left out."
            prop["description"] = f"{described} {added}".strip()
