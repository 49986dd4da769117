"""Synergies across the network (ways to help, who can help), the engine's ranking, "share
this", and the optional semantic blend (absent, and present with a fake embedder)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput, NotFound
from entregent.followups.choices import FollowUpKind
from entregent.followups.models import FollowUp
from entregent.matching import synergies
from entregent.matching.engine import Item, match_offers_to_needs
from entregent.matching.engine.semantic import SEMANTIC_MARK, SemanticScorer, available
from entregent.matching.engine.synergy import TopicIndex, rank_people, rank_readers
from entregent.matching.share import clean_article, share_followups_create, share_suggest
from entregent.matching.synergies import (
    person_synergies,
    synergies_for_need,
    ways_to_help,
    who_can_help,
)
from entregent.people.models import Fact, Person
from entregent.people.services import fact_create, person_create
from tests.matching.conftest import Network, add_facts


@pytest.fixture(autouse=True)
def _fresh_index() -> Iterator[None]:
    synergies.clear_cache()
    synergies.semantic_scorer.cache_clear()
    yield
    synergies.clear_cache()
    clear = getattr(synergies.semantic_scorer, "cache_clear", None)
    if clear is not None:
        clear()


@pytest.fixture
def lexical_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENTREGENT_SEMANTIC", "0")


# Engine -----------------------------------------------------------------------------------


def test_a_french_need_finds_an_english_offer_and_says_what_matched():
    matches = match_offers_to_needs(
        [Item("logo", "Logo design and branding"), Item("tax", "Tax returns")],
        [Item("need", "Je cherche un graphiste pour mon identité visuelle")],
    )
    assert [m.offer.key for m in matches] == ["logo"]
    assert any("graphiste" in part for part in matches[0].matched)


def test_rank_people_keeps_each_person_once_with_a_bonus_for_more_matches():
    offers = [
        Item(("o1", "ann"), "bookkeeping"),
        Item(("o2", "ann"), "tax returns"),
        Item(("o3", "bob"), "bookkeeping"),
    ]
    needs = [Item(("n1", "me"), "bookkeeping"), Item(("n2", "me"), "tax help")]
    ranked = rank_people(match_offers_to_needs(offers, needs), lambda m: m.offer.key[1])
    assert [r.person for r in ranked] == ["ann", "bob"]
    assert ranked[0].score >= ranked[1].score
    assert len(ranked[0].matches) > len(ranked[1].matches) - 1
    assert {m.offer.key[0] for m in ranked[0].matches} == {"o1", "o2"}


def test_an_article_covers_the_interests_it_speaks_of():
    index = TopicIndex(
        [
            Item((1, "ann"), "sourdough baking"),
            Item((2, "bob"), "marathon running"),
            Item((3, "cat"), "product photos for her Etsy shop"),
        ]
    )
    article = "Five tips to shoot better product photos at home, for Etsy sellers on a budget."
    found = index.covered_by(article)
    assert [c.item.key for c in found] == [(3, "cat")]
    readers = rank_readers(found, lambda c: c.item.key[1])
    assert readers[0].person == "cat"
    assert 0 < readers[0].score <= 1


# Ways to help, who can help ---------------------------------------------------------------


@pytest.mark.usefixtures("lexical_only")
def test_ways_to_help_lists_people_whose_needs_my_offers_meet(alice: User, network: Network):
    found = ways_to_help(owner=alice)
    assert [s.person for s in found] == [network.camille, network.dana]
    camille = found[0]
    # Her need is in French ("Cherche un comptable"), my offer in English (bookkeeping).
    assert camille.matches[0].need == "Cherche un comptable"
    assert camille.matches[0].offer == "Bookkeeping for creative freelancers"
    assert camille.matches[0].matched == ("comptable ~ bookkeeping",)
    assert camille.sentence == (
        "Camille Dubois needs un comptable; you offer bookkeeping for creative freelancers."
    )
    assert 0 < found[1].score < camille.score <= 1


@pytest.mark.usefixtures("lexical_only")
def test_who_can_help_me_with_my_needs_and_with_a_need_in_my_own_words(
    alice: User, network: Network
):
    mine = who_can_help(owner=alice)
    # My need: product photos for my Etsy listings; Dana and Karen (in French) offer them.
    assert {s.person.pk for s in mine} == {network.dana.pk, network.karen.pk}
    assert "you need" in mine[0].sentence
    typed = synergies_for_need(owner=alice, need="photos de produits")
    assert {s.person.pk for s in typed} == {network.dana.pk, network.karen.pk}
    assert typed[0].score >= typed[-1].score


@pytest.mark.usefixtures("lexical_only")
def test_archived_people_and_other_owners_people_never_come_up(
    alice: User, bob: User, network: Network
):
    network.karen.archived = True
    network.karen.save()
    stranger = person_create(owner=bob, full_name="Bob's Photographer")
    fact_create(owner=bob, person=stranger, kind="offer", text="Product photography")
    found = synergies_for_need(owner=alice, need="product photography")
    assert [s.person.pk for s in found] == [network.dana.pk]
    assert synergies_for_need(owner=bob, need="product photography")[0].person == stranger


@pytest.mark.usefixtures("lexical_only")
def test_the_index_follows_new_facts(alice: User, network: Network):
    assert synergies_for_need(owner=alice, need="a tax accountant") == []
    fact_create(owner=alice, person=network.sam, kind="offer", text="Expert-comptable, TVA")
    assert [s.person for s in synergies_for_need(owner=alice, need="a tax accountant")] == [
        network.sam
    ]


@pytest.mark.usefixtures("lexical_only")
def test_queries_are_bounded_whatever_the_network(
    alice: User, network: Network, django_assert_max_num_queries
):
    for number in range(30):
        person = person_create(owner=alice, full_name=f"Photographer {number}")
        fact_create(owner=alice, person=person, kind="offer", text="product photography")
        fact_create(owner=alice, person=person, kind="need", text="a bookkeeper")
    synergies.clear_cache()
    with django_assert_max_num_queries(4):
        assert len(who_can_help(owner=alice, limit=10)) == 10
    with django_assert_max_num_queries(4):
        assert len(ways_to_help(owner=alice, limit=10)) == 10
    with django_assert_max_num_queries(3):  # the index is kept: one check, no reading
        who_can_help(owner=alice, limit=10)


@pytest.mark.usefixtures("lexical_only")
def test_changes_made_elsewhere_are_seen(alice: User, network: Network):
    assert synergies_for_need(owner=alice, need="a tax accountant") == []
    # A bulk write (an import, another process) sends no signal: the count tells.
    (added,) = Fact.objects.bulk_create(
        [Fact(owner=alice, person=network.sam, kind="offer", text="Tax returns")]
    )
    assert [s.person for s in synergies_for_need(owner=alice, need="a tax accountant")] == [
        network.sam
    ]
    # An edit in another process: its signal stamps the change for every process.
    Fact.objects.filter(pk=added.pk).update(text="Dog walking")
    synergies.forget_owner(alice.pk)
    assert synergies_for_need(owner=alice, need="a tax accountant") == []


def test_bad_needs_and_limits_name_the_field(alice: User):
    with pytest.raises(InvalidInput) as empty:
        who_can_help(owner=alice, need="   ")
    assert "need" in empty.value.errors
    with pytest.raises(InvalidInput) as long:
        who_can_help(owner=alice, need="x" * 501)
    assert "need" in long.value.errors
    with pytest.raises(InvalidInput) as limit:
        who_can_help(owner=alice, need="logo", limit=0)
    assert "limit" in limit.value.errors


def test_without_my_offers_there_is_no_way_to_help_yet(alice: User, dana: Person):
    fact_create(owner=alice, person=dana, kind="need", text="a logo")
    assert ways_to_help(owner=alice) == []


@pytest.mark.usefixtures("lexical_only")
def test_a_persons_synergies_with_me_both_ways(alice: User, bob: User, network: Network):
    found = person_synergies(owner=alice, person=network.dana.pk)
    assert [m.need for m in found.i_can_help] == ["a bookkeeper for her studio"]
    assert [m.offer for m in found.they_can_help] == ["Product photography"]
    with pytest.raises(NotFound):
        person_synergies(owner=bob, person=network.dana.pk)


# Semantic extra -----------------------------------------------------------------------------


class FakeEmbedder:
    """Vectors by hand: texts about cooking point one way, anything else another."""

    def encode(self, texts: list[str]) -> list[list[float]]:
        return [[1.0, 0.0] if ("chef" in t or "cuisine" in t) else [0.0, 1.0] for t in texts]


def test_the_app_matches_lexically_when_the_extra_is_absent(
    monkeypatch: pytest.MonkeyPatch, alice: User, network: Network
):
    monkeypatch.setattr("entregent.matching.engine.semantic.available", lambda: False)
    assert synergies.semantic_scorer() is None
    found = synergies_for_need(owner=alice, need="photos de produits")
    assert {s.person.pk for s in found} == {network.dana.pk, network.karen.pk}


def test_the_semantic_blend_finds_what_words_miss(
    monkeypatch: pytest.MonkeyPatch, alice: User, network: Network
):
    scorer = SemanticScorer(FakeEmbedder())
    monkeypatch.setattr(synergies, "semantic_scorer", lambda: scorer)
    add_facts(alice, network.sam, offer=["Private chef for dinner parties"])
    found = synergies_for_need(owner=alice, need="quelqu'un pour la cuisine de mon mariage")
    assert [s.person for s in found] == [network.sam]
    assert found[0].matches[0].matched == ("similar meaning",)
    # Lexical matches keep their words, blended with meaning.
    photos = synergies_for_need(owner=alice, need="product photography")
    assert photos
    assert photos[0].matches[0].matched != (SEMANTIC_MARK,)


def test_the_extra_is_detected_without_importing_it():
    assert available() in {True, False}


# Share this ----------------------------------------------------------------------------------

ARTICLE = (
    "How to shoot product photos for your Etsy shop with a phone and natural light. "
    "Also: what marathon runners can teach small businesses about pacing."
)


@pytest.mark.usefixtures("lexical_only")
def test_share_suggests_who_would_care_with_evidence(alice: User, network: Network):
    result = share_suggest(owner=alice, url="https://example.org/etsy-photos", text=ARTICLE)
    people = [s.person for s in result.suggestions]
    assert network.dana in people
    dana = next(s for s in result.suggestions if s.person == network.dana)
    assert {r.kind for r in dana.reasons} <= {"interest", "project", "need"}
    assert "running marathons" in [r.text for r in dana.reasons]
    assert not dana.planned
    assert result.article.topic == "https://example.org/etsy-photos"


@pytest.mark.usefixtures("lexical_only")
def test_share_creates_follow_ups_once_per_person_and_address(alice: User, network: Network):
    url = "https://example.org/etsy-photos"
    first = share_followups_create(
        owner=alice,
        people=[network.dana.pk, network.karen.pk],
        url=url,
        title="Product photos with a phone",
        due_on=dt.date(2026, 11, 20),
    )
    assert len(first.created) == 2
    assert first.existing == []
    followup = first.created[0]
    assert followup.kind == FollowUpKind.SHARE
    assert followup.topic == "Product photos with a phone — " + url
    again = share_followups_create(
        owner=alice, people=[network.dana.pk], url=url, title="Product photos with a phone"
    )
    assert again.created == []
    assert [f.pk for f in again.existing] == [followup.pk]
    assert FollowUp.objects.filter(owner=alice, kind="share").count() == 2
    suggested = share_suggest(
        owner=alice, url=url, title="Product photos with a phone", text=ARTICLE
    )
    assert next(s for s in suggested.suggestions if s.person == network.dana).planned
    # Once done, sharing again plans a new one.
    followup.status = "done"
    followup.save()
    assert (
        len(
            share_followups_create(
                owner=alice, people=[network.dana.pk], url=url, title="Product photos with a phone"
            ).created
        )
        == 1
    )


def test_share_refuses_bad_input_naming_the_field(alice: User, bob: User, network: Network):
    for kwargs, field in (
        ({"url": "", "text": ""}, "text"),
        ({"url": "ftp://example.org/x"}, "url"),
        ({"url": "not a url"}, "url"),
        ({"text": "x" * 100_001}, "text"),
    ):
        with pytest.raises(InvalidInput) as error:
            clean_article(**kwargs)
        assert field in error.value.errors
    with pytest.raises(InvalidInput) as nobody:
        share_followups_create(owner=alice, people=[], url="https://example.org/a")
    assert "people" in nobody.value.errors
    with pytest.raises(InvalidInput) as not_an_id:
        share_followups_create(owner=alice, people=["dana"], url="https://example.org/a")
    assert "people" in not_an_id.value.errors
    with pytest.raises(NotFound):
        share_followups_create(owner=bob, people=[network.dana.pk], url="https://example.org/a")
    assert not FollowUp.objects.filter(kind="share").exists()


def test_text_only_sharing_uses_the_first_line_as_topic(alice: User, network: Network):
    done = share_followups_create(
        owner=alice, people=[network.dana.pk], text="Kiln prices are going up\nMore text."
    )
    assert done.created[0].topic == "Kiln prices are going up"


def test_stemming_is_safe_from_several_threads():
    from concurrent.futures import ThreadPoolExecutor

    from entregent.matching.engine.text import stems

    words = [f"photographies{n}" for n in range(3000)] + [f"comptabilite{n}" for n in range(3000)]
    stems.cache_clear()
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(stems, words))
    stems.cache_clear()
    assert together == [stems(word) for word in words]


def test_the_article_index_finds_what_comparing_every_text_finds():
    from entregent.matching.engine.matcher import _compare, _prepare
    from entregent.matching.engine.synergy import DEFAULT_COVERAGE

    texts = [
        "trail running",
        "sourdough baking",
        "product photos for her Etsy shop",
        "photographie de produits",
        "a bookkeeper for the studio",
        "comptabilité de la boutique",
        "marathon training plans",
        "ceramics and kiln prices",
        "running a small business",
        "logo and branding",
        "pain au levain",
        "small shops online",
    ]
    items = [Item((n, f"p{n % 5}"), text) for n, text in enumerate(texts)]
    article = (
        "Running a small ceramics shop online: product photography, pricing, a bookkeeper, "
        "and marathon training on weekends. Le pain au levain du dimanche."
    )
    index = TopicIndex(items)
    found = {c.item.key: c.score for c in index.covered_by(article)}
    (whole,) = _prepare([Item(None, article)])
    expected = {}
    for short in _prepare(items):
        short.norm = index._items[items.index(short.item)].norm
        shared, matched, _concepts = _compare(short, whole, index._weights)
        score = min(1.0, shared / short.norm) if short.norm else 0
        if matched and score >= DEFAULT_COVERAGE:
            expected[short.item.key] = round(score, 4)
    assert found == expected
    assert len(found) >= 5
