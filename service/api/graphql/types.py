"""GraphQL types generated from the domain Structs, so the two doors cannot drift apart.

Every field of a Struct in `service/domain/schemas.py` becomes a GraphQL field of the same
name in camelCase (Strawberry's default), with the same value: resolvers return the domain
Structs themselves and Strawberry's default resolver reads their attributes.

Enum values keep their REST spelling (`semi_structured`, not `SEMI_STRUCTURED`): a client
that moves a value from one door to the other never has to translate it.

Links that REST gives as keys (`Variant.term`, `Topic.aspects`...) keep that key for parity,
and get a navigable sibling named `linked...` that resolves from the snapshot.
"""

import inspect
import types
import typing
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

import msgspec
import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from service.api.graphql.context import GraphQLContext
from service.api.graphql.descriptions import ENUM_VALUES, FIELDS, TYPES
from service.domain import schemas
from service.domain.vocabulary import (
    BaseApproach,
    CareerStage,
    Formality,
    Goal,
    Prerequisite,
    RelationshipShape,
)

_ENUMS: dict[type[Enum], Any] = {}
_TYPES: dict[type[msgspec.Struct], Any] = {}


def mirror_enum(domain: type[StrEnum], description: str | None = None) -> Any:
    """A GraphQL enum whose value names are the domain's API strings."""
    if domain not in _ENUMS:
        mirrored = StrEnum(domain.__name__, {member.value: member.value for member in domain})  # type: ignore[misc]
        _ENUMS[domain] = strawberry.enum(mirrored, description=description or domain.__doc__)
        for value in _ENUMS[domain].__strawberry_definition__.values:
            value.description = ENUM_VALUES.get(f"{domain.__name__}.{value.name}")
    return _ENUMS[domain]


def _graphql_annotation(annotation: Any) -> Any:
    """Translate a Struct field annotation into the matching Strawberry annotation."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _graphql_annotation(typing.get_args(annotation)[0])
    if origin in (types.UnionType, typing.Union):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(members) < len(typing.get_args(annotation))
        if len(members) == 1:
            mirrored = _graphql_annotation(members[0])
        elif all(member in (bool, int, float, str) for member in members):
            mirrored = JSON  # a value of several scalar types (e.g. Counterfactual.current)
        else:
            raise TypeError(f"No GraphQL mirror for the union {annotation}")
        return mirrored | None if optional else mirrored
    if origin in (tuple, list):
        return list[_graphql_annotation(typing.get_args(annotation)[0])]  # type: ignore[misc]
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return mirror_enum(annotation)
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        if annotation not in _TYPES:
            raise TypeError(f"Mirror {annotation.__name__} before the types that use it")
        return _TYPES[annotation]
    if annotation in (str, int, float, bool):
        return annotation
    raise TypeError(f"No GraphQL mirror for {annotation!r}")


def _meta_description(annotation: Any) -> str | None:
    if typing.get_origin(annotation) is typing.Annotated:
        for meta in typing.get_args(annotation)[1:]:
            if isinstance(meta, msgspec.Meta) and meta.description:
                return meta.description.replace("`cursor`", "`after`")
    return None


@strawberry.interface(
    description="An object with a stable, globally unique id (Relay's `Node`): `Kind:key`, "
    "the same in every locale, so normalised caches (Apollo, Relay, urql) keep one entry per "
    "object and locale-aware clients add the locale to their cache key."
)
class Node:
    id: strawberry.ID = strawberry.field(description="`Kind:key`, e.g. `Term:reverse-mentoring`.")


# The content kinds with an id, and the field holding each one's stable key.
NODE_KEYS = {
    "Approach": "slug",
    "Aspect": "key",
    "Topic": "slug",
    "Term": "slug",
    "Variant": "slug",
}


def node_id(kind: str, key: str) -> str:
    return f"{kind}:{key}"


@dataclass(frozen=True, slots=True)
class InstanceOf:
    """A mirrored type's `is_type_of`: whether a value is an instance of its Struct."""

    struct: type[msgspec.Struct]

    def __call__(self, obj: Any, info: Any) -> bool:
        return isinstance(obj, self.struct)


