"""openFDA recalls: stored, matched to our drugs, alerts queued for readers who opted in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from healthsite.importing import Importer, ImportRun, Rejected, open_inputs
from mymedicine import services
from mymedicine.matching import DrugIndex

from .openfda_enforcement import parse_enforcement
from .records import RecallRecord


class RecallsImporter(Importer[RecallRecord]):
    """Each report through `services.recall_upsert`; alerts are queued on commit, so a dry
    run (rolled back) sends none."""

    label = "Recalls (openFDA)"
    unit = "recalls"
    batch_size = 100

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> Iterator[RecallRecord | Rejected]:
        for member in open_inputs(self.path, suffixes=[".json"]):
            yield from parse_enforcement(member)

    def start(self, run: ImportRun) -> None:
        self.index = DrugIndex.build()

    def save(self, records: list[RecallRecord], run: ImportRun) -> None:
        for record in records:
            recall, status = services.recall_upsert(record=record, index=self.index)
            run.add("recall", status)
            if recall.matches.exists():
                run.add("recall", "matched to our drugs")
