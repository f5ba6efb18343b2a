"""Template tags other pages use to offer My Medicine features.

{% load mymedicine_tags %}
{% save_to_my_medicine drug %}            a "Save to My Medicine" link (drug pages)
{% save_to_my_medicine drug ndc=pill.ndc %} the same for a pill result's product
{% drug_recalls drug %}                   recent recalls of a drug (drug pages)
{% newsletter_signup %}                   the newsletter sign-up form (footer, home)
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format

from .. import selectors

register = template.Library()


@register.filter
def drug_url(drug) -> str:
    """A drug's page; `/drugs/<slug>/` as DESIGN.md fixes it when drugs' URLs are absent."""
    try:
        return drug.get_absolute_url()
    except NoReverseMatch:
        return f"/drugs/{drug.slug}/"


@register.filter
def join_names(drugs) -> str:
    names = [str(getattr(d, "name", d)) for d in drugs]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " & " + names[-1]


@register.inclusion_tag("mymedicine/_save_button.html")
def save_to_my_medicine(drug, ndc: str = "", name: str = ""):
    """`drug` is a Drug, or a drug slug (pill result cards carry plain values). `ndc` (11
    digits) preselects the product; `name` labels the link when a slug is given."""
    slug = drug if isinstance(drug, str) else getattr(drug, "slug", "")
    if not slug:
        return {"url": ""}
    url = reverse("mymedicine:save", args=[slug])
    if ndc:
        url += "?" + urlencode({"ndc": ndc.replace("-", "")})
    return {"name": name or getattr(drug, "name", ""), "url": url}


@register.inclusion_tag("mymedicine/_drug_recalls.html")
def drug_recalls(drug, limit: int = 3):
    recalls = list(selectors.recent_recalls_for_drug(drug=drug, limit=limit))
    return {"drug": drug, "recalls": recalls}


@register.inclusion_tag("mymedicine/_newsletter_signup.html")
def newsletter_signup(place: str = "footer"):
    return {"place": place}


@register.filter
def yyyymmdd(day) -> str:
    return date_format(day, "DATE_FORMAT") if day else ""
