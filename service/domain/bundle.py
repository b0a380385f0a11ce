"""The content bundle: everything the service serves, as read from the files or from PostgreSQL.

`read_files()` validates the files in `content/`; `store()` writes a bundle into PostgreSQL
(idempotent: a bundle whose checksum is already in service changes nothing); `fetch()` reads
the bundle in service back. Both directions use the same Structs, so a round trip is testable.
"""

import hashlib
from pathlib import Path
from typing import Any

import msgspec
from sqlalchemy import delete, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlmodel import col

from service.domain import models as m
from service.domain.content_files import (
    CONTENT_DIR,
    ApproachText,
    AspectText,
    Catalogue,
    CatalogueApproach,
    CatalogueAspect,
    CatalogueTerm,
    CatalogueTopic,
    CatalogueVariant,
    LocaleTexts,
    Range,
    TermText,
    TopicText,
    VariantText,
)
from service.domain.decisions.archive import archive
from service.domain.recommendation import Engine, messages_from, policy_from
from service.domain.releases.record import ReplacementError, check_replacements, record_release

NOTIFY_CHANNEL = "content_changed"
# Serialises concurrent loads (several replicas starting at once); any constant will do.
_LOAD_LOCK_ID = 7_412_003


class ContentError(ValueError):
    """The content files are inconsistent; the message names the file and the item."""


class Bundle(msgspec.Struct, frozen=True):
    catalogue: Catalogue
    locales: dict[str, LocaleTexts]
    policy: dict[str, Any]  # decoded by the recommendation engine; stored as JSONB
    messages: dict[str, dict[str, Any]]  # recommendation texts per locale
    checksum: str

    @property
    def policy_version(self) -> str:
        return str(self.policy["version"])


class StoredBundle(msgspec.Struct, frozen=True):
    bundle: Bundle
    version: int


def _checksum(parts: list[tuple[str, Any]]) -> str:
    digest = hashlib.sha256()
    for name, value in parts:
        digest.update(name.encode())
        digest.update(msgspec.json.encode(value, order="sorted"))
    return digest.hexdigest()


def _decode_yaml(path: Path, kind: Any) -> Any:
    try:
        return msgspec.yaml.decode(path.read_bytes(), type=kind)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise ContentError(f"{path.name}: {exc}") from exc


def read_files(content_dir: Path = CONTENT_DIR) -> Bundle:
    catalogue = _decode_yaml(content_dir / "catalogue.yaml", Catalogue)
    locales = {
        path.stem: _decode_yaml(path, LocaleTexts)
        for path in sorted((content_dir / "locales").glob("*.yaml"))
    }
    policy = _decode_yaml(content_dir / "policy.yaml", dict[str, Any])
    messages = {
        path.stem: _decode_yaml(path, dict[str, Any])
        for path in sorted((content_dir / "messages").glob("*.yaml"))
    }
    bundle = Bundle(catalogue, locales, policy, messages, checksum="")
    check_consistency(bundle)
    _check_recommendations(bundle)
    parts: list[tuple[str, Any]] = [("catalogue", catalogue), ("policy", policy)]
    parts += [(f"locale:{code}", texts) for code, texts in locales.items()]
    parts += [(f"messages:{code}", doc) for code, doc in messages.items()]
    return msgspec.structs.replace(bundle, checksum=_checksum(parts))


def check_consistency(bundle: Bundle) -> None:
    """Every link resolves and every locale has a text for every item."""
    c = bundle.catalogue
    keys = {
        "approaches": [a.slug for a in c.approaches],
        "aspects": [a.key for a in c.aspects],
        "topics": [t.slug for t in c.topics],
        "terms": [t.slug for t in c.terms],
        "variants": [v.slug for v in c.variants],
    }
    for kind, ids in keys.items():
        if len(set(ids)) != len(ids):
            raise ContentError(f"catalogue.yaml: duplicate key among {kind}")

    def expect(kind: str, ref: str | None, where: str) -> None:
        if ref is not None and ref not in keys[kind]:
            raise ContentError(f"catalogue.yaml: {where} refers to unknown {kind} {ref!r}")

    for topic in c.topics:
        for key in topic.aspects:
            expect("aspects", key, f"topic {topic.slug}")
    for term in c.terms:
        expect("variants", term.variant, f"term {term.slug}")
        for slug in term.approaches:
            expect("approaches", slug, f"term {term.slug}")
    for variant in c.variants:
        expect("terms", variant.term, f"variant {variant.slug}")
    if "en" not in bundle.locales:
        raise ContentError("locales/en.yaml is missing: English is the fallback locale")
    for code, texts in bundle.locales.items():
        if texts.locale != code:
            raise ContentError(f"locales/{code}.yaml declares locale {texts.locale!r}")
        for kind, ids in keys.items():
            have = set(getattr(texts, kind))
            if have != set(ids):
                missing, extra = sorted(set(ids) - have), sorted(have - set(ids))
                raise ContentError(
                    f"locales/{code}.yaml {kind}: missing {missing}, unknown {extra}"
                )
    if "version" not in bundle.policy:
        raise ContentError("policy.yaml has no version")
    try:
        check_replacements(c)
    except ReplacementError as exc:
        raise ContentError(str(exc)) from exc


