"""Writes for FDA pharmacologic classes (`DrugClass`) and the classes of each ingredient."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils.text import slugify

from drugs.models import DrugClass
from healthsite.upsert import CREATED, UNCHANGED, UPDATED

# The bracketed kind the FDA appends to every class term ("Vitamin K Antagonist [EPC]").
CLASS_KINDS = {
    "EPC": DrugClass.Kind.ESTABLISHED,
    "MoA": DrugClass.Kind.MECHANISM,
    "PE": DrugClass.Kind.EFFECT,
    "Chemical/Ingredient": DrugClass.Kind.CHEMICAL,
}
_CLASS_TERM = re.compile(r"^(?P<label>\S.*?)\s*\[(?P<kind>[^\[\]]+)\]$")


def drug_class_parse(name: str) -> tuple[str, str]:
    """(label, kind) of an FDA class term; ValueError when it has no known bracketed kind.

    >>> drug_class_parse("P2Y12 Platelet Inhibitor [EPC]")
    ('P2Y12 Platelet Inhibitor', 'epc')
    """
    match = _CLASS_TERM.match(name.strip())
    if match is None or match["kind"] not in CLASS_KINDS:
        raise ValueError(f"not an FDA class term with a known [kind]: {name!r}")
    return match["label"], CLASS_KINDS[match["kind"]]


@transaction.atomic
def drug_classes_upsert(*, names: Iterable[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Make sure each FDA class term exists (its label and kind read from the term).
    Returns the class ids by name and the counts by outcome; ValueError for a malformed term
    (nothing is written then)."""
    wanted = {name.strip(): drug_class_parse(name) for name in names}
    existing = {c.name: c for c in DrugClass.objects.filter(name__in=wanted)}
    counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
    new = []
    for name, (label, kind) in wanted.items():
        found = existing.get(name)
        slug = slugify(label)[:255]
        if found is None:
            drug_class = DrugClass(name=name, label=label, kind=kind, slug=slug)
            drug_class.full_clean(validate_unique=False)
            new.append(drug_class)
            counts[CREATED] += 1
        elif (found.label, found.kind, found.slug) != (label, kind, slug):
            found.label, found.kind, found.slug = label, kind, slug
            found.full_clean(validate_unique=False)
            found.save(update_fields=["label", "kind", "slug"])
            counts[UPDATED] += 1
        else:
            counts[UNCHANGED] += 1
    DrugClass.objects.bulk_create(new)
    ids = dict(DrugClass.objects.filter(name__in=wanted).values_list("name", "pk"))
    return ids, counts


@transaction.atomic
def ingredient_classes_sync(*, classes: Mapping[int, set[int]]) -> dict[str, int]:
    """Give each ingredient (by id) exactly these class ids: missing links are added, links
    to other classes removed. Ingredients not in `classes` are left as they are.
    Counts ingredients by outcome (created: had no class before)."""
    through = DrugClass.ingredients.through
    current: dict[int, set[int]] = {pk: set() for pk in classes}
    for ingredient_id, class_id in through.objects.filter(
        ingredient_id__in=list(classes)
    ).values_list("ingredient_id", "drugclass_id"):
        current[ingredient_id].add(class_id)
    counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
    add, remove = [], []
    for ingredient_id, wanted in classes.items():
        had = current[ingredient_id]
        if had == wanted:
            counts[UNCHANGED] += 1
            continue
        counts[CREATED if not had else UPDATED] += 1
        add += [(ingredient_id, class_id) for class_id in wanted - had]
        remove += [(ingredient_id, class_id) for class_id in had - wanted]
    for ingredient_id, class_id in remove:
        through.objects.filter(ingredient_id=ingredient_id, drugclass_id=class_id).delete()
    through.objects.bulk_create(
        [through(ingredient_id=i, drugclass_id=c) for i, c in add], batch_size=1000
    )
    return counts
