"""The schemathesis allowances (tests/contract/hooks.py) are the ones docs/contract.md explains,
and nothing else passes; the published cursor pattern is exactly what the server decodes."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from service.config import PROJECT_ROOT
from service.domain.content import CURSOR_PATTERN, decode_cursor, encode_cursor, paginate
from tests.contract.hooks import ALLOWANCES, allowed


def test_every_allowance_is_explained_in_the_contract_doc() -> None:
    doc = (PROJECT_ROOT / "docs" / "contract.md").read_text()
    for allowance in ALLOWANCES:
        row = f"| `{allowance.operation}` | {allowance.status} | `{allowance.code}` |"
        assert row in doc, row


def test_a_refusal_outside_the_allowances_fails() -> None:
    assert allowed("GET /v1/changes", 400, "invalid-parameter", "since")
    assert not allowed("GET /v1/changes", 400, "invalid-parameter", "limit")
    assert not allowed("GET /v1/terms", 400, "invalid-parameter", "cursor")
    assert not allowed("POST /v1/recommendations", 422, "invalid-situation", "goals")


def test_every_issued_cursor_matches_the_published_pattern() -> None:
    pattern = re.compile(CURSOR_PATTERN)
    for offset in [*range(0, 1500), 10**8, 999_999_999]:
        assert pattern.fullmatch(encode_cursor(offset)), offset


@settings(max_examples=500, deadline=None)
@given(st.from_regex(CURSOR_PATTERN, fullmatch=True))
def test_every_cursor_the_pattern_admits_decodes(cursor: str) -> None:
    assert decode_cursor(cursor) >= 0


def test_a_cursor_past_the_end_is_an_empty_last_page() -> None:
    assert paginate(("a", "b"), 10, encode_cursor(7)) == ((), None)
