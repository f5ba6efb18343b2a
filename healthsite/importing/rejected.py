"""Records an importer could not use, each with where it was and why."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Rejected:
    """A record (or line, or file) that was not imported: `reference` says where it was
    ("Products.txt line 12", "I10", "labels.zip/abc.xml"), `reason` says why."""

    reference: str
    reason: str


def write_rejected_report(path: Path, rejected: Iterable[Rejected]) -> int:
    """Write the rejected records as CSV (`reference,reason`); return how many."""
    count = 0
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["reference", "reason"])
        for item in rejected:
            writer.writerow([item.reference, item.reason])
            count += 1
    return count
