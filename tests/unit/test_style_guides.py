"""Every text of a locale follows its style guide's register (docs/style-guide-<locale>.md).

Each guide ends with the list of what the suite checks: one regular expression per line, in
backticks, with why. This test reads those lists from the guides themselves (so the guide and
the check cannot disagree) and scans every text of the locale: the recommendation's messages,
the content (names, definitions, notes, synonyms) and the policy card. Comments in the files
are not texts and are not scanned.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from service.config import PROJECT_ROOT
from service.domain.content_files import CONTENT_DIR

GUIDED = ("es", "fr", "de")
# A checked pattern: "- `regex`: why" (or "- `regex` : why" in French) in the guide's last
# section.
PATTERN_LINE = re.compile(r"^- `(?P<pattern>[^`]+)`\s?:", re.MULTILINE)


def guide_patterns(locale: str) -> list[re.Pattern[str]]:
    guide = (PROJECT_ROOT / "docs" / f"style-guide-{locale}.md").read_text(encoding="utf-8")
    section = guide[guide.index("tests/unit/test_style_guides.py") :]
    return [re.compile(m.group("pattern")) for m in PATTERN_LINE.finditer(section)]


def texts(value: object, where: str = "") -> Iterator[tuple[str, str]]:
    """(path in the document, text) for every string of a decoded YAML document."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, f"{where}[{index}]")


def locale_files(locale: str) -> list[Path]:
    return [
        CONTENT_DIR / kind / f"{locale}.yaml" for kind in ("messages", "locales", "card", "intake")
    ]


@pytest.mark.parametrize("locale", GUIDED)
def test_every_text_follows_the_style_guides_register(locale: str) -> None:
    patterns = guide_patterns(locale)
    assert len(patterns) >= 4, f"docs/style-guide-{locale}.md lists what the suite checks"
    found = [
        f"{path.relative_to(CONTENT_DIR)}{where}: /{p.pattern}/ in {text!r}"
        for path in locale_files(locale)
        for where, text in texts(msgspec.yaml.decode(path.read_bytes()))
        for p in patterns
        if p.search(text)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("es", "Revise los cambios con las personas afectadas."),  # usted, the card's old text
        ("es", "Muestre los motivos y diga que es una sugerencia."),
        ("fr", "Vérifie que tu en disposes avant de commencer."),
        ("de", "Ihre Sitzungen dürfen 5 Minuten dauern."),
        ("de", "Coaching reicht möglicherweise nicht in die Karriereentwicklung hinaus."),
        ("de", "Ein Kontrafaktum nennt eine Änderung."),
        ("de", "Prüfe, ob du das hast."),
        ("de", "Mentor*innen und MentorInnen"),
    ],
)
def test_the_check_catches_what_the_guides_forbid(locale: str, text: str) -> None:
    assert any(p.search(text) for p in guide_patterns(locale)), text


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("es", "Revisa los cambios con las personas afectadas y vuelve a consultar la ficha."),
        ("fr", "Vérifiez que vous en disposez avant de commencer."),
        ("de", "Prüfen Sie vor dem Start, ob das vorhanden ist; Kolleginnen und Kollegen."),
    ],
)
def test_the_register_each_guide_asks_for_passes(locale: str, text: str) -> None:
    assert not any(p.search(text) for p in guide_patterns(locale)), text
