"""Writes of the network app: computing and storing tie strength, and the circles it sets.

`tie_recompute` scores the owner's people (all, or some) from the aggregate signals of
`selectors.tie_signals`, upserts one `TieStrength` row per person in bulk and, when asked
(`apply_circles`), moves the circle of every person whose circle is not pinned and who has
at least one encounter on record (with nothing recorded there is no evidence to move it),
recomputing their next check-in with the follow-ups' own `next_check_in_for` in the same
pass.

Logging or changing an encounter refreshes the scores of its participants at once
(`tie_refresh`, scores only); circles move in the recompute for everyone — on demand
(`entregent ties --recompute`, the API, the Connect page) or lazily once the stored scores
are a day old when the radar is read — so a circle does not flap with every edit.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from entregent.accounts.models import User
from entregent.followups.cadence import next_check_in_for
from entregent.network.models import TieStrength
from entregent.network.selectors import tie_signals, ties_stale
from entregent.network.ties import TieSignals, tie_score
from entregent.people.models import Person

BATCH = 2000
# Above this many people a page read does not recompute stale scores inline (it takes
# seconds): see `ties_ensure_fresh`.
LAZY_LIMIT = 20_000


@dataclass(frozen=True)
class RecomputeResult:
    """What a recompute did: people scored, circles moved."""

    scored: int
    circles_changed: int


@transaction.atomic
def tie_recompute(
    *,
    owner: User,
    person_ids: Collection[int] | None = None,
    apply_circles: bool = False,
    now: dt.datetime | None = None,
) -> RecomputeResult:
    """Score the owner's people (all, or `person_ids`), store the scores in bulk and, with
    `apply_circles`, move the unpinned circles (and their next check-in) that changed."""
    now = now or timezone.now()
    people = Person.objects.filter(owner=owner)
    if person_ids is not None:
        people = people.filter(id__in=list(person_ids))
    rows = list(
        people.values_list(
            "id", "circle", "circle_pinned", "cadence_days", "created", "last_interaction_at"
        ).order_by()
    )
    if not rows:
        return RecomputeResult(scored=0, circles_changed=0)
    signals = tie_signals(owner=owner, person_ids=person_ids)
    ties: list[tuple[Any, ...]] = []
    moved: list[Person] = []
    stamp = connection.ops.adapt_datetimefield_value(now)
    for pid, circle, pinned, cadence_days, created, last in rows:
        found = signals.get(pid)
        score = tie_score(found or TieSignals(person_id=pid), now=now)
        ties.append(
            (
                owner.pk,
                pid,
                score.score,
                score.circle,
                json.dumps(score.as_components(), separators=(",", ":")),
                stamp,
                stamp,
                stamp,
            )
        )
        if (
            apply_circles
            and not pinned
            and found is not None
            and found.encounters > 0
            and score.circle != circle
        ):
            person = Person(
                id=pid,
                owner=owner,
                circle=score.circle,
                cadence_days=cadence_days,
                created=created,
                last_interaction_at=last,
            )
            person.next_check_in = next_check_in_for(owner=owner, person=person, last=last)
            person.updated = now
            moved.append(person)
    _upsert(ties)
    if moved:
        # `updated` too: the calendar feed's ETag reads it.
        Person.objects.bulk_update(moved, ["circle", "next_check_in", "updated"], batch_size=BATCH)
    return RecomputeResult(scored=len(ties), circles_changed=len(moved))


_COLUMNS = ("owner_id", "person_id", "score", "circle", "components", "computed_at", "created")
_UPDATED = ("score", "circle", "components", "computed_at", "updated")


def _upsert(rows: list[tuple[Any, ...]]) -> None:
    """Insert or update the rows (one per person) with one prepared statement run over
    every row: the ORM's bulk upsert builds a model and a statement per batch, which at
    100k people cost more than computing the scores. Both SQLite and PostgreSQL speak
    `ON CONFLICT … DO UPDATE … excluded`."""
    quote = connection.ops.quote_name
    columns = [*_COLUMNS, "updated"]
    # Only constant identifiers, quoted by the backend, go into the text; values are bound.
    table = quote(TieStrength._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    values = ", ".join(["%s"] * len(columns))
    updates = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in _UPDATED)
    conflict = f"ON CONFLICT ({quote('person_id')}) DO UPDATE SET {updates}"
    sql = f"INSERT INTO {table} ({names}) VALUES ({values}) {conflict}"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH * 5):
            cursor.executemany(sql, rows[start : start + BATCH * 5])


def tie_refresh(*, people: Iterable[Person]) -> None:
    """Refresh the stored scores of these people (after an encounter of theirs changed):
    a few aggregate queries limited to them; circles are left to the recompute for all."""
    by_owner: dict[int, list[int]] = {}
    owners: dict[int, User] = {}
    for person in people:
        if person.pk is None:
            continue
        by_owner.setdefault(person.owner_id, []).append(person.pk)
        owners.setdefault(person.owner_id, person.owner)
    for owner_id, ids in by_owner.items():
        tie_recompute(owner=owners[owner_id], person_ids=ids)


def ties_ensure_fresh(
    *, owner: User, now: dt.datetime | None = None, max_people: int | None = None
) -> bool:
    """Recompute everyone (circles included) when the stored scores are missing or a day
    old, unless the owner has more than `max_people` people (then a page read would wait
    too long: `entregent ties --recompute` from cron, or the Connect page's button, does
    it; `max_people` defaults to LAZY_LIMIT). Says whether the scores are fresh now."""
    now = now or timezone.now()
    if not ties_stale(owner=owner, now=now):
        return True
    limit = LAZY_LIMIT if max_people is None else max_people
    if Person.objects.filter(owner=owner).count() > limit:
        return False
    tie_recompute(owner=owner, apply_circles=True, now=now)
    return True
