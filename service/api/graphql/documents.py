"""Parsed and validated GraphQL documents, remembered by the hash of their text.

Replaces strawberry's `ParserCache` and `ValidationCache`, whose `lru_cache`s are bounded only
in entries and keyed by the whole document text (up to the request body limit each). Here the
key is a 32-byte digest and the bound is in entries and in bytes: a parsed document costs
about `AST_BYTES_PER_CHAR` bytes per character of its text (measured with tracemalloc on the
shipped persisted queries: 74 to 127).
"""

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from graphql import DocumentNode, GraphQLError, parse
from strawberry.extensions import SchemaExtension

from service.cache import BoundedCache

AST_BYTES_PER_CHAR = 128
MAX_DOCUMENTS = 1024


@dataclass(frozen=True, slots=True)
class Parsed:
    document: DocumentNode
    cost: int  # estimated bytes


@dataclass(frozen=True, slots=True)
class Validated:
    errors: tuple[GraphQLError, ...]


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode(), digest_size=32).digest()


class DocumentCaches:
    """One per schema (validation depends on the schema and its rules)."""

    def __init__(self, max_bytes: int) -> None:
        self.parsed: BoundedCache[bytes, Parsed] = BoundedCache(
            "graphql_parsed_documents",
            max_entries=MAX_DOCUMENTS,
            max_bytes=max_bytes,
            sizeof=lambda parsed: parsed.cost,
        )
        self.validated: BoundedCache[bytes, Validated] = BoundedCache(
            "graphql_validated_documents",
            max_entries=MAX_DOCUMENTS,
            max_bytes=max_bytes,
            sizeof=lambda validated: 64 + 1024 * len(validated.errors),
        )

    def extension(self) -> Callable[[], SchemaExtension]:
        """A factory for the schema's `extensions` (strawberry builds one per operation)."""
        caches = self

        class CachedDocuments(SchemaExtension):
            def on_parse(self) -> Iterator[None]:
                context = self.execution_context
                query = context.query or ""
                key = _digest(query)
                parsed = caches.parsed.get(key)
                if parsed is None:
                    document = parse(query, **context.parse_options)
                    parsed = Parsed(document, AST_BYTES_PER_CHAR * len(query))
                    caches.parsed.put(key, parsed)
                context.graphql_document = parsed.document
                yield

            def on_validate(self) -> Iterator[None]:
                context = self.execution_context
                key = _digest(context.query or "")
                validated = caches.validated.get(key)
                if validated is not None:
                    context.pre_execution_errors = list(validated.errors)
                yield
                if validated is None and context.pre_execution_errors is not None:
                    errors = tuple(context.pre_execution_errors)
                    caches.validated.put(key, Validated(errors))

        return CachedDocuments
