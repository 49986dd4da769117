"""Make a demo network as dense as a real one for the network benchmarks.

`entregent.core.demo.demo_generate` links each person to one or two others; the network
benchmarks want about ten connections per person (100k people: about 1M connections),
grouped the way real networks are: mostly within a community (the same organization,
else the same city), sometimes anywhere, so that brokers and weak ties exist.

    from netgen import densify
    added = densify(owner, per_person=10, seed=0)
"""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

LOCAL_SHARE = 0.75  # of the new connections, the share within the person's community
BATCH = 5_000


def densify(owner: Any, *, per_person: int = 10, seed: int = 0) -> int:
    """Add "knows" connections until there are about `per_person` connections per person.

    Each connection joins two people, so a person has about twice as many on average.

    Returns the number of connections added. Existing pairs are kept; duplicates are skipped.
    """
    from django.db import transaction

    from entregent.people.models import Connection, Person

    rng = random.Random(seed)
    rows = list(Person.objects.filter(owner=owner).values_list("id", "organization_id", "city"))
    if len(rows) < 2:
        return 0
    ids = [pk for pk, _org, _city in rows]
    community: dict[Any, list[int]] = defaultdict(list)
    key_of: dict[int, Any] = {}
    for pk, org, city in rows:
        key = ("org", org) if org else ("city", city or "")
        community[key].append(pk)
        key_of[pk] = key
    existing = Connection.objects.filter(owner=owner).count()
    wanted = max(0, per_person * len(ids) - existing)
    seen: set[tuple[int, int]] = {
        (min(a, b), max(a, b))
        for a, b in Connection.objects.filter(owner=owner).values_list("from_person", "to_person")
    }
    added = 0
    batch: list[Connection] = []
    attempts = 0
    while added < wanted and attempts < wanted * 3:
        attempts += 1
        a = rng.choice(ids)
        members = community[key_of[a]]
        b = (
            rng.choice(members)
            if len(members) > 1 and rng.random() < LOCAL_SHARE
            else rng.choice(ids)
        )
        pair = (min(a, b), max(a, b))
        if a == b or pair in seen:
            continue
        seen.add(pair)
        batch.append(
            Connection(owner=owner, from_person_id=pair[0], to_person_id=pair[1], kind="knows")
        )
        added += 1
        if len(batch) >= BATCH:
            with transaction.atomic():
                Connection.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    if batch:
        with transaction.atomic():
            Connection.objects.bulk_create(batch, ignore_conflicts=True)
    return added
