"""The public data files the drugs importers read (`make import-shared`)."""

from __future__ import annotations

from pathlib import Path


def import_commands(data_dir: Path) -> list[tuple[str, list[str]]]:
    commands: list[tuple[str, list[str]]] = []
    drugsfda = data_dir / "drugsfda" / "drugsatfda.zip"
    if drugsfda.is_file():
        commands.append(("import_drugsfda", [str(drugsfda)]))
    spl = data_dir / "dailymed-spl"
    if spl.is_dir():
        commands.append(("import_spl", [str(spl)]))
    # DailyMed daily updates of January 2014, as a .tar.gz of SPL XML (89 labels).
    spl_2014 = data_dir / "dailymed-spl-2014" / "spl_xml_2014-01.tar.gz"
    if spl_2014.is_file():
        commands.append(("import_spl", [str(spl_2014)]))
    return commands


def late_import_commands(data_dir: Path) -> list[tuple[str, list[str]]]:
    """After every app's imports: links to unknown drugs are rejected, and pills create
    drugs from their own data; run earlier, a second run would find (and add) more."""
    indications = data_dir / "indications"
    if indications.is_dir():
        return [("import_indications", [str(indications)])]
    return []
