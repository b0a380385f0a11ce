"""A content version archived before a format change (here: without the message templates
policy 2026-12-r3 added) cannot be replayed by this engine: the replay says so with a 400 on
`content_version`, instead of failing inside the build."""

import copy

import pytest

from service.domain.bundle import Bundle, StoredBundle, read_files
from service.domain.decisions.service import build_archived
from service.domain.errors import InvalidParameter


def test_an_archived_version_in_an_older_format_is_a_clear_refusal() -> None:
    files = read_files()
    assert build_archived(StoredBundle(files, 3)).version == 3  # today's format builds
    messages = copy.deepcopy(files.messages)
    for texts in messages.values():
        del texts["shortfall"]  # what a bundle archived before 2026-12-r3 lacks
        del texts["headlines"]["blocked"]
    older = Bundle(files.catalogue, files.locales, files.policy, messages, files.checksum + "-old")
    with pytest.raises(InvalidParameter) as refused:
        build_archived(StoredBundle(older, 2))
    assert refused.value.parameter == "content_version"
    assert "Content version 2 predates this engine's format" in str(refused.value.detail)
