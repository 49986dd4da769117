"""Reads for quick capture: only the few known people a capture's names could be."""

from __future__ import annotations

from collections.abc import Iterable

from entregent.accounts.models import User
from entregent.capture.parser import KnownPerson
from entregent.people.models import EmailAddress, Person
from entregent.people.normalize import query_words
from entregent.people.selectors import person_find_by_name, person_search_ids

# Per name: its exact/prefix matches, and people sharing the first letters of one of its
# words (so that a typo, "Whitfeld", still reaches "Whitfield" for the fuzzy matcher).
PREFIX_LENGTH = 4
PER_WORD_LIMIT = 25


def capture_known_people(
    *, owner: User, names: Iterable[str], emails: Iterable[str] = ()
) -> list[KnownPerson]:
    """The owner's people who could be meant by these names or e-mail addresses.

    Every lookup goes through the search index, so the cost follows the names in one
    capture, not the size of the network.
    """
    ids: set[int] = set()
    for name in names:
        ids.update(p.pk for p in person_find_by_name(owner=owner, name=name))
        for word in query_words(name, limit=4):
            if len(word) < 3:
                continue
            prefix = word[:PREFIX_LENGTH]
            found = person_search_ids(owner=owner, query=prefix).values_list(
                "person_id", flat=True
            )[:PER_WORD_LIMIT]
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
