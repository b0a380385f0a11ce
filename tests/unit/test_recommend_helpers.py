"""Shared builders for the recommendation tests (no tests here)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import msgspec

from service.domain.content_files import CONTENT_DIR, Catalogue, LocaleTexts
from service.domain.recommendation import (
    Engine,
    Situation,
    load_messages,
    load_policy,
    parse_situation,
)

BASE: dict[str, Any] = {
    "career_stage": "mid",
    "goals": ["specific_skill"],
    "horizon_weeks": 12,
    "hours_per_week": 2.0,
    "minutes_per_session": 60,
}


@lru_cache(maxsize=1)
def engine() -> Engine:
    return build_engine()


@lru_cache(maxsize=1)
def second_engine() -> Engine:
    """Another engine over the same files, with caches of its own: comparing its answers with
    `engine()`'s compares two computations, not one cached object with itself."""
    return build_engine()


@lru_cache(maxsize=8)
def engine_for(locale: str) -> Engine:
    """One engine per locale, built once for the whole run."""
    return build_engine(locale)


def build_engine(locale: str = "en") -> Engine:
    return Engine(
        load_policy((CONTENT_DIR / "policy.yaml").read_bytes()),
        msgspec.yaml.decode((CONTENT_DIR / "catalogue.yaml").read_bytes(), type=Catalogue),
        msgspec.yaml.decode(
            (CONTENT_DIR / "locales" / f"{locale}.yaml").read_bytes(), type=LocaleTexts
        ),
        load_messages((CONTENT_DIR / "messages" / f"{locale}.yaml").read_bytes()),
        content_version=1,
    )


def situation(**fields: Any) -> Situation:
    """A valid situation: BASE overridden by `fields` (context given as a dict)."""
    return parse_situation({**BASE, **fields})


def top(s: Situation) -> str:
    return engine().recommend(s).ranking[0].variant


def apply_change(s: Situation, field: str, value: object) -> Situation:
    """The situation with one (possibly dotted) field changed, re-validated."""
    raw = msgspec.to_builtins(s)
    if field.startswith("context."):
        raw["context"][field.removeprefix("context.")] = value
    else:
        raw[field] = value
    return parse_situation(raw)
