"""Builders for My Medicine tests: profiles and products, plus the drugs and interactions
builders of tests/interactions (My Medicine's lists are checked for interactions)."""

from __future__ import annotations

from drugs.models import Drug, Product
from mymedicine import services
from mymedicine.models import Profile
from tests.interactions.factories import make_drug, make_ingredient, make_interaction

__all__ = ["make_drug", "make_ingredient", "make_interaction", "make_product", "make_profile"]


def make_product(drug: Drug, *, ndc: str, strength: str = "") -> Product:
    return Product.objects.create(
        drug=drug, source_key=f"ndc:{ndc}", ndc=ndc, name=drug.name, strength=strength
    )


def make_profile(owner, **extra) -> Profile:
    extra.setdefault("name", "Me")
    return services.profile_create(owner=owner, **extra)
