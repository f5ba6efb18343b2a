"""Import the public data samples (`make import-shared`).

Runs, app by app (lowest layer first), the import commands each app lists in its
`shared_data.py` for the files under HEALTHSITE_SHARED_DATA (default ../shared/data).
Every importer is idempotent, so running this twice changes nothing the second time.
"""

import os
import sys
import time

import django


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthsite.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from healthsite.registry import app_modules

    data_dir = settings.SHARED_DATA_DIR
    if not data_dir.is_dir():
        print(f"No public data folder at {data_dir}; set HEALTHSITE_SHARED_DATA.")
        return 1
    started = time.monotonic()
    for app, module in app_modules("shared_data"):
        for command, args in module.import_commands(data_dir):
            print(f"\n[{app}] manage.py {command} {' '.join(args)}", flush=True)
            step = time.monotonic()
            call_command(command, *args)
            print(f"[{app}] {command} took {time.monotonic() - step:.1f}s", flush=True)
    print(f"\nAll imports done in {time.monotonic() - started:.1f}s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
