"""The pure helpers that normalise names, phones, links and search words (no database)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from entregent.people.choices import LinkKind
from entregent.people.normalize import (
    MAX_TERM_LENGTH,
    PhoneError,
    fold,
    format_phone,
    join_name,
    link_kind_for,
    normalize_phone,
    normalize_url,
    parse_name,
    query_words,
    search_terms,
    sort_key_for,
)

# Names --------------------------------------------------------------------------------


def test_it_drops_the_title_and_keeps_the_family_particles():
    parsed = parse_name("Dr. Marie-Claire de la Tour")
    assert (parsed.given, parsed.family) == ("Marie-Claire", "de la Tour")


def test_it_keeps_a_hyphenated_given_name_whole():
    parsed = parse_name("Jean-Luc Picard")
    assert (parsed.given, parsed.family) == ("Jean-Luc", "Picard")


def test_it_reads_a_single_name_as_the_given_name():
    parsed = parse_name("Cher")
    assert (parsed.given, parsed.family) == ("Cher", "")


def test_it_reads_family_comma_given():
    parsed = parse_name("Smith, John")
    assert (parsed.given, parsed.family) == ("John", "Smith")


def test_it_keeps_middle_names_with_the_given_name():
    parsed = parse_name("Mary Ann Evans")
    assert (parsed.given, parsed.family) == ("Mary Ann", "Evans")


def test_it_collapses_white_space_in_the_full_name():
    assert parse_name("  Ann \t  Lee \n").full == "Ann Lee"


def test_it_parses_an_empty_name_as_empty():
    assert parse_name("   ") == parse_name("")
    assert parse_name("").full == ""


def test_it_never_returns_a_name_part_longer_than_the_column():
    parsed = parse_name("A" * 150 + " " + "B" * 150)
    assert len(parsed.given) <= 100
    assert len(parsed.family) <= 100


def test_it_joins_given_and_family_without_stray_spaces():
    assert join_name(" Ann ", "") == "Ann"
    assert join_name("Ann", "Lee") == "Ann Lee"
    assert join_name("", "") == ""


def test_it_sorts_by_family_name_then_given_without_accents():
    assert sort_key_for("Émilie Durand", "Émilie", "Durand") == "durand emilie"


def test_it_sorts_a_single_name_by_the_full_name():
    assert sort_key_for("Cher", "Cher", "") == "cher"


# Folding and search words -------------------------------------------------------------


def test_it_folds_case_and_accents():
    assert fold("Émilie ÇA Über") == "emilie ca uber"


def test_it_lowers_a_letter_that_only_appears_once_decomposed():
    assert (
        fold("\N{MATHEMATICAL SANS-SERIF BOLD ITALIC CAPITAL ALPHA}")
        == "\N{GREEK SMALL LETTER ALPHA}"
    )
    assert fold("Ⓐ") == "a"


@given(st.text(st.characters(exclude_categories=["Cs"])))
@example("\N{MATHEMATICAL SANS-SERIF BOLD ITALIC CAPITAL ALPHA} ǅ ß İ ﬃ Ⅻ")
def test_folding_twice_changes_nothing(text):
    once = fold(text)
    assert fold(once) == once


def test_it_keeps_other_scripts_when_folding():
    assert fold("李小龍") == "李小龍"


def test_it_indexes_words_of_two_letters_or_more():
    assert search_terms("a Bo Carla") == {"bo", "carla"}


def test_it_indexes_a_single_non_latin_character():
    assert "李" in search_terms("李 x")


def test_it_indexes_hyphenated_names_word_by_word():
    assert {"jean", "luc", "picard"} <= search_terms("Jean-Luc Picard")


def test_it_truncates_long_search_words_to_the_column():
    (term,) = search_terms("x" * 100)
    assert len(term) == MAX_TERM_LENGTH


def test_it_ignores_empty_texts_when_indexing():
    assert search_terms("", "") == set()


def test_it_folds_query_words_like_the_index():
    assert query_words("  ÉMILIE  dur ") == ["emilie", "dur"]


def test_it_keeps_only_the_first_query_words():
    assert query_words(" ".join(f"w{i}" for i in range(20)), limit=3) == ["w0", "w1", "w2"]


def test_it_finds_no_query_words_in_punctuation():
    assert query_words("-- !! ..") == []


# Phones -------------------------------------------------------------------------------


def test_it_reads_a_national_number_with_the_region():
    assert normalize_phone("06 12 34 56 78", "FR") == "+33612345678"


def test_it_reads_an_international_number_whatever_the_region():
    assert normalize_phone("+1 (415) 555-2671", "FR") == "+14155552671"


def test_it_reads_an_international_number_without_a_region():
    assert normalize_phone("+33 6 12 34 56 78", "") == "+33612345678"


@pytest.mark.parametrize(
    ("raw", "region"),
    [
        ("", "US"),
        ("   ", "US"),
        ("12", "US"),
        ("not a phone", "US"),
        ("415 555 2671", ""),
        ("+99 123", "US"),
        ("+33 6 12\x00 34 56 78", "FR"),
        ("9" * 300, "US"),
    ],
)
def test_it_refuses_what_cannot_be_dialled(raw, region):
    with pytest.raises(PhoneError):
        normalize_phone(raw, region)


def test_it_formats_a_stored_number_for_display():
    assert format_phone("+33612345678") == "+33 6 12 34 56 78"


def test_it_shows_an_unparseable_stored_number_as_is():
    assert format_phone("garbage") == "garbage"


# Links --------------------------------------------------------------------------------


def test_it_adds_https_to_a_bare_host():
    assert normalize_url(" linkedin.com/in/dana ") == "https://linkedin.com/in/dana"


def test_it_keeps_an_explicit_scheme():
    assert normalize_url("http://example.com") == "http://example.com"


def test_it_leaves_an_empty_link_empty():
    assert normalize_url("  ") == ""


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://linkedin.com/in/dana", LinkKind.LINKEDIN),
        ("https://www.linkedin.com/in/dana", LinkKind.LINKEDIN),
        ("https://fr.linkedin.com/in/dana", LinkKind.LINKEDIN),
        ("https://github.com/dana", LinkKind.GITHUB),
        ("https://x.com/dana", LinkKind.X),
        ("https://twitter.com/dana", LinkKind.X),
        ("https://instagram.com/dana", LinkKind.INSTAGRAM),
        ("https://mastodon.social/@dana", LinkKind.MASTODON),
        ("https://dana.example", LinkKind.WEBSITE),
    ],
)
def test_it_guesses_the_kind_of_a_link_from_its_host(url, kind):
    assert link_kind_for(url) == kind


def test_it_does_not_take_a_lookalike_host_for_linkedin():
    assert link_kind_for("https://notlinkedin.com/in/dana") == LinkKind.WEBSITE
