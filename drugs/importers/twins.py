"""A late import step: one page per medicine.

Drugs that share an ingredient key are one medicine by the FDA's active-moiety rule
(`drugs.text.base_name`): "betamethasone valerate" and "betamethasone dipropionate" are
betamethasone, "vitamin B 12" is cyanocobalamin. Databases imported before that rule have a page
for each (~55 keys on the full data); this step merges them with `drug_merge`, so reviews,
names, products, pills and saved medicines move and every old address redirects (301).
Medicines the rule keeps apart (`drugs.text.DISTINCT_MEDICINES`: Ca-DTPA and Zn-DTPA,
cyclosporine modified) have keys of their own and are never merged.

A step of its own after `link_drug_ingredients` (not part of it): that step gives stubs their
ingredients or merges them, so every drug has its final key before twins are looked for, and
each step's report says what it did.
"""

from __future__ import annotations

from collections.abc import Iterator

from drugs.services.merge import drug_twins_merge, keys_shared_by_published_drugs
from healthsite.importing import Importer, ImportRun, Rejected
from healthsite.upsert import UPDATED


class DrugTwinsImporter(Importer[str]):
    label = "Drugs that are one medicine"
    unit = "ingredient keys"
    batch_size = 20

    def start(self, run: ImportRun) -> None:
        self.keys = keys_shared_by_published_drugs()
        self.merged: list[str] = []

    def total(self) -> int | None:
        return len(self.keys)

    def read(self) -> Iterator[str | Rejected]:
        return iter(self.keys)

    def save(self, records: list[str], run: ImportRun) -> None:
        for key in records:
            for old_slug, slug in drug_twins_merge(ingredient_key=key):
                self.merged.append(f"{old_slug} → {slug}")
                run.add("drug merged into its twin", UPDATED)

    def finish(self, run: ImportRun) -> None:
        if self.merged:
            shown = ", ".join(self.merged[:20])
            more = f" and {len(self.merged) - 20:,} more" if len(self.merged) > 20 else ""
            run.note(f"Merged (old address redirects): {shown}{more}.")