def mirror_struct(
    struct: type[msgspec.Struct],
    links: dict[str, tuple[str, Any, str]] | None = None,
    description: str | None = None,
) -> Any:
    """A Strawberry object type with one field per Struct field, plus navigable `links`.

    `links` maps a field name to (GraphQL type as a string, resolver, description); the string
    is resolved in this module once every type exists, which allows types that link both ways.
    """
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__module__": __name__}
    for field in msgspec.structs.fields(struct):
        annotations[field.name] = _graphql_annotation(field.type)
        described = _meta_description(field.type) or FIELDS.get(f"{struct.__name__}.{field.name}")
        if description_of_field := described:
            namespace[field.name] = strawberry.field(description=description_of_field)
    for name, (graphql_type, resolver, link_doc) in (links or {}).items():
        annotations[name] = graphql_type
        namespace[name] = strawberry.field(resolver=resolver, description=link_doc)
    namespace["__annotations__"] = annotations
    bases: tuple[type, ...] = ()
    if struct.__name__ in NODE_KEYS:
        bases = (Node,)
        key_field = NODE_KEYS[struct.__name__]

        def resolve_id(root: Any) -> strawberry.ID:
            return strawberry.ID(node_id(type(root).__name__, getattr(root, key_field)))

        annotations["id"] = strawberry.ID
        namespace["id"] = strawberry.field(
            resolver=resolve_id, description="Stable id: `Kind:key` (see `Node`)."
        )
    # Resolvers return the domain Structs: this tells GraphQL which type an interface value is.
    namespace["is_type_of"] = staticmethod(InstanceOf(struct))
    generated = type(struct.__name__, bases, namespace)
    own_doc: str | None = struct.__doc__ if struct.__doc__ != msgspec.Struct.__doc__ else None
    doc = description or (inspect.cleandoc(own_doc) if own_doc else TYPES.get(struct.__name__))
    _TYPES[struct] = strawberry.type(generated, description=doc)
    return _TYPES[struct]


# Enums used as filters need the same objects as the ones the types use.
BaseApproachEnum = mirror_enum(BaseApproach, "mentoring, coaching, or a hybrid of both.")
CareerStageEnum = mirror_enum(CareerStage, "Career stage of the person being developed.")
RelationshipShapeEnum = mirror_enum(RelationshipShape, "Who guides whom.")
mirror_enum(Formality, "How structured the relationship is.")
mirror_enum(Goal, "What the person wants from development.")
mirror_enum(Prerequisite)


# --- links: thin resolvers that look the linked object up in the snapshot -------------------


def _aspect_of_statement(root: schemas.AspectStatement, info: Info) -> schemas.Aspect:
    context: GraphQLContext = info.context
    aspect: schemas.Aspect = context.load("aspect", root.key, info)
    return aspect


def _aspects_of_topic(root: schemas.Topic, info: Info) -> list[schemas.Aspect]:
    context: GraphQLContext = info.context
    return context.load_many("aspect", root.aspects, info)


def _topics_of_aspect(root: schemas.Aspect, info: Info) -> list[schemas.Topic]:
    context: GraphQLContext = info.context
    return context.load_many("topic", root.topics, info)


def _approaches_of_term(root: schemas.Term, info: Info) -> list[schemas.Approach]:
    context: GraphQLContext = info.context
    return context.load_many("approach", root.approaches, info)


def _variant_of_term(root: schemas.Term, info: Info) -> schemas.Variant | None:
    if root.variant is None:
        return None
    context: GraphQLContext = info.context
    variant: schemas.Variant = context.load("variant", root.variant, info)
    return variant


def _approaches_of_variant(root: schemas.Variant, info: Info) -> list[schemas.Approach]:
    # A hybrid variant builds on both base approaches.
    slugs = (
        [BaseApproach.MENTORING.value, BaseApproach.COACHING.value]
        if root.base_approach == BaseApproach.HYBRID
        else [root.base_approach.value]
    )
    context: GraphQLContext = info.context
    return context.load_many("approach", slugs, info)


def _term_of_variant(root: schemas.Variant, info: Info) -> schemas.Term | None:
    if root.term is None:
        return None
    context: GraphQLContext = info.context
    term: schemas.Term = context.load("term", root.term, info)
    return term


# --- the types, leaves first ------------------------------------------------------------------

Span = mirror_struct(schemas.Span, description="A range: minimum, typical and maximum.")
AspectStatement = mirror_struct(
    schemas.AspectStatement,
    links={"linked_aspect": ("Aspect", _aspect_of_statement, "The full comparison aspect.")},
)
Approach = mirror_struct(schemas.Approach)
Aspect = mirror_struct(
    schemas.Aspect,
    links={
        "linked_topics": ("list[Topic]", _topics_of_aspect, "The topics discussing this aspect.")
    },
)
Topic = mirror_struct(
    schemas.Topic,
    links={"linked_aspects": ("list[Aspect]", _aspects_of_topic, "The aspects, in full.")},
)
Variant = mirror_struct(
    schemas.Variant,
    links={
        "linked_approaches": (
            "list[Approach]",
            _approaches_of_variant,
            "The base approaches: one, or both for a hybrid variant.",
        ),
        "linked_term": ("Term | None", _term_of_variant, "The glossary term naming this variant."),
    },
)
Term = mirror_struct(
    schemas.Term,
    links={
        "linked_approaches": (
            "list[Approach]",
            _approaches_of_term,
            "The approaches this term belongs to.",
        ),
        "linked_variant": ("Variant | None", _variant_of_term, "The model variant this names."),
    },
)
ApproachPage = mirror_struct(schemas.ApproachPage)
AspectPage = mirror_struct(schemas.AspectPage)
TopicPage = mirror_struct(schemas.TopicPage)
TermPage = mirror_struct(schemas.TermPage)
VariantPage = mirror_struct(schemas.VariantPage)
