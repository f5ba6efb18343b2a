"""Commands that load the real public data in ../shared/data (`make import-shared`)."""

from pathlib import Path


def import_commands(data_dir: Path) -> list[tuple[str, list[str]]]:
    commands = []
    interactions = data_dir / "interactions"
    if interactions.is_dir():
        commands.append(("import_interactions", [str(interactions)]))
    recalls = data_dir / "openfda" / "enforcement" / "recalls.json"
    if recalls.is_file():
        commands.append(("import_recalls", [str(recalls)]))
    return commands
