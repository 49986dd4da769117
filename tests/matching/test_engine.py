"""The pure matching engine: English and French, matches and non-matches."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entregent.matching.engine import (
    CONCEPTS,
    Item,
    OfferIndex,
    analyse,
    concepts_in,
    match_offers_to_needs,
    shared_topics,
)
from entregent.matching.engine.text import normalise, tokenize, words


def best_offer_for(need: str, offers: list[str]) -> str | None:
    matches = match_offers_to_needs([Item(i, t) for i, t in enumerate(offers)], [Item("n", need)])
    return offers[int(str(matches[0].offer.key))] if matches else None


OFFERS = [
    "Product photography",
    "Graphic design, logos and branding",
    "Bookkeeping for freelancers",
    "Web development with Django",
    "Legal advice on contracts",
    "Introductions to seed investors",
    "Copywriting for landing pages",
]


def test_normalise_folds_case_and_removes_accents() -> None:
    assert normalise("Comptabilité ÉLÈVE Ça") == "comptabilite eleve ca"


def test_words_drop_stop_words_elisions_and_framing_words() -> None:
    assert words("L\u2019atelier d\u2019Anne") == ["atelier", "anne"]
    assert words("J'ai besoin d'un graphiste pour l'identité de mon atelier") == [
        "graphiste",
        "identite",
        "atelier",
    ]
    assert words("Looking for help with my Etsy listings") == ["etsy", "listings"]


def test_tokens_carry_english_and_french_stems() -> None:
    (token,) = tokenize("photos")
    assert "photo" in token.stems


@pytest.mark.parametrize(
    ("need", "expected"),
    [
        ("Photos de produits pour ma boutique Etsy", "Product photography"),
        ("Besoin d'un graphiste pour mon logo", "Graphic design, logos and branding"),
        ("Cherche un expert-comptable", "Bookkeeping for freelancers"),
        ("Refonte de mon site web", "Web development with Django"),
        ("Un avocat pour relire mes contrats", "Legal advice on contracts"),
        ("Prépare une levée de fonds", "Introductions to seed investors"),
        ("Rédaction des textes de mon site", "Copywriting for landing pages"),
        ("needs a new logo", "Graphic design, logos and branding"),
        ("Looking for a lawyer to review a contract", "Legal advice on contracts"),
    ],
)
def test_a_need_finds_the_offer_that_meets_it_across_languages(need: str, expected: str) -> None:
    assert best_offer_for(need, OFFERS) == expected


@pytest.mark.parametrize(
    "need",
    ["Cherche un plombier", "Looking for a dog sitter in August", "j'ai besoin d'aide", ""],
)
def test_a_need_nothing_meets_matches_nothing(need: str) -> None:
    assert best_offer_for(need, OFFERS) is None


def test_matches_explain_what_matched_and_score_between_zero_and_one() -> None:
    (match,) = match_offers_to_needs(
        [Item("o", "Product photography")], [Item("n", "Photos de produits")]
    )
    assert match.score == pytest.approx(1.0)
    assert match.matched == ("photos produits ~ product photography",)
    assert match.concepts == ("product_photography",)


def test_matches_come_best_first() -> None:
    matches = match_offers_to_needs(
        [Item(1, "Photography for weddings"), Item(2, "Product photography")],
        [Item("n", "product photos for my shop")],
    )
    assert [m.offer.key for m in matches] == [2, 1]
    assert matches[0].score > matches[1].score > 0
    assert all(0 < m.score <= 1 for m in matches)


def test_shared_words_match_when_no_concept_applies() -> None:
    (match,) = match_offers_to_needs(
        [Item("o", "Beekeeping workshops for beginners")], [Item("n", "Learning beekeeping")]
    )
    assert "beekeeping" in match.matched


def test_related_concepts_count_for_less_than_the_same_concept() -> None:
    same, related = (
        match_offers_to_needs([Item("o", offer)], [Item("n", "product photos")])[0].score
        for offer in ("product photography", "portrait photography")
    )
    assert same > related > 0


def test_min_score_filters_weak_pairs() -> None:
    offers = [Item("o", "Web development, SEO, copywriting, video, photography")]
    needs = [Item("n", "SEO audit")]
    assert match_offers_to_needs(offers, needs)
    assert match_offers_to_needs(offers, needs, min_score=0.99) == []


def test_shared_topics_finds_common_interests_in_either_language() -> None:
    matches = shared_topics(
        [Item("m1", "marathons"), Item("m2", "sourdough baking"), Item("m3", "jazz")],
        [Item("t1", "course à pied"), Item("t2", "le pain au levain"), Item("t3", "échecs")],
    )
    pairs = {(m.offer.key, m.need.key) for m in matches}
    assert pairs == {("m1", "t1"), ("m2", "t2")}


def test_shared_topics_with_nothing_in_common_is_empty() -> None:
    assert shared_topics([Item(1, "dogs")], [Item(2, "opera")]) == []
    assert shared_topics([], [Item(2, "opera")]) == []


def test_concepts_are_found_longest_phrase_first() -> None:
    assert concepts_in("product photography and a web developer") == (
        "product_photography",
        "web_development",
    )
    assert analyse("photos").concepts == {}
    assert set(analyse("photographe produit").concepts) == {"product_photography"}


def test_no_phrase_belongs_to_two_concepts() -> None:
    seen: dict[tuple[str, ...], str] = {}
    for concept in CONCEPTS:
        assert concept.label_en
        assert concept.label_fr
        for phrase in concept.phrases:
            key = tuple(words(phrase))
            assert key, f"{concept.key}: {phrase!r} is only stop words"
            assert seen.setdefault(key, concept.key) == concept.key, phrase


def test_the_vocabulary_covers_a_few_dozen_concepts() -> None:
    assert len(CONCEPTS) >= 40


@settings(max_examples=200, deadline=None)
@given(
    offers=st.lists(st.text(max_size=80), max_size=6),
    needs=st.lists(st.text(max_size=80), max_size=6),
)
def test_any_text_matches_without_error_and_scores_stay_in_range(
    offers: list[str], needs: list[str]
) -> None:
    matches = match_offers_to_needs(
        [Item(i, t) for i, t in enumerate(offers)], [Item(i, t) for i, t in enumerate(needs)]
    )
    assert all(0 < m.score <= 1 and m.matched for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=120))
def test_a_text_always_meets_itself(text: str) -> None:
    matches = shared_topics([Item("a", text)], [Item("b", text)])
    if words(text):
        assert matches
        assert matches[0].score == pytest.approx(1.0)
    else:
        assert matches == []


def test_explanations_keep_the_accents_as_written() -> None:
    (match,) = match_offers_to_needs([Item("o", "Bookkeeping")], [Item("n", "Comptabilité")])
    assert match.matched == ("comptabilité ~ bookkeeping",)


def test_words_in_other_scripts_still_match_themselves() -> None:
    assert words("Дизайн логотипа, cœur") == ["дизаин", "логотипа", "cœur"]
    (match,) = shared_topics([Item(1, "каллиграфия")], [Item(2, "Каллиграфия")])
    assert match.score == pytest.approx(1.0)


def test_an_offer_index_answers_many_needs_like_the_function() -> None:
    offers = [Item(i, text) for i, text in enumerate(OFFERS)]
    index = OfferIndex(offers)
    assert len(index) == len(OFFERS)
    (best,) = index.match([Item("n", "Besoin d'un graphiste")], limit=1)
    assert best.offer.text == "Graphic design, logos and branding"
    assert index.match([Item("n", "Cherche un plombier")]) == []
    pairs = index.match([Item("a", "un avocat"), Item("b", "product photos")])
    assert {(m.need.key, m.offer.text) for m in pairs} >= {
        ("a", "Legal advice on contracts"),
        ("b", "Product photography"),
    }
