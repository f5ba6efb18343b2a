"""The table that ends a sequence of imports (`make import-shared`)."""

from __future__ import annotations

from collections.abc import Sequence

from .run import ImportRun

COLUMNS = ("importer", "records", "created", "updated", "unchanged", "rejected", "seconds")


def summary_table(runs: Sequence[ImportRun]) -> list[str]:
    """One row per run and a total row, columns aligned, numbers right-aligned."""
    rows = [
        [
            run.label + (" (dry run)" if run.dry_run else ""),
            f"{run.records:,}",
            f"{run.created:,}",
            f"{run.updated:,}",
            f"{run.unchanged:,}",
            f"{len(run.rejected):,}",
            f"{run.seconds:.1f}",
        ]
        for run in runs
    ]
    rows.append(
        [
            "total",
            f"{sum(r.records for r in runs):,}",
            f"{sum(r.created for r in runs):,}",
            f"{sum(r.updated for r in runs):,}",
            f"{sum(r.unchanged for r in runs):,}",
            f"{sum(len(r.rejected) for r in runs):,}",
            f"{sum(r.seconds for r in runs):.1f}",
        ]
    )
    widths = [max(len(row[i]) for row in [list(COLUMNS), *rows]) for i in range(len(COLUMNS))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return [line(COLUMNS), rule, *(line(row) for row in rows[:-1]), rule, line(rows[-1])]
