"""What pills adds to drug pages (registered in `pills/apps.py`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from healthsite.registry import Section
from pills.models import PillImage
from pills.names import pill_title, readable_strength
from pills.presenters import alt_text

PICTURES_ON_DRUG_PAGE = 8
IMAGES_READ = 40  # photos read to find PICTURES_ON_DRUG_PAGE different pills


def _identify_url(pill) -> str:
    """The pill identifier's search for this pill's imprint, shape and first color."""
    query = {"imprint": pill.imprint_display, "shape": pill.shape}
    if pill.colors:
        query["color"] = pill.colors[0]
    return reverse("pills:identify") + "?" + urlencode({k: v for k, v in query.items() if v})


def drug_pill_pictures_section(request, drug) -> Section | None:
    """Photos of the drug's pills (NLM RxImage), one per pill, each linked to the pill
    identifier's result for it. One query, whatever the number of pills."""
    images = (
        PillImage.objects.filter(pill__drug=drug)
        .select_related("pill")
        .order_by("pill__strength", "pill__name", "pill_id", "pk")[:IMAGES_READ]
    )
    pictures: dict[int, dict] = {}
    for image in images:
        pill = image.pill
        if pill.pk in pictures or len(pictures) >= PICTURES_ON_DRUG_PAGE:
            continue
        picture = image.rendition or image.original
        if not picture:
            continue
        pictures[pill.pk] = {
            "url": picture.url,
            "alt": alt_text(pill),
            "title": pill_title(pill.name) if pill.name else drug.name,
            "strength": readable_strength(pill.strength),
            "identify_url": _identify_url(pill),
        }
    if not pictures:
        return None
    return {
        "template": "pills/_drug_pictures.html",
        "context": {"drug": drug, "pictures": list(pictures.values())},
        "order": 30,
    }