def _check_recommendations(bundle: Bundle) -> None:
    """The policy and every locale's messages must build a working engine before they ship."""
    try:
        policy = policy_from(bundle.policy)
        for code, texts in bundle.locales.items():
            if code not in bundle.messages:
                raise ContentError(f"messages/{code}.yaml is missing")
            messages = messages_from(bundle.messages[code])
            Engine(policy, bundle.catalogue, texts, messages, content_version=0)
    except (ValueError, msgspec.ValidationError) as exc:
        if isinstance(exc, ContentError):
            raise
        raise ContentError(f"policy.yaml or messages: {exc}") from exc


async def _version_in_service(session: AsyncSession | AsyncConnection) -> tuple[int, str] | None:
    row = (
        await session.execute(
            select(col(m.ContentVersion.version), col(m.ContentVersion.checksum))
            .order_by(col(m.ContentVersion.version).desc())
            .limit(1)
        )
    ).first()
    return None if row is None else (int(row[0] or 0), str(row[1]))


async def current_version(connection: AsyncSession | AsyncConnection) -> int | None:
    found = await _version_in_service(connection)
    return None if found is None else found[0]


async def store(session: AsyncSession, bundle: Bundle) -> tuple[int, bool]:
    """Make `bundle` the content in service. Returns (content version, whether it changed).

    Takes the caller's session and never commits: the caller owns the transaction, so a
    failed load leaves the previous content in place. A change is a new release (recorded
    here); announcing it is the caller's (`service/bootstrap.py` puts its webhook events into
    the outbox in the same transaction).
    """
    await session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOAD_LOCK_ID})
    in_service = await _version_in_service(session)
    if in_service is not None and in_service[1] == bundle.checksum:
        await archive(session, bundle, in_service[0])  # content loaded before the archive
        # A database that had content before releases existed starts its history here.
        await _record_release(session, bundle, in_service[0])
        return in_service[0], False

    for table in (m.Term, m.Variant, m.Topic, m.Aspect, m.Approach, m.RecommendationMessages):
        await session.execute(delete(table))  # texts and links cascade
    await session.execute(delete(m.Locale))
    await _insert_all(session, bundle)
    version = (
        await session.execute(
            insert(m.ContentVersion)
            .values(checksum=bundle.checksum, policy_version=bundle.policy_version)
            .returning(col(m.ContentVersion.version))
        )
    ).scalar_one()
    await archive(session, bundle, int(version or 0))
    await _record_release(session, bundle, int(version or 0))
    await session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {
            "channel": NOTIFY_CHANNEL,
            "payload": str(version),
        },
    )
    return int(version or 0), True


async def _record_release(session: AsyncSession, bundle: Bundle, version: int) -> None:
    """The release history, in this same transaction."""
    await record_release(
        session, version, bundle.catalogue, bundle.locales, bundle.policy, bundle.messages
    )


async def _insert_all(session: AsyncSession, bundle: Bundle) -> None:
    c = bundle.catalogue

    async def rows(model: Any, values: list[dict[str, Any]]) -> None:
        if values:
            await session.execute(insert(model), values)

    policy_exists = await session.get(m.RecommendationPolicy, bundle.policy_version)
    if policy_exists is None:
        await rows(
            m.RecommendationPolicy, [{"version": bundle.policy_version, "document": bundle.policy}]
        )
    elif policy_exists.document != bundle.policy:
        raise ContentError(
            f"policy.yaml changed but kept version {bundle.policy_version!r}: bump its version"
        )
    await rows(
        m.Locale,
        [{"code": code, "language_name": t.language_name} for code, t in bundle.locales.items()],
    )
    await rows(m.Approach, [{"slug": a.slug, "position": i} for i, a in enumerate(c.approaches)])
    await rows(m.Aspect, [{"key": a.key, "position": i} for i, a in enumerate(c.aspects)])
    await rows(m.Topic, [{"slug": t.slug, "position": i} for i, t in enumerate(c.topics)])
    await rows(
        m.TopicAspect,
        [
            {"topic_slug": t.slug, "aspect_key": key, "position": i}
            for t in c.topics
            for i, key in enumerate(t.aspects)
        ],
    )
    await rows(m.Variant, [_variant_row(v, i) for i, v in enumerate(c.variants)])
    await rows(
        m.Term,
        [{"slug": t.slug, "position": i, "variant_slug": t.variant} for i, t in enumerate(c.terms)],
    )
    await rows(
        m.TermApproach,
        [
            {"term_slug": t.slug, "approach_slug": slug, "position": i}
            for t in c.terms
            for i, slug in enumerate(t.approaches)
        ],
    )
    for code, texts in bundle.locales.items():
        await rows(
            m.ApproachText,
            [
                {"approach_slug": slug, "locale": code, **msgspec.structs.asdict(value)}
                for slug, value in texts.approaches.items()
            ],
        )
        await rows(
            m.AspectText,
            [
                {"aspect_key": key, "locale": code, **msgspec.structs.asdict(value)}
                for key, value in texts.aspects.items()
            ],
        )
        await rows(
            m.TopicText,
            [
                {"topic_slug": slug, "locale": code, **msgspec.structs.asdict(value)}
                for slug, value in texts.topics.items()
            ],
        )
        await rows(
            m.TermText,
            [
                {"term_slug": slug, "locale": code, **msgspec.to_builtins(value)}
                for slug, value in texts.terms.items()
            ],
        )
        await rows(
            m.VariantText,
            [
                {"variant_slug": slug, "locale": code, **msgspec.to_builtins(value)}
                for slug, value in texts.variants.items()
            ],
        )
    await rows(
        m.RecommendationMessages,
        [{"locale": code, "document": doc} for code, doc in bundle.messages.items()],
    )


