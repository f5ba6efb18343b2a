"""The identify form: a plain GET form, every field optional but at least one needed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pills import codes

MAX_IMPRINT_TOKENS = 8


class IdentifyForm(forms.Form):
    imprint = forms.CharField(
        label=_("Imprint"),
        required=False,
        max_length=60,
        help_text=_(
            "The letters, numbers or symbol on the pill, on either side, in any order. "
            'Type "logo" for a picture.'
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    shape = forms.CharField(label=_("Shape"), required=False, max_length=30)
    color = forms.CharField(label=_("Color"), required=False, max_length=30)

    def clean_imprint(self) -> str:
        imprint = " ".join(self.cleaned_data["imprint"].split())
        if len([t for t in imprint.replace(";", " ").split() if t]) > MAX_IMPRINT_TOKENS:
            raise forms.ValidationError(
                _("Enter at most %(n)s groups of letters or numbers.") % {"n": MAX_IMPRINT_TOKENS}
            )
        return imprint

    def clean_shape(self) -> str:
        value = self.cleaned_data["shape"]
        if not value:
            return ""
        code = codes.shape_code(value)
        if code is None:
            raise forms.ValidationError(_("Choose a shape from the list."))
        return code

    def clean_color(self) -> str:
        value = self.cleaned_data["color"]
        if not value:
            return ""
        code = codes.color_code(value)
        if code is None:
            raise forms.ValidationError(_("Choose a color from the list."))
        return code

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.errors and not any(data.get(f) for f in ("imprint", "shape", "color")):
            self.add_error(
                "imprint",
                _("Enter the imprint, or choose a shape or a color, to identify a pill."),
            )
        return data

    def shape_options(self) -> list[dict]:
        return _options(self, "shape", codes.SHAPES, picture="shape")

    def color_options(self) -> list[dict]:
        return _options(self, "color", codes.COLORS, picture="color")


def _options(form: IdentifyForm, name: str, table: dict, *, picture: str) -> list[dict]:
    current = ""
    if form.is_bound:
        raw = form.data.get(name, "")
        current = (codes.shape_code(raw) if name == "shape" else codes.color_code(raw)) or ""
    options = [{"value": "", "label": _("Any"), "checked": not current, "id": f"id_{name}"}]
    for code, item in table.items():
        options.append(
            {
                "value": code,
                "label": item.label,
                "checked": code == current,
                "id": f"id_{name}_{code}",
                "picture": {"shape": code, "color": "C48325"}
                if picture == "shape"
                else {"shape": "C48348", "color": code},
            }
        )
    return options
