"""Reading the release archive: past content versions for replay, and the policy history."""

import re
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col

from service.domain import models as m
from service.domain.bundle import Bundle, StoredBundle
from service.domain.content_files import Catalogue, LocaleTexts
from service.domain.decisions.archive import NO_CHANGELOG
from service.domain.decisions.models import PolicyChangelog, ReleasedBundle
from service.domain.errors import InvalidParameter, NotFound
from service.domain.recommendation import RecommendationPolicy, policy_from


class PolicyRelease(msgspec.Struct, frozen=True):
    """A released policy version: when it first went into service and what changed."""

    version: str
    released_at: datetime
    changelog: str
    in_service: bool


class PolicyReleasePage(msgspec.Struct, frozen=True):
    items: tuple[PolicyRelease, ...]
    next_cursor: str | None


class PolicyVersion(msgspec.Struct, frozen=True):
    version: str
    released_at: datetime
    changelog: str
    in_service: bool
    policy: dict[str, Any]  # the document exactly as released (content/policy.yaml then)


async def fetch_archived(connection: AsyncConnection, content_version: int) -> StoredBundle | None:
    """Content version `content_version` as it was served, or None if it was never archived."""
    row = (
        await connection.execute(
            select(
                col(ReleasedBundle.document),
                col(ReleasedBundle.checksum),
                col(m.RecommendationPolicy.document),
            )
            .join(
                m.RecommendationPolicy,
                col(m.RecommendationPolicy.version) == col(ReleasedBundle.policy_version),
            )
            .where(col(ReleasedBundle.content_version) == content_version)
        )
    ).first()
    if row is None:
        return None
    document, checksum, policy = row
    return StoredBundle(bundle_from_document(document, policy, checksum), content_version)


def bundle_from_document(document: dict[str, Any], policy: dict[str, Any], checksum: str) -> Bundle:
    """The bundle an archived document holds (the inverse of `archive`'s document)."""
    return Bundle(
        catalogue=msgspec.convert(document["catalogue"], Catalogue),
        locales=msgspec.convert(document["locales"], dict[str, LocaleTexts]),
        policy=policy,
        messages=document["messages"],
        checksum=checksum,
    )


async def policy_releases(connection: AsyncConnection, in_service: str) -> list[PolicyRelease]:
    """Every released policy version, oldest first."""
    rows = await connection.execute(
        select(
            col(m.RecommendationPolicy.version),
            col(m.RecommendationPolicy.loaded_at),
            col(PolicyChangelog.line),
        )
        .outerjoin(
            PolicyChangelog,
            col(PolicyChangelog.policy_version) == col(m.RecommendationPolicy.version),
        )
        .order_by(col(m.RecommendationPolicy.loaded_at), col(m.RecommendationPolicy.version))
    )
    return [
        PolicyRelease(version, released_at, line or NO_CHANGELOG, version == in_service)
        for version, released_at, line in rows
    ]


# Policy versions as content/policy.yaml writes them; anything else was never released.
VERSION = re.compile(r"[A-Za-z0-9._-]{1,100}")


async def policy_version(
    connection: AsyncConnection, version: str, in_service: str
) -> PolicyVersion | None:
    if not VERSION.fullmatch(version):
        return None
    row = (
        await connection.execute(
            select(
                col(m.RecommendationPolicy.loaded_at),
                col(m.RecommendationPolicy.document),
                col(PolicyChangelog.line),
            )
            .outerjoin(
                PolicyChangelog,
                col(PolicyChangelog.policy_version) == col(m.RecommendationPolicy.version),
            )
            .where(col(m.RecommendationPolicy.version) == version)
        )
    ).first()
    if row is None:
        return None
    released_at, document, line = row
    return PolicyVersion(
        version, released_at, line or NO_CHANGELOG, version == in_service, document
    )


async def released_policy(
    connection: AsyncConnection, version: str, parameter: str
) -> RecommendationPolicy:
    """A released policy version, ready to score; `parameter` names the version as the caller
    sent it (REST `policy_version`, GraphQL `policyVersion`) in the problem."""
    found = await policy_version(connection, version, "")
    if found is None:
        raise NotFound("policy version", version)
    try:
        return policy_from(found.policy)
    except ValueError:
        # Released under an engine whose policy format has since changed.
        raise InvalidParameter(
            parameter, f"Policy version {version!r} predates this card's format."
        ) from None
