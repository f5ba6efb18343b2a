"""The real public files articles can import (used by `make import-shared`), then our own
consumer conditions, which live in the repository and link the ICD-10-CM entries to them."""

from pathlib import Path


def import_commands(data_dir: Path) -> list[tuple[str, list[str]]]:
    steps: list[tuple[str, list[str]]] = []
    folder = data_dir / "conditions" / "icd10cm"
    if folder.is_dir():
        files = sorted(folder.glob("*.xml.gz")) + sorted(folder.glob("*.xml"))
        steps += [("import_icd10cm", [str(path)]) for path in files[:1]]
    # Whatever the data folder holds: the entries are ours (articles/conditions/*.toml).
    steps.append(("import_conditions", []))
    return steps
