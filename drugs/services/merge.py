"""Merging a duplicate drug into the real one, and giving every drug its ingredients.

Before drug_create linked ingredients and the salt rule was one, the pill importer made
ingredient-less drugs beside the real ones (`/drugs/clopidogrel/` beside
`/drugs/clopidogrel-bisulfate/`). `drug_merge` moves everything that points at a duplicate to
the real drug, whatever app it belongs to (reviews, names, products, pills, saved medicines,
recall matches...), keeps the duplicate's address as a permanent redirect and deletes it.
`drug_ingredients_fix` applies it, or links the ingredients the drug's key names;
`drug_twins_merge` applies it to published drugs that share an ingredient key (one medicine).
"""

from __future__ import annotations

from collections import Counter

from django.db import models, transaction

from drugs.models import Drug, DrugIngredient, DrugSlugRedirect
from drugs.services import (
    _names_changed_now_and_on_commit,
    display_name,
    drug_ingredient_set,
    drug_reindex,
    ingredient_for_name,
)
from drugs.text import normalize_name
from healthsite.upsert import UNCHANGED

MERGED, LINKED, LEFT = "merged", "linked", "left without ingredients"


def _pointers_at_drugs() -> list[models.ForeignKey]:
    """Every foreign key (in any installed app, hidden `related_name="+"` ones included)
    that points at a drug."""
    return [
        relation.field
        for relation in Drug._meta.get_fields(include_hidden=True)
        if isinstance(relation, models.ForeignObjectRel)
        and isinstance(relation.field, models.ForeignKey)
        and (relation.one_to_many or relation.one_to_one)
    ]


UniqueSet = tuple[list[str], "models.Q | None"]  # attribute names, the constraint's condition


def _unique_field_sets(model: type[models.Model], field: models.ForeignKey) -> list[UniqueSet]:
    """The unique constraints of `model` that include `field`: their attribute names and
    condition (a partial constraint only binds the rows matching it)."""
    sets: list[tuple[list[str], models.Q | None]] = [
        (list(names), None) for names in model._meta.unique_together if field.name in names
    ]
    sets += [
        (list(constraint.fields), constraint.condition)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and field.name in constraint.fields
    ]
    if field.one_to_one:
        sets.append(([field.name], None))
    return [([_attname(model, name) for name in names], condition) for names, condition in sets]


def _clashes(
    model: type[models.Model],
    row: models.Model,
    field: models.ForeignKey,
    into_pk: int,
    unique_sets: list[UniqueSet],
) -> bool:
    """Would `row`, pointed at `into_pk`, break one of the unique constraints? A null in a
    constrained column never clashes (SQL treats nulls as distinct)."""
    manager = model._base_manager
    for names, condition in unique_sets:
        values = {name: into_pk if name == field.attname else getattr(row, name) for name in names}
        if any(value is None for value in values.values()):
            continue
        rows = manager.filter(**values)
        if condition is not None:
            if not manager.filter(condition, pk=row.pk).exists():
                continue
            rows = rows.filter(condition)
        if rows.exists():
            return True
    return False


def _attname(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)  # constraints name concrete columns
    return field.attname


@transaction.atomic
def drug_merge(*, duplicate: Drug, into: Drug) -> Counter[str]:
    """Move every row pointing at `duplicate` to `into`, drop the rows `into` already has
    (a row that would break a unique constraint: the same name, the same reader's review),
    redirect the duplicate's address to `into` for good, and delete the duplicate.
    Returns how many rows of each model were moved and dropped."""
    if duplicate.pk == into.pk:
        raise ValueError("a drug cannot be merged into itself")
    outcome: Counter[str] = Counter()
    for field in _pointers_at_drugs():
        model = field.model
        label = model._meta.label
        rows = model._base_manager.filter(**{field.attname: duplicate.pk})
        unique_sets = _unique_field_sets(model, field)
        if not unique_sets:
            outcome[f"{label} moved"] += rows.update(**{field.attname: into.pk})
            continue
        for row in rows:
            if _clashes(model, row, field, into.pk, unique_sets):
                row.delete()
                outcome[f"{label} dropped"] += 1
            else:
                model._base_manager.filter(pk=row.pk).update(**{field.attname: into.pk})
                outcome[f"{label} moved"] += 1
    DrugSlugRedirect.objects.update_or_create(old_slug=duplicate.slug, defaults={"drug": into})
    duplicate_pk = duplicate.pk
    duplicate.delete()
    _names_changed_now_and_on_commit()
    from search.services import remove_document

    remove_document(kind="drug", key=str(duplicate_pk))
    into.refresh_from_db()
    drug_reindex(drug=into)
    return outcome


