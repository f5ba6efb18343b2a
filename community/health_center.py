"""The community's section on a health center page (articles collects `<app>/health_center.py`
sections): support groups, expert answers and Second Opinion posts for the center's
conditions, or linked to the center itself.
"""

from __future__ import annotations

from django.db.models import Q

from community import selectors
from community.models import SupportGroup


def health_center_section(request, center) -> dict | None:
    related = getattr(center, "conditions", None)
    conditions = list(related.all()) if related is not None else []
    groups = list(
        SupportGroup.objects.public()
        .filter(Q(health_centers=center.pk) | Q(conditions__in=conditions))
        .distinct()[:4]
    )
    perspectives = list(
        selectors.published_perspectives(conditions=conditions, health_center=center, limit=3)
    )
    answered = list(
        selectors.answered_questions().filter(topic__conditions__in=conditions).distinct()[:5]
    )
    if not (groups or perspectives or answered):
        return None
    return {
        "template": "community/_health_center.html",
        "context": {"groups": groups, "perspectives": perspectives, "answered": answered},
        "order": 50,
    }
