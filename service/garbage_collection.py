"""The worker's heap: the cyclic garbage collector, set for a server that keeps a large,
long-lived heap, and freed memory given back after large answers.

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

import ctypes
import gc
from collections.abc import Callable


def settle_after_start(young: int, middle: int) -> Callable[[], None]:
    """The start-up hook of a served app: collect once, freeze what is alive, and set the
    young and middle thresholds (`GC_YOUNG_THRESHOLD`, `GC_MIDDLE_THRESHOLD`)."""

    def settle() -> None:
        gc.collect()
        gc.freeze()
        old = gc.get_threshold()[2]
        gc.set_threshold(young, middle, old)

    return settle


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's `malloc_trim`, or None where the C library has none (musl, macOS)."""
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return None
    return trim


_MALLOC_TRIM = _malloc_trim()


async def give_back_freed_memory(_: object = None) -> None:
    """Return the heap's free pages to the operating system: an `after_response` hook for
    routes whose answer allocates tens of megabytes at once (a batch of 1,000 full answers).

    The allocator keeps what such a request freed as its own free space, so the worker's
    resident set stayed at its high-water mark: measured in-process, five full batches took a
    process from 91 to 129 MB, and `malloc_trim(0)` brought it back to 108 MB, in 1.2-1.9 ms
    (0.5 % of the batch). Memory held by live objects (the caches) is not touched.
    """
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)
