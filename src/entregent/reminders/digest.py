"""The daily digest e-mail: Today's items as plain text and simple HTML, in the user's language."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import ngettext

from entregent.accounts.models import User
from entregent.followups.choices import FollowUpKind
from entregent.reminders.agenda import AgendaItem


def _kind_label(kind: str) -> str:
    try:
        return str(FollowUpKind(kind).label)
    except ValueError:
        return kind


def digest_message(
    *, owner: User, items: list[AgendaItem], today: dt.date, to: str
) -> EmailMultiAlternatives:
    """The digest for one owner and day, ready to send (nothing is sent here)."""
    base = settings.ENTREGENT_BASE_URL
    with translation.override(owner.language or settings.LANGUAGE_CODE):
        rows = [
            {
                "kind": _kind_label(item.kind),
                "name": item.person_name,
                "topic": item.topic,
                "url": base + reverse("people:detail", args=[item.person_id]),
                "due": formats.date_format(item.due_on, "SHORT_DATE_FORMAT"),
                "overdue": item.overdue_days(today),
                "ahead": item.due_on > today,
            }
            for item in items
        ]
        context = {
            "rows": rows,
            "lang": owner.language or settings.LANGUAGE_CODE,
            "day": formats.date_format(today, "DATE_FORMAT"),
            "home_url": base + reverse("web:home"),
            "settings_url": base + reverse("reminders:settings"),
        }
        subject = ngettext(
            "Entregent, %(day)s: %(count)d thing to do today",
            "Entregent, %(day)s: %(count)d things to do today",
            len(rows),
        ) % {"day": context["day"], "count": len(rows)}
        text = render_to_string("reminders/digest.txt", context)
        html = render_to_string("reminders/digest.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Auto-Submitted": "auto-generated", "X-Entregent-Digest": today.isoformat()},
    )
    message.attach_alternative(html, "text/html")
    return message
