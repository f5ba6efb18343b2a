"""Commands that load the pill data in ../shared/data (used by `make import-shared`)."""

from pathlib import Path


def import_commands(data_dir: Path) -> list[tuple[str, list[str]]]:
    pillbox = data_dir / "pillbox"
    commands: list[tuple[str, list[str]]] = []
    csv_path = pillbox / "extract" / "pill_color_imprint_dataset.csv.gz"
    if csv_path.is_file():
        commands.append(("import_pills", [str(csv_path)]))
    for folder in (pillbox / "images", pillbox / "extract" / "images"):
        if folder.is_dir():
            commands.append(("import_pill_images", [str(folder)]))
    return commands
