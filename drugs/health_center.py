"""The drugs section on a health center page (articles collects `<app>/health_center.py`
sections): a few published drugs used for the center's conditions, with a link to the
full list of drugs for each condition. Two queries, whatever the number of drugs.
"""

from __future__ import annotations

from drugs.models import Drug

RELATED_DRUGS = 6


def health_center_section(request, center) -> dict | None:
    drugs = list(
        Drug.objects.published()
        .filter(condition_links__condition__health_centers=center)
        .distinct()
        .only("name", "slug", "kind", "summary")
        .order_by("name")[:RELATED_DRUGS]
    )
    if not drugs:
        return None
    conditions = list(
        center.conditions.filter(drug_links__drug__is_published=True)
        .distinct()
        .only("name", "slug")
        .order_by("name")
    )
    return {
        "template": "drugs/_health_center.html",
        "context": {"drugs": drugs, "conditions": conditions},
        "order": 30,
    }
