"""Writes for a drug's FDA label: its sections (one version per set id) and the monograph
fields label text used to fill."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from drugs.labels import LabelSection
from drugs.models import Drug, DrugSource
from healthsite.upsert import CREATED, UNCHANGED, UPDATED

SECTION_FIELDS = ("loinc_code", "title", "anchor", "position", "html", "highlight_html")


def version_key(version: str | None, effective_date: date | None) -> tuple[int, date]:
    """How two versions of one label compare: version number, then effective time."""
    number = int(version) if version and version.isdigit() else -1
    return number, effective_date or date.min


@transaction.atomic
def label_sections_replace(*, source: DrugSource, sections: Sequence[dict[str, Any]]) -> str:
    """The label's sections become exactly `sections` (dicts of `SECTION_FIELDS`)."""
    wanted = [tuple(section[name] for name in SECTION_FIELDS) for section in sections]
    stored = list(source.label_sections.order_by("position").values_list(*SECTION_FIELDS))
    if stored == wanted:
        return UNCHANGED
    source.label_sections.all().delete()
    rows = [
        LabelSection(source=source, **dict(zip(SECTION_FIELDS, row, strict=True))) for row in wanted
    ]
    for row in rows:
        row.full_clean(exclude=["source"], validate_unique=False)
    LabelSection.objects.bulk_create(rows)
    return UPDATED if stored else CREATED


# The monograph fields label text filled before labels were kept section by section.
LABEL_MONOGRAPH_FIELDS = (
    "boxed_warning",
    "uses",
    "how_to_take",
    "side_effects_common",
    "side_effects_serious",
    "precautions_pregnancy",
    "precautions_breastfeeding",
    "precautions_other",
    "interactions",
    "overdose",
    "storage",
)


@transaction.atomic
def drug_label_monograph_clear(*, drug: Drug) -> str:
    """Empty a monograph that was label text (the label itself is shown instead). An
    editorial monograph is never touched."""
    if drug.monograph_origin != Drug.MonographOrigin.LABEL:
        return UNCHANGED
    for name in LABEL_MONOGRAPH_FIELDS:
        setattr(drug, name, "")
    drug.monograph_origin = Drug.MonographOrigin.NONE
    drug.save(update_fields=[*LABEL_MONOGRAPH_FIELDS, "monograph_origin", "updated_at"])
    return UPDATED
