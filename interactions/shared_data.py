"""What `make import-shared` runs for interactions.

The interaction lists link ingredients, which the drugs importers (Drugs@FDA, SPL) create and
which nothing after them adds, so importing them is an ordinary step. Our editorial rules
live in the repository, not in the public data folder, so they are imported whatever the
folder holds; they expand to FDA class members, so they run late, after every app's ordinary
steps (the drug classes among them) and after `import_interactions`.
"""

from __future__ import annotations

from pathlib import Path


def import_commands(data_dir: Path) -> list[tuple[str, list[str]]]:
    interactions = data_dir / "interactions"
    if interactions.is_dir():
        return [("import_interactions", [str(interactions)])]
    return []


def late_import_commands(data_dir: Path) -> list[tuple[str, list[str]]]:
    return [("import_interaction_rules", [])]
