"""The GraphQL schema: thin root resolvers over the same `LocaleView` the REST door uses."""

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaxTokensLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext, Info

from service.api.common.paging import page
from service.api.graphql import types as gql
from service.api.graphql.context import GraphQLContext
from service.api.graphql.cost import DATABASE_COST, PAGE, RECOMMEND_COST, Cost
from service.api.graphql.decisions import policy_card, policy_versions
from service.api.graphql.documents import DocumentCaches
from service.api.graphql.permissions import MayRecommend
from service.api.graphql.recommend import intake, recommend, recommendation_policy
from service.api.graphql.releases import CHANGES_FIELD, RELEASES_FIELD
from service.api.graphql.scalars import (
    DEFAULT_PAGE,
    SCALARS,
    After,
    First,
    Locale,
    SearchText,
    page_size,
)
from service.api.graphql.validation import (
    Rules,
    alias_limit_rule,
    depth_limit_rule,
    rules_extension,
    validation_rules,
)
from service.config import PROJECT_ROOT
from service.domain import schemas
from service.domain.content import LocaleView
from service.domain.errors import InvalidParameter, NotFound
from service.domain.vocabulary import BaseApproach, CareerStage, RelationshipShape

T = TypeVar("T")
MAX_DEPTH = 8
MAX_ALIASES = 15
MAX_TOKENS = 2000
MAX_OPERATIONS = 10  # per document (a request runs one of them)
DOCUMENT_CACHE_BYTES = 32_000_000  # GRAPHQL_DOCUMENT_CACHE_MAX_BYTES's default
GRAPHQL_SCHEMA_FILE = PROJECT_ROOT / "openapi" / "schema.graphql"

if TYPE_CHECKING:
    # For mypy the resolvers return the domain Structs (which they do); Strawberry sees the
    # mirrored GraphQL types. `types.py` explains why the two always agree.
    from service.domain.schemas import (
        Approach,
        ApproachPage,
        Aspect,
        AspectPage,
        Term,
        TermPage,
        Topic,
        TopicPage,
        Variant,
        VariantPage,
    )

    BaseApproachEnum = BaseApproach
    CareerStageEnum = CareerStage
    RelationshipShapeEnum = RelationshipShape
else:
    from service.api.graphql.types import (
        Approach,
        ApproachPage,
        Aspect,
        AspectPage,
        BaseApproachEnum,
        CareerStageEnum,
        RelationshipShapeEnum,
        Term,
        TermPage,
        Topic,
        TopicPage,
        Variant,
        VariantPage,
    )

Slug = Annotated[str, strawberry.argument(description="The item's stable key (its `slug`).")]


def _view(info: Info, locale: str | None) -> LocaleView:
    context: GraphQLContext = info.context
    return context.root_view(info, locale)


def _page(items: Any, first: int | None, after: str | None) -> tuple[Any, str | None]:
    """REST's paging, with the argument names GraphQL clients sent."""
    return page(
        items,
        page_size(first),
        after,
        size_name="first",
        cursor_name="after",
        cursor_detail="The cursor is not one this API issued; use `nextCursor` as returned.",
    )


def _domain_enum(domain: Any, value: Any) -> Any:
    return None if value is None else domain(str(value.value))


# Root resolvers: module functions (typed for mypy), attached to `Query` below.


def approaches(
    info: Info, first: First = DEFAULT_PAGE, after: After = None, locale: Locale = None
) -> ApproachPage | None:
    return schemas.ApproachPage(*_page(_view(info, locale).approaches, first, after))


def _found(lookup: Callable[[str], T], key: str) -> T | None:
    """One item, or null when there is none (GraphQL's answer to "no such item")."""
    try:
        return lookup(key)
    except NotFound:
        return None


def approach(info: Info, slug: Slug, locale: Locale = None) -> Approach | None:
    return _found(_view(info, locale).approach, slug)


def aspects(
    info: Info, first: First = DEFAULT_PAGE, after: After = None, locale: Locale = None
) -> AspectPage | None:
    return schemas.AspectPage(*_page(_view(info, locale).aspects, first, after))


def aspect(
    info: Info,
    key: Annotated[str, strawberry.argument(description="The aspect's stable key.")],
    locale: Locale = None,
) -> Aspect | None:
    return _found(_view(info, locale).aspect, key)


def topics(
    info: Info, first: First = DEFAULT_PAGE, after: After = None, locale: Locale = None
) -> TopicPage | None:
    return schemas.TopicPage(*_page(_view(info, locale).topics, first, after))


def topic(info: Info, slug: Slug, locale: Locale = None) -> Topic | None:
    return _found(_view(info, locale).topic, slug)


def terms(
    info: Info,
    search: Annotated[
        SearchText | None, strawberry.argument(description="Search words, e.g. `reverse mentor`.")
    ] = None,
    first: First = DEFAULT_PAGE,
    after: After = None,
    locale: Locale = None,
) -> TermPage | None:
    view = _view(info, locale)
    if search is None:
        return schemas.TermPage(*_page(view.terms, first, after))
    try:
        found = view.search_terms(search)
    except InvalidParameter as exc:
        raise InvalidParameter("search", exc.detail) from exc
    return schemas.TermPage(*_page(found, first, after))


def term(info: Info, slug: Slug, locale: Locale = None) -> Term | None:
    return _found(_view(info, locale).term, slug)


