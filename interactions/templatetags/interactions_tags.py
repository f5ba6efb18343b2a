"""Filters for pages that show a checked list of medicines.

{% load interactions_tags %}
{{ drugs|join_names }}    "Aspirin, Ibuprofen & Warfarin"
{{ drugs|and_names }}     "Aspirin, Ibuprofen and Warfarin"
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def join_names(drugs: Iterable[object]) -> str:
    names = [str(getattr(d, "name", d)) for d in drugs]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " & " + names[-1]


@register.filter
def and_names(drugs: Iterable[object]) -> str:
    """Names as a sentence would list them: "Aspirin, Ibuprofen and Warfarin" (translated)."""
    names = [str(getattr(d, "name", d)) for d in drugs]
    if len(names) <= 1:
        return "".join(names)
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}
