"""The public data files the interactions importer reads (`make import-shared`).

The interaction lists link ingredients, which the drugs importers (Drugs@FDA, SPL) create and
which nothing after them adds, so this is an ordinary step: it runs after drugs' steps and
needs no late one.
"""

from __future__ import annotations

from pathlib import Path


def import_commands(data_dir: Path) -> list[tuple[str, list[str]]]:
    interactions = data_dir / "interactions"
    if interactions.is_dir():
        return [("import_interactions", [str(interactions)])]
    return []
