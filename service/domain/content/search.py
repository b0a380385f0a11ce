"""Term search: how one locale's glossary is analysed once, and how a query is ranked.

Analysis (the same for the terms and for a query, per language; docs/search.md):
lower-case, words split on anything that is not a letter or a digit, stop words dropped,
each word stemmed with the language's Snowball stemmer, accents folded ("Mentorías" and
"mentoria" meet). A hyphenated word counts as its parts and as the joined word
("Mikro-Mentoring" also matches "Mikromentoring"); German compounds are split into parts
that are words of the glossary ("Karrierecoaching" also matches "Karriere Coaching").

Questions and comparisons: the words that frame a question ("how long does ... last", "¿qué
hace ...?") are not searched; a comparison ("difference", "vs", "or", "Unterschied", "quelle
différence", "¿en qué se diferencia?") is not searched either, and separates the things
compared.

Ranking, most important first (the first rule that differs decides):
0. in a comparison, the terms it names first: each thing compared named wholly by a name or a
   synonym (a base approach only where no other term is named by the same words), else both
   base approaches; a query that names both base approaches and nothing else is a comparison;
1. more query words matched (a term need not match every word);
2. fewer words matched only through a typo (typo tolerance applies to a query word that
   matches nothing exactly or by stem, so a typo match never outranks an exact one);
3. phrase proximity: matched words next to each other, in the query's order, in one field;
4. exactness: the query is the name, then a synonym; a name, then a synonym, wholly matched;
5. where the words matched: name (3) > synonym (2) > definition (1), summed over words;
6. ties: catalogue order (the glossary's own order, base approaches first).

Everything that depends only on the content is computed here, once per content version
(postings, the key pairs that stand next to each other, the positions of names and
synonyms); a query costs its own analysis and a walk over the postings of its words.
"""

import itertools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from service.domain.content.stopwords import (
    COMPARISON_CONNECTORS,
    COMPARISON_WORDS,
    QUESTION_FILLERS,
    QUESTION_WORDS,
    STOP_WORDS,
)
from service.domain.errors import InvalidParameter
from service.domain.schemas import Aspect, Term

SNOWBALL_LANGUAGES: Final = {"en": "english", "es": "spanish", "fr": "french", "de": "german"}

NAME, SYNONYM, DEFINITION = 3, 2, 1  # field weights (rule 5)
TYPO_MIN_LENGTH = 5  # a typed word this long may hold one typo ...
TWO_TYPOS_MIN_LENGTH = 9  # ... and this long, two (optimal string alignment distance)
COMPOUND_PART_MIN_LENGTH = 4  # German compound parts shorter than this are not split off
COMPOUND_MAX_LENGTH = 40  # longer "words" are not split (each cut costs two stemmings)
MAX_QUERY_WORDS = 10  # distinct non-stop words of a query that are searched; the rest is ignored
# Typed words remembered with their analysis, per locale: people search for the glossary's own
# words, so a few thousand cover nearly every query. Longer words are analysed every time.
MAX_REMEMBERED_WORDS = 4096
MAX_REMEMBERED_WORD_LENGTH = 40
GERMAN_LINKING_LETTERS = ("s", "n", "en", "e", "es")  # Fugenelemente: Mentor-en-programm

# A word, with its hyphenated parts: "just-in-time", "KI-gestütztes".
_WORD = re.compile(r"\w+(?:[-\u2010\u2011]\w+)*")
_HYPHEN = re.compile(r"[-\u2010\u2011]")
# German gender forms written with a star, colon, underscore or slash: Mentor*innen.
_GERMAN_GENDER_MARK = re.compile(r"(?<=\w)[*:_/\u00b7](?=in(?:nen)?\b)")
_GERMAN_GENDER_SUFFIXES = ("innen", "in")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Mentoría' -> 'mentoria', 'Straße' -> 'strasse'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True, slots=True)
class _Token:
    """One word of a field, at its position among the field's non-stop words."""

    position: int
    span: int  # positions covered: a joined compound ("mikromentoring") covers its parts
    surface: str  # folded word, for typo matching
    keys: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Field:
    weight: int  # NAME, SYNONYM or DEFINITION
    length: int  # non-stop words
    tokens: tuple[_Token, ...]


