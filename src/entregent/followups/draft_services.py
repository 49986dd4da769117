"""Writes behind a follow-up's draft: keep the user's edit, or discard it to regenerate.

Nothing here sends anything: the user copies the text, opens it in their mail app
(`mailto:`) or downloads it as an .eml file.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.core.errors import InvalidInput
from entregent.core.services import full_clean_or_raise
from entregent.followups.models import FollowUp

DRAFT_FIELDS = ["draft_subject", "draft_body", "draft_edited_at"]


def _clean_subject(value: str) -> str:
    return " ".join(value.split())


def _clean_body(value: str) -> str:
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


@transaction.atomic
def draft_save(*, followup: FollowUp, subject: str, body: str) -> FollowUp:
    """Keep the user's version of the draft; it is shown instead of the generated one
    until discarded."""
    subject, body = _clean_subject(subject), _clean_body(body)
    if not body.strip():
        raise InvalidInput.for_field("body", _("Write the message, or discard your edit."))
    if not subject:
        raise InvalidInput.for_field("subject", _("This field cannot be blank."))
    followup.draft_subject = subject
    followup.draft_body = body
    followup.draft_edited_at = timezone.now()
    try:
        full_clean_or_raise(
            followup,
            exclude=[f.name for f in FollowUp._meta.fields if f.name not in DRAFT_FIELDS],
        )
    except InvalidInput as exc:
        # Named as the user knows them: subject and body.
        field, messages = next(iter(exc.errors.items()))
        raise InvalidInput.for_field(field.removeprefix("draft_"), messages[0]) from None
    followup.save(update_fields=[*DRAFT_FIELDS, "updated"])
    return followup


@transaction.atomic
def draft_discard(*, followup: FollowUp) -> FollowUp:
    """Forget the user's edit: the draft is generated again from what is known now."""
    followup.draft_subject = ""
    followup.draft_body = ""
    followup.draft_edited_at = None
    followup.save(update_fields=[*DRAFT_FIELDS, "updated"])
    return followup
