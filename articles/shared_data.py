"""The real public files articles can import (used by `make import-shared`)."""

from pathlib import Path


def import_commands(data_dir: Path) -> list[tuple[str, list[str]]]:
    folder = data_dir / "conditions" / "icd10cm"
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.xml.gz")) + sorted(folder.glob("*.xml"))
    return [("import_icd10cm", [str(path)]) for path in files[:1]]
