"""The interaction lists: which parser reads which file, and the run that stores the pairs.

Read formats (by file suffix, in files, folders or archives):
- `ONC_High_Priority_Mapped.csv`, `ONC_Non_Interuptive_Mapped.csv` ($-delimited pairs);
- the ONC non-interruptive class table `.xlsx` (classes expanded to member ingredients);
- the merged public PDDI `.tsv` (NDF-RT severities, ONC rows).
Names are mapped to our ingredients; names we do not know are reported, not created. Every
record is added to one `services.InteractionBatch`, which merges a pair met several times by
a fixed rule and writes each pair once at the end, so a second run changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from healthsite.importing import (
    CREATED,
    UNCHANGED,
    UPDATED,
    Importer,
    ImportRun,
    InputFile,
    Rejected,
    is_archive,
    open_inputs,
)
from interactions import services
from interactions.matching import IngredientIndex

from .onc_csv import parse_onc_mapped
from .onc_xlsx import parse_onc_class_table
from .pddi_tsv import parse_pddi_tsv
from .records import InteractionRecord

Parser = Callable[[InputFile], Iterator[InteractionRecord | Rejected]]
PARSERS: dict[str, Parser] = {
    ".tsv": parse_pddi_tsv,
    ".xlsx": parse_onc_class_table,
    ".csv": parse_onc_mapped,
}


def parser_for(name: str) -> Parser | None:
    return PARSERS.get(Path(name).suffix.lower())


class InteractionsImporter(Importer[InteractionRecord]):
    label = "Interactions"
    unit = "records"
    batch_size = 1000

    def __init__(self, paths: Iterable[Path], *, show_unmapped: int = 20) -> None:
        self.paths = [Path(p) for p in paths]
        self.show_unmapped = show_unmapped
        self.files = 0

    def read(self) -> Iterator[InteractionRecord | Rejected]:
        for path in self.paths:
            named_alone = path.is_file() and not is_archive(path.name)
            if named_alone and parser_for(path.name) is None:
                yield Rejected(str(path), "not a format we read")
                continue
            # In folders and archives, files of other formats (README, .xls) are passed over.
            for member in open_inputs(path):
                parse = parser_for(member.basename)
                if parse is not None:
                    self.files += 1
                    yield from parse(member)

    def start(self, run: ImportRun) -> None:
        self.summary = services.ImportSummary()
        self.batch = services.InteractionBatch(index=IngredientIndex(), summary=self.summary)

    def save(self, records: list[InteractionRecord], run: ImportRun) -> None:
        for record in records:
            self.batch.add(record)

    def finish(self, run: ImportRun) -> None:
        self.batch.save()
        summary = self.summary
        run.add("interaction", CREATED, summary.created)
        run.add("interaction", UPDATED, summary.updated)
        run.add("interaction", UNCHANGED, summary.unchanged)
        run.add("record", "skipped (a name not matched)", summary.skipped)
        unmapped = sorted(summary.unmapped.items(), key=lambda kv: (-kv[1], kv[0]))
        if unmapped:
            listed = ", ".join(f"{name} ({n})" for name, n in unmapped[: self.show_unmapped])
            run.note(f"Names not matched to an ingredient: {len(unmapped)}: {listed}")
        run.note(f"Read {self.files} file(s).")
