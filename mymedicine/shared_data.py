"""Commands that load the real public data in ../shared/data (`make import-shared`)."""

from __future__ import annotations

from pathlib import Path


def import_commands(data_dir: Path) -> list[tuple[str, list[str]]]:
    recalls = data_dir / "openfda" / "enforcement" / "recalls.json"
    if recalls.is_file():
        return [("import_recalls", [str(recalls)])]
    return []
