"""Writes for the supplement monographs our editors keep as files (drugs/supplements/).

A supplement page loaded from a file is marked by an editorial `DrugSource` whose reference
is the file ("supplements/fish-oil.toml") and whose version is a fingerprint of the monograph
as the loader last wrote it. That fingerprint is how the loader keeps its promise never to
overwrite an editorial monograph written in the admin: it rewrites the monograph only while
the page still holds exactly what the file gave it last time (or holds no editorial text).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from drugs.models import KIND_GROUPS, Drug, DrugIngredient, DrugSource
from healthsite.upsert import CREATED, UNCHANGED, UPDATED

from . import _unique_slug, drug_create, drug_source_upsert, drug_update

FINGERPRINT_LENGTH = 20  # DrugSource.version holds 20 characters


def supplement_marker_reference(stem: str) -> str:
    return f"supplements/{stem}.toml"


def monograph_fingerprint(values: dict[str, str]) -> str:
    """A short digest of a drug's monograph fields (every field, empty ones too)."""
    text = json.dumps({f: values.get(f, "") for f in Drug.MONOGRAPH_FIELDS}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:FINGERPRINT_LENGTH]


def _current_monograph(drug: Drug) -> dict[str, str]:
    return {f: getattr(drug, f) for f in Drug.MONOGRAPH_FIELDS}


def supplement_find(*, stem: str) -> tuple[Drug | None, DrugSource | None]:
    """The drug a supplement file wrote before (by its marker), else a supplement-kind drug
    with the file's slug (a demo or admin page to take over). Never a prescription or
    over-the-counter medicine: a supplement page does not replace an approved product's."""
    marker = (
        DrugSource.objects.filter(
            kind=DrugSource.Kind.EDITORIAL, reference=supplement_marker_reference(stem)
        )
        .select_related("drug")
        .first()
    )
    if marker is not None:
        return marker.drug, marker
    drug = Drug.objects.filter(slug=stem, kind__in=KIND_GROUPS["supplements"]).first()
    return drug, None


@transaction.atomic
def supplement_save(
    *, stem: str, name: str, kind: str, monograph: dict[str, str]
) -> tuple[Drug, str, bool]:
    """Create or update the supplement's drug from its file.

    Returns the drug, what happened (CREATED, UPDATED, UNCHANGED) and whether the monograph
    was kept because an editor changed it in the admin. A new drug gets the file's name as
    its slug, or "<name>-supplement" when a medicine already has that slug. Its ingredient
    key stays empty: importers of labels and products find medicines by that key, and a
    supplement page must not collect an approved product of the same substance.
    """
    values: dict[str, Any] = {f: monograph.get(f, "") for f in Drug.MONOGRAPH_FIELDS}
    fingerprint = monograph_fingerprint(values)
    drug, marker = supplement_find(stem=stem)
    kept = False
    if drug is None:
        slug = stem
        if Drug.objects.filter(slug=slug).exists():
            slug = _unique_slug(Drug, f"{stem}-supplement")
        drug = drug_create(
            name=name,
            kind=kind,
            slug=slug,
            monograph_origin=Drug.MonographOrigin.EDITORIAL,
            **values,
        )
        outcome = CREATED
    else:
        written_by_us = marker is not None and marker.version == monograph_fingerprint(
            _current_monograph(drug)
        )
        if drug.monograph_origin == Drug.MonographOrigin.EDITORIAL and not written_by_us:
            kept = True
            outcome = drug_update(drug=drug, kind=kind)
        else:
            outcome = drug_update(
                drug=drug,
                name=name,
                kind=kind,
                monograph_origin=Drug.MonographOrigin.EDITORIAL,
                **values,
            )
    if not kept:
        marker_outcome = drug_source_upsert(
            drug=drug,
            kind=DrugSource.Kind.EDITORIAL,
            reference=supplement_marker_reference(stem),
            title="Healthsite supplement monograph",
            version=fingerprint,
        )
        if outcome == UNCHANGED and marker_outcome != UNCHANGED:
            outcome = UPDATED
    return drug, outcome, kept


@transaction.atomic
def drug_sources_prune(*, drug: Drug, kind: str, keep: Iterable[str]) -> int:
    """Delete the drug's sources of this kind whose reference is not in `keep`."""
    deleted, _by_model = (
        DrugSource.objects.filter(drug=drug, kind=kind).exclude(reference__in=list(keep)).delete()
    )
    return deleted


@transaction.atomic
def drug_ingredients_prune(*, drug: Drug, keep: Iterable[int]) -> int:
    """Delete the drug's ingredient links other than to the ingredients `keep` (ids)."""
    deleted, _by_model = (
        DrugIngredient.objects.filter(drug=drug).exclude(ingredient_id__in=list(keep)).delete()
    )
    return deleted


__all__ = [
    "CREATED",
    "UNCHANGED",
    "UPDATED",
    "drug_ingredients_prune",
    "drug_sources_prune",
    "monograph_fingerprint",
    "supplement_find",
    "supplement_marker_reference",
    "supplement_save",
]
