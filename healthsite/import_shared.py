"""Import the public data samples (`make import-shared`).

Runs, app by app (lowest layer first), the import commands each app registers in
`healthsite.registry.import_steps` for the files under HEALTHSITE_SHARED_DATA (default
../shared/data), and ends with one table: per importer, records read, rows
created/updated/unchanged, rejected records and seconds.
Every importer is idempotent, so running this twice changes nothing the second time.

An app may also register `late_commands(data_dir)`: commands run
after every app's `import_commands`, for imports that link to what the other apps add
(drugs' indications need every drug, and pills create drugs from their own data).
"""

import os
import sys
import time
from pathlib import Path

import django


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthsite.settings")
    # Development settings on a fresh clone; where a .env file exists, it decides.
    if not (Path(__file__).resolve().parent.parent / ".env").exists():
        os.environ.setdefault("DJANGO_DEBUG", "1")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command, get_commands, load_command_class

    from healthsite import registry
    from healthsite.importing import ImportCommand, ImportRun, summary_table

    data_dir = settings.SHARED_DATA_DIR
    if not data_dir.is_dir():
        print(f"No public data folder at {data_dir}; set HEALTHSITE_SHARED_DATA.")
        return 1
    started = time.monotonic()
    steps = registry.import_commands(data_dir)
    runs: list[ImportRun] = []
    for app, (name, args) in steps:
        print(f"\n[{app}] manage.py {name} {' '.join(args)}", flush=True)
        command = load_command_class(get_commands()[name], name)
        call_command(command, *args)
        if isinstance(command, ImportCommand):
            runs.extend(command.runs)
    if runs:
        print()
        for line in summary_table(runs):
            print(line)
    print(f"\nAll imports done in {time.monotonic() - started:.1f}s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
