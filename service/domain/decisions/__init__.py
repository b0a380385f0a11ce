"""Decisions you can prove later: decision ids, the release archive, replay, the policy card.

`ids` (the digest of a decision's inputs), `archive` (the loader keeps every released version)
and `history` (reading it back), `service` (what both doors call to recommend and replay).
"""
