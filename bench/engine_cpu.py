"""CPU per never-seen situation, in-process: `python -m bench.engine_cpu [rounds]`.

`python -m bench.engine_cpu digest` prints instead one sha256 over what the engine answers for
4 locales x 4,000 never-seen, varied situations, in full, summary and single form: a change to
the engine must leave it unchanged (the bytes a client reads are the same).

What the batch endpoint's core costs without a server or a load generator: the shipped content
as content version 1, batches of 1,000 situations never sent before (bench/situations.py),
`decisions.recommend_batch` (what the endpoint answers with) and msgspec encoding,
timed with `time.process_time` (CPU of this process only, so waiting for a shared core does not
count), the collector settled as the server's worker settles it (service/garbage_collection.py).
Medians and minima of `rounds` batches per detail, and the collector's share (`gc.callbacks`).
On a shared machine compare two versions by running them alternately, and trust ratios more
than absolute figures.
"""

import gc
import hashlib
import statistics
import sys
import time

import msgspec

from bench.situations import situation
from service.config import get_settings
from service.domain.bundle import StoredBundle, read_files
from service.domain.content import Snapshot, build_snapshot
from service.domain.decisions import service as decisions
from service.domain.recommendation import InvalidSituation
from service.domain.recommendation import service as recommendations
from service.domain.recommendation.service import BatchDetail
from service.garbage_collection import settle_after_start

BATCH = 1_000
FIRST_INDEX = 100_000


def main(rounds: int) -> None:
    snapshot = build_snapshot(StoredBundle(read_files(), version=1))
    settings = get_settings()
    settle_after_start(settings.gc_young_threshold, settings.gc_middle_threshold)()
    collector = {"seconds": 0.0, "started": 0.0}

    def timed(phase: str, _: dict[str, int]) -> None:
        if phase == "start":
            collector["started"] = time.process_time()
        else:
            collector["seconds"] += time.process_time() - collector["started"]

    gc.callbacks.append(timed)
    next_index = FIRST_INDEX

    def batch() -> dict[str, list[dict[str, object]]]:
        nonlocal next_index
        items = [situation(i) for i in range(next_index, next_index + BATCH)]
        next_index += BATCH
        return {"items": items}

    for _ in range(3):  # the goal and horizon columns fill on first use
        decisions.recommend_batch(snapshot, "en", batch(), BatchDetail.FULL)
    for detail in (BatchDetail.SUMMARY, BatchDetail.FULL):
        times = []
        collector["seconds"] = 0.0
        for _ in range(rounds):
            body = batch()
            started = time.process_time()
            msgspec.json.encode(decisions.recommend_batch(snapshot, "en", body, detail))
            times.append((time.process_time() - started) / BATCH * 1e6)
        median = statistics.median(times)
        print(
            f"{detail.value:8s} {median:6.0f} us per situation (min {min(times):.0f}; collector "
            f"{collector['seconds'] / rounds / BATCH * 1e6:.0f}): {1e6 / median:,.0f} situations/s"
        )


DIGEST_LOCALES = ("en", "de", "es", "fr")
DIGEST_SITUATIONS = 4_000
DIGEST_FIRST = 5_000_000


def varied(index: int) -> object:
    """Situation `index`, varied beyond what the load generator sends: fields left out or null,
    free-form hours and minutes over their whole range, long horizons, and some invalid items."""
    body: dict[str, object] = situation(index)
    context = body["context"]
    assert isinstance(context, dict)
    pick = index % 11
    if pick == 0:
        del body["urgent"]
    elif pick == 1:
        body["urgent"] = None
    if index % 3 == 0:
        for flag in list(context)[index % 5 :: 2]:
            del context[flag]
    elif index % 7 == 1:
        context[next(iter(context))] = None
    if index % 13 == 0:
        del body["relationship_preference"]
    if index % 5 == 2:
        body["hours_per_week"] = round(0.05 + (index * 7919 % 39_950) / 1000, 3)
    if index % 9 == 4:
        body["minutes_per_session"] = 5 + index * 104_729 % 476
    if index % 8 == 3:
        body["horizon_weeks"] = 1 + index * 31 % 520
    if index % 97 == 0:
        body["career_stage"] = "unknown"
    if index % 89 == 0:
        body["goals"] = ["specific_skill", "specific_skill"]
    return body


def digest() -> str:
    """One sha256 over full and summary batches and single answers (see the module docstring).
    The engine's answers, before a decision id is stamped (ids carry a fresh nonce each)."""
    snapshot = build_snapshot(StoredBundle(read_files(), version=1))
    found = hashlib.sha256()
    for locale in DIGEST_LOCALES:
        bodies = [varied(i) for i in range(DIGEST_FIRST, DIGEST_FIRST + DIGEST_SITUATIONS)]
        for detail in (BatchDetail.FULL, BatchDetail.SUMMARY):
            for start in range(0, len(bodies), BATCH):
                request = {"items": bodies[start : start + BATCH]}
                response = recommendations.recommend_batch(snapshot, locale, request, detail)
                found.update(msgspec.json.encode(response))
        for body in bodies:
            found.update(_single(snapshot, locale, body))
        # The last answers are in the single requests' cache now: batches reuse them.
        for detail in (BatchDetail.FULL, BatchDetail.SUMMARY):
            request = {"items": bodies[-BATCH:]}
            response = recommendations.recommend_batch(snapshot, locale, request, detail)
            found.update(msgspec.json.encode(response))
    return found.hexdigest()


def _single(snapshot: Snapshot, locale: str, body: object) -> bytes:
    try:
        return msgspec.json.encode(recommendations.recommend(snapshot, locale, body))
    except InvalidSituation as exc:
        return msgspec.json.encode([exc.title, exc.detail, exc.problems])


if __name__ == "__main__":
    if sys.argv[1:] == ["digest"]:
        print(digest())
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
