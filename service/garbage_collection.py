"""The worker's cyclic garbage collector, set for a server that keeps a large, long-lived heap.

Python's collector scans every tracked object of a generation; the oldest generation here holds
the imported modules, the OpenAPI document and the content snapshot with its engines (about
270,000 objects), and a request that allocates many small objects (a batch of recommendations)
triggered full scans of it: measured in-process, 160-270 us of every never-seen situation's
330-520 us CPU went to the collector (`gc.callbacks`). Two settings, once a worker has started:

- `gc.freeze()` moves everything alive after start-up (modules, the app, the first snapshot)
  out of the collector's sight. Frozen objects are still freed by reference counting (the
  snapshot and its engines hold no reference cycles: measured, a dropped snapshot leaves no
  cyclic garbage), so a content reload frees the old snapshot as before.
- Young collections after 50,000 allocations instead of 700, and the middle generation after
  20 of them instead of 10: the objects a request makes are mostly gone (reference counting)
  before a collection runs, and a batch's thousand answers are not scanned over and over while
  it is built. A young collection then scans at most 50,000 objects (about a millisecond).
  Paired in-process, full-detail batches: 328-401 us per situation at (10,000, 10),
  268-366 us at (50,000, 20); 340-419 us at Python's default (700, 10), all with the freeze.

Only the server's app does this (`service.app`'s module-level app, once started), never an app
a test builds.
"""

import gc

YOUNG_THRESHOLD = 50_000
MIDDLE_THRESHOLD = 20


def settle_after_start() -> None:
    """Collect once, freeze what is alive, and raise the young and middle thresholds."""
    gc.collect()
    gc.freeze()
    old = gc.get_threshold()[2]
    gc.set_threshold(YOUNG_THRESHOLD, MIDDLE_THRESHOLD, old)
