"""Filters for pages that show a checked list of medicines.

{% load interactions_tags %}
{{ drugs|join_names }}    "Aspirin, Ibuprofen & Warfarin"
{{ drugs|and_names }}     "Aspirin, Ibuprofen and Warfarin"
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django import template
from django.utils.translation import gettext as _

register = template.Library()


def _listed(drugs: Iterable[object], join_last: Callable[[str, str], str]) -> str:
    """Names joined by commas, the last one by `join_last(head, last)`."""
    names = [str(getattr(d, "name", d)) for d in drugs]
    if len(names) <= 1:
        return "".join(names)
    return join_last(", ".join(names[:-1]), names[-1])


@register.filter
def join_names(drugs: Iterable[object]) -> str:
    """Names for a title: "Aspirin, Ibuprofen & Warfarin"."""
    return _listed(drugs, lambda head, last: f"{head} & {last}")


@register.filter
def and_names(drugs: Iterable[object]) -> str:
    """Names as a sentence lists them: "Aspirin, Ibuprofen and Warfarin" (translated, so a
    language may order the parts its own way)."""
    return _listed(
        drugs, lambda head, last: _("%(names)s and %(last)s") % {"names": head, "last": last}
    )
