"""What the dedupe app remembers: pairs said not to be duplicates, and merges (to undo them)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from entregent.core.models import OwnedModel
from entregent.dedupe.choices import MergeStatus


class NotDuplicate(OwnedModel):
    """Two people the user said are different: the pair is never proposed again.

    Stored with the smaller id first. When one of them is merged into someone else, the row
    follows the survivor like every other row that points at a person.
    """

    person_a = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    person_b = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("other person"),
    )

    class Meta:
        verbose_name = _("not a duplicate")
        verbose_name_plural = _("not duplicates")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "person_a", "person_b"], name="notduplicate_unique_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(person_a=models.F("person_b")), name="notduplicate_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id} ≠ {self.person_b_id}"


class Merge(OwnedModel):
    """One merge of `other` into `survivor`, with everything needed to undo it.

    The people are kept as plain ids, not foreign keys: `other` no longer exists after
    the merge, and the record must outlive later changes. `snapshot` holds `other` as it
    was, the survivor's fields the merge changed, and every row it moved, changed or
    deleted (model, primary key, previous values).
    """

    survivor_pk = models.BigIntegerField(_("survivor"))
    other_pk = models.BigIntegerField(_("merged person"))
    survivor_name = models.CharField(_("survivor's name"), max_length=200)
    other_name = models.CharField(_("merged person's name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=MergeStatus.choices, default=MergeStatus.MERGED
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    snapshot = models.JSONField(_("snapshot"), default=dict)

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["owner", "status", "survivor_pk"], name="merge_owner_survivor"),
            models.Index(fields=["owner", "status", "other_pk"], name="merge_owner_other"),
        ]

    def __str__(self) -> str:
        return f"{self.other_name} → {self.survivor_name}"
