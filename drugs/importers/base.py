"""What every drugs importer shares: a report of what changed, and a dry-run switch.

Importers parse a format into records and hand them to services; they never write models
themselves. A dry run wraps the whole run in a transaction that is rolled back, so the
report says exactly what a real run would do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction

BATCH_SIZE = 1000
CHANGES = {"created", "updated"}


def batched(iterable: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in iterable:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class DryRunRollback(Exception):
    """Raised at the end of a dry run to roll everything back."""


@dataclass
class Rejected:
    reference: str
    reason: str


@dataclass
class ImportReport:
    """Counts per entity and outcome ("product created", "name unchanged"...), rejections."""

    counts: Counter = field(default_factory=Counter)
    rejected: list[Rejected] = field(default_factory=list)
    records: int = 0
    dry_run: bool = False

    def add(self, entity: str, outcome: str, n: int = 1) -> None:
        self.counts[(entity, outcome)] += n

    def reject(self, reference: str, reason: str) -> None:
        self.rejected.append(Rejected(reference=reference, reason=reason))

    @property
    def changed(self) -> int:
        return sum(n for (_entity, outcome), n in self.counts.items() if outcome in CHANGES)

    def lines(self) -> list[str]:
        lines = [f"{self.records} records read."]
        entities = sorted({entity for entity, _ in self.counts})
        for entity in entities:
            parts = [
                f"{n} {outcome}"
                for (name, outcome), n in sorted(self.counts.items())
                if name == entity
            ]
            lines.append(f"  {entity}: " + ", ".join(parts))
        if self.rejected:
            lines.append(f"{len(self.rejected)} records rejected:")
            lines.extend(f"  {r.reference}: {r.reason}" for r in self.rejected[:200])
            if len(self.rejected) > 200:
                lines.append(f"  ... and {len(self.rejected) - 200} more")
        if self.changed == 0:
            lines.append("No changes: everything was already up to date.")
        if self.dry_run:
            lines.append("Dry run: nothing was saved.")
        return lines


@contextmanager
def maybe_dry_run(report: ImportReport) -> Iterator[None]:
    if not report.dry_run:
        yield
        return
    try:
        with transaction.atomic():
            yield
            raise DryRunRollback
    except DryRunRollback:
        pass
