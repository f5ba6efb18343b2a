"""Shared set-up for the pill benchmarks: Django on a temporary SQLite file (or
DATABASE_URL), migrated, with the real RxImage pills imported when present."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthsite.settings")
    os.environ["HEALTHSITE_TESTING"] = "1"
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="pills-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def rximage_csv() -> Path | None:
    from django.conf import settings

    path = Path(settings.SHARED_DATA_DIR) / "pillbox/extract/pill_color_imprint_dataset.csv.gz"
    return path if path.is_file() else None


def import_real_pills() -> int:
    from django.core.management import call_command

    from pills.models import Pill

    path = rximage_csv()
    if path is None:
        print("real RxImage CSV not found (set HEALTHSITE_SHARED_DATA); nothing to measure")
        return 0
    if Pill.objects.filter(source="rximage").count() < 4390:
        call_command("import_pills", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    return Pill.objects.filter(source="rximage").count()
