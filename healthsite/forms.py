"""Site-wide form rendering: every Django form renders with our GOV.UK-style components.

`FORM_RENDERER = "healthsite.forms.SiteFormRenderer"` makes `{{ form }}` render
templates/components/form_fields.html and `{{ field.as_field_group }}` render
templates/components/field.html (label, hint, error message, aria-describedby, aria-invalid).
"""

from pathlib import Path
from typing import Any

import django.forms
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class SiteFormRenderer(DjangoTemplates):
    form_template_name = "components/form_fields.html"
    field_template_name = "components/field.html"

    @cached_property
    def engine(self):
        # Django's own widget templates plus our template tree (for the components).
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    Path(settings.BASE_DIR) / "templates",
                    Path(django.forms.__file__).parent / "templates",
                ],
                "NAME": "healthsite-forms",
                "OPTIONS": {},
            }
        )


class StyleguideExampleForm(forms.Form):
    """A form with one of each kind of field, shown on /styleguide/ (never submitted)."""

    name = forms.CharField(label=_("Full name"), max_length=100)
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We only use this to send you a confirmation link."),
    )
    how_often = forms.ChoiceField(
        label=_("How often do you take this medicine?"),
        choices=[
            ("daily", _("Every day")),
            ("weekly", _("Every week")),
            ("needed", _("When needed")),
        ],
        widget=forms.RadioSelect,
        help_text=_("Choose one."),
    )
    form = forms.ChoiceField(
        label=_("Form"),
        choices=[("", _("Choose a form")), ("tablet", _("Tablet")), ("liquid", _("Liquid"))],
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("For example, take with food."),
    )
    reminders = forms.BooleanField(label=_("Send me reminders by email"), required=False)
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("reminders") and not cleaned.get("email"):
            raise forms.ValidationError(_("Give an email address to get reminders."))
        return cleaned
