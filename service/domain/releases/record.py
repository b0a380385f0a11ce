"""Recording a release while the content is loaded, in the load's own transaction.

The loader (`bundle.store`) calls `record_release` with the bundle it has just stored: the
digest of every item in every locale is compared with the previous release's digests and the
changes are stored, before the load commits. The core knows nothing of webhooks: the loader's
caller (`service/bootstrap.py`) puts the release's events into the outbox in the same
transaction, from the release row written here.
"""

import hashlib
from collections.abc import Iterator
from typing import Any

import msgspec
from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from service.domain.content_files import Catalogue, LocaleTexts
from service.domain.releases.models import Release, ReleaseChange, ReleaseItem

KINDS = ("approach", "aspect", "topic", "term", "variant")
# Releases kept for the change feed; a `since` before the oldest one is answered with 410.
RETAINED_RELEASES = 1000

ItemKey = tuple[str, str, str]  # kind, key, locale


class ReplacementError(ValueError):
    """`replaced` in catalogue.yaml names an item that exists, or a replacement that does not."""


def _items(catalogue: Catalogue) -> Iterator[tuple[str, str, Any]]:
    """(kind, key, language-neutral record) for every item; positions are left out, so a
    reordering alone changes no item."""
    for approach in catalogue.approaches:
        yield "approach", approach.slug, approach
    for aspect in catalogue.aspects:
        yield "aspect", aspect.key, aspect
    for topic in catalogue.topics:
        yield "topic", topic.slug, topic
    for term in catalogue.terms:
        yield "term", term.slug, term
    for variant in catalogue.variants:
        yield "variant", variant.slug, variant


def _texts(texts: LocaleTexts, kind: str) -> dict[str, Any]:
    by_kind: dict[str, dict[str, Any]] = {
        "approach": texts.approaches,
        "aspect": texts.aspects,
        "topic": texts.topics,
        "term": texts.terms,
        "variant": texts.variants,
    }
    return by_kind[kind]


def _digest(value: Any) -> str:
    encoded = msgspec.json.encode(value, order="sorted")
    return hashlib.blake2b(encoded, digest_size=16).hexdigest()


def item_digests(catalogue: Catalogue, locales: dict[str, LocaleTexts]) -> dict[ItemKey, str]:
    """The digest of every item in every locale: its language-neutral record and its text."""
    digests: dict[ItemKey, str] = {}
    for kind, key, record in _items(catalogue):
        for code, texts in locales.items():
            text = _texts(texts, kind).get(key)
            if text is not None:
                digests[(kind, key, code)] = _digest({"item": record, "text": text})
    return digests


def policy_digest(policy: dict[str, Any], messages: dict[str, dict[str, Any]]) -> str:
    return _digest({"policy": policy, "messages": messages})


def check_replacements(catalogue: Catalogue) -> None:
    present = {(kind, key) for kind, key, _ in _items(catalogue)}
    for replacement in catalogue.replaced:
        if replacement.kind not in KINDS:
            raise ReplacementError(
                f"catalogue.yaml replaced: unknown kind {replacement.kind!r} "
                f"(one of {', '.join(KINDS)})"
            )
        if (replacement.kind, replacement.key) in present:
            raise ReplacementError(
                f"catalogue.yaml replaced: {replacement.kind} {replacement.key!r} still exists"
            )
        if (replacement.kind, replacement.replaced_by) not in present:
            raise ReplacementError(
                f"catalogue.yaml replaced: {replacement.kind} {replacement.key!r} is replaced "
                f"by unknown {replacement.replaced_by!r}"
            )


def diff(
    before: dict[ItemKey, str], after: dict[ItemKey, str], replaced: dict[tuple[str, str], str]
) -> list[dict[str, Any]]:
    """One change per item that differs, with the locales it differs in."""

    def locales_by_item(digests: dict[ItemKey, str]) -> dict[tuple[str, str], set[str]]:
        found: dict[tuple[str, str], set[str]] = {}
        for kind, key, code in digests:
            found.setdefault((kind, key), set()).add(code)
        return found

    had, has = locales_by_item(before), locales_by_item(after)
    changes = []
    for item in sorted(had.keys() | has.keys()):
        if item not in had:
            change, codes = "created", has[item]
        elif item not in has:
            change, codes = "removed", had[item]
        else:
            codes = {
                code
                for code in had[item] | has[item]
                if before.get((*item, code)) != after.get((*item, code))
            }
            if not codes:
                continue
            change = "updated"
        changes.append(
            {
                "kind": item[0],
                "key": item[1],
                "change": change,
                "locales": sorted(codes),
                "replaced_by": replaced.get(item) if change == "removed" else None,
            }
        )
    return changes


async def _latest(session: AsyncSession) -> Release | None:
    found = await session.execute(select(Release).order_by(col(Release.version).desc()).limit(1))
    return found.scalars().first()


async def _digests_of(session: AsyncSession, version: int) -> dict[ItemKey, str]:
    rows = await session.execute(
        select(
            col(ReleaseItem.kind),
            col(ReleaseItem.key),
            col(ReleaseItem.locale),
            col(ReleaseItem.digest),
        ).where(col(ReleaseItem.version) == version)
    )
    return {(kind, key, locale): digest for kind, key, locale, digest in rows}


async def record_release(
    session: AsyncSession,
    version: int,
    catalogue: Catalogue,
    locales: dict[str, LocaleTexts],
    policy: dict[str, Any],
    messages: dict[str, dict[str, Any]],
    keep: int = RETAINED_RELEASES,
) -> bool:
    """Record content version `version` as a release unless it is one already. True when new.

    Runs in the load's transaction and never commits. The first release of a database starts
    the history: its items are all `created` and it has no previous version.
    """
    previous = await _latest(session)
    if previous is not None and previous.version >= version:
        return False
    after = item_digests(catalogue, locales)
    before = {} if previous is None else await _digests_of(session, previous.version)
    replaced = {(r.kind, r.key): r.replaced_by for r in catalogue.replaced}
    changes = diff(before, after, replaced)
    policy_now = policy_digest(policy, messages)
    policy_changed = previous is not None and previous.policy_digest != policy_now
    counts = {name: sum(c["change"] == name for c in changes) for name in ("created", "updated")}
    await session.execute(
        insert(Release).values(
            version=version,
            previous_version=None if previous is None else previous.version,
            policy_version=str(policy["version"]),
            policy_digest=policy_now,
            policy_changed=policy_changed,
            created=counts["created"],
            updated=counts["updated"],
            removed=sum(c["change"] == "removed" for c in changes),
        )
    )
    await session.execute(
        insert(ReleaseItem),
        [
            {"version": version, "kind": k, "key": i, "locale": code, "digest": digest}
            for (k, i, code), digest in after.items()
        ],
    )
    if changes:
        await session.execute(
            insert(ReleaseChange), [{"version": version, **change} for change in changes]
        )
    await _prune(session, version, keep)
    return True


async def _prune(session: AsyncSession, newest: int, keep: int) -> None:
    """Forget all but the newest `keep` releases (their items and changes cascade)."""
    cutoff = (
        await session.execute(
            select(col(Release.version))
            .order_by(col(Release.version).desc())
            .offset(keep - 1)
            .limit(1)
        )
    ).scalar()
    if cutoff is not None and cutoff < newest:
        await session.execute(delete(Release).where(col(Release.version) < cutoff))
