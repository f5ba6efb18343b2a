"""What interactions adds to drug pages (registered in `interactions/apps.py`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from drugs.text import base_name
from healthsite.registry import Section
from interactions.models import Interaction, Severity

PARTNERS_NAMED = 8


def _serious_partners(ingredient_ids: set[int]) -> list[str]:
    """What our editorial rules say the drug must not, or should rarely, be taken with
    (major and do-not-combine rules), worst first: each rule's group label for the other
    side ("NSAID pain relievers (such as ...)") or the other ingredient's base name (its salts
    named once: "quinidine"). One query."""
    rows = (
        Interaction.objects.filter(
            Q(ingredient_a__in=ingredient_ids) | Q(ingredient_b__in=ingredient_ids),
            source=Interaction.Source.EDITORIAL,
            severity__gte=Severity.MAJOR,
        )
        .order_by("-severity", "pk")
        .values_list(
            "ingredient_a_id",
            "ingredient_a__name",
            "class_a",
            "ingredient_b__name",
            "class_b",
            "severity",
        )
    )
    partners: dict[str, int] = {}
    for a_id, a_name, a_class, b_name, b_class, severity in rows:
        if a_id in ingredient_ids:
            label = b_class or base_name(b_name)
        else:
            label = a_class or base_name(a_name)
        partners.setdefault(label, severity)
    return list(partners)


def drug_interactions_section(request, drug) -> Section | None:
    """A link to check the drug with others in the interaction checker, with the serious
    interactions our editorial rules name for it (the ingredients come prefetched with the
    drug from `drugs.selectors.drug_detail`)."""
    ingredient_ids = {link.ingredient_id for link in drug.drug_ingredients.all()}
    if not ingredient_ids:
        return None
    partners = _serious_partners(ingredient_ids)
    return {
        "template": "interactions/_drug_section.html",
        "context": {
            "drug": drug,
            "partners": partners[:PARTNERS_NAMED],
            "more": max(0, len(partners) - PARTNERS_NAMED),
            "checker_url": reverse("interactions:checker") + "?" + urlencode({"drugs": drug.slug}),
        },
        "order": 40,
    }
