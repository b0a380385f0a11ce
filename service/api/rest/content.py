"""REST controllers for the content. Thin: parse, ask the core, shape the response."""

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, Parameter

from service.api.common.locale import MAX_LOCALE_LENGTH
from service.api.common.paging import DEFAULT_LIMIT, MAX_LIMIT, page
from service.api.rest.docs import example_snapshot, example_view, ok, problems
from service.api.rest.http import (
    CONTENT_CACHE_CONTROL,
    content_response,
    content_view,
    hashed_response,
    snapshot,
)
from service.domain.content import CURSOR_PATTERN, DEFAULT_LOCALE
from service.domain.schemas import (
    Approach,
    ApproachPage,
    Aspect,
    AspectPage,
    Export,
    LocaleList,
    Term,
    TermPage,
    Topic,
    TopicPage,
    Variant,
    VariantPage,
)
from service.domain.vocabulary import BaseApproach, CareerStage, RelationshipShape
from service.security.scopes import Scope, access

AnyRequest = Request[Any, Any, Any]
# The bounds are documented here and checked by `page` (one check for both doors).
Limit = Annotated[
    int,
    Parameter(
        description=f"Page size, 1 to {MAX_LIMIT}.",
        schema_extra={"minimum": 1.0, "maximum": float(MAX_LIMIT)},
    ),
]
Cursor = Annotated[
    str | None,
    Parameter(
        description="Opaque cursor from the previous page's `next_cursor`.",
        max_length=64,
        pattern=CURSOR_PATTERN,
    ),
]
Locale = Annotated[
    str | None,
    Parameter(
        description="Explicit locale (overrides `Accept-Language`), for example `en`.",
        max_length=MAX_LOCALE_LENGTH,
    ),
]
LIST_ERRORS = problems(400, 503)


def item_errors(resource: str) -> dict[int, ResponseSpec]:
    """The problems of a one-item GET, with a 404 example about that kind of item."""
    return problems(400, 404, 503, resource=resource)


