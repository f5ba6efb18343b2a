"""FDA pharmacologic classes per substance (the Pittsburgh PDDI knowledge base's
`drug-class-mapping.tsv`, plain or gzipped) -> `DrugClass` rows and each ingredient's classes.

The file is tab-separated with a header `pt  db_uri2  nameAndRole`: `pt` is the FDA preferred
term of a substance in capitals ("SERTRALINE", "SERTRALINE HYDROCHLORIDE"), `nameAndRole` one
FDA class term with its kind in brackets ("Serotonin Reuptake Inhibitor [EPC]") or empty (most
rows: substances without a class, many of them allergen extracts). A substance may have several
rows. `db_uri2` is not used.

Salts carry no class in the file (SERTRALINE HYDROCHLORIDE has none, SERTRALINE has two), so an
ingredient gets the classes of its own name when that name has any, else those of its base
substance (`drugs.text.base_name`: "clopidogrel bisulfate" -> CLOPIDOGREL), else those of the
file's substances with the same base ("cephalexin" -> CEPHALEXIN ANHYDROUS). The whole file is
read before any ingredient is given its classes, so the order of its rows does not matter.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from drugs.models import Ingredient
from drugs.search import index_drug_classes
from drugs.services.classes import drug_class_parse, drug_classes_upsert, ingredient_classes_sync
from drugs.text import base_name, normalize_name
from healthsite.importing import Importer, ImportRun, Rejected, open_inputs

HEADER = ["pt", "db_uri2", "nameAndRole"]
UNMATCHED_SHOWN = 10


@dataclass(frozen=True)
class SubstanceClass:
    substance: str  # the FDA preferred term, as written
    class_name: str  # the FDA class term with its [kind], or "" for a substance without one


def read_drug_classes(path: str | Path) -> Iterator[SubstanceClass | Rejected]:
    for member in open_inputs(path, suffixes=[".tsv", ".txt"]):
        reader = csv.reader(member.text(), delimiter="\t")
        header = next(reader, None)
        if header is None or [h.strip() for h in header[:3]] != HEADER:
            yield Rejected(reference=member.name, reason=f"not a class mapping: header {header}")
            member.release()
            continue
        for line, row in enumerate(reader, start=2):
            reference = f"{member.name}:{line}"
            substance = row[0].strip() if row else ""
            class_name = row[2].strip() if len(row) > 2 else ""
            if not substance:
                yield Rejected(reference=reference, reason="no substance name")
                continue
            if class_name:
                try:
                    drug_class_parse(class_name)
                except ValueError as error:
                    yield Rejected(reference=reference, reason=str(error))
                    continue
            yield SubstanceClass(substance=substance, class_name=class_name)
        member.release()


class DrugClassImporter(Importer[SubstanceClass]):
    """Batches create the class vocabulary and collect each substance's classes; `finish`
    gives every ingredient its classes through `ingredient_classes_sync`."""

    label = "Drug classes (FDA)"
    unit = "rows"
    batch_size = 5000

    def __init__(self, path: str | Path) -> None:
        self.path = path

    def read(self) -> Iterator[SubstanceClass | Rejected]:
        return read_drug_classes(self.path)

    def start(self, run: ImportRun) -> None:
        self.class_ids: dict[str, int] = {}
        self.classes_of: dict[str, set[int]] = defaultdict(set)  # normalised substance
        self.rows_of: Counter[str] = Counter()
        self.names: dict[str, str] = {}  # normalised substance -> as written

    def save(self, records: list[SubstanceClass], run: ImportRun) -> None:
        new = {r.class_name for r in records if r.class_name} - set(self.class_ids)
        if new:
            ids, counts = drug_classes_upsert(names=new)
            self.class_ids.update(ids)
            for outcome, n in counts.items():
                run.add("drug class", outcome, n)
        for record in records:
            if record.class_name:
                substance = normalize_name(record.substance)
                self.classes_of[substance].add(self.class_ids[record.class_name])
                self.rows_of[substance] += 1
                self.names.setdefault(substance, record.substance)

    def finish(self, run: ImportRun) -> None:
        by_base: dict[str, set[str]] = defaultdict(set)
        for substance in self.classes_of:
            by_base[base_name(substance)].add(substance)
        used: set[str] = set()
        assignments: dict[int, set[int]] = {}
        for pk, normalized in Ingredient.objects.values_list("pk", "normalized"):
            base = base_name(normalized)
            if normalized in self.classes_of:
                sources = {normalized}
            elif base in self.classes_of:
                sources = {base}
            else:
                sources = by_base.get(base, set())
            used |= sources
            assignments[pk] = {c for s in sources for c in self.classes_of[s]}
        for outcome, n in ingredient_classes_sync(classes=assignments).items():
            run.add("ingredient", outcome, n)
        classed = sum(1 for ids in assignments.values() if ids)
        run.note(f"{index_drug_classes():,} class pages in the site search.")
        run.note(f"{classed:,} of {len(assignments):,} ingredients have an FDA class.")
        unmatched = [s for s in self.classes_of if s not in used]
        if unmatched:
            top = sorted(unmatched, key=lambda s: (-self.rows_of[s], s))[:UNMATCHED_SHOWN]
            run.note(
                f"{len(unmatched):,} classed substances match none of our ingredients, e.g. "
                + "; ".join(self.names[s] for s in top)
                + "."
            )
