"""CPU per never-seen situation, in-process: `python -m bench.engine_cpu [rounds]`.

What the batch endpoint's core costs without a server or a load generator: the shipped content
as content version 1, batches of 1,000 situations never sent before (bench/situations.py),
`decisions.recommend_batch` and msgspec encoding, timed with `time.process_time` (CPU of this
process only, so waiting for a shared core does not count), the collector settled as the
server's worker settles it (service/garbage_collection.py). Medians and minima of `rounds`
batches per detail, and the collector's share (`gc.callbacks`). On a shared machine compare two
versions by running them alternately, and trust ratios more than absolute figures.
"""

import gc
import statistics
import sys
import time

import msgspec

from bench.situations import situation
from service.domain.bundle import StoredBundle, read_files
from service.domain.content import build_snapshot
from service.domain.decisions import service as decisions
from service.domain.recommendation.service import BatchDetail
from service.garbage_collection import settle_after_start

BATCH = 1_000
FIRST_INDEX = 100_000


def main(rounds: int) -> None:
    snapshot = build_snapshot(StoredBundle(read_files(), version=1))
    settle_after_start()
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


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
