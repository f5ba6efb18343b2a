"""Matching recalls (openFDA enforcement reports) to our drugs by code and name.

The index is built once per import run from the drugs tables, then consulted in memory, so an
import does a fixed number of lookups however many records it reads.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from drugs.models import Drug, DrugName, Ingredient, Product
from drugs.text import normalize_name, normalize_ndc
from interactions.matching import name_keys


@dataclass
class RecallHit:
    drug_id: int
    product_id: int | None
    matched_by: str


@dataclass
class DrugIndex:
    """Drugs by RxCUI, NDC (11-digit package or 9-digit product code) and name."""

    by_rxcui: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_ndc11: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    by_ndc9: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    by_name: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def build(cls) -> DrugIndex:
        index = cls()
        for pk, rxcui in Drug.objects.exclude(rxcui="").values_list("pk", "rxcui"):
            index.by_rxcui[rxcui].add(pk)
        for drug_id, rxcui in Ingredient.objects.exclude(rxcui="").values_list(
            "drug_ingredients__drug_id", "rxcui"
        ):
            if drug_id:
                index.by_rxcui[rxcui].add(drug_id)
        for pk, drug_id, ndc in Product.objects.exclude(ndc="").values_list("pk", "drug_id", "ndc"):
            index.by_ndc11[ndc].append((drug_id, pk))
            index.by_ndc9[ndc[:9]].append((drug_id, pk))
        for drug_id, name in DrugName.objects.values_list("drug_id", "name"):
            for key in name_keys(name):
                index.by_name[key].add(drug_id)
        for pk, name in Drug.objects.values_list("pk", "name"):
            for key in name_keys(name):
                index.by_name[key].add(pk)
        return index

    def _names(self, names, matched_by: str) -> list[RecallHit]:
        hits = []
        for name in names:
            for key in name_keys(name):
                if key in self.by_name:
                    hits += [RecallHit(d, None, matched_by) for d in sorted(self.by_name[key])]
                    break
        return hits

    def _leading_name(self, description: str) -> list[RecallHit]:
        """The drug named at the start of a free-text description ("Lisinopril Tablets USP,
        10 mg ..."): the longest run of up to six leading words that is a known name."""
        head = re.split(r"[\d,(;]", description, maxsplit=1)[0]
        words = normalize_name(head).split()[:6]
        for size in range(len(words), 0, -1):
            key = " ".join(words[:size])
            if key in self.by_name:
                return [RecallHit(d, None, "description") for d in sorted(self.by_name[key])]
        return []

    def match_recall(self, *, rxcuis, ndcs, brand_names, generic_names, description) -> dict:
        """drug id -> best RecallHit. Codes beat names; a product is kept when an NDC says so."""
        hits: list[RecallHit] = []
        for ndc in ndcs:
            digits = normalize_ndc(ndc)
            pairs = self.by_ndc11.get(digits, []) if len(digits) == 11 else []
            if len(digits) == 9:
                pairs = self.by_ndc9.get(digits, [])
            hits += [RecallHit(drug, product, "ndc") for drug, product in pairs]
        for rxcui in rxcuis:
            hits += [RecallHit(d, None, "rxcui") for d in sorted(self.by_rxcui.get(rxcui, ()))]
        hits += self._names(brand_names, "brand")
        hits += self._names(generic_names, "generic")
        if not hits:
            hits = self._leading_name(description)
        best: dict[int, RecallHit] = {}
        for hit in hits:  # first hit per drug wins: NDC, then RxCUI, then names
            best.setdefault(hit.drug_id, hit)
        return best
