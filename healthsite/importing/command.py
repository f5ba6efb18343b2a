"""The base of every `import_*` management command: one set of options, one report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from .readers import InputError
from .rejected import write_rejected_report
from .run import Importer, ImportRun, run_import

REJECTED_SHOWN = 50


def existing_path(value: str) -> Path:
    """argparse type: a file or folder that exists."""
    path = Path(value)
    if not path.exists():
        raise argparse.ArgumentTypeError(f"No such file or folder: {path}")
    return path


class ImportCommand(BaseCommand):
    """An import command is its docstring, its input arguments and `importer(options)`.

    Every import command takes `--dry-run` (everything runs in a transaction that is rolled
    back; the report says what a real run would do) and `--rejected-report PATH` (every
    rejected record, `reference,reason`, as CSV). Progress is drawn on stderr when it is a
    terminal; rejected records (the first 50) go to stderr, the summary to stdout.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.runs: list[ImportRun] = []

    def add_arguments(self, parser: CommandParser) -> None:
        self.add_inputs(parser)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="run everything in a transaction that is rolled back: report, save nothing",
        )
        parser.add_argument(
            "--rejected-report",
            type=Path,
            metavar="PATH",
            help="write every rejected record (reference, reason) to this CSV file",
        )

    def add_inputs(self, parser: CommandParser) -> None:
        """Add the command's own arguments (its input paths, its options)."""
        raise NotImplementedError

    def importer(self, options: dict[str, Any]) -> Importer[Any]:
        """The importer for these options (the parsed command line, by argument name)."""
        raise NotImplementedError

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = options.pop("dry_run")
        rejected_report = options.pop("rejected_report")
        try:
            importer = self.importer(options)
            run = run_import(
                importer,
                dry_run=dry_run,
                progress=self.stderr if options.get("verbosity", 1) > 0 else None,
            )
        except InputError as error:
            raise CommandError(str(error)) from error
        self.runs.append(run)
        self.report(run, rejected_report=rejected_report)

    def report(self, run: ImportRun, *, rejected_report: Path | None = None) -> None:
        for item in run.rejected[:REJECTED_SHOWN]:
            self.stderr.write(f"rejected {item.reference}: {item.reason}")
        hidden = len(run.rejected) - REJECTED_SHOWN
        if hidden > 0:
            where = "" if rejected_report else " (--rejected-report PATH lists them all)"
            self.stderr.write(f"... and {hidden:,} more rejected{where}")
        if rejected_report:
            count = write_rejected_report(rejected_report, run.rejected)
            self.stdout.write(f"{count:,} rejected records written to {rejected_report}")
        for line in run.lines():
            self.stdout.write(line)
