"""Reads for quick capture: only the few known people a capture's names could be."""

from __future__ import annotations

from collections.abc import Iterable

from entregent.accounts.models import User
from entregent.capture.parser import KnownPerson
from entregent.people.models import EmailAddress, Person, SearchTerm
from entregent.people.normalize import query_words
from entregent.people.selectors import person_search_ids

# Candidates per lookup; a capture names a handful of people, so a few lookups of at most
# this many rows each keep the cost independent of the network's size.
PER_LOOKUP_LIMIT = 25
TYPO_PREFIX = 3


def _name_queries(name: str) -> list[str]:
    """The name itself, then each word cut to its first letters in turn, so that a typo
    later in one word ("Whitfeld") still reaches the person ("dana whi" -> Dana Whitfield)."""
    words = query_words(name, limit=4)
    queries = [" ".join(words)] if words else []
    for i, word in enumerate(words):
        if len(word) > TYPO_PREFIX:
            variant = [*words[:i], word[:TYPO_PREFIX], *words[i + 1 :]]
            queries.append(" ".join(variant))
    return queries


def _exact_word_matches(owner: User, name: str) -> list[int]:
    """People indexed under every word of the name exactly (the most selective lookup)."""
    words = query_words(name, limit=4)
    if not words:
        return []
    qs = SearchTerm.objects.filter(owner=owner, term=words[0])
    for word in words[1:]:
        qs = qs.filter(
            person_id__in=SearchTerm.objects.filter(owner=owner, term=word).values("person_id")
        )
    return list(qs.values_list("person_id", flat=True)[:PER_LOOKUP_LIMIT])


def capture_known_people(
    *, owner: User, names: Iterable[str], emails: Iterable[str] = ()
) -> list[KnownPerson]:
    """The owner's people who could be meant by these names or e-mail addresses.

    Every lookup is a prefix search in the SearchTerm index capped at a few rows, so the
    cost follows the names in one capture, not the size of the network; the parser's
    fuzzy matcher then decides among these few.
    """
    ids: set[int] = set()
    for name in names:
        ids.update(_exact_word_matches(owner, name))
        for query in dict.fromkeys(_name_queries(name)):
            found = person_search_ids(owner=owner, query=query).values_list("person_id", flat=True)[
                :PER_LOOKUP_LIMIT
            ]
            ids.update(found)
    addresses = [e.strip().lower() for e in emails if e.strip()]
    if addresses:
        ids.update(
            EmailAddress.objects.filter(owner=owner, address__in=addresses).values_list(
                "person_id", flat=True
            )
        )
    if not ids:
        return []
    people = (
        Person.objects.filter(owner=owner, archived=False, pk__in=ids)
        .prefetch_related("emails")
        .order_by("sort_name", "id")
    )
    return [
        KnownPerson(id=p.pk, full_name=p.full_name, emails=tuple(e.address for e in p.emails.all()))
        for p in people
    ]
