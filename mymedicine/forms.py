"""Forms for My Medicine: profiles, saved medicines and recall alerts."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drugs.models import Drug, Product
from interactions.forms import find_drug

from .models import Profile


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    relationship = forms.ChoiceField(label=_("Who is this?"), choices=Profile.Relationship.choices)
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        help_text=_("Some medicines need different care for children and older people."),
    )

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year is not None and not (1900 <= year <= timezone.now().year):
            raise forms.ValidationError(
                _("Enter a year between 1900 and %(year)s.") % {"year": timezone.now().year}
            )
        return year


class MedicineForm(forms.Form):
    medicine = forms.CharField(
        label=_("Medicine"),
        max_length=200,
        help_text=_("Brand or generic name."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "list": "drug-suggestions", "data-suggest": "drugs"}
        ),
    )
    strength = forms.CharField(
        label=_("Strength"), max_length=100, required=False,
        help_text=_("For example: 10 mg."),
    )  # fmt: skip
    dose_note = forms.CharField(
        label=_("How you take it"), max_length=300, required=False,
        help_text=_("For example: one tablet every morning."),
    )  # fmt: skip
    started_on = forms.DateField(
        label=_("Date you started"),
        required=False,
        help_text=_("If you do not know the day, choose the first of the month."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    prescriber = forms.CharField(label=_("Prescribed by"), max_length=120, required=False)

    def __init__(self, *args, drug: Drug | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.drug = drug
        if drug is not None:
            del self.fields["medicine"]
            products = Product.objects.filter(drug=drug).order_by("name", "strength")[:50]
            if products:
                self.fields["product"] = forms.ModelChoiceField(
                    label=_("Product"),
                    queryset=Product.objects.filter(pk__in=[p.pk for p in products]),
                    required=False,
                    empty_label=_("Not sure / any"),
                )

    def clean_medicine(self):
        drug = find_drug(self.cleaned_data["medicine"])
        if drug is None:
            raise forms.ValidationError(
                _("We could not find a medicine called “%(name)s”. Check the spelling.")
                % {"name": self.cleaned_data["medicine"]}
            )
        self.drug = drug
        return drug

    def clean_started_on(self):
        day = self.cleaned_data.get("started_on")
        if day and day > timezone.localdate() + dt.timedelta(days=366):
            raise forms.ValidationError(_("Enter a date that is not far in the future."))
        return day


class SaveToProfileForm(MedicineForm):
    profile = forms.TypedChoiceField(label=_("Save it for"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, profiles, **kwargs):
        super().__init__(*args, **kwargs)
        profile_field = self.fields["profile"]
        assert isinstance(profile_field, forms.ChoiceField)
        profile_field.choices = [(p.pk, p.name) for p in profiles]
        # Ask who it is for first.
        self.order_fields(["profile"])
        if profiles:
            self.fields["profile"].initial = profiles[0].pk


class AlertsForm(forms.Form):
    recall_alerts = forms.BooleanField(
        label=_("Email me when a medicine on this list is recalled"), required=False
    )