class ContentController(Controller):
    path = "/v1"
    tags = ["Content"]
    # Content reads: also from web pages, with a publishable key (one item or page at a time).
    opt = access(Scope.CONTENT_READ, browser=True)

    @get(
        "/approaches",
        operation_id="ListApproaches",
        summary="List the two base approaches",
        responses={
            200: ok(
                ApproachPage,
                "Mentoring and coaching",
                ApproachPage(*page(example_view().approaches, DEFAULT_LIMIT, None)),
            ),
            **LIST_ERRORS,
        },
    )
    async def list_approaches(
        self,
        request: AnyRequest,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        locale: Locale = None,
    ) -> Response[bytes]:
        view = content_view(request, locale)
        return content_response(
            request, view, lambda: ApproachPage(*page(view.approaches, limit, cursor))
        )

    @get(
        "/approaches/{slug:str}",
        operation_id="GetApproach",
        summary="One approach with its statement for every aspect",
        responses={
            200: ok(Approach, "Mentoring", example_view().approach("mentoring")),
            **item_errors("approach"),
        },
    )
    async def get_approach(
        self, request: AnyRequest, slug: FromPath[str], locale: Locale = None
    ) -> Response[bytes]:
        view = content_view(request, locale)
        return content_response(request, view, lambda: view.approach(slug))

    @get(
        "/aspects",
        operation_id="ListAspects",
        summary="List the comparison aspects (the comparison table's rows)",
        responses={
            200: ok(
                AspectPage,
                "First two aspects (limit=2)",
                AspectPage(*page(example_view().aspects, 2, None)),
            ),
            **LIST_ERRORS,
        },
    )
    async def list_aspects(
        self,
        request: AnyRequest,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        locale: Locale = None,
    ) -> Response[bytes]:
        view = content_view(request, locale)
        return content_response(
            request, view, lambda: AspectPage(*page(view.aspects, limit, cursor))
        )

    @get(
        "/aspects/{key:str}",
        operation_id="GetAspect",
        summary="One comparison aspect with its mentoring and coaching statements",
        responses={
            200: ok(Aspect, "Duration", example_view().aspect("duration")),
            **item_errors("aspect"),
        },
    )
    async def get_aspect(
        self, request: AnyRequest, key: FromPath[str], locale: Locale = None
    ) -> Response[bytes]:
        view = content_view(request, locale)
        return content_response(request, view, lambda: view.aspect(key))

    @get(
        "/topics",
        operation_id="ListTopics",
        summary="List the narrative topics",
        responses={
            200: ok(
                TopicPage,
                "First topic (limit=1)",
                TopicPage(*page(example_view().topics, 1, None)),
            ),
            **LIST_ERRORS,
        },
    )
    async def list_topics(
        self,
        request: AnyRequest,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        locale: Locale = None,
    ) -> Response[bytes]:
        view = content_view(request, locale)
        return content_response(request, view, lambda: TopicPage(*page(view.topics, limit, cursor)))

    @get(
        "/topics/{slug:str}",
        operation_id="GetTopic",
        summary="One narrative topic",
        responses={
            200: ok(Topic, "Integrating both", example_view().topic("integrating-both")),
            **item_errors("topic"),
        },
    )
    async def get_topic(
        self, request: AnyRequest, slug: FromPath[str], locale: Locale = None
    ) -> Response[bytes]:
        view = content_view(request, locale)
        return content_response(request, view, lambda: view.topic(slug))

    @get(
        "/terms",
        operation_id="ListTerms",
        summary="List or search the glossary",
        description="With `q`, terms whose name, synonyms or definition match any of the "
        "words (stemmed per language, accent-insensitive, typo-tolerant), best match first: "
        "see docs/search.md.",
        responses={
            200: ok(
                TermPage,
                "Best match for 'reverse mentorship' (limit=1)",
                TermPage(*page(example_view().search_terms("reverse mentorship"), 1, None)),
            ),
            **LIST_ERRORS,
        },
    )
    async def list_terms(
        self,
        request: AnyRequest,
        q: Annotated[
            str | None,
            Parameter(
                description="Search words, for example `reverse mentorship`: at least one "
                "letter, digit or underscore.",
                min_length=1,
                max_length=200,
                pattern=r"\w",
            ),
        ] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        locale: Locale = None,
    ) -> Response[bytes]:
        view = content_view(request, locale)

        def term_page() -> TermPage:
            terms = view.terms if q is None else view.search_terms(q)
            return TermPage(*page(terms, limit, cursor))

        return content_response(request, view, term_page)

    @get(
        "/terms/{slug:str}",
        operation_id="GetTerm",
        summary="One glossary term",
        responses={
            200: ok(Term, "Reverse mentoring", example_view().term("reverse-mentoring")),
            **item_errors("term"),
        },
    )
    async def get_term(
        self, request: AnyRequest, slug: FromPath[str], locale: Locale = None
    ) -> Response[bytes]:
        view = content_view(request, locale)
        return content_response(request, view, lambda: view.term(slug))

    @get(
        "/variants",
        operation_id="ListVariants",
        summary="List the model variants, optionally filtered",
        responses={
            200: ok(
                VariantPage,
                "Peer relationships",
                VariantPage(
                    *page(
                        example_view().filter_variants(relationship_shape=RelationshipShape.PEER),
                        DEFAULT_LIMIT,
                        None,
                    )
                ),
            ),
            **LIST_ERRORS,
        },
    )
    async def list_variants(
        self,
        request: AnyRequest,
        base_approach: Annotated[
            BaseApproach | None,
            Parameter(description="Only variants of this base approach."),
        ] = None,
        career_stage: Annotated[
            CareerStage | None,
            Parameter(description="Only variants that fit this career stage."),
        ] = None,
        relationship_shape: Annotated[
            RelationshipShape | None,
            Parameter(description="Only variants with this relationship shape."),
        ] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        locale: Locale = None,
    ) -> Response[bytes]:
        view = content_view(request, locale)

        def variant_page() -> VariantPage:
            variants = view.filter_variants(base_approach, career_stage, relationship_shape)
            return VariantPage(*page(variants, limit, cursor))

        return content_response(request, view, variant_page)

    @get(
        "/variants/{slug:str}",
        operation_id="GetVariant",
        summary="One model variant with its structured attributes",
        responses={
            200: ok(Variant, "Reverse mentoring", example_view().variant("reverse-mentoring")),
            **item_errors("variant"),
        },
    )
    async def get_variant(
        self, request: AnyRequest, slug: FromPath[str], locale: Locale = None
    ) -> Response[bytes]:
        view = content_view(request, locale)
        return content_response(request, view, lambda: view.variant(slug))

    @get(
        "/export",
        operation_id="ExportCatalogue",
        summary="The whole catalogue of one locale in one document",
        description="For partners who sync: compare `content_version` (or use `If-None-Match`).",
        opt=access(Scope.CONTENT_READ),  # the whole catalogue: a server's call, not a page's
        responses={
            200: ok(Export, "English catalogue", example_view().export()),
            **problems(400, 503),
        },
    )
    async def export(self, request: AnyRequest, locale: Locale = None) -> Response[bytes]:
        view = content_view(request, locale)
        return content_response(request, view, view.export)

    @get(
        "/locales",
        operation_id="ListLocales",
        summary="The supported locales and how complete each one is",
        description="`completeness` is the share of text fields (content and recommendation "
        "texts) that the locale translates; missing ones fall back to `en`.",
        responses={
            200: ok(
                LocaleList, "Locales", LocaleList(example_snapshot().locale_infos(), DEFAULT_LOCALE)
            ),
            **problems(503),
        },
    )
    async def list_locales(self, request: AnyRequest) -> Response[bytes]:
        current = snapshot(request.app.state)
        body = msgspec.json.encode(LocaleList(current.locale_infos(), DEFAULT_LOCALE))
        return hashed_response(request, body, CONTENT_CACHE_CONTROL)
