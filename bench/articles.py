"""Articles benchmark: ICD-10-CM import time (first and second run) and response times of
the conditions A-Z, condition search and a multi-page article page with 46,881 conditions.

    python -m bench articles
"""

import os
import statistics
import tempfile
import time
from io import StringIO
from pathlib import Path


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthsite.settings")
    os.environ["HEALTHSITE_TESTING"] = "1"
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="bench-articles-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DJANGO_MEDIA_ROOT", f"{folder}/media")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _timings(client, url: str, runs: int = 30) -> str:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    return f"{url:45} p50 {statistics.median(samples):6.1f} ms   p95 {p95:6.1f} ms"


def main() -> None:
    _setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from articles import demo

    demo.load(stdout=StringIO())
    folder = Path(settings.SHARED_DATA_DIR) / "conditions" / "icd10cm"
    files = sorted(folder.glob("*.xml*")) if folder.is_dir() else []
    if files:
        for label in ("first", "second"):
            out = StringIO()
            started = time.perf_counter()
            call_command("import_icd10cm", str(files[0]), stdout=out, stderr=StringIO())
            elapsed = time.perf_counter() - started
            print(f"import_icd10cm {label} run: {elapsed:5.1f} s  {out.getvalue().splitlines()[0]}")
    else:
        print(f"no ICD-10-CM file under {folder}: timing pages with demo conditions only")
    client = Client(HTTP_HOST="localhost")
    for url in (
        "/conditions/",
        "/conditions/?letter=S&page=10",
        "/conditions/?q=high+blood+pressure",
        "/articles/runners-knee/2/",
        "/health-centers/knee-pain/",
    ):
        print(_timings(client, url))
