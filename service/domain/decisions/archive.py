"""The release archive: every released content version and policy version, kept in PostgreSQL.

The loader calls `archive` in its own transaction whenever a bundle is in service, so each
content version is kept once, exactly as it was served (`history.py` reads it back). Rows are
immutable (the migration's trigger refuses UPDATE and DELETE).
"""

from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from service.domain.content_files import CONTENT_DIR
from service.domain.decisions.models import PolicyChangelog, ReleasedBundle

if TYPE_CHECKING:  # bundle.py calls `archive`; the import the other way is for types only
    from service.domain.bundle import Bundle

CHANGELOG_FILE = CONTENT_DIR / "policy-changelog.yaml"
NO_CHANGELOG = "No changelog line was written for this version."


def changelog_lines(path: Path = CHANGELOG_FILE) -> dict[str, str]:
    if not path.exists():
        return {}
    return msgspec.yaml.decode(path.read_bytes(), type=dict[str, str])


def archived_document(bundle: "Bundle") -> dict[str, Any]:
    return {
        "catalogue": msgspec.to_builtins(bundle.catalogue),
        "locales": msgspec.to_builtins(bundle.locales),
        "messages": bundle.messages,
    }


async def archive(session: AsyncSession, bundle: "Bundle", content_version: int) -> None:
    """Keep `bundle` as content version `content_version` and its policy's changelog line
    (each once). Never commits: it is part of the load's transaction."""
    kept = await session.execute(
        select(col(ReleasedBundle.content_version)).where(
            col(ReleasedBundle.content_version) == content_version
        )
    )
    if kept.first() is None:
        await session.execute(
            insert(ReleasedBundle).values(
                content_version=content_version,
                policy_version=bundle.policy_version,
                checksum=bundle.checksum,
                document=archived_document(bundle),
            )
        )
    written = await session.execute(
        select(col(PolicyChangelog.policy_version)).where(
            col(PolicyChangelog.policy_version) == bundle.policy_version
        )
    )
    if written.first() is None:
        line = changelog_lines().get(bundle.policy_version, NO_CHANGELOG)
        await session.execute(
            insert(PolicyChangelog).values(policy_version=bundle.policy_version, line=line)
        )
