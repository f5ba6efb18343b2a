"""Filters for pages that show a checked list of medicines.

{% load interactions_tags %}
{{ drugs|join_names }}    "Aspirin, Ibuprofen & Warfarin"
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template

register = template.Library()


@register.filter
def join_names(drugs: Iterable[object]) -> str:
    names = [str(getattr(d, "name", d)) for d in drugs]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " & " + names[-1]
