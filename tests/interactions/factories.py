"""Builders for interaction tests: drugs with ingredients, and interactions between them."""

from __future__ import annotations

from itertools import count

from drugs import services as drug_services
from drugs.models import Drug, DrugName, Ingredient
from interactions import services
from interactions.models import Interaction, Severity

_seq = count(1)


def make_ingredient(name: str, **extra) -> Ingredient:
    ingredient, _ = drug_services.ingredient_get_or_create(name=name, **extra)
    return ingredient


def make_drug(name: str | None = None, *, ingredients=None, brands=(), **extra) -> Drug:
    """A drug made through the drugs services (names indexed for search), with ingredients."""
    name = name or f"Drug {next(_seq)}"
    extra.setdefault("kind", Drug.Kind.PRESCRIPTION)
    names = [i if isinstance(i, str) else i.name for i in (ingredients or [name])]
    # linked below, so `ingredients=[]` still makes a drug without any
    drug = drug_services.drug_create(
        name=name, ingredient_names=names, link_ingredients=False, **extra
    )
    for brand in brands:
        drug_services.drug_name_add(drug=drug, name=brand, kind=DrugName.Kind.BRAND)
    for position, ingredient in enumerate(ingredients if ingredients is not None else [name]):
        if isinstance(ingredient, str):
            ingredient = make_ingredient(ingredient)
        drug_services.drug_ingredient_set(drug=drug, ingredient=ingredient, position=position)
    return drug


def make_interaction(
    first: Drug, second: Drug, *, severity=Severity.MAJOR, source="editorial", **extra
) -> Interaction:
    a, b = first.drug_ingredients.first(), second.drug_ingredients.first()
    assert a is not None and b is not None, "both drugs have an ingredient"
    interaction, _ = services.interaction_upsert(
        ingredient_a_id=a.ingredient_id,
        ingredient_b_id=b.ingredient_id,
        severity=severity,
        source=source,
        **extra,
    )
    return interaction
