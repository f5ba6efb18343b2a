"""Import drug-drug interactions from the public lists into Interaction rows.

    manage.py import_interactions ../shared/data/interactions [--dry-run]

PATH may be files or folders (searched recursively). Read formats:
- `ONC_High_Priority_Mapped.csv`, `ONC_Non_Interuptive_Mapped.csv` ($-delimited pairs);
- the ONC non-interruptive class table `.xlsx` (classes expanded to member ingredients);
- the merged public PDDI `.tsv` (NDF-RT severities, ONC rows).
Names are mapped to our ingredients (drugs.Ingredient; salts folded, e.g. "warfarin sodium"
is warfarin); names we do not know are reported, not created. Idempotent: each pair is stored
once per source; when a run meets a pair several times (several rows or files) the values
are merged by a fixed rule (the most severe severity wins; see services.InteractionBatch),
so a second run over the same files changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from interactions import services
from interactions.matching import IngredientIndex
from mymedicine.importers.onc_csv import parse_onc_mapped
from mymedicine.importers.onc_xlsx import parse_onc_class_table
from mymedicine.importers.pddi_tsv import parse_pddi_tsv
from mymedicine.importers.records import Rejected
from mymedicine.management.progress import Progress


class DryRun(Exception):
    pass


def parser_for(path: Path):
    suffix = path.suffix.lower()
    if suffix == ".tsv":
        return parse_pddi_tsv
    if suffix == ".xlsx":
        return parse_onc_class_table
    if suffix == ".csv":
        return parse_onc_mapped
    return None


def input_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and parser_for(p))
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{path} does not exist")
    return files


class Command(BaseCommand):
    help = __doc__.strip().splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument(
            "--dry-run", action="store_true", help="read and match everything, save nothing"
        )
        parser.add_argument(
            "--show-unmapped", type=int, default=20, help="how many unmapped names to list"
        )

    def handle(self, *args, paths, dry_run, show_unmapped, **options):
        files = input_files(paths)
        summary = services.ImportSummary()
        rejected: list[Rejected] = []
        try:
            with transaction.atomic():
                batch = services.InteractionBatch(index=IngredientIndex(), summary=summary)
                for path in files:
                    parse = parser_for(path)
                    if parse is None:
                        rejected.append(Rejected(str(path), "not a format we read"))
                        continue
                    progress = Progress(path.name)
                    for item in parse(path):
                        progress.step()
                        if isinstance(item, Rejected):
                            rejected.append(item)
                            continue
                        batch.add(item)
                    progress.done()
                batch.save()
                if dry_run:
                    raise DryRun
        except DryRun:
            self.stdout.write("Dry run: nothing was saved.")
        for item in rejected[:50]:
            self.stderr.write(f"rejected {item.where}: {item.reason}")
        if len(rejected) > 50:
            self.stderr.write(f"... and {len(rejected) - 50} more rejected records")
        unmapped = sorted(summary.unmapped.items(), key=lambda kv: (-kv[1], kv[0]))
        if unmapped:
            listed = ", ".join(f"{name} ({n})" for name, n in unmapped[:show_unmapped])
            self.stdout.write(f"Names not matched to an ingredient: {len(unmapped)}: {listed}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Interactions: {summary.created} created, {summary.updated} updated, "
                f"{summary.unchanged} unchanged; {summary.skipped} records skipped "
                f"(unmapped names), {len(rejected)} rejected, from {len(files)} file(s)."
            )
        )
