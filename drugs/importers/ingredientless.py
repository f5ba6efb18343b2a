"""A late import step: every drug without ingredient links gets them, from our own tables.

Drugs made before `drug_create` linked ingredients (the pill importer's, ~48 in a full import)
have an ingredient key but no ingredients, so the interaction checker cannot match them. Each
is merged into the drug with the same key that has ingredients (its address then redirects
there) or, when there is none, linked to the ingredients its key names
(`drugs.services.merge.drug_ingredients_fix`). Drugs with an empty key are listed in a note.
"""

from __future__ import annotations

from collections.abc import Iterator

from drugs.models import Drug
from drugs.services.merge import LEFT, LINKED, MERGED, drug_ingredients_fix
from healthsite.importing import UNCHANGED, Importer, ImportRun, Rejected
from healthsite.upsert import UPDATED


class IngredientlessDrugsImporter(Importer[int]):
    label = "Drugs without ingredients"
    unit = "drugs"
    batch_size = 50

    def start(self, run: ImportRun) -> None:
        self.drug_ids = list(
            Drug.objects.filter(drug_ingredients__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        self.left: list[str] = []

    def total(self) -> int | None:
        return None

    def read(self) -> Iterator[int | Rejected]:
        return iter(self.drug_ids)

    def save(self, records: list[int], run: ImportRun) -> None:
        for drug in Drug.objects.filter(pk__in=records).order_by("pk"):
            outcome = drug_ingredients_fix(drug=drug)
            if outcome == MERGED:
                run.add("drug merged into its real drug", UPDATED)
            elif outcome == LINKED:
                run.add("drug linked to its ingredients", UPDATED)
            elif outcome == LEFT:
                self.left.append(drug.slug)
                run.add("drug", UNCHANGED)
            else:
                run.add("drug", UNCHANGED)

    def finish(self, run: ImportRun) -> None:
        if self.left:
            run.note(
                f"{len(self.left):,} drugs have no ingredient key, so nothing names their "
                f"ingredients: {', '.join(self.left[:20])}."
            )
