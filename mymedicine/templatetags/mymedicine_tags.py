"""Template tags other pages use to offer My Medicine features.

{% load mymedicine_tags %}
{% save_to_my_medicine drug %}            a "Save to My Medicine" link (drug pages)
{% save_to_my_medicine drug ndc=pill.ndc %} the same for a pill result's product
{% drug_recalls drug %}                   a drug's recalls, open ones first (drug pages)

Drug pages and pill results load these tags although drugs and pills are lower layers than
My Medicine; they are to come through the site's section registry instead.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from .. import selectors

register = template.Library()


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
def drug_recalls(drug, limit: int = 5):
    recalls, more = selectors.recalls_for_drug(drug=drug, limit=limit)
    return {"drug": drug, "recalls": recalls, "more": more}