@dataclass(frozen=True, slots=True)
class _QueryWord:
    keys: frozenset[str]
    typo: bool
    segment: int = 0  # which thing compared the word belongs to (0 outside a comparison)


class Analyzer:
    """The analysis of one language: words, stop words, stems, compounds."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        language = SNOWBALL_LANGUAGES.get(locale)
        self._stemmer = snowballstemmer.stemmer(language) if language else None
        if self._stemmer is not None and hasattr(self._stemmer, "maxCacheSize"):
            # PyStemmer (snowballstemmer's C speed-up) memoises words; stemming costs under a
            # microsecond, so no unbounded-by-us cache is kept for words clients send.
            self._stemmer.maxCacheSize = 0
        self.stop_words = STOP_WORDS.get(locale, frozenset())
        self.comparison_words = COMPARISON_WORDS.get(locale, frozenset())
        self.connectors = COMPARISON_CONNECTORS.get(locale, frozenset())
        self.question_words = QUESTION_WORDS.get(locale, frozenset())
        self.question_fillers = QUESTION_FILLERS.get(locale, frozenset())
        self.german = locale == "de"

    def keys(self, word: str) -> frozenset[str]:
        """The forms a word matches by: the stem of the folded word and the folded stem.

        Both, because a stemmer reads accents: Spanish 'mentoría' stems to 'mentor' while the
        unaccented 'mentoria' people type stems to 'mentori'.
        """
        folded = fold(word)
        if self._stemmer is None:
            return frozenset((folded,))
        stem = self._stemmer.stemWord(folded)
        if folded == word:
            return frozenset((stem,))
        return frozenset((stem, fold(self._stemmer.stemWord(word))))

    def words(self, text: str) -> Iterator[list[str]]:
        """Each written word as its parts (one part unless hyphenated), lower-case."""
        text = text.casefold()
        if self.german:
            text = _GERMAN_GENDER_MARK.sub("", text)
        for match in _WORD.finditer(text):
            word = match.group()
            if word.isalnum():  # no hyphen (most words): no split
                yield [word]
            else:
                yield [part for part in _HYPHEN.split(word) if part]

    def is_stop(self, word: str) -> bool:
        return fold(word) in self.stop_words


@dataclass(frozen=True, slots=True)
class _Prepared:
    """What ranking needs of one term besides the postings, computed once."""

    # Per name or synonym: (weight, bit mask of all its positions), for exactness (rule 4).
    titles: tuple[tuple[int, int], ...]
    # (key, key) pairs where the second follows the first in a field (rule 3, 2 points) ...
    following: frozenset[tuple[str, str]]
    # ... or stands within 3 words of it, either order (1 point).
    near: frozenset[tuple[str, str]]


class _Query:
    """An analysed query, with what ranking asks of it for every term computed once."""

    def __init__(self, words: list[_QueryWord], comparison: bool = False) -> None:
        self.words = words
        self.comparison = comparison  # a comparison word was written
        self.has_typos = any(w.typo for w in words)
        self.pairs = {
            (i, j): [(a, b) for a in words[i].keys for b in words[j].keys]
            for i in range(len(words))
            for j in range(i + 1, len(words))
        }


class SearchIndex:
    """The search data of one locale's terms, prepared once per content version."""

    def __init__(self, locale: str, terms: Sequence[Term], aspects: Sequence[Aspect] = ()) -> None:
        self.analyzer = Analyzer(locale)
        self._terms = tuple(terms)
        self._aspects = tuple(aspects)
        # The base approaches' own terms (mentoring, coaching): what a comparison compares.
        self._base = frozenset(i for i, t in enumerate(self._terms) if t.slug in t.approaches)
        plain = [self._fields(t) for t in self._terms]
        self._vocabulary = frozenset(
            key for fields in plain for f in fields for token in f.tokens for key in token.keys
        )
        own = plain  # without the parts of German compounds: what names a term (rule 0)
        if self.analyzer.german:
            plain = [[self._decompounded(f) for f in fields] for fields in plain]
        # key -> (term, best field weight it occurs in): enough for rules 1, 2 and 5.
        best: dict[str, dict[int, int]] = {}
        # For typo matching: the words and stems of names and synonyms (not definitions: a
        # typo is corrected towards what people look for, not towards any word of a text).
        typo_choices: dict[str, set[str]] = {}
        for term_index, fields in enumerate(plain):
            for f in fields:
                for token in f.tokens:
                    for key in token.keys:
                        per_term = best.setdefault(key, {})
                        per_term[term_index] = max(per_term.get(term_index, 0), f.weight)
                    if f.weight != DEFINITION:
                        typo_choices.setdefault(token.surface, set()).update(token.keys)
                        for key in token.keys:
                            typo_choices.setdefault(key, set()).add(key)
        self._best = {key: tuple(per_term.items()) for key, per_term in best.items()}
        self._prepared = tuple(_prepare(fields) for fields in plain)
        # key -> (term, title, positions it covers as a bit mask, those it covers as the word
        # itself rather than as a part of a German compound) in names and synonyms.
        in_titles: dict[str, list[tuple[int, int, int, int]]] = {}
        for term_index, (fields, own_fields) in enumerate(zip(plain, own, strict=True)):
            titles = [
                (f, o) for f, o in zip(fields, own_fields, strict=True) if f.weight != DEFINITION
            ]
            for title_index, (f, o) in enumerate(titles):
                for token, own_token in zip(f.tokens, o.tokens, strict=True):
                    mask = ((1 << token.span) - 1) << token.position
                    for key in token.keys:
                        itself = mask if key in own_token.keys else 0
                        found = (term_index, title_index, mask, itself)
                        in_titles.setdefault(key, []).append(found)
        self._in_titles = {key: tuple(found) for key, found in in_titles.items()}
        self._typo_choices = {choice: frozenset(keys) for choice, keys in typo_choices.items()}
        self._typo_list = tuple(self._typo_choices)
        # A typed word -> what it matches by (`_query_word`), bounded, emptied when full.
        self._remembered: dict[str, tuple[_QueryWord, ...]] = {}

    # -- analysis of the content ---------------------------------------------------------

    def _fields(self, term: Term) -> list[_Field]:
        """Name, synonyms and definition; a base approach's term also carries the comparison
        table's rows for it ("Duration: Limited period, usually weeks or months"), so a question
        about an aspect of the comparison finds the approaches compared."""
        rows = [
            f"{aspect.name} {getattr(aspect, term.slug)}"
            for aspect in self._aspects
            if term.slug in term.approaches and hasattr(aspect, term.slug)
        ]
        return [
            self._field(term.name, NAME),
            *(self._field(s, SYNONYM) for s in term.synonyms),
            self._field(term.definition, DEFINITION),
            *(self._field(row, DEFINITION) for row in rows),
        ]

    def _field(self, text: str, weight: int) -> _Field:
        analyzer = self.analyzer
        tokens: list[_Token] = []
        position = 0
        for parts in analyzer.words(text):
            kept = [p for p in parts if not analyzer.is_stop(p)]
            start = position
            for part in kept:
                tokens.append(_Token(position, 1, fold(part), analyzer.keys(part)))
                position += 1
            if len(parts) > 1 and kept:
                joined = "".join(parts)
                tokens.append(_Token(start, len(kept), fold(joined), analyzer.keys(joined)))
        return _Field(weight, position, tuple(tokens))

    def _decompounded(self, f: _Field) -> _Field:
        """A German field whose compounds also carry the keys of their parts."""
        tokens = []
        for token in f.tokens:
            parts = self._split_compound(token.surface)
            if parts:
                extra = frozenset[str]().union(*(self.analyzer.keys(p) for p in parts))
                token = _Token(token.position, token.span, token.surface, token.keys | extra)
            tokens.append(token)
        return _Field(f.weight, f.length, tuple(tokens))

    def _split_compound(self, word: str) -> tuple[str, str] | None:
        """Two parts that are both words of the glossary: 'karrierecoaching' -> karriere, coaching.

        The left part may end in a linking element (Fugenelement: 'mentoren|programm').
        """
        if not 2 * COMPOUND_PART_MIN_LENGTH <= len(word) <= COMPOUND_MAX_LENGTH:
            return None
        known = self._vocabulary
        for cut in range(COMPOUND_PART_MIN_LENGTH, len(word) - COMPOUND_PART_MIN_LENGTH + 1):
            left, right = word[:cut], word[cut:]
            if not self.analyzer.keys(right) & known:
                continue
            candidates = [left] + [
                left[: -len(link)]
                for link in GERMAN_LINKING_LETTERS
                if left.endswith(link) and len(left) - len(link) >= COMPOUND_PART_MIN_LENGTH
            ]
            for candidate in candidates:
                if self.analyzer.keys(candidate) & known:
                    return candidate, right
        return None

    # -- a query -------------------------------------------------------------------------

    def _query_words(self, query: str) -> _Query:
        analyzer = self.analyzer
        written = list(analyzer.words(query))
        if not written:
            raise InvalidParameter("q", "The search query must contain a letter or a digit.")
        everything = {fold(part) for parts in written for part in parts}
        comparison = not everything.isdisjoint(analyzer.comparison_words)
        question = "?" in query or not everything.isdisjoint(analyzer.question_words)
        words: list[_QueryWord] = []
        seen: set[str] = set()
        segment = 0
        for parts in written:
            joined = "".join(parts)
            if len(parts) > 1 and analyzer.keys(joined) & self._vocabulary:
                parts = [joined]  # "co-développement" is the glossary's "codéveloppement"
            for part in parts:
                folded = fold(part)
                if folded in analyzer.comparison_words or (
                    comparison and folded in analyzer.connectors
                ):
                    segment += 1  # what follows is another thing compared
                    continue
                if question and (
                    folded in analyzer.question_words or folded in analyzer.question_fillers
                ):
                    continue
                # A repeated word adds nothing; the cap bounds what a long query costs.
                if folded in analyzer.stop_words or folded in seen or len(seen) >= MAX_QUERY_WORDS:
                    continue
                seen.add(folded)
                words.extend(
                    _QueryWord(w.keys, w.typo, segment) if segment else w
                    for w in self._analysed(part)
                )
        return _Query(words, comparison)

    def _analysed(self, word: str) -> tuple[_QueryWord, ...]:
        """`_query_word`, remembered: stemming and the typo search depend only on the word
        and the content, which an index never changes."""
        found = self._remembered.get(word)
        if found is None:
            found = tuple(self._query_word(word))
            if len(word) <= MAX_REMEMBERED_WORD_LENGTH:
                if len(self._remembered) >= MAX_REMEMBERED_WORDS:
                    self._remembered.clear()
                self._remembered[word] = found
        return found

    def _query_word(self, word: str) -> list[_QueryWord]:
        """A typed word as the words it matches by: itself, its parts, or a near spelling."""
        keys = self.analyzer.keys(word)
        if keys & self._best.keys():
            return [_QueryWord(keys, typo=False)]
        folded = fold(word)
        if self.analyzer.german:
            for suffix in _GERMAN_GENDER_SUFFIXES:  # Mentorin, Mentorinnen -> Mentor
                stem = folded.removesuffix(suffix)
                if stem != folded and len(stem) >= COMPOUND_PART_MIN_LENGTH:
                    stripped = self.analyzer.keys(stem)
                    if stripped & self._best.keys():
                        return [_QueryWord(stripped, typo=False)]
            parts = self._split_compound(folded)
            if parts:
                return [_QueryWord(self.analyzer.keys(p), typo=False) for p in parts]
        return [_QueryWord(self._near_keys(folded, keys), typo=True)]

    def _near_keys(self, folded: str, keys: frozenset[str]) -> frozenset[str]:
        """Keys of names' and synonyms' words (and stems) within reach of a typed word.

        The typed word and its stems are each compared within their own length's budget:
        a short stem ('pag' of 'pagadas') would otherwise be one letter from anything.
        """
        near: set[str] = set()
        for typed in {folded, *keys}:
            if len(typed) < TYPO_MIN_LENGTH:
                continue
            budget = 2 if len(typed) >= TWO_TYPOS_MIN_LENGTH else 1
            for choice, _, _ in process.extract(
                typed, self._typo_list, scorer=OSA.distance, score_cutoff=budget, limit=None
            ):
                near |= self._typo_choices[choice]
        return frozenset(near)

    def search(self, query: str) -> tuple[Term, ...]:
        """The terms matching at least one word of `query`, best first."""
        analysed = self._query_words(query)
        words = analysed.words
        best: dict[int, dict[int, int]] = {}  # term -> query word -> best field weight
        # (term, title) -> [positions matched, query words matched, positions matched by the
        # word itself], as bit masks
        covered: dict[tuple[int, int], list[int]] = {}
        for word_index, word in enumerate(words):
            word_bit = 1 << word_index
            for key in word.keys:
                for term_index, weight in self._best.get(key, ()):
                    per_word = best.setdefault(term_index, {})
                    if per_word.get(word_index, 0) < weight:
                        per_word[word_index] = weight
                for term_index, title_index, mask, itself in self._in_titles.get(key, ()):
                    masks = covered.setdefault((term_index, title_index), [0, 0, 0])
                    masks[0] |= mask
                    masks[1] |= word_bit
                    masks[2] |= itself
        exactness: dict[int, int] = {}
        every_word = (1 << len(words)) - 1
        named: dict[int, int] = {}  # term -> query words of a title it names wholly
        segments = [w.segment for w in words]
        for (term_index, title_index), (positions, matched, itself) in covered.items():
            weight, whole = self._prepared[term_index].titles[title_index]
            if positions == whole:  # the name or synonym is wholly matched
                score = (2 if matched == every_word else 0) + (2 if weight == NAME else 1)
                exactness[term_index] = max(exactness.get(term_index, 0), score)
                # Named: by its own words, not through a German compound's parts ("Coaching"
                # does not name "Intensivcoaching"), all on one side of a comparison.
                if itself == whole and len({segments[i] for i in _bits(matched)}) == 1:
                    named[term_index] = named.get(term_index, 0) | matched
        first = self._compared(named, analysed.comparison)
        ranked = sorted(
            (
                (
                    term_index not in first,
                    *self._rank(term_index, per_word, analysed, exactness.get(term_index, 0)),
                ),
                term_index,
            )
            for term_index, per_word in best.items()
        )
        return tuple(self._terms[term_index] for _, term_index in ranked)

    def _compared(self, named: dict[int, int], comparison: bool) -> frozenset[int]:
        """Rule 0: in a comparison, the terms it names (each thing compared named wholly; a
        base approach only by words no other named term covers), else the base approaches.
        A query naming both base approaches and no other term is a comparison too."""
        others = {t: words for t, words in named.items() if t not in self._base}
        # "peer coaching" names peer coaching, not also coaching: keep the widest names.
        others = {
            t: words
            for t, words in others.items()
            if not any(o != t and words & ~w == 0 and w != words for o, w in others.items())
        }
        covered = 0
        for words in others.values():
            covered |= words
        bases = {t for t, words in named.items() if t in self._base and words & ~covered}
        if not comparison and not (len(bases) >= 2 and not others):
            return frozenset()
        return frozenset(others) | frozenset(bases) or self._base

    def _rank(
        self, term_index: int, per_word: dict[int, int], query: _Query, exactness: int
    ) -> tuple[int, ...]:
        """The sort key of a matching term: smaller is better (rules 1 to 5, see the top)."""
        prepared = self._prepared[term_index]
        matched = list(per_word)  # in query order: filled word by word
        typos = sum(query.words[w].typo for w in matched) if query.has_typos else 0
        proximity = 0
        for first, second in itertools.pairwise(matched):
            pairs = query.pairs[first, second]
            if not prepared.following.isdisjoint(pairs):
                proximity += 2
            elif not prepared.near.isdisjoint(pairs):
                proximity += 1
        return (-len(matched), typos, -proximity, -exactness, -sum(per_word.values()))


def _bits(mask: int) -> Iterator[int]:
    """The positions of the set bits of `mask`."""
    index = 0
    while mask:
        if mask & 1:
            yield index
        mask >>= 1
        index += 1


def _prepare(fields: Sequence[_Field]) -> _Prepared:
    following: set[tuple[str, str]] = set()
    near: set[tuple[str, str]] = set()
    for f in fields:
        for a in f.tokens:
            for b in f.tokens:
                gap = b.position - a.position
                if 0 <= gap <= a.span:  # gap 0: a compound's parts share its position
                    following.update(itertools.product(a.keys, b.keys))
                elif abs(gap) <= 3:
                    near.update(itertools.product(a.keys, b.keys))
    titles = tuple((f.weight, (1 << f.length) - 1) for f in fields if f.weight != DEFINITION)
    return _Prepared(titles, frozenset(following), frozenset(near))
