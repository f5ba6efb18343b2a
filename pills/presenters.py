"""Plain values for result cards and the JSON API, shared so both say the same."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from pills.models import Pill
from pills.names import pill_title, readable_strength


def picture_url(pill: Pill) -> str:
    images = list(pill.images.all())
    if images:
        image = images[0]
        return (image.rendition or image.original).url
    query = {"shape": pill.shape or "C48348", "imprint": pill.imprint[:40]}
    if pill.colors:
        query["color"] = ",".join(pill.colors)
    return reverse("pills:picture") + "?" + urlencode(query)


def form_word(pill: Pill) -> str:
    form = (pill.dosage_form or "").upper()
    if "CAPSULE" in form or pill.shape == "C48336":
        return _("capsule")
    if "LOZENGE" in form or "TROCHE" in form:
        return _("lozenge")
    return _("tablet")


def alt_text(pill: Pill) -> str:
    """ "white oval tablet, imprint PD 155 10" """
    colors = " and ".join(label.lower() for label in pill.color_labels)
    shape = pill.shape_label.lower() if pill.shape and pill.shape != "C48336" else ""
    words = " ".join(w for w in (colors, shape, form_word(pill)) if w)
    if pill.imprint_display:
        return _("%(pill)s, imprint %(imprint)s") % {"pill": words, "imprint": pill.imprint_display}
    return _("%(pill)s, no imprint") % {"pill": words}


def _with_photo(pill: Pill, twins) -> Pill:
    """The pill whose picture to show: its own photo, else a twin's, else its own drawing."""
    if pill.images.all():
        return pill
    return next((twin for twin in twins if twin.images.all()), pill)


def also_sold_as(twins) -> list[dict]:
    """The same pill under other NDCs, one row per NDC."""
    rows: dict[str, dict] = {}
    for twin in twins:
        key = twin.product_ndc_display or f"pill-{twin.pk}"
        rows.setdefault(
            key,
            {
                "ndc": twin.product_ndc_display,
                "name": pill_title(twin.name) if twin.name else "",
                "labeler": twin.labeler,
            },
        )
    return sorted(rows.values(), key=lambda row: row["ndc"])


def _known(pill: Pill, twins, attribute: str, *, same_product: bool = False):
    """The pill's own value, else the first twin's (a label gives size and maker, a photo
    record does not); `same_product` limits it to twins with the pill's product NDC."""
    value = getattr(pill, attribute)
    for twin in twins:
        if value not in (None, ""):
            break
        if not same_product or twin.product_ndc == pill.product_ndc:
            value = getattr(twin, attribute)
    return value


def _also_line(row: dict) -> str:
    """ "NDC 00591-2825: Celecoxib (Actavis)" """
    line = _("NDC %(ndc)s") % {"ndc": row["ndc"]} if row["ndc"] else ""
    if row["name"]:
        line = f"{line}: {row['name']}" if line else row["name"]
    if row["labeler"]:
        line = f"{line} ({row['labeler']})"
    return line


def pill_card(pill: Pill, *, score: float | None = None, twins=()) -> dict:
    """A result card; `twins` are the same pill under other NDCs (shown on the card)."""
    title = pill_title(pill.name) if pill.name else (pill.drug.name if pill.drug else "")
    pictured = _with_photo(pill, twins)
    also = [row for row in also_sold_as(twins) if row["ndc"] != pill.product_ndc_display]
    return {
        "id": pill.pk,
        "title": title or _("Unnamed pill"),
        "name": pill.name,
        "strength": readable_strength(pill.strength),
        "imprint": pill.imprint_display,
        "shape": pill.shape_label,
        "shape_code": pill.shape,
        "colors": pill.color_labels,
        "color_codes": list(pill.colors),
        "size_mm": _known(pill, twins, "size_mm"),
        "score": _known(pill, twins, "score"),
        "labeler": _known(pill, twins, "labeler", same_product=True)
        or (pill.product.labeler if pill.product else ""),
        "ndc": pill.product_ndc_display,
        "drug_name": pill.drug.name if pill.drug else "",
        "drug_url": pill.drug.get_absolute_url() if pill.drug else "",
        # For "Save to My Medicine" (mymedicine saves published drugs only); drug and
        # product come with the pill (select_related), so no query per card.
        "drug_slug": pill.drug.slug if pill.drug and pill.drug.is_published else "",
        "product_ndc11": pill.product.ndc if pill.product else "",
        "image_url": picture_url(pictured),
        "image_is_photo": bool(pictured.images.all()),
        "also_sold_as": also,
        "also_sold_as_lines": [_also_line(row) for row in also],
        "alt": alt_text(pill),
        "match_score": round(score, 1) if score is not None else None,
        "identify_url": reverse("pills:identify")
        + "?"
        + urlencode({"imprint": pill.imprint_display}),
    }
