"""openFDA recalls: stored, matched to our drugs, alerts queued for readers who opted in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from healthsite.importing import Importer, ImportRun, Rejected, open_inputs
from mymedicine import services
from mymedicine.matching import BULK, INGREDIENTS, NDC, NONE, DrugIndex

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
        self.rules: Counter[str] = Counter()
        self.links: Counter[str] = Counter()

    def save(self, records: list[RecallRecord], run: ImportRun) -> None:
        for record in records:
            _recall, status, result = services.recall_upsert(record=record, index=self.index)
            run.add("recall", status)
            self.rules[result.rule] += 1
            self.links[result.rule] += len(result.hits)

    def finish(self, run: ImportRun) -> None:
        rules, links = self.rules, self.links
        run.note(
            f"Matched: {rules[NDC]:,} by NDC ({links[NDC]:,} links), "
            f"{rules[INGREDIENTS]:,} by ingredients and form ({links[INGREDIENTS]:,} links), "
            f"{rules[NONE]:,} by none, {rules[BULK]:,} bulk chemicals or gases (never linked)."
        )
