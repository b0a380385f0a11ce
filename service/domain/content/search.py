"""Term search: the analysis of names, synonyms and definitions, and the ranking of a query."""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from service.domain.errors import InvalidParameter
from service.domain.schemas import Term


def normalize(text: str) -> str:
    """Case- and accent-insensitive form used for search: 'Mentoría' -> 'mentoria'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", stripped.casefold()))


_SUFFIXES = ("ships", "ship", "ings", "ing", "ers", "er", "es", "s")


def _stem(word: str) -> str:
    # A light English stemmer is enough for a glossary: 'mentorship', 'mentoring', 'mentors'
    # all meet at 'mentor'. Other locales still match on their accent-folded words.
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class _SearchEntry:
    term: Term
    position: int
    name: str
    synonyms: tuple[str, ...]
    title_stems: frozenset[str]
    definition_stems: frozenset[str]


def _search_entry(term: Term, position: int) -> _SearchEntry:
    name = normalize(term.name)
    synonyms = tuple(normalize(s) for s in term.synonyms)
    title_words = " ".join((name, *synonyms)).split()
    return _SearchEntry(
        term=term,
        position=position,
        name=name,
        synonyms=synonyms,
        title_stems=frozenset(_stem(w) for w in title_words),
        definition_stems=frozenset(_stem(w) for w in normalize(term.definition).split()),
    )


def _match_score(entry: _SearchEntry, query: str, stems: Sequence[str]) -> int:
    """Higher is better; 0 means no match. Whole-phrase hits beat word hits, titles beat text."""
    if query == entry.name:
        return 1000
    if query in entry.synonyms:
        return 900
    titles = (entry.name, *entry.synonyms)
    if any(title.startswith(query) for title in titles):
        return 800
    if any(query in title for title in titles):
        return 700
    score = 0
    for stem in stems:
        if stem in entry.title_stems:
            score += 100
        elif stem in entry.definition_stems:
            score += 10
        else:
            return 0  # every word of the query must match somewhere
    return score


class SearchIndex:
    """The search data of one locale's terms, prepared once per content version."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self._entries = tuple(_search_entry(t, i) for i, t in enumerate(terms))

    def search(self, query: str) -> tuple[Term, ...]:
        normalized = normalize(query)
        if not normalized:
            raise InvalidParameter("q", "The search query must contain a letter or a digit.")
        stems = [_stem(word) for word in normalized.split()]
        scored = [(_match_score(e, normalized, stems), e.position, e.term) for e in self._entries]
        return tuple(
            term for score, _, term in sorted(scored, key=lambda s: (-s[0], s[1])) if score
        )
