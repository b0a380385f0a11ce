"""Ceiling endpoints for the benchmark (`make bench`), registered only when
`BENCH_CEILING_ENDPOINTS=true` and never in the OpenAPI document.

They answer with pre-encoded JSON of a size the benchmark chooses (the size of the real
response it compares against) and do no other work, so their rate is the most this app can
serve on this server: the benchmark reports every scenario as a ratio to them. A GET and a
POST ceiling exist because granian answers a POST at about half its GET rate.
"""

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.params import Parameter

from service.cache import BoundedCache

# Larger than any response the benchmark measures (the export is a few tens of KB), small
# enough that a stray request cannot make the process hold much.
MAX_CEILING_BYTES = 4_000_000
Size = Annotated[int, Parameter(ge=16, le=MAX_CEILING_BYTES)]


_BODIES: BoundedCache[int, bytes] = BoundedCache(
    "bench_ceiling_bodies", max_entries=16, max_bytes=4 * MAX_CEILING_BYTES, sizeof=len
)


def json_of_size(size: int) -> bytes:
    """A valid JSON document of exactly `size` bytes (a padded string field)."""
    envelope = b'{"padding":""}'
    return _BODIES.get_or_build(
        size, lambda: envelope[:-2] + b"x" * (size - len(envelope)) + envelope[-2:]
    )


class CeilingController(Controller):
    path = "/bench/ceiling"
    include_in_schema = False

    @get("/get/{size:int}")
    async def ceiling_get(self, size: Size) -> Response[bytes]:
        return Response(content=json_of_size(size), media_type="application/json")

    @post("/post/{size:int}", status_code=200)
    async def ceiling_post(self, request: Request[Any, Any, Any], size: Size) -> Response[bytes]:
        await request.body()  # read it, as a real POST handler must
        return Response(content=json_of_size(size), media_type="application/json")
