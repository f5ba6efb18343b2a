"""The interaction checker's form, and finding the drug a reader means by what they typed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from drugs.models import Drug, DrugName
from drugs.selectors import drug_search
from drugs.text import normalize_name


def find_drug(text: str) -> Drug | None:
    """The published drug a reader means by a slug or a name (exact, then by start)."""
    text = (text or "").strip()
    if not text:
        return None
    drugs = Drug.objects.published()
    drug = drugs.filter(slug=text.lower()).first()
    if drug:
        return drug
    normalized = normalize_name(text)
    if not normalized:
        return None
    name = (
        DrugName.objects.filter(normalized=normalized, drug__is_published=True)
        .select_related("drug")
        .first()
    )
    if name:
        return name.drug
    # Prefix matches and close spellings, best first (the drugs app's typo-tolerant search).
    matches = drug_search(query=text, limit=1)
    return matches[0].drug if matches else None


class CheckerForm(forms.Form):
    """GET form: the current list (`drugs`, comma-separated slugs) plus one to add or remove."""

    drugs = forms.CharField(required=False, widget=forms.HiddenInput)
    add = forms.CharField(
        label=_("Add a medicine"),
        required=False,
        max_length=200,
        help_text=_("Type a brand or generic name, for example ibuprofen."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "list": "drug-suggestions", "data-suggest": "drugs"}
        ),
    )
    remove = forms.CharField(required=False, widget=forms.HiddenInput)

    def slugs(self) -> list[str]:
        raw = self.cleaned_data.get("drugs") or ""
        return [s for s in dict.fromkeys(p.strip().lower() for p in raw.split(",")) if s]
