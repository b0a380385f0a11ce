"""The search rules one by one, on small glossaries made for each rule (docs/search.md)."""

import pytest

from service.domain.content.search import SearchIndex
from service.domain.errors import InvalidParameter
from service.domain.schemas import Term


def term(slug: str, name: str, synonyms: tuple[str, ...] = (), definition: str = "") -> Term:
    return Term(slug, name, definition or f"About {slug}.", synonyms, (), None)


def slugs(index: SearchIndex, query: str) -> list[str]:
    return [t.slug for t in index.search(query)]


SPRINTS = SearchIndex(
    "en",
    [
        term("in-definition", "Retrospective", definition="A meeting after each sprint."),
        term("in-synonym", "Planning Poker", synonyms=("sprint planning",)),
        term("in-name", "Sprint Review"),
        term("twin", "Sprint Demo"),
    ],
)


def test_name_beats_synonym_beats_definition_and_ties_keep_catalogue_order() -> None:
    # "in-name" and "twin" match alike: catalogue order decides.
    assert slugs(SPRINTS, "sprint") == ["in-name", "twin", "in-synonym", "in-definition"]


def test_every_matched_word_counts_but_none_is_required() -> None:
    assert slugs(SPRINTS, "sprint planning")[0] == "in-synonym"
    assert slugs(SPRINTS, "sprint review for the whole company") == [
        "in-name",
        "twin",
        "in-synonym",
        "in-definition",
    ]


def test_phrase_proximity_beats_scattered_words() -> None:
    index = SearchIndex(
        "en",
        [
            term("scattered", "Career Paths", definition="Coaching helps; a career needs time."),
            term("together", "Career Coaching"),
        ],
    )
    assert slugs(index, "career coaching") == ["together", "scattered"]


def test_stems_and_stop_words_per_language() -> None:
    spanish = SearchIndex("es", [term("m", "Mentoría inversa"), term("c", "Coaching")])
    assert slugs(spanish, "las mentorías inversas") == ["m"]
    assert slugs(spanish, "mentora") == ["m"]  # gendered form, same stem
    assert slugs(spanish, "de la") == []  # only stop words: nothing to look for
    french = SearchIndex("fr", [term("p", "Coaching entre pairs"), term("c", "Coaching")])
    assert slugs(french, "coaching par les pairs")[0] == "p"


def test_typos_within_budget_only_and_never_above_an_exact_match() -> None:
    index = SearchIndex(
        "en",
        [
            term("mosaic", "Mosaic Mentoring"),
            term("mentoring", "Mentoring"),
            term("transformation", "Transformational Coaching"),
        ],
    )
    assert slugs(index, "mosiac mentoring")[0] == "mosaic"  # one typo in a 6-letter word
    assert slugs(index, "mosac")[0] == "mosaic"
    assert slugs(index, "mosc") == []  # 4 letters: no typo allowed
    assert slugs(index, "mosaci") == ["mosaic"]  # a swap counts as one edit
    assert slugs(index, "transfromatoinal") == ["transformation"]  # 2 edits, 16 letters
    assert slugs(index, "trensfromatoinal") == []  # 3 edits
    # "mentoring" matches exactly, so the near spelling in other terms is not looked for.
    assert slugs(index, "mentoring") == ["mentoring", "mosaic"]


def test_hyphens_and_joined_forms_match_each_other() -> None:
    index = SearchIndex("en", [term("micro", "Micro-Mentoring"), term("jit", "Just-in-Time")])
    for query in ("micromentoring", "micro mentoring", "Micro-Mentoring"):
        assert slugs(index, query) == ["micro"], query
    assert slugs(index, "just in time") == ["jit"]


def test_german_compounds_gender_forms_and_parts() -> None:
    index = SearchIndex(
        "de",
        [
            term("mentoring", "Mentoring", synonyms=("Mentor", "Mentoring-Programm")),
            term("career", "Karrierecoaching"),
            term("hybrid", "Hybride Mentoring-Modelle"),
            term("coaching", "Coaching"),
            term("advice", "Karriere-Beratung"),
        ],
    )
    assert slugs(index, "Karriere Coaching")[0] == "career"  # parts match their words
    assert slugs(index, "Mentoringprogramm")[0] == "mentoring"  # joined = hyphenated
    assert slugs(index, "Hybridmodelle")[0] == "hybrid"  # a query compound split into parts
    for query in ("Mentorin", "Mentorinnen", "Mentor*innen", "Mentor:innen", "Mentoren"):
        assert slugs(index, query)[0] == "mentoring", query


def test_a_query_without_letters_or_digits_is_a_bad_parameter() -> None:
    with pytest.raises(InvalidParameter) as raised:
        SPRINTS.search(" -- ?! ")
    assert raised.value.parameter == "q"


def test_remembered_word_analysis_answers_as_a_fresh_one() -> None:
    """Typed words' analysis is remembered per index (bounded): the same results as an index
    that analyses every word, typos and German compounds included."""
    glossary = [
        term("k", "Karrierecoaching", definition="Coaching für die Karriere."),
        term("m", "Mentorenprogramm", synonyms=("Mentoring-Programm",)),
        term("r", "Reverse Mentoring"),
    ]
    remembering, fresh = SearchIndex("de", glossary), SearchIndex("de", glossary)
    queries = ["karriere", "mentorin", "programm", "mentroing", "Karriere Coaching"] * 3
    for query in queries:
        fresh._remembered.clear()
        assert remembering.search(query) == fresh.search(query), query
    assert 0 < len(remembering._remembered) <= 5
