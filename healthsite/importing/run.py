"""An import run: read records, hand them to services in batches, count what happened.

An importer is a parser plus the service calls for its records (see `Importer`);
`run_import` drives it: it opens the progress bar, sorts rejected records out, batches,
wraps a dry run in a transaction that is rolled back (so the report says exactly what a
real run would do), and times the run. The resulting `ImportRun` holds the counts, the
rejected records with their reasons and the summary lines every importer prints the same way.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any, Generic, TypeVar

from django.conf import settings
from django.db import transaction
from django.utils import translation
from more_itertools import batched

from healthsite.cache import content_changes_deferred
from healthsite.upsert import CREATED, UNCHANGED, UPDATED

from .progress import progress_bar
from .rejected import Rejected

OUTCOMES = (CREATED, UPDATED, UNCHANGED)

RecordT = TypeVar("RecordT")


class ImportRun:
    """What one import did: records read, outcomes per entity, rejected records, time."""

    def __init__(self, *, label: str, unit: str = "records", dry_run: bool = False) -> None:
        self.label = label
        self.unit = unit
        self.dry_run = dry_run
        self.records = 0
        self.counts: Counter[tuple[str, str]] = Counter()
        self.rejected: list[Rejected] = []
        self.notes: list[str] = []
        self.seconds = 0.0

    def add(self, entity: str, outcome: str, n: int = 1) -> None:
        """Count `n` rows of `entity` ("drug", "product"...) with `outcome` ("created"...)."""
        if n:
            self.counts[(entity, outcome)] += n

    def reject(self, reference: str, reason: str) -> None:
        self.rejected.append(Rejected(reference=reference, reason=reason))

    def note(self, text: str) -> None:
        """A line the importer wants in its report ("12 names not matched: ...")."""
        self.notes.append(text)

    def total(self, outcome: str) -> int:
        return sum(n for (_entity, name), n in self.counts.items() if name == outcome)

    @property
    def created(self) -> int:
        return self.total(CREATED)

    @property
    def updated(self) -> int:
        return self.total(UPDATED)

    @property
    def unchanged(self) -> int:
        return self.total(UNCHANGED)

    @property
    def changed(self) -> int:
        """Rows a run created or updated (0: everything was already up to date)."""
        return self.created + self.updated

    def breakdown(self) -> list[str]:
        """One line per entity ("  product: 3 created, 1 unchanged") when there is more to
        say than the summary's totals."""
        entities = sorted({entity for entity, _outcome in self.counts})
        plain = len(entities) <= 1 and all(outcome in OUTCOMES for _e, outcome in self.counts)
        if plain:
            return []
        lines = []
        for entity in entities:
            parts = [
                f"{n:,} {outcome}"
                for (name, outcome), n in sorted(self.counts.items())
                if name == entity
            ]
            lines.append(f"  {entity}: " + ", ".join(parts))
        return lines

    def summary(self) -> str:
        """The one summary line, in the same words for every importer."""
        would = "would have " if self.dry_run else ""
        return (
            f"{self.label}: {self.records:,} {self.unit} read, {would}{self.created:,} created, "
            f"{self.updated:,} updated, {self.unchanged:,} unchanged, "
            f"{len(self.rejected):,} rejected in {self.seconds:.1f}s."
        )

    def lines(self) -> list[str]:
        lines = [*self.breakdown(), *self.notes, self.summary()]
        if self.changed == 0:
            lines.append("No changes: everything was already up to date.")
        if self.dry_run:
            lines.append("Dry run: nothing was saved; the counts are what a real run would do.")
        return lines


class Importer(Generic[RecordT]):
    """One external format: `read()` parses it, `save()` hands records to services.

    `read()` yields records, or `Rejected` for what cannot be used, and never touches the
    database. `save(records, run)` writes one batch through services (inside a transaction)
    and counts outcomes with `run.add`; it may reject records that services refuse.
    `start` runs before the first batch (build lookup indexes), `finish` after the last
    (writes that need every record, re-indexing); both inside a dry run's transaction.
    """

    label = "Records"
    unit = "records"
    batch_size = 1

    def total(self) -> int | None:
        """How many items `read()` will yield, when cheap to know (for the progress bar)."""
        return None

    def read(self) -> Iterable[RecordT | Rejected]:
        raise NotImplementedError

    def start(self, run: ImportRun) -> None:
        """Called once before the first batch."""

    def save(self, records: list[RecordT], run: ImportRun) -> None:
        raise NotImplementedError

    def finish(self, run: ImportRun) -> None:
        """Called once after the last batch."""


class _DryRunRollback(Exception):
    """Raised at the end of a dry run to roll everything back."""


@contextmanager
def rolled_back_if(dry_run: bool) -> Iterator[None]:
    """Run the block in a transaction that is rolled back when `dry_run` is set."""
    if not dry_run:
        yield
        return
    try:
        with transaction.atomic():
            yield
            raise _DryRunRollback
    except _DryRunRollback:
        pass


def run_import(
    importer: Importer[Any], *, dry_run: bool = False, progress: IO[str] | Any = None
) -> ImportRun:
    """Run `importer` (read, batch, save) and return what it did.

    With `dry_run` everything happens as in a real run, inside a transaction that is rolled
    back at the end. `progress` is where the bar is drawn (only when it is a terminal).
    """
    run = ImportRun(label=importer.label, unit=importer.unit, dry_run=dry_run)
    started = time.monotonic()
    # Cached pages are dropped once at the end, not once per saved row (healthsite.cache).
    # Reasons are written in the site's language, never in one a request left active in
    # this thread (LocaleMiddleware does not reset it after a response).
    with (
        translation.override(settings.LANGUAGE_CODE),
        content_changes_deferred(),
        rolled_back_if(dry_run),
    ):
        importer.start(run)
        bar = progress_bar(
            label=importer.label, unit=importer.unit, total=importer.total(), stream=progress
        )
        with bar:
            for chunk in batched(importer.read(), importer.batch_size):
                records = []
                for item in chunk:
                    if isinstance(item, Rejected):
                        run.rejected.append(item)
                    else:
                        records.append(item)
                if records:
                    run.records += len(records)
                    # One transaction per batch: far faster than one per row on SQLite.
                    with transaction.atomic():
                        importer.save(records, run)
                bar.update(len(chunk))
        with transaction.atomic():
            importer.finish(run)
    run.seconds = time.monotonic() - started
    return run
