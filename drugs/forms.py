"""Forms for finding drugs and writing reviews. GET forms work without JavaScript."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from articles.models import Condition
from drugs.models import Review
from healthsite.text import contains_link

KIND_FILTERS = [
    ("", _("All")),
    ("prescription", _("Prescription")),
    ("otc", _("Over the counter")),
    ("supplements", _("Vitamins & supplements")),
]


class DrugSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Drug or supplement name"),
        help_text=_("Brand or generic name, for example ibuprofen or Advil"),
        max_length=100,
        required=False,
    )
    condition = forms.CharField(label=_("Condition"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=KIND_FILTERS, required=False)
    letter = forms.CharField(max_length=3, required=False)


RATING_CHOICES = [(n, str(n)) for n in range(5, 0, -1)]


class ReviewForm(forms.ModelForm):
    effectiveness = forms.TypedChoiceField(
        label=_("Effectiveness"),
        help_text=_("5 is best"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    ease_of_use = forms.TypedChoiceField(
        label=_("Ease of use"),
        help_text=_("5 is best"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction"),
        help_text=_("5 is best"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Review
        fields = [
            "condition",
            "effectiveness",
            "ease_of_use",
            "satisfaction",
            "role",
            "age_band",
            "sex",
            "time_on",
            "body",
        ]
        widgets = {
            "role": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "body": _(
                "What helped, what did not, any side effects. Plain text or simple Markdown. "
                "Do not include your name, phone number or links."
            ),
            "condition": _("Choose the condition you took it for, if it is listed."),
        }

    def __init__(self, *args: Any, conditions: QuerySet[Condition] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["condition"]
        role = self.fields["role"]
        # The model's foreign key and choices give these form field classes.
        assert isinstance(field, forms.ModelChoiceField)
        assert isinstance(role, forms.ChoiceField)
        field.queryset = conditions if conditions is not None else Condition.objects.none()
        field.empty_label = _("Not listed / prefer not to say")
        field.required = False
        role.choices = Review.Role.choices

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) < 20:
            raise forms.ValidationError(_("Write at least 20 characters about your experience."))
        if contains_link(body):
            raise forms.ValidationError(_("Reviews cannot contain links."))
        return body


class ReviewReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this review?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewHideForm(forms.Form):
    reason = forms.CharField(label=_("Reason for hiding"), max_length=255, required=False)
