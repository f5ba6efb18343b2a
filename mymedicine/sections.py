"""What My Medicine adds to drug pages and pill results (registered in `mymedicine/apps.py`)."""

from __future__ import annotations

from healthsite.registry import Section


def drug_save_action(request, drug) -> Section:
    """Under a drug's name: "Save to My Medicine"."""
    return {"template": "mymedicine/_drug_save.html", "context": {"drug": drug}, "order": 10}


def drug_recalls_section(request, drug) -> Section:
    """Before a drug's reviews: its recent recalls, when it has any."""
    return {"template": "mymedicine/_drug_recalls_section.html", "context": {"drug": drug}}


def pill_save_action(request, card: dict) -> Section | None:
    """On a pill result card: "Save to My Medicine" with the pill's product chosen."""
    if not card["drug_slug"]:
        return None
    return {
        "template": "mymedicine/_pill_save.html",
        "context": {"slug": card["drug_slug"], "ndc": card["product_ndc11"], "name": card["title"]},
        "order": 10,
    }
