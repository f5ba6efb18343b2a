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
from django.core.exceptions import ValidationError
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


# The range of the databases' integer keys (a 64-bit signed integer on SQLite and PostgreSQL).
LARGEST_ID = 2**63 - 1


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several rows by id, where an id too large for the database is an invalid
    choice like any other. Django checks each id alone (where it copes) and then asks for
    them all with an `IN` lookup, which fails with OverflowError on SQLite and an
    out-of-range error on PostgreSQL: a 500 for a hand-made form post (issue 16)."""

    def clean(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            try:
                number = int(str(pk))
            except ValueError:
                continue  # Django's own check reports it
            if not -LARGEST_ID - 1 <= number <= LARGEST_ID:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super().clean(value)


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
