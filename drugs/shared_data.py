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
    # Our own supplement monographs (drugs/supplements/), whatever the data folder holds.
    commands.append(("import_supplements", []))
    # NIH DSLD products, after the supplement pages their names are matched to.
    dsld = data_dir / "supplements" / "all_lstProducts_csv.zip"
    if dsld.is_file():
        commands.append(("import_supplement_products", [str(dsld)]))
    # After the drug importers (which add ingredients), before the interactions step that
    # expands class-based rules to the classes' member ingredients.
    classes = data_dir / "drug-classes" / "drug-class-mapping.tsv.gz"
    if classes.is_file():
        commands.append(("import_drug_classes", [str(classes)]))
    return commands


def late_import_commands(data_dir: Path) -> list[tuple[str, list[str]]]:
    """After every app's imports: links to unknown drugs are rejected, and pills create
    drugs from their own data; run earlier, a second run would find (and add) more.

    First, drugs left without ingredients by earlier imports are merged into their real drug
    (or linked to their ingredients), so indications link to the drug that stays."""
    commands: list[tuple[str, list[str]]] = []
    drug_data = [
        data_dir / "drugsfda" / "drugsatfda.zip",
        data_dir / "dailymed-spl",
        data_dir / "pillbox",
    ]
    if any(path.exists() for path in drug_data):
        commands.append(("link_drug_ingredients", []))
        # Then drugs that share a key (salt-named twins, spelling variants) become one page.
        commands.append(("merge_drug_twins", []))
    # Again, for the ingredients pills and that step added after the first class import
    # (without it a second `make import-shared` would still find classes to add).
    classes = data_dir / "drug-classes" / "drug-class-mapping.tsv.gz"
    if classes.is_file():
        commands.append(("import_drug_classes", [str(classes)]))
    indications = data_dir / "indications"
    if indications.is_dir():
        arguments = [str(indications)]
        spl_ingredients = data_dir / "pillbox" / "api" / "spl_ingredients.csv.gz"
        if spl_ingredients.is_file():
            arguments += ["--spl-ingredients", str(spl_ingredients)]
        commands.append(("import_indications", arguments))
    # Our editors' first-line table, after the ICD-10-CM conditions and every drug import
    # (without drug data it would only report each drug missing).
    if any(path.exists() for path in drug_data):
        commands.append(("import_first_line", []))
    return commands
