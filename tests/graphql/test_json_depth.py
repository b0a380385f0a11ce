"""`decode_json` refuses exactly the values that nest deeper than `MAX_JSON_DEPTH`, whether or
not its bracket count lets it skip walking the value (service/api/common/json_limits.py)."""

import json
import random
from typing import Any

import pytest

from service.api.common.json_limits import (
    MAX_JSON_DEPTH,
    JSONTooDeep,
    decode_json,
    nests_deeper_than,
)


def nested(rnd: random.Random, depth: int) -> Any:
    """A value nesting exactly `depth` levels, with siblings and brackets inside strings."""
    if depth == 0:
        return rnd.choice([1, "x", "[{", None, True, "]}]"])
    inner = [nested(rnd, depth - 1)] + [
        nested(rnd, rnd.randrange(min(depth, 3))) for _ in range(rnd.randrange(3))
    ]
    rnd.shuffle(inner)
    if rnd.random() < 0.5:
        return inner
    return {f"k{i}[": item for i, item in enumerate(inner)}


@pytest.mark.parametrize("as_text", [True, False])
def test_refused_exactly_when_the_value_nests_too_deep(as_text: bool) -> None:
    rnd = random.Random(32)
    refused = accepted = 0
    for _ in range(600):
        depth = rnd.choice([0, 1, 2, 5, 30, 31, 32, 33, 34, 40, 60])
        value = nested(rnd, depth)
        text = json.dumps(value, indent=rnd.choice([None, 1]))
        raw: str | bytes = text if as_text else text.encode()
        if nests_deeper_than(value, MAX_JSON_DEPTH):
            with pytest.raises(JSONTooDeep):
                decode_json(raw)
            refused += 1
        else:
            assert decode_json(raw) == value
            accepted += 1
    assert refused > 100 and accepted > 100
