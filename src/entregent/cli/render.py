"""How the CLI shows records: plain dicts for `--json`, rich tables and panels for people.

The JSON shapes are stable for scripts: ids are integers, dates ISO 8601, choices their
stored values (the translated label is only for people reading a table).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from entregent.accounts.models import ApiToken, User
    from entregent.encounters.models import Encounter, Event
    from entregent.followups.models import FollowUp
    from entregent.people.models import Connection, Fact, Milestone, Organization, Person


def when(value: dt.datetime | dt.date | None) -> str:
    """A date as YYYY-MM-DD, a moment as local YYYY-MM-DD HH:MM: the same form the CLI reads."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def table(*headers: str, title: str | None = None) -> Table:
    """A table with translated headers; user text goes in as `Text` so it is never markup."""
    result = Table(title=title, title_justify="left", header_style="bold", expand=False)
    for header in headers:
        result.add_column(header, overflow="fold")
    return result


def cells(*values: object) -> list[Text]:
    return [Text("" if v is None else str(v)) for v in values]


def ref(obj: Any, attr: str = "name") -> dict[str, Any] | None:
    """A reference to another record: its id and what it is called."""
    if obj is None:
        return None
    return {"id": obj.pk, "name": getattr(obj, attr)}


# Accounts --------------------------------------------------------------------------------


def user_json(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "username": user.username,
        "language": user.language,
        "date_joined": user.date_joined,
    }


def token_json(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created": token.created,
        "last_used": token.last_used,
        "revoked": token.revoked,
        "active": token.is_active,
    }


# People ----------------------------------------------------------------------------------


def organization_json(org: Organization) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": org.pk,
        "name": org.name,
        "domain": org.domain,
        "industry": org.industry,
        "notes": org.notes,
    }
    if hasattr(org, "people_count"):
        data["people_count"] = org.people_count
    return data


def person_json(person: Person) -> dict[str, Any]:
    """A person as a list shows them (organization and tags loaded by the selector)."""
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "headline": person.headline,
        "organization": ref(person.organization),
        "city": person.city,
        "circle": person.circle,
        "archived": person.archived,
        "tags": [t.name for t in person.tags.all()],
    }


def person_full_json(person: Person) -> dict[str, Any]:
    """Everything about a person (e-mails, phones and links prefetched by person_detail)."""
    return {
        **person_json(person),
        "language": person.language,
        "how_we_met": person.how_we_met,
        "introduced_by": ref(person.introduced_by, "full_name"),
        "circle_pinned": person.circle_pinned,
        "cadence_days": person.cadence_days,
        "notes": person.notes,
        "emails": [e.address for e in person.emails.all()],
        "phones": [p.number for p in person.phones.all()],
        "links": [{"url": link.url, "kind": link.kind} for link in person.links.all()],
        "created": person.created,
        "updated": person.updated,
    }


def fact_json(fact: Fact, person: Person | None) -> dict[str, Any]:
    """A fact; the caller passes its person (None for "me"), already loaded."""
    return {
        "id": fact.pk,
        "kind": fact.kind,
        "text": fact.text,
        "person": ref(person, "full_name"),
        "encounter": fact.encounter_id,
        "created": fact.created,
    }


def milestone_json(milestone: Milestone) -> dict[str, Any]:
    return {
        "id": milestone.pk,
        "kind": milestone.kind,
        "date": milestone.date,
        "yearly": milestone.yearly,
        "note": milestone.note,
        "person": milestone.person_id,
    }


def connection_json(connection: Connection, other: Person) -> dict[str, Any]:
    return {
        "id": connection.pk,
        "kind": connection.kind,
        "note": connection.note,
        "person": ref(other, "full_name"),
    }


def followup_json(followup: FollowUp) -> dict[str, Any]:
    return {
        "id": followup.pk,
        "due_on": followup.due_on,
        "kind": followup.kind,
        "topic": followup.topic,
        "status": followup.status,
    }


def people_table(people: list[Person], title: str | None = None) -> Table:
    result = table(
        _("Id"), _("Name"), _("Role"), _("Organization"), _("City"), _("Tags"), title=title
    )
    for p in people:
        result.add_row(
            *cells(
                p.pk,
                p.full_name,
                p.headline,
                p.organization.name if p.organization else "",
                p.city,
                ", ".join(t.name for t in p.tags.all()),
            )
        )
    return result


# Encounters and events -------------------------------------------------------------------


def event_json(event: Event) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": event.pk,
        "name": event.name,
        "kind": event.kind,
        "date": event.date,
        "place": event.place,
        "size": event.size,
        "notes": event.notes,
    }
    if hasattr(event, "encounter_count"):
        data["encounter_count"] = event.encounter_count
    return data


def encounter_json(encounter: Encounter) -> dict[str, Any]:
    return {
        "id": encounter.pk,
        "occurred_at": encounter.occurred_at,
        "channel": encounter.channel,
        "place": encounter.place,
        "event": ref(encounter.event),
        "participants": [ref(p, "full_name") for p in encounter.participants.all()],
        "summary": encounter.summary,
        "meaningful": encounter.meaningful,
        "initiated_by": encounter.initiated_by,
    }


def encounters_table(encounters: list[Encounter], title: str | None = None) -> Table:
    result = table(
        _("Id"), _("When"), _("Channel"), _("With"), _("Event"), _("Summary"), title=title
    )
    for e in encounters:
        result.add_row(
            *cells(
                e.pk,
                when(e.occurred_at),
                e.get_channel_display() + ("" if e.meaningful else " ·"),
                ", ".join(p.full_name for p in e.participants.all()),
                e.event.name if e.event else "",
                e.summary,
            )
        )
    return result


def events_table(events: list[Event], title: str | None = None) -> Table:
    result = table(_("Id"), _("Date"), _("Name"), _("Kind"), _("Place"), _("Size"), title=title)
    for e in events:
        result.add_row(*cells(e.pk, when(e.date), e.name, e.get_kind_display(), e.place, e.size))
    return result


def organizations_table(orgs: list[Organization], title: str | None = None) -> Table:
    result = table(_("Id"), _("Name"), _("Domain"), _("Industry"), _("People"), title=title)
    for o in orgs:
        result.add_row(*cells(o.pk, o.name, o.domain, o.industry, getattr(o, "people_count", "")))
    return result
