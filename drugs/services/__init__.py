"""Every write to the drugs tables (reviews: `drugs.services.reviews`). Keyword-only, typed,
in transactions, validated.

Upserts answer what they did with one of CREATED, UPDATED, UNCHANGED so importers can say
"nothing changed" on a second run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Condition
from drugs.models import (
    Drug,
    DrugCondition,
    DrugIngredient,
    DrugName,
    DrugNameTrigram,
    DrugSource,
    Ingredient,
    Product,
)
from drugs.selectors import names_changed
from drugs.text import base_name, identity_name, normalize_name, trigrams
from healthsite.importing.bulk import insert_rows
from healthsite.importing.checks import RowCheck
from healthsite.upsert import CREATED, UNCHANGED, UPDATED, assign_changed


def ingredient_key(ingredients: Iterable[str]) -> str:
    """Identity of a drug by its active substances: sorted identity names (base names, an
    acid as its anion: `drugs.text.identity_name`) joined by "+"."""
    return "+".join(sorted({identity_name(i) for i in ingredients} - {""}))


def display_name(ingredients: Iterable[str]) -> str:
    """ "Amlodipine and atorvastatin" from ["AMLODIPINE BESYLATE", "ATORVASTATIN CALCIUM"]."""
    bases = sorted({base_name(i) for i in ingredients if base_name(i)})
    if not bases:
        return ""
    text = bases[0] if len(bases) == 1 else ", ".join(bases[:-1]) + " and " + bases[-1]
    return text[:1].upper() + text[1:]


def brand_display(name: str) -> str:
    """Brand names arrive in capitals ("LIPITOR"); show them in title case."""
    name = re.sub(r"\s+", " ", name).strip()
    return name.title() if name.isupper() else name


def _unique_slug(model: type[Drug] | type[Ingredient], text: str, *, max_length: int = 255) -> str:
    return _free_slug(text, lambda slug: model.objects.filter(slug=slug).exists(), max_length)


def _free_slug(text: str, taken: Callable[[str], bool], max_length: int = 255) -> str:
    base = slugify(text)[: max_length - 8] or "drug"
    slug, n = base, 2
    while taken(slug):
        slug = f"{base}-{n}"
        n += 1
    return slug


M = TypeVar("M", Drug, Ingredient)


# --- drugs and names ---------------------------------------------------------------------


@transaction.atomic
def drug_create(
    *,
    name: str,
    kind: str,
    ingredient_names: Iterable[str] = (),
    slug: str | None = None,
    link_ingredients: bool = True,
    add_name: bool = True,
    **fields: object,
) -> Drug:
    """A new drug, with its own name as a generic name, linked to its ingredients (found by
    `ingredient_for_name`, created when new), so no drug is left without ingredients.

    `link_ingredients=False` is for importers that link the ingredients themselves, with
    strengths, in the same transaction (Drugs@FDA, SPL); `add_name=False` for those that add
    its name with their other names in bulk (`drug_names_bulk_add`), in the same transaction."""
    ingredient_names = list(ingredient_names)
    drug = _new_drug(name, kind, ingredient_names, slug or _unique_slug(Drug, name), **fields)
    # A generated slug is already unique; a given one is checked.
    drug.full_clean(validate_unique=slug is not None)
    drug.save()
    if add_name:
        drug_name_add(drug=drug, name=name, kind=DrugName.Kind.GENERIC)
    if link_ingredients:
        for position, ingredient_name in enumerate(n for n in ingredient_names if n.strip()):
            ingredient, _created = ingredient_for_name(name=ingredient_name)
            drug_ingredient_set(drug=drug, ingredient=ingredient, position=position)
    return drug


def _new_drug(
    name: str, kind: str, ingredient_names: list[str], slug: str, **fields: object
) -> Drug:
    return Drug(
        name=name,
        slug=slug,
        kind=kind,
        ingredient_key=ingredient_key(ingredient_names) if ingredient_names else "",
        **fields,
    )


@transaction.atomic
def drugs_bulk_create(
    *, entries: dict[str, tuple[str, str, list[str]]], taken_slugs: set[str]
) -> tuple[dict[str, Drug], dict[str, ValidationError]]:
    """`drug_create(..., link_ingredients=False, add_name=False)` for many drugs in one
    insert: `entries` maps the caller's key to (name, kind, ingredient names); slugs are
    made free of `taken_slugs` (all the table's slugs, loaded once). Returns the saved
    drugs and the invalid entries' errors, both by key."""
    return _bulk_create_checked(
        Drug,
        {
            key: partial(_new_drug_slugged, name, kind, names, taken_slugs)
            for key, (name, kind, names) in entries.items()
        },
        taken_slugs,
    )


def _new_drug_slugged(name: str, kind: str, names: list[str], taken_slugs: set[str]) -> Drug:
    return _new_drug(name, kind, names, _free_slug(name, taken_slugs.__contains__))


def _bulk_create_checked(
    model: type[M], build: dict[str, Callable[[], M]], taken_slugs: set[str]
) -> tuple[dict[str, M], dict[str, ValidationError]]:
    """Build each new row in turn (its slug free of those taken so far), check it, and
    insert the valid ones at once. Returns them and the invalid ones' errors, by key."""
    made: dict[str, M] = {}
    errors: dict[str, ValidationError] = {}
    for key, new in build.items():
        instance = new()
        try:
            instance.full_clean(validate_unique=False)
        except ValidationError as error:
            errors[key] = error
        else:
            taken_slugs.add(instance.slug)
            made[key] = instance
    model.objects.bulk_create(made.values(), batch_size=500)
    return made, errors


@transaction.atomic
def drug_update(*, drug: Drug, **values: object) -> str:
    changed = assign_changed(drug, values)
    if not changed:
        return UNCHANGED
    drug.full_clean()
    drug.save(update_fields=[*changed, "updated_at"])
    if "name" in changed:
        drug_name_add(drug=drug, name=drug.name, kind=DrugName.Kind.GENERIC)
    return UPDATED


def _names_changed_now_and_on_commit() -> None:
    """This transaction searches its own new names at once; other processes count them again
    once they can see them."""
    names_changed()
    transaction.on_commit(names_changed)


@transaction.atomic
def drug_name_add(*, drug: Drug, name: str, kind: str) -> bool:
    """Add a searchable name (and its trigrams). False when the drug already has it."""
    normalized = normalize_name(name)
    if not normalized:
        return False
    if DrugName.objects.filter(drug=drug, normalized=normalized).exists():
        return False
    drug_name = DrugName(drug=drug, name=name.strip()[:255], kind=kind, normalized=normalized)
    drug_name.full_clean(exclude=["drug"], validate_unique=False)
    drug_name.save()
    DrugNameTrigram.objects.bulk_create(
        [DrugNameTrigram(name=drug_name, gram=gram) for gram in sorted(trigrams(normalized))]
    )
    _names_changed_now_and_on_commit()
    return True


@transaction.atomic
def ingredient_get_or_create(*, name: str, unii: str = "", rxcui: str = "") -> tuple:
    normalized = normalize_name(name)
    ingredient = Ingredient.objects.filter(normalized=normalized).first()
    if ingredient:
        updates = {}
        if unii and not ingredient.unii:
            updates["unii"] = unii
        if rxcui and not ingredient.rxcui:
            updates["rxcui"] = rxcui
        if updates:
            assign_changed(ingredient, updates)
            ingredient.save(update_fields=list(updates))
        return ingredient, False
    ingredient = _new_ingredient(name, lambda slug: Ingredient.objects.filter(slug=slug).exists())
    ingredient.unii, ingredient.rxcui = unii, rxcui
    ingredient.full_clean(validate_unique=False)  # normalised name looked up, slug generated
    ingredient.save()
    return ingredient, True


def _new_ingredient(name: str, slug_taken: Callable[[str], bool]) -> Ingredient:
    pretty = name.strip()
    pretty = pretty.lower() if pretty.isupper() else pretty
    return Ingredient(
        name=pretty[:255],
        slug=_free_slug(pretty, slug_taken),
        normalized=normalize_name(name),
    )


@transaction.atomic
def ingredients_bulk_create(
    *, names: Iterable[str], taken_slugs: set[str]
) -> tuple[dict[str, Ingredient], dict[str, ValidationError]]:
    """`ingredient_get_or_create` for many names none of which is an ingredient yet, in one
    insert; slugs are made free of `taken_slugs` (all the table's slugs, loaded once).
    Returns the saved ingredients and the invalid names' errors, both by normalised name
    (the first name given for a normalised name is used)."""
    first_names: dict[str, str] = {}
    for name in names:
        first_names.setdefault(normalize_name(name), name)
    return _bulk_create_checked(
        Ingredient,
        {
            normalized: partial(_new_ingredient, name, taken_slugs.__contains__)
            for normalized, name in first_names.items()
        },
        taken_slugs,
    )


@transaction.atomic
def ingredient_for_name(*, name: str) -> tuple[Ingredient, bool]:
    """The ingredient a name stands for: the one with this exact name; for a bare base
    name ("clopidogrel", as RxNorm names pills), the only ingredient that is that substance
    in a salt or ester form (clopidogrel bisulfate); else a new ingredient of that name.
    With several forms (metoprolol succinate and tartrate) no form is guessed.
    Returns (ingredient, created)."""
    normalized = normalize_name(name)
    exact = Ingredient.objects.filter(normalized=normalized).first()
    if exact is not None:
        return exact, False
    if normalized and base_name(normalized) == normalized:
        forms = [
            ingredient
            for ingredient in Ingredient.objects.filter(
                normalized__startswith=f"{normalized} "
            ).order_by("pk")
            if base_name(ingredient.normalized) == normalized
        ]
        if len(forms) == 1:
            return forms[0], False
    return ingredient_get_or_create(name=name)


@transaction.atomic
def drug_ingredient_set(
    *, drug: Drug, ingredient: Ingredient, strength: str = "", position: int = 0
) -> str:
    link = DrugIngredient.objects.filter(drug=drug, ingredient=ingredient).first()
    if link is None:
        link = DrugIngredient(
            drug=drug, ingredient=ingredient, strength=strength[:255], position=position
        )
        link.full_clean(exclude=["drug", "ingredient"], validate_unique=False)
        link.save()
        return CREATED
    values: dict[str, object] = {"position": position}
    if strength:
        values["strength"] = strength[:255]
    changed = assign_changed(link, values)
    if changed:
        link.save(update_fields=changed)
        return UPDATED
    return UNCHANGED


@transaction.atomic
def drug_ingredients_bulk_add(*, rows: Iterable[tuple[int, int, int]]) -> int:
    """Link many (drug id, ingredient id, position) pairs, as `drug_ingredient_set` links one
    without a strength; pairs already linked are left as they are. Returns how many were
    created."""
    wanted: dict[tuple[int, int], int] = {}
    for drug_id, ingredient_id, position in rows:
        wanted.setdefault((drug_id, ingredient_id), position)
    if not wanted:
        return 0
    existing = set(
        DrugIngredient.objects.filter(
            drug_id__in={d for d, _i in wanted}, ingredient_id__in={i for _d, i in wanted}
        ).values_list("drug_id", "ingredient_id")
    )
    new = []
    for (drug_id, ingredient_id), position in wanted.items():
        if (drug_id, ingredient_id) not in existing:
            link = DrugIngredient(drug_id=drug_id, ingredient_id=ingredient_id, position=position)
            link.full_clean(exclude=["drug", "ingredient"], validate_unique=False)
            new.append(link)
    DrugIngredient.objects.bulk_create(new, batch_size=500)
    return len(new)


# --- products and sources ----------------------------------------------------------------


PRODUCT_FIELDS = (
    "ndc",
    "ndc_printed",
    "name",
    "labeler",
    "strength",
    "dosage_form",
    "route",
    "marketing_status",
    "application_number",
    "spl_set_id",
)


def product_max_length(name: str) -> int | None:
    """How many characters a product column holds (importers compare truncated values)."""
    field = Product._meta.get_field(name)
    assert isinstance(field, models.Field)  # PRODUCT_FIELDS are columns, not relations
    return field.max_length


@transaction.atomic
def product_upsert(*, drug: Drug, source_key: str, **values: str | None) -> tuple[Product, str]:
    unknown = set(values) - set(PRODUCT_FIELDS)
    if unknown:
        raise TypeError(f"unknown product fields: {sorted(unknown)}")
    values = {k: (v or "")[: product_max_length(k)] for k, v in values.items()}
    product = Product.objects.filter(source_key=source_key).first()
    if product is None:
        product = Product(drug=drug, source_key=source_key, **values)
        product.full_clean()
        product.save()
        return product, CREATED
    changed = assign_changed(product, {"drug_id": drug.pk, **values})
    if not changed:
        return product, UNCHANGED
    product.full_clean()
    product.save(update_fields=[*changed, "updated_at"])
    return product, UPDATED


def drug_source_upsert(
    *,
    drug: Drug,
    kind: str,
    reference: str,
    title: str = "",
    version: str = "",
    url: str = "",
    effective_date: date | None = None,
) -> str:
    """Create or update one source of a drug; returns CREATED, UPDATED or UNCHANGED."""
    values: dict[str, object] = {
        "title": title,
        "version": version,
        "url": url,
        "effective_date": effective_date,
    }
    outcomes = drug_sources_bulk_upsert(kind=kind, rows=[(drug.pk, reference, values)])
    return outcomes[(drug.pk, reference[:100])]


SOURCE_FIELDS = ("title", "version", "url", "effective_date")
_SOURCE_CHECK = RowCheck(DrugSource, ["kind", "reference", *SOURCE_FIELDS])


@transaction.atomic
def drug_sources_bulk_upsert(
    *, kind: str, rows: Iterable[tuple[int, str, dict[str, object]]]
) -> dict[tuple[int, str], str]:
    """Create or update many sources of one kind, given as (drug id, reference, values with
    title, version, url, effective_date): one query and two bulk writes for a batch. The
    last row for a (drug, reference) wins. Returns the outcome (CREATED, UPDATED,
    UNCHANGED) of each (drug id, reference); raises ValidationError, writing nothing, when
    a row is invalid."""
    wanted: dict[tuple[int, str], dict[str, object]] = {}
    for drug_id, reference, values in rows:
        wanted[(drug_id, reference[:100])] = {
            "title": str(values.get("title") or "")[:500],
            "version": str(values.get("version") or "")[:20],
            "url": values.get("url") or "",
            "effective_date": values.get("effective_date"),
        }
    if not wanted:
        return {}
    existing = {
        (s.drug_id, s.reference): s
        for s in DrugSource.objects.filter(
            kind=kind,
            drug_id__in={drug_id for drug_id, _r in wanted},
            reference__in={reference for _d, reference in wanted},
        )
    }
    outcomes: dict[tuple[int, str], str] = {}
    to_create: list[tuple[object, ...]] = []
    to_update: list[DrugSource] = []
    changed_fields: set[str] = set()
    now = timezone.now()
    for (drug_id, reference), values in wanted.items():
        source = existing.get((drug_id, reference))
        if source is None:
            _SOURCE_CHECK.validate({"kind": kind, "reference": reference, **values})
            to_create.append((drug_id, kind, reference, *(values[f] for f in SOURCE_FIELDS), now))
            outcomes[(drug_id, reference)] = CREATED
            continue
        changed = assign_changed(source, values)
        if changed:
            source.full_clean(exclude=["drug"], validate_unique=False)
            source.updated_at = now
            changed_fields.update(changed)
            to_update.append(source)
            outcomes[(drug_id, reference)] = UPDATED
        else:
            outcomes[(drug_id, reference)] = UNCHANGED
    insert_rows(
        model=DrugSource,
        fields=("drug_id", "kind", "reference", *SOURCE_FIELDS, "updated_at"),
        rows=to_create,
    )
    if to_update:
        DrugSource.objects.bulk_update(to_update, [*changed_fields, "updated_at"], batch_size=500)
    return outcomes


# --- conditions --------------------------------------------------------------------------


@transaction.atomic
def condition_find_or_create(
    *, name: str, synonyms: Iterable[str] = (), names_checked: bool = False
) -> tuple:
    """Find a condition by name, slug or synonym (case-insensitive), or create it.

    Conditions belong to `articles`; drugs only adds missing ones found in its data sets.
    `names_checked`: the caller already looked the names up in its own index of every
    condition name and synonym (an importer), so only the slug is checked here; the scan
    over all conditions (about 47,000 with ICD-10-CM) would otherwise run for each new one."""
    name = re.sub(r"\s+", " ", name).strip()
    wanted = {normalize_name(name), *(normalize_name(s) for s in synonyms)} - {""}
    slug = slugify(name)
    found = Condition.objects.filter(slug=slug).first()
    if found is None and not names_checked:
        # Our page for the name, when one answers to it (one indexed query).
        from articles.condition_services import consumer_condition_meant

        found = consumer_condition_meant(name=name)
    if found is None and not names_checked:
        for condition in Condition.objects.only("pk", "name", "synonyms", "slug").iterator():
            names = {normalize_name(condition.name), *map(normalize_name, condition.synonyms)}
            if names & wanted:
                found = condition
                break
    if found is not None:
        # A name without a page of its own leads to the consumer condition covering it.
        return (found.consumer if found.consumer_id else found), False
    # Through the articles app's service, so the new condition is in site search and the
    # A-Z letters are refreshed.
    from articles.services import condition_upsert

    condition = condition_upsert(
        name=name[:1].upper() + name[1:],
        synonyms=sorted({s for s in synonyms if normalize_name(s) != normalize_name(name)}),
    )
    return condition, True


@transaction.atomic
def drug_condition_link(
    *,
    drug: Drug,
    condition: Condition,
    link_kind: str,
    source: str,
    source_reference: str = "",
    source_title: str = "",
    source_url: str = "",
) -> str:
    """Record that a drug is used for a condition (once per kind of link and source), with
    the public page that says so when the source names one."""
    link = DrugCondition.objects.filter(
        drug=drug, condition=condition, link_kind=link_kind, source=source
    ).first()
    if link is None:
        link = DrugCondition(
            drug=drug,
            condition=condition,
            link_kind=link_kind,
            source=source,
            source_reference=source_reference[:100],
            source_title=source_title[:255],
            source_url=source_url,
        )
        link.full_clean(validate_unique=False)
        link.save()
        return CREATED
    # The link is the fact; its first source reference is kept (several rows of a data set
    # may state the same link, and a re-run must not flip between them). The page cited is
    # our editors' choice and follows their table.
    changed = assign_changed(link, {"source_title": source_title[:255], "source_url": source_url})
    if changed:
        link.full_clean(validate_unique=False)
        link.save(update_fields=changed)
        return UPDATED
    return UNCHANGED


@transaction.atomic
def drug_condition_links_prune(*, source: str, keep: set[tuple[int, int, str]]) -> int:
    """Delete the links of one data set that its latest full import no longer states
    (`keep`: (drug id, condition id, link kind)); answers how many went."""
    stale = [
        pk
        for pk, drug_id, condition_id, link_kind in DrugCondition.objects.filter(
            source=source
        ).values_list("pk", "drug_id", "condition_id", "link_kind")
        if (drug_id, condition_id, link_kind) not in keep
    ]
    for start in range(0, len(stale), 500):
        DrugCondition.objects.filter(pk__in=stale[start : start + 500]).delete()
    return len(stale)


# --- search index ------------------------------------------------------------------------


def drug_reindex(*, drug: Drug) -> None:
    """Refresh the drug's entry in the site search (only published drugs are indexed).
    Nothing is written when the entry is already up to date."""
    from drugs.search import drug_document
    from search.services import index_document, remove_document

    if not drug.is_published:
        remove_document(kind="drug", key=str(drug.pk))
        return
    index_document(drug_document(drug))


def drugs_reindex(*, drug_ids: Iterable[int]) -> None:
    """`drug_reindex` for many drugs (an import's changes): their names read in one query
    per 500 drugs, their entries written in bulk."""
    from drugs.search import drug_documents
    from search.services import index_documents, remove_documents

    drugs = Drug.objects.filter(pk__in=set(drug_ids))
    index_documents(drug_documents(drugs.filter(is_published=True)))
    hidden = drugs.filter(is_published=False).values_list("pk", flat=True)
    remove_documents(kind="drug", keys=[str(pk) for pk in hidden])


# --- bulk writes for importers -------------------------------------------------------------


@transaction.atomic
def drug_names_bulk_add(*, entries: Iterable[tuple[int, str, str]]) -> int:
    """Add many (drug id, name, kind) names with their trigrams; existing ones are skipped.
    Returns how many were added."""
    wanted: dict[tuple[int, str], DrugName] = {}
    for drug_id, name, kind in entries:
        normalized = normalize_name(name)
        if normalized and (drug_id, normalized) not in wanted:
            drug_name = DrugName(
                drug_id=drug_id, name=name.strip()[:255], kind=kind, normalized=normalized
            )
            drug_name.full_clean(exclude=["drug"], validate_unique=False)
            wanted[(drug_id, normalized)] = drug_name
    if not wanted:
        return 0
    drug_ids = {drug_id for drug_id, _n in wanted}
    existing = set(
        DrugName.objects.filter(drug_id__in=drug_ids).values_list("drug_id", "normalized")
    )
    new = [name for key, name in wanted.items() if key not in existing]
    DrugName.objects.bulk_create(new, batch_size=500)
    created = {
        (n.drug_id, n.normalized): n.pk
        for n in DrugName.objects.filter(drug_id__in=drug_ids).only("pk", "drug_id", "normalized")
        if (n.drug_id, n.normalized) not in existing
    }
    insert_rows(
        model=DrugNameTrigram,
        fields=("name", "gram"),
        rows=(
            (pk, gram)
            for (_drug_id, normalized), pk in created.items()
            for gram in sorted(trigrams(normalized))
        ),
    )
    if new:
        _names_changed_now_and_on_commit()
    return len(new)


_PRODUCT_CHECK = RowCheck(Product, ["source_key", *PRODUCT_FIELDS])


@transaction.atomic
def products_bulk_upsert(*, rows: Iterable[tuple[int, str, dict]]) -> dict[str, int]:
    """Create or update many products given as (drug id, source key, field values).
    Returns counts by outcome; raises ValidationError, writing nothing, when a row is
    invalid."""
    rows = list(rows)
    keys = [key for _drug_id, key, _values in rows]
    existing = {p.source_key: p for p in Product.objects.filter(source_key__in=keys)}
    counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
    new: dict[str, dict[str, object]] = {}  # source key -> drug_id and field values
    to_update: list[Product] = []
    changed_fields: set[str] = set()
    now = timezone.now()
    for drug_id, key, values in rows:
        values = {k: (v or "")[: product_max_length(k)] for k, v in values.items()}
        product = existing.get(key)
        if product is None:
            _PRODUCT_CHECK.validate({"source_key": key, **values})
            row = {"drug_id": drug_id, **values}
            if key not in new:
                counts[CREATED] += 1
            elif all(new[key].get(k, "") == v for k, v in row.items()):
                counts[UNCHANGED] += 1
            else:
                counts[UPDATED] += 1
            new[key] = {**new.get(key, {}), **row}
            continue
        changed = assign_changed(product, {"drug_id": drug_id, **values})
        if changed:
            product.full_clean(exclude=["drug"], validate_unique=False)
            product.updated_at = now
            changed_fields.update(changed)
            to_update.append(product)
            counts[UPDATED] += 1
        else:
            counts[UNCHANGED] += 1
    insert_rows(
        model=Product,
        fields=("drug_id", "source_key", *PRODUCT_FIELDS, "updated_at"),
        rows=(
            (row["drug_id"], key, *(row.get(f, "") for f in PRODUCT_FIELDS), now)
            for key, row in new.items()
        ),
    )
    if to_update:
        Product.objects.bulk_update(to_update, [*changed_fields, "updated_at"], batch_size=500)
    return counts
