"""The request id: taken from `X-Request-ID` when it is safe to echo and log, else generated."""

import random
import re
from collections.abc import Iterable
from contextvars import ContextVar

HEADER = b"x-request-id"
MAX_LENGTH = 128
_VALID = re.compile(rb"[A-Za-z0-9._-]{1,%d}" % MAX_LENGTH)

# The id of the request being served, for log records written anywhere during it.
current_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def new_request_id() -> str:
    # 128 random bits, for correlation rather than secrecy: `random` is 6x cheaper than
    # os.urandom (a syscall) and is reseeded in each forked worker.
    return f"{random.getrandbits(128):032x}"


def request_id_from(headers: Iterable[tuple[bytes, bytes]]) -> str:
    """The caller's id when it is at most 128 of [A-Za-z0-9._-] (no log injection), else ours."""
    for name, value in headers:
        if name == HEADER:
            if _VALID.fullmatch(value):
                return value.decode("ascii")
            break
    return new_request_id()