def _variant_row(v: CatalogueVariant, position: int) -> dict[str, Any]:
    row: dict[str, Any] = {
        "slug": v.slug,
        "position": position,
        "base_approach": v.base_approach.value,
        "relationship_shape": v.relationship_shape.value,
        "formality": v.formality.value,
        "career_stages": [s.value for s in v.career_stages],
        "goals": [g.value for g in v.goals],
        "prerequisites": [p.value for p in v.prerequisites],
        "source_refs": list(v.source_refs),
    }
    for name in ("duration_weeks", "session_minutes", "sessions_per_month"):
        span: Range = getattr(v, name)
        row |= {f"{name}_min": span.min, f"{name}_typical": span.typical, f"{name}_max": span.max}
    return row


async def fetch(connection: AsyncConnection) -> StoredBundle | None:
    """Read the bundle in service with plain Core queries (no ORM objects)."""
    head = (
        await connection.execute(
            select(
                col(m.ContentVersion.version),
                col(m.ContentVersion.checksum),
                col(m.RecommendationPolicy.document),
            )
            .join(
                m.RecommendationPolicy,
                col(m.RecommendationPolicy.version) == col(m.ContentVersion.policy_version),
            )
            .order_by(col(m.ContentVersion.version).desc())
            .limit(1)
        )
    ).first()
    if head is None:
        return None
    version, checksum, policy = head

    async def all_rows(model: Any, *order: Any) -> list[Any]:
        return list((await connection.execute(select(model.__table__).order_by(*order))).mappings())

    topic_aspects = await all_rows(m.TopicAspect, "topic_slug", "position")
    term_approaches = await all_rows(m.TermApproach, "term_slug", "position")
    terms = await all_rows(m.Term, "position")
    variant_term = {t["variant_slug"]: t["slug"] for t in terms if t["variant_slug"]}

    def linked(links: list[Any], owner_col: str, owner: str, col: str) -> tuple[str, ...]:
        return tuple(row[col] for row in links if row[owner_col] == owner)

    catalogue = Catalogue(
        approaches=tuple(
            CatalogueApproach(r["slug"]) for r in await all_rows(m.Approach, "position")
        ),
        aspects=tuple(CatalogueAspect(r["key"]) for r in await all_rows(m.Aspect, "position")),
        topics=tuple(
            CatalogueTopic(r["slug"], linked(topic_aspects, "topic_slug", r["slug"], "aspect_key"))
            for r in await all_rows(m.Topic, "position")
        ),
        terms=tuple(
            CatalogueTerm(
                r["slug"],
                linked(term_approaches, "term_slug", r["slug"], "approach_slug"),
                r["variant_slug"],
            )
            for r in terms
        ),
        variants=tuple(
            msgspec.convert(_variant_record(r, variant_term.get(r["slug"])), CatalogueVariant)
            for r in await all_rows(m.Variant, "position")
        ),
    )

    locales: dict[str, LocaleTexts] = {}
    for loc in await all_rows(m.Locale, "code"):
        code = loc["code"]

        async def texts(model: Any, key_col: str, kind: Any, code: str = code) -> dict[str, Any]:
            result = await connection.execute(
                select(model.__table__).where(model.__table__.c.locale == code)
            )
            return {
                row[key_col]: msgspec.convert(
                    {k: v for k, v in row.items() if k not in (key_col, "locale")}, kind
                )
                for row in result.mappings()
            }

        locales[code] = LocaleTexts(
            locale=code,
            language_name=loc["language_name"],
            approaches=await texts(m.ApproachText, "approach_slug", ApproachText),
            aspects=await texts(m.AspectText, "aspect_key", AspectText),
            topics=await texts(m.TopicText, "topic_slug", TopicText),
            terms=await texts(m.TermText, "term_slug", TermText),
            variants=await texts(m.VariantText, "variant_slug", VariantText),
        )
    messages = {
        r["locale"]: r["document"] for r in await all_rows(m.RecommendationMessages, "locale")
    }
    bundle = Bundle(catalogue, locales, policy, messages, checksum)
    return StoredBundle(bundle, int(version))


def _variant_record(row: Any, term: str | None) -> dict[str, Any]:
    record = {k: v for k, v in row.items() if k != "position"}
    for name in ("duration_weeks", "session_minutes", "sessions_per_month"):
        record[name] = {part: record.pop(f"{name}_{part}") for part in ("min", "typical", "max")}
    record["term"] = term
    return record
