"""The merge form: for each field that differs, whose value the survivor keeps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entregent.dedupe.choices import Keep
from entregent.dedupe.selectors import FieldChoice


class MergeForm(forms.Form):
    """One radio group per differing field (`keep_<field>`), built from the preview."""

    def __init__(self, *args: Any, preview: list[FieldChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.preview = preview
        for item in preview:
            options = [
                (Keep.SURVIVOR.value, _("Keep A's")),
                (Keep.OTHER.value, _("Take B's")),
            ]
            if item.can_join:
                options.append((Keep.BOTH.value, _("Keep both")))
            self.fields[f"keep_{item.name}"] = forms.ChoiceField(
                label=item.label,
                choices=options,
                initial=item.default,
                required=False,
                widget=forms.RadioSelect,
            )

    def choices(self) -> dict[str, str]:
        """The chosen side of each field, as the merge service takes them."""
        return {
            item.name: self.cleaned_data.get(f"keep_{item.name}") or item.default
            for item in self.preview
        }

    def rows(self) -> list[tuple[FieldChoice, forms.BoundField]]:
        return [(item, self[f"keep_{item.name}"]) for item in self.preview]
