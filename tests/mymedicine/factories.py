"""Builders for My Medicine tests: drugs with ingredients, interactions, profiles."""

from __future__ import annotations

from itertools import count

from django.utils.text import slugify

from drugs.models import Drug, DrugIngredient, DrugName, Ingredient, Product
from drugs.text import normalize_name
from mymedicine import services
from mymedicine.models import Interaction, Profile, Severity

_seq = count(1)


def make_ingredient(name: str, **extra) -> Ingredient:
    ingredient, _ = Ingredient.objects.get_or_create(
        normalized=normalize_name(name),
        defaults={"name": name, "slug": slugify(name) or f"ing-{next(_seq)}", **extra},
    )
    return ingredient


def make_drug(name: str | None = None, *, ingredients=None, brands=(), **extra) -> Drug:
    name = name or f"Drug {next(_seq)}"
    drug = Drug.objects.create(name=name, slug=extra.pop("slug", slugify(name)), **extra)
    DrugName.objects.create(
        drug=drug, name=name, kind=DrugName.Kind.GENERIC, normalized=normalize_name(name)
    )
    for brand in brands:
        DrugName.objects.create(
            drug=drug, name=brand, kind=DrugName.Kind.BRAND, normalized=normalize_name(brand)
        )
    for position, ingredient in enumerate(ingredients if ingredients is not None else [name]):
        if isinstance(ingredient, str):
            ingredient = make_ingredient(ingredient)
        DrugIngredient.objects.create(drug=drug, ingredient=ingredient, position=position)
    return drug


def make_product(drug: Drug, *, ndc: str, strength: str = "") -> Product:
    return Product.objects.create(
        drug=drug, source_key=f"ndc:{ndc}", ndc=ndc, name=drug.name, strength=strength
    )


def make_interaction(
    first: Drug, second: Drug, *, severity=Severity.MAJOR, source="editorial", **extra
) -> Interaction:
    a = first.drug_ingredients.first().ingredient_id
    b = second.drug_ingredients.first().ingredient_id
    interaction, _ = services.interaction_upsert(
        ingredient_a_id=a, ingredient_b_id=b, severity=severity, source=source, **extra
    )
    return interaction


def make_profile(owner, **extra) -> Profile:
    extra.setdefault("name", "Me")
    return services.profile_create(owner=owner, **extra)
