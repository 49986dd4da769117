"""The grouped index: each distinct text indexed once, scores as if each fact were
indexed alone, and pairs of people expanded best first."""

from __future__ import annotations

from entregent.matching.engine import Item, OfferIndex
from entregent.matching.engine.grouped import GroupedIndex, pairs, text_key

OFFERS = [
    Item((1, 10), "Product photography"),
    Item((2, 11), "product  photography"),
    Item((3, 12), "Bookkeeping for small studios"),
    Item((4, 13), "Logo design and branding"),
    Item((5, 14), "Product photography"),
    Item((6, 15), "Web development"),
    Item((7, 16), "Tax returns"),
    Item((8, 17), "Copywriting"),
    Item((9, 18), "Interior design"),
]


def _person(item: Item) -> int:
    assert isinstance(item.key, tuple)
    return int(item.key[1])


def test_equal_texts_share_one_entry():
    index = GroupedIndex(OFFERS)
    assert len(index) == 7
    assert text_key(" Product   PHOTOGRAPHY ") == "product photography"


def test_scores_are_those_of_every_fact_indexed_alone():
    need = [Item("need", "photos de produits pour ma boutique")]
    alone = OfferIndex(OFFERS).match(need, min_score=0.1)
    grouped = GroupedIndex(OFFERS).match(need, min_score=0.1)
    assert {m.score for m in alone} == {m.score for m in grouped}
    assert grouped[0].matched == alone[0].matched


def test_pairs_expand_each_text_to_its_people_best_first_once_per_pair():
    index = GroupedIndex(OFFERS)
    needs = [Item((20, 10), "photos de produits"), Item((21, 30), "product photos")]
    found = list(
        pairs(
            index.match(needs, min_score=0.2),
            need_holders=lambda m: [n for n in needs if text_key(n.text) == text_key(m.need.text)],
            offer_holders=lambda m: index.holders_of(m.offer),
            owner_of=_person,
        )
    )
    people = [(p.need_owner, p.offer_owner) for p in found]
    assert (10, 10) not in people  # never a person with themselves
    assert len(people) == len(set(people))
    assert {(30, 10), (30, 11), (30, 14), (10, 11), (10, 14)} <= set(people)
    scores = [p.match.score for p in found]
    assert scores == sorted(scores, reverse=True)


def test_a_saturated_person_stops_getting_pairs():
    index = GroupedIndex(OFFERS)
    needs = [Item((20, 30), "product photos")]
    uses: dict[object, int] = {}

    def full(person: object) -> bool:
        return uses.get(person, 0) >= 2

    found = []
    for pair in pairs(
        index.match(needs, min_score=0.2),
        need_holders=lambda m: needs,
        offer_holders=lambda m: index.holders_of(m.offer),
        owner_of=_person,
        saturated=full,
    ):
        uses[pair.need_owner] = uses.get(pair.need_owner, 0) + 1
        found.append(pair)
    assert len(found) == 2