@transaction.atomic
def drug_ingredients_fix(*, drug: Drug) -> str:
    """Give a drug without ingredient links its ingredients: merge it into the drug with the
    same ingredient key that has them (the oldest), else link the ingredients its key names.
    Returns MERGED, LINKED, or LEFT (an empty key names nothing), or UNCHANGED when the drug
    already has ingredients."""
    if DrugIngredient.objects.filter(drug=drug).exists():
        return UNCHANGED
    if not drug.ingredient_key:
        return LEFT
    real = (
        Drug.objects.filter(ingredient_key=drug.ingredient_key, drug_ingredients__isnull=False)
        .exclude(pk=drug.pk)
        .order_by("pk")
        .first()
    )
    if real is not None:
        drug_merge(duplicate=drug, into=real)
        return MERGED
    for position, name in enumerate(drug.ingredient_key.split("+")):
        ingredient, _created = ingredient_for_name(name=name)
        drug_ingredient_set(drug=drug, ingredient=ingredient, position=position)
    return LINKED


def _survivor_rank(drug: Drug, bare_name: str, products: int) -> tuple:
    """Which of several drugs with one key stays: an editorial monograph first, then the drug
    named after the bare substance ("Betamethasone", not "Betamethasone valerate"), then the
    one with most products, then the oldest."""
    return (
        drug.monograph_origin != Drug.MonographOrigin.EDITORIAL,
        normalize_name(drug.name) != bare_name,
        -products,
        drug.pk,
    )


def keys_shared_by_published_drugs() -> list[str]:
    """Ingredient keys that more than one published drug has."""
    return list(
        Drug.objects.published()
        .exclude(ingredient_key="")
        .values("ingredient_key")
        .annotate(drugs=models.Count("pk"))
        .filter(drugs__gt=1)
        .order_by("ingredient_key")
        .values_list("ingredient_key", flat=True)
    )


@transaction.atomic
def drug_twins_merge(*, ingredient_key: str) -> list[tuple[str, str]]:
    """Merge the published drugs that share `ingredient_key` (one medicine by the active-moiety
    rule, `drugs.text.base_name`) into one, chosen by `_survivor_rank`. Medicines the rule keeps
    apart (`drugs.text.DISTINCT_MEDICINES`) have keys of their own, so they never meet here.
    Returns (merged slug, surviving slug) pairs; empty when the key has one drug or none."""
    drugs = list(
        Drug.objects.published()
        .filter(ingredient_key=ingredient_key)
        .annotate(product_count=models.Count("products"))
    )
    if len(drugs) < 2:
        return []
    bare_name = normalize_name(display_name(ingredient_key.split("+")))
    drugs.sort(key=lambda drug: _survivor_rank(drug, bare_name, drug.product_count))
    into, duplicates = drugs[0], drugs[1:]
    merged = []
    for duplicate in duplicates:
        _keep_what_into_lacks(into=into, duplicate=duplicate)
        merged.append((duplicate.slug, into.slug))
        drug_merge(duplicate=duplicate, into=into)
    return merged


def _keep_what_into_lacks(*, into: Drug, duplicate: Drug) -> None:
    """The duplicate's monograph (from its label) and class text, when the drug that stays
    has none: the merged page must not lose what one of its twins showed."""
    from drugs.services import drug_update

    values: dict[str, object] = {}
    if not into.monograph_origin and duplicate.monograph_origin:
        values["monograph_origin"] = duplicate.monograph_origin
        values.update({field: getattr(duplicate, field) for field in Drug.MONOGRAPH_FIELDS})
    if not into.drug_class and duplicate.drug_class:
        values["drug_class"] = duplicate.drug_class
    if values:
        drug_update(drug=into, **values)
