"""Forms of the import and export page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entregent.exchange.choices import ExportFormat, ImportFormat

# What a column of a generic CSV can fill, in the words of the page.
MAPPING_LABELS: dict[str, Any] = {
    "ignore": _("Keep as an extra field"),
    "full_name": _("Full name"),
    "given_name": _("Given name"),
    "middle_name": _("Middle name"),
    "family_name": _("Family name"),
    "prefix": _("Name prefix"),
    "suffix": _("Name suffix"),
    "nickname": _("Nickname"),
    "organization": _("Organization"),
    "department": _("Department"),
    "role": _("Role or headline"),
    "emails": _("E-mail"),
    "phones": _("Phone"),
    "links": _("Link (website, LinkedIn…)"),
    "city": _("City"),
    "region": _("Region"),
    "country": _("Country"),
    "notes": _("Notes"),
    "birthday": _("Birthday"),
    "tags": _("Tags"),
    "connected_on": _("Connected on (first encounter)"),
    "source_key": _("Identifier in the source"),
}

DETECT = ""


def _format_choices() -> list[tuple[str, Any]]:
    return [(DETECT, _("Detect automatically")), *ImportFormat.choices]


class UploadForm(forms.Form):
    """A file to import, its format (detected by default), and what to do with look-alikes."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("A vCard (.vcf) or CSV export: phone, Gmail, Outlook, LinkedIn…"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".vcf,.vcard,.csv,.txt,text/vcard,text/csv"}
        ),
    )
    format = forms.ChoiceField(label=_("Format"), choices=_format_choices, required=False)
    skip_duplicates = forms.BooleanField(
        label=_("Skip people who look like someone I already have"), required=False
    )


class OptionsForm(forms.Form):
    """How to read an uploaded file again: another format, another column mapping."""

    format = forms.ChoiceField(label=_("Read the file as"), choices=ImportFormat.choices)
    skip_duplicates = forms.BooleanField(
        label=_("Skip people who look like someone I already have"), required=False
    )

    def __init__(self, *args: Any, headers: list[str] | None = None, **kwargs: Any) -> None:
        initial_mapping: dict[str, str] = kwargs.pop("mapping", None) or {}
        super().__init__(*args, **kwargs)
        self.headers = headers or []
        choices = list(MAPPING_LABELS.items())
        for index, header in enumerate(self.headers):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header or _("(no header)"),
                choices=choices,
                initial=initial_mapping.get(header, "ignore"),
                required=False,
            )

    def mapping_fields(self) -> list[forms.BoundField]:
        return [self[f"col_{i}"] for i in range(len(self.headers))]

    def mapping(self) -> dict[str, str]:
        """{header: field} from the cleaned form (call after is_valid)."""
        return {
            header: self.cleaned_data.get(f"col_{i}") or "ignore"
            for i, header in enumerate(self.headers)
        }


class ExportForm(forms.Form):
    """Which people to export, and in which format."""

    format = forms.ChoiceField(label=_("Format"), choices=ExportFormat.choices)
    tag = forms.CharField(label=_("Only people with this tag"), required=False, max_length=64)
    q = forms.CharField(label=_("Only people these words find"), required=False, max_length=200)
