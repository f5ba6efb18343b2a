"""Matching recalls (openFDA enforcement reports) to our drugs and products.

Rules, in order; the first that gives anything decides, and each match records its rule:

1. **bulk**: a bulk chemical, an active ingredient for manufacturers, or a medical gas
   (`recall_text.is_bulk`) is stored but never linked to a consumer drug.
2. **ndc**: the NDCs printed in the description or lot codes (the products actually recalled)
   or, when it prints none, openFDA's product and package NDCs, compared by labeler-product
   code (`recall_text.ndc_product_code`) with our products' NDCs and our pills' product and
   package NDCs (a pill gives its drug, and its product when it has one).
3. **ingredients**: the exact set of active ingredients (openFDA substance names, else its
   generic names, else a description that starts with them, see
   `recall_text.ingredients_in_description`), compared by base names with each drug's
   `ingredient_key` (so a combination never lands on a single-ingredient drug nor the other
   way round), and only on drugs with a product whose route agrees with the recall's
   (openFDA route, else its form words): an injection bag is not a tablet.
4. **none**: the recall is stored, linked to nothing.

The index is built once per import run, then consulted in memory.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from drugs.models import Drug, Ingredient, Product
from drugs.services import base_name, ingredient_key
from pills.models import Pill

from . import recall_text
from .importers.records import RecallRecord

NDC = "ndc"
INGREDIENTS = "ingredients"
NONE = "none"
BULK = "bulk"
RULES = (NDC, INGREDIENTS, NONE, BULK)


@dataclass(frozen=True)
class RecallHit:
    drug_id: int
    product_id: int | None
    matched_by: str


@dataclass
class RecallMatchResult:
    rule: str  # one of RULES
    hits: list[RecallHit] = field(default_factory=list)


def _split_generic(name: str) -> list[str]:
    """openFDA generic names list a combination's parts with "/", "," or " and "."""
    return [part for part in re.split(r"\s*(?:/|,|\band\b)\s*", name, flags=re.I) if part]


@dataclass
class DrugIndex:
    """Drugs and products by NDC product code, drugs by ingredient key and by route."""

    by_ndc: dict[str, set[tuple[int, int | None]]] = field(default_factory=lambda: defaultdict(set))
    by_key: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    routes: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    known_ingredients: set[str] = field(default_factory=set)

    @classmethod
    def build(cls) -> DrugIndex:
        index = cls()
        products = Product.objects.values_list("pk", "drug_id", "ndc", "dosage_form", "route")
        for pk, drug_id, ndc, dosage_form, route in products.iterator():
            if code := recall_text.ndc_product_code(ndc):
                index.by_ndc[code].add((drug_id, pk))
            # A product's route, or its form words when the route is not given.
            index.routes[drug_id] |= recall_text.routes_in_text(route) or (
                recall_text.routes_in_text(dosage_form)
            )
        pills = Pill.objects.filter(drug__isnull=False).values_list(
            "drug_id", "product_id", "product_ndc", "package_ndcs"
        )
        for drug_id, product_id, product_ndc, package_ndcs in pills.iterator():
            for ndc in [product_ndc, *(package_ndcs or [])]:
                code = ndc[:9] if len(ndc) in (9, 11) and ndc.isdigit() else ""
                if code:
                    index.by_ndc[code].add((drug_id, product_id))
        for pk, key in Drug.objects.exclude(ingredient_key="").values_list("pk", "ingredient_key"):
            index.by_key[key].add(pk)
            index.known_ingredients.update(key.split("+"))
        for name in Ingredient.objects.values_list("name", flat=True).iterator():
            index.known_ingredients.add(base_name(name))
        return index

    def match_ndcs(self, ndcs: Iterable[str]) -> list[RecallHit]:
        found: set[tuple[int, int | None]] = set()
        for printed in ndcs:
            if code := recall_text.ndc_product_code(printed):
                found |= self.by_ndc.get(code, set())
        with_product = {drug_id for drug_id, product_id in found if product_id}
        # A drug known by its product needs no product-less hit from a pill besides.
        return [
            RecallHit(drug_id, product_id, NDC)
            for drug_id, product_id in sorted(found, key=lambda p: (p[0], p[1] or 0))
            if product_id or drug_id not in with_product
        ]

    def recall_ingredient_key(
        self, *, substance_names: Iterable[str], generic_names: Iterable[str], description: str
    ) -> str:
        if key := ingredient_key(substance_names):
            return key
        parts = [part for name in generic_names for part in _split_generic(name)]
        if parts:
            return ingredient_key(parts)
        return "+".join(
            sorted(recall_text.ingredients_in_description(description, self.known_ingredients))
        )

    def match_recall(
        self,
        *,
        ndcs: Iterable[str],
        text_ndcs: Iterable[str],
        substance_names: Iterable[str],
        generic_names: Iterable[str],
        routes: Iterable[str],
        description: str,
    ) -> RecallMatchResult:
        if recall_text.is_bulk(description):
            return RecallMatchResult(BULK)
        text_ndcs = list(text_ndcs)
        hits = self.match_ndcs(text_ndcs or ndcs)
        if hits:
            return RecallMatchResult(NDC, hits)
        key = self.recall_ingredient_key(
            substance_names=substance_names, generic_names=generic_names, description=description
        )
        recall_routes = recall_text.routes_in_text(" ".join(routes)) or (
            recall_text.routes_in_text(description)
        )
        drug_ids = sorted(
            drug_id
            for drug_id in self.by_key.get(key, ())
            if recall_routes & self.routes.get(drug_id, set())
        )
        if key and drug_ids:
            return RecallMatchResult(
                INGREDIENTS, [RecallHit(d, None, INGREDIENTS) for d in drug_ids]
            )
        return RecallMatchResult(NONE)

    def match_record(self, record: RecallRecord) -> RecallMatchResult:
        """Which of our drugs and products a recall concerns, and by which rule."""
        return self.match_recall(
            ndcs=record.ndcs,
            text_ndcs=record.text_ndcs,
            substance_names=record.substance_names,
            generic_names=record.generic_names,
            routes=record.routes,
            description=record.product_description,
        )