def variants(
    info: Info,
    base_approach: Annotated[
        BaseApproachEnum | None, strawberry.argument(description="Only variants of this approach.")
    ] = None,
    career_stage: Annotated[
        CareerStageEnum | None, strawberry.argument(description="Only variants for this stage.")
    ] = None,
    relationship_shape: Annotated[
        RelationshipShapeEnum | None,
        strawberry.argument(description="Only variants with this relationship shape."),
    ] = None,
    first: First = DEFAULT_PAGE,
    after: After = None,
    locale: Locale = None,
) -> VariantPage | None:
    found = _view(info, locale).filter_variants(
        _domain_enum(BaseApproach, base_approach),
        _domain_enum(CareerStage, career_stage),
        _domain_enum(RelationshipShape, relationship_shape),
    )
    return schemas.VariantPage(*_page(found, first, after))


def variant(info: Info, slug: Slug, locale: Locale = None) -> Variant | None:
    return _found(_view(info, locale).variant, slug)


def node(
    info: Info,
    id: Annotated[strawberry.ID, strawberry.argument(description="A `Node` id.")],
    locale: Locale = None,
) -> gql.Node | None:
    """Relay's refetch entry point: any content object by its id (null for an id that names
    nothing, as Relay expects)."""
    view = _view(info, locale)
    kind, _, key = str(id).partition(":")
    if kind not in gql.NODE_KEYS or not key:
        return None
    found: gql.Node | None = _found(partial(view.get, kind.lower()), key)
    return found


def content_version(info: Info) -> int:
    context: GraphQLContext = info.context
    return context.current().version


@strawberry.type(
    description="Root fields are nullable: an error in one (with its `extensions.code`) "
    "leaves the others' data intact."
)
class Query:
    approaches = strawberry.field(
        resolver=approaches,
        directives=[PAGE],
        description="The two base approaches, mentoring and coaching.",
    )
    approach = strawberry.field(
        resolver=approach, description="One approach with its statement for every aspect."
    )
    aspects = strawberry.field(
        resolver=aspects,
        directives=[PAGE],
        description="The comparison aspects (the comparison table's rows).",
    )
    aspect = strawberry.field(resolver=aspect, description="One comparison aspect.")
    topics = strawberry.field(
        resolver=topics, directives=[PAGE], description="The narrative topics."
    )
    topic = strawberry.field(resolver=topic, description="One narrative topic.")
    terms = strawberry.field(
        resolver=terms,
        directives=[PAGE],
        description="The glossary; with `search`, the terms matching every word, best first.",
    )
    term = strawberry.field(resolver=term, description="One glossary term.")
    variants = strawberry.field(
        resolver=variants,
        directives=[PAGE],
        description="The model variants, optionally filtered like REST's.",
    )
    variant = strawberry.field(
        resolver=variant, description="One model variant with its structured attributes."
    )
    node = strawberry.field(resolver=node, description="Any content object by its `Node` id.")
    content_version = strawberry.field(
        resolver=content_version,
        description="The content version being served (changes on every load).",
    )
    recommend = strawberry.field(
        resolver=recommend,
        permission_classes=[MayRecommend],
        directives=[Cost(weight=RECOMMEND_COST)],
        description="Which development model fits a situation, ranked and explained: the same "
        "core and the same answer as `POST /v1/recommendations`. Never cached.",
    )
    intake = strawberry.field(
        resolver=intake,
        permission_classes=[MayRecommend],
        directives=[Cost(weight=RECOMMEND_COST)],
        description="The adaptive intake: the next question worth asking for what is known so "
        "far, or the recommendation once no answer left could change its primary; the same "
        "core and the same answer as `POST /v1/recommendations/intake`. Never cached.",
    )
    recommendation_policy = strawberry.field(
        resolver=recommendation_policy,
        description="The scoring policy in service, as `GET /v1/recommendations/policy` "
        "returns it (a JSON document, snake_case keys).",
    )
    policy_card = strawberry.field(
        resolver=policy_card,
        directives=[Cost(weight=DATABASE_COST)],
        description="The policy card (instructions for use), as "
        "`GET /v1/recommendations/policy-card` returns it.",
    )
    policy_versions = strawberry.field(
        resolver=policy_versions,
        directives=[Cost(weight=DATABASE_COST), PAGE],
        description="Every released policy version, as `GET /v1/recommendations/policies`.",
    )
    releases = RELEASES_FIELD
    changes = CHANGES_FIELD


# The validation rules (each linear in the document or bounded: see validation.py), built once:
# a new rule class per request would make every ValidationCache lookup a miss. Production and
# development validate alike: introspection is open to keys, and its cost is counted.
VALIDATION_RULES = validation_rules(
    MAX_OPERATIONS, [depth_limit_rule(MAX_DEPTH), alias_limit_rule(MAX_ALIASES)]
)


def rules_of() -> Rules:
    return VALIDATION_RULES


def extensions(document_cache_bytes: int) -> list[Callable[[], SchemaExtension]]:
    """Factories: Strawberry builds fresh extensions per operation; the caches are shared."""
    return [
        DocumentCaches(document_cache_bytes).extension(),
        rules_extension(VALIDATION_RULES),
        partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
    ]


class ServiceSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Expected errors (not found, bad input, limits) are answers, not incidents; unexpected
        # ones are logged with their traceback by `classify` when the controller shapes them.
        return None


def build_schema(
    document_cache_bytes: int = DOCUMENT_CACHE_BYTES,
    more_extensions: Sequence[Callable[[], SchemaExtension]] = (),
) -> strawberry.Schema:
    """`more_extensions` run after the schema's own: the controller's cost guard."""
    return ServiceSchema(
        query=Query,
        extensions=[*extensions(document_cache_bytes), *more_extensions],
        config=StrawberryConfig(scalar_map=SCALARS),
        types=[gql.Span],
    )


def schema_sdl() -> str:
    """The schema as committed in `openapi/schema.graphql` and served at
    `GET /graphql/schema.graphql` (the same in development and production)."""
    return str(build_schema()) + "\n"
