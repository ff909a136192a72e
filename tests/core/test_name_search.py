"""Search for the touch keyboard: German folding, prefixes, several words, best matches first."""

from __future__ import annotations

import pytest

from kiosk.core.model import Guest, Organization
from kiosk.core.search import SearchIndex, fold


def person(key: str, first: str, last: str, organization: str = "") -> Guest:
    return Guest(id=key, first_name=first, last_name=last, ticket_code=key.upper(),
                 organization=Organization(organization) if organization else None)


GUESTS = [
    person("foerster", "Ruth", "Förster", "Forstamt Hügelland"),
    person("strauss", "Ingo", "Strauß", "Kanzlei Weißdorn"),
    person("nguyen", "Thảo", "Nguyễn", "Mekong Daten eG"),
    person("dobrzanska", "Łucja", "Dobrzańska", "Institut für Außenluft"),
    person("jansen", "Ole", "Jansen-Ødegaard", "Hafenwerk Nord"),
    person("single", "", "Madonnina"),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(GUESTS)


def ids(hits) -> list[str]:
    return [h.guest_id for h in hits]


@pytest.mark.parametrize("query", ["forster", "foerster", "för", "FÖR", "Förster", "fo", "FOERST"])
def test_forster_foerster_and_foer_find_foerster(index, query):
    assert "foerster" in ids(index.search(query))


@pytest.mark.parametrize("query", ["strauss", "Strauß", "strau", "STRAUSS"])
def test_strauss_finds_strauss_with_sharp_s(index, query):
    assert ids(index.search(query))[:1] == ["strauss"]


@pytest.mark.parametrize("query, expected", [
    ("nguyen", "nguyen"), ("thao", "nguyen"), ("lucja", "dobrzanska"), ("dobrzanska", "dobrzanska"),
    ("odegaard", "jansen"), ("ødeg", "jansen"), ("jansen", "jansen"), ("madon", "single"),
])
def test_accents_and_special_letters_are_folded(index, query, expected):
    assert expected in ids(index.search(query))


@pytest.mark.parametrize("query, expected", [
    ("ru", "foerster"),          # first name prefix
    ("strau", "strauss"),        # last name prefix
    ("hugel", "foerster"),       # organization word prefix (Hügelland)
    ("hafen", "jansen"),
    ("aussen", "dobrzanska"),    # Außenluft
    ("weissd", "strauss"),       # Weißdorn
])
def test_prefix_of_first_name_last_name_or_organization(index, query, expected):
    assert expected in ids(index.search(query))


def test_several_words_must_all_match(index):
    assert ids(index.search("ruth förster")) == ["foerster"]
    assert ids(index.search("för ru")) == ["foerster"]
    assert ids(index.search("ingo kanzlei")) == ["strauss"]
    assert index.search("ruth strauß") == []


def test_no_match_and_empty_queries_give_nothing(index):
    assert index.search("xylophon") == []
    assert index.search("") == []
    assert index.search("  ,. ") == []


def test_hits_carry_name_and_organization(index):
    hit = index.search("strauss")[0]
    assert (hit.name, hit.organization) == ("Ingo Strauß", "Kanzlei Weißdorn")


def test_exact_word_before_prefix_then_last_before_first_before_organization():
    index = SearchIndex([
        person("org-prefix", "Tina", "Abel", "Bergwerk Sonnhalde"),   # organization prefix
        person("first-prefix", "Bergit", "Carus"),                    # first name prefix
        person("last-prefix", "Uta", "Bergmann"),                     # last name prefix
        person("org-exact", "Vera", "Dahl", "Berg & Tal eV"),        # organization exact word
        person("first-exact", "Berg", "Eckhardt"),                    # first name exact word
        person("last-exact", "Wim", "Berg"),                          # last name exact word
    ])

    assert ids(index.search("berg")) == ["last-exact", "first-exact", "org-exact",
                                         "last-prefix", "first-prefix", "org-prefix"]


def test_equally_good_matches_are_alphabetical_by_last_then_first_name():
    index = SearchIndex([person("c", "Carl", "Brandt"), person("a", "Anna", "Brandt"),
                         person("b", "Bo", "Bran")])
    assert ids(index.search("brand")) == ["a", "c"]
    assert ids(index.search("bran")) == ["b", "a", "c"]


def test_limit_and_adding_a_walk_in(index):
    many = SearchIndex([person(f"g{n:03d}", "Gerd", f"Wolf{n:03d}") for n in range(50)])
    assert len(many.search("wolf", limit=7)) == 7
    many.add(person("walk-in", "Petra", "Wolfram"))
    assert "walk-in" in ids(many.search("wolfr"))


def test_fold_is_lower_case_without_accents():
    assert fold("Ärger Öl Übermaß Çelik") == "arger ol ubermass celik"
