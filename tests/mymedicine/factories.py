"""Builders for My Medicine tests: profiles and products, plus the drugs and interactions
builders of tests/interactions (My Medicine's lists are checked for interactions)."""

from __future__ import annotations

from drugs.models import Drug, Product
from mymedicine import services
from mymedicine.models import Profile
from tests.interactions.factories import make_drug, make_ingredient, make_interaction

__all__ = ["make_drug", "make_ingredient", "make_interaction", "make_product", "make_profile"]


def make_product(
    drug: Drug,
    *,
    ndc: str = "",
    strength: str = "",
    dosage_form: str = "",
    route: str = "",
    name: str = "",
) -> Product:
    """A product of `drug`; with an 11-digit `ndc` it is keyed by it, without one it stands
    for a Drugs@FDA product (form and route, no NDC)."""
    key = f"ndc:{ndc}" if ndc else f"test:{drug.pk}:{Product.objects.count() + 1}"
    return Product.objects.create(
        drug=drug,
        source_key=key,
        ndc=ndc,
        ndc_printed=f"{ndc[:5]}-{ndc[5:9]}-{ndc[9:]}" if ndc else "",
        name=name or drug.name,
        strength=strength,
        dosage_form=dosage_form,
        route=route,
    )


def make_profile(owner, **extra) -> Profile:
    extra.setdefault("name", "Me")
    return services.profile_create(owner=owner, **extra)
