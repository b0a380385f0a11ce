"""Replicas keep each organisation's policy until a newer version is seen: one question per
interval asks which organisations published, instead of a read per organisation (with 1,000
organisations round-robin that read was 41 % of a recommendation's time)."""

import uuid
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.domain.organisations import service as organisations
from service.domain.organisations.policy import OrganisationPolicyDocument
from service.domain.organisations.service import OrganisationPolicies, ensure_organisation


async def _organisations(engine: AsyncEngine, count: int) -> list[str]:
    names = [f"replica-{uuid.uuid4().hex[:8]}" for _ in range(count)]
    async with AsyncSession(engine) as session, session.begin():
        for name in names:
            await ensure_organisation(session, name)
    return names


async def _publish(engine: AsyncEngine, organisation: str, etag: str) -> None:
    document = OrganisationPolicyDocument(not_offered=("peer-coaching",))
    async with AsyncSession(engine) as session, session.begin():
        await organisations.publish(session, organisation, document, etag, "test")


async def test_a_replica_sees_another_replicas_publication_at_its_next_question(
    engine: AsyncEngine,
) -> None:
    [organisation] = await _organisations(engine, 1)
    replica = OrganisationPolicies()
    await replica.catch_up(engine)  # the first question: the database's clock
    before = await replica.current(engine, organisation)
    assert before.version == 0
    await _publish(engine, organisation, before.etag)  # by another replica
    assert (await replica.current(engine, organisation)).version == 0  # kept until asked
    await replica.catch_up(engine)  # what `keep_current` does every CURRENT_POLICY_SECONDS
    assert (await replica.current(engine, organisation)).version == 1


async def test_policies_are_read_once_per_organisation_not_once_per_request(
    engine: AsyncEngine,
) -> None:
    names = await _organisations(engine, 50)
    replica = OrganisationPolicies()
    statements: list[str] = []

    def seen(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(engine.sync_engine, "before_cursor_execute", seen)
    try:
        for _ in range(5):
            for name in names:
                assert (await replica.current(engine, name)).version == 0
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", seen)
    reads = [s for s in statements if "organisation_policies" in s]
    # One read per organisation (it has published nothing: each read also checks it exists);
    # what changed is asked in the background, never per request.
    assert len(reads) <= 50 * 2, len(reads)
