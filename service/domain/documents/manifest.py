"""Manifests as front-end builds write them, read into one shape.

- graphql-codegen's client preset with `persistedDocuments` writes `persisted-documents.json`:
  `{"<id>": "<document>", ...}` (the id is a hash of the document, sha1 or sha256).
- Apollo's `generate-persisted-query-manifest` writes
  `{"format": "apollo-persisted-query-manifest", "version": 1,
    "operations": [{"id", "name", "type", "body"}, ...]}` (the id is the body's sha256).

An id shaped like a SHA-256 digest (64 hex digits, optionally `sha256:` first) must be the
digest of its document: Apollo's clients send `sha256(document)` as the persisted query hash,
and a manifest that says otherwise was edited by hand or built wrongly.
"""

import hashlib
import re
from collections.abc import Callable
from typing import Any

import msgspec

from service.domain.errors import InvalidParameter

APOLLO_FORMAT = "apollo-persisted-query-manifest"
CODEGEN_FORMAT = "graphql-codegen-persisted-documents"
MAX_DOCUMENTS = 2000  # per manifest
MAX_DOCUMENT_BYTES = 32 * 1024  # as the GraphQL door's own document limit
DOCUMENT_ID = re.compile(r"[A-Za-z0-9:_.\-]{1,128}")
_SHA256_ID = re.compile(r"(?:sha256:)?([0-9a-f]{64})")
OPERATION_TYPES = ("query", "mutation", "subscription")

# Checks one document against the GraphQL schema: an explanation when it cannot run, else None.
# The GraphQL door supplies it (the core knows no schema).
DocumentCheck = Callable[[str], str | None]


class TrustedDocument(msgspec.Struct, frozen=True):
    id: str
    body: str
    name: str | None = None
    type: str | None = None


class Manifest(msgspec.Struct, frozen=True):
    format: str
    documents: tuple[TrustedDocument, ...]
    sha256: str  # of the manifest's bytes as sent


class _ApolloOperation(msgspec.Struct, frozen=True):
    id: str
    body: str
    name: str | None = None
    type: str | None = None


class _ApolloManifest(msgspec.Struct, frozen=True):
    format: str
    version: int
    operations: list[_ApolloOperation]


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _invalid(detail: str) -> InvalidParameter:
    return InvalidParameter("body", detail)


def parse_manifest(raw: bytes, decoded: Any, check: DocumentCheck | None = None) -> Manifest:
    """The manifest sent as `raw` (either format), `decoded` by the caller's bounded JSON
    decoder, every document checked; InvalidParameter names the first document that cannot
    be trusted and why."""
    if not isinstance(decoded, dict):
        raise _invalid(
            "A manifest is a JSON object: graphql-codegen's `persisted-documents.json` or "
            f"Apollo's `{APOLLO_FORMAT}`."
        )
    if "format" in decoded or "operations" in decoded:
        try:
            apollo = msgspec.convert(decoded, _ApolloManifest)
        except msgspec.ValidationError as exc:
            raise _invalid(f"Not an Apollo persisted query manifest: {exc}.") from None
        if apollo.format != APOLLO_FORMAT or apollo.version != 1:
            raise _invalid(f"Apollo manifests must say `format: {APOLLO_FORMAT}` and `version: 1`.")
        documents = [TrustedDocument(op.id, op.body, op.name, op.type) for op in apollo.operations]
        form = APOLLO_FORMAT
    else:
        documents = []
        for key, body in decoded.items():
            if not isinstance(body, str):
                raise _invalid(f"Document {key[:128]!r}: the value must be the document text.")
            documents.append(TrustedDocument(key, body))
        form = CODEGEN_FORMAT
    if not documents:
        raise _invalid("The manifest holds no documents.")
    if len(documents) > MAX_DOCUMENTS:
        raise _invalid(f"A manifest holds at most {MAX_DOCUMENTS} documents.")
    seen: dict[str, str] = {}
    for document in documents:
        _check_document(document, check)
        if seen.setdefault(document.id, document.body) != document.body:
            raise _invalid(f"Document id {document.id!r} is given twice, to different documents.")
    unique = tuple({document.id: document for document in documents}.values())
    return Manifest(form, unique, hashlib.sha256(raw).hexdigest())


def _check_document(document: TrustedDocument, check: DocumentCheck | None) -> None:
    label = f"Document {document.id[:128]!r}"
    if not DOCUMENT_ID.fullmatch(document.id):
        raise _invalid(f"{label}: an id is 1 to 128 letters, digits, `:`, `_`, `.` or `-`.")
    if not document.body.strip():
        raise _invalid(f"{label} is empty.")
    if "\x00" in document.body:
        raise _invalid(f"{label} contains a NUL character.")
    if len(document.body.encode()) > MAX_DOCUMENT_BYTES:
        raise _invalid(f"{label} is longer than {MAX_DOCUMENT_BYTES} bytes.")
    if document.type is not None and document.type not in OPERATION_TYPES:
        raise _invalid(f"{label}: `type` is one of {', '.join(OPERATION_TYPES)}.")
    hashed = _SHA256_ID.fullmatch(document.id)
    if hashed and hashed.group(1) != sha256_text(document.body):
        raise _invalid(f"{label} is shaped like a SHA-256 digest but is not its document's.")
    if check is not None:
        problem = check(document.body)
        if problem is not None:
            raise _invalid(f"{label} cannot run: {problem}")
