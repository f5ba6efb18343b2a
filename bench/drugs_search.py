"""Drug name search and suggestions at 40,000+ drugs named from the real Drugs@FDA files.

    python -m bench drugs_search                      # temporary SQLite database
    DATABASE_URL=postgres://... python -m bench drugs_search

Builds one drug per Drugs@FDA product (brand name, with its active ingredients as a generic
name) plus one per distinct ingredient list: about 42,000 drugs and 80,000 names. Then it
times `drugs.selectors.drug_search` and the `/api/drugs/suggest` view on queries made from
real names: exact brands, prefixes and names with one spelling mistake. Prints p50/p95 in ms
(target p95 < 30 ms).
"""

from __future__ import annotations

import csv
import io
import os
import random
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

TARGET_DRUGS = 40_000
QUERIES = 300


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthsite.settings")
    os.environ["HEALTHSITE_TESTING"] = "1"
    os.environ.setdefault("HEALTHSITE_RATE_LIMITS", "0")
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="bench-drugs-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _products(zip_path: Path) -> list[dict[str, str]]:
    with zipfile.ZipFile(zip_path) as archive, archive.open("Products.txt") as raw:
        text = io.TextIOWrapper(raw, encoding="cp1252", errors="replace")
        return list(csv.DictReader(text, delimiter="\t", quoting=csv.QUOTE_NONE))


def _populate(rows: list[dict[str, str]]) -> int:
    from django.db import transaction
    from django.utils.text import slugify

    from drugs.models import Drug, DrugName, DrugNameTrigram
    from drugs.services import brand_display
    from drugs.text import normalize_name, trigrams

    if Drug.objects.count() >= TARGET_DRUGS:
        return Drug.objects.count()
    specs: list[tuple[str, str, str]] = []  # (name, slug, generic)
    for row in rows:
        brand = brand_display(row["DrugName"])
        generic = row["ActiveIngredient"].lower()
        specs.append((brand, f"{slugify(brand)}-{row['ApplNo']}-{row['ProductNo']}", generic))
    for number, generic in enumerate(sorted({row["ActiveIngredient"] for row in rows})):
        name = generic.lower().capitalize()
        specs.append((name, f"{slugify(name)[:200]}-ingredients-{number}", generic.lower()))
    with transaction.atomic():
        drugs = Drug.objects.bulk_create(
            [Drug(name=name, slug=slug[:255], kind="prescription") for name, slug, _g in specs],
            batch_size=2000,
        )
        names = []
        for drug, (name, _slug, generic) in zip(drugs, specs, strict=True):
            names.append(
                DrugName(drug=drug, name=name, kind="brand", normalized=normalize_name(name))
            )
            if normalize_name(generic) != normalize_name(name):
                names.append(
                    DrugName(
                        drug=drug, name=generic, kind="generic", normalized=normalize_name(generic)
                    )
                )
        names = DrugName.objects.bulk_create(names, batch_size=2000)
        grams = [
            DrugNameTrigram(name=name, gram=gram)
            for name in names
            for gram in sorted(trigrams(name.normalized))
        ]
        DrugNameTrigram.objects.bulk_create(grams, batch_size=5000)
    from django.db import connection

    with connection.cursor() as cursor:
        # what autovacuum does in production; on PostgreSQL it also lets the trigram query
        # read the (gram, name) index alone
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return Drug.objects.count()


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    change = rng.choice(["drop", "swap", "replace"])
    if change == "drop":
        return word[:i] + word[i + 1 :]
    if change == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    return word[:i] + rng.choice("aeiou") + word[i + 1 :]


def _queries(rows: list[dict[str, str]]) -> list[str]:
    rng = random.Random(42)
    sample = rng.sample(rows, QUERIES)
    queries = []
    for n, row in enumerate(sample):
        name = row["DrugName"].lower()
        if n % 3 == 0:
            queries.append(name)  # exact brand
        elif n % 3 == 1:
            queries.append(name[: max(3, len(name) // 2)])  # prefix
        else:
            queries.append(_typo(name.split()[0], rng))  # a spelling mistake
    return [*queries, "ibuprofin", "acetominophen", "metformine", "lipitor", "atorvastatn"]


def _percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p50 = statistics.median(ordered)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms (n={len(ordered)})"


def main() -> None:
    _setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from drugs.selectors import drug_search

    zip_path = Path(settings.SHARED_DATA_DIR) / "drugsfda" / "drugsatfda.zip"
    if not zip_path.is_file():
        zip_path = (
            Path(__file__).resolve().parents[2]
            / "shared"
            / "data"
            / "drugsfda"
            / ("drugsatfda.zip")
        )
    if not zip_path.is_file():
        print(f"Drugs@FDA zip not found at {zip_path}; set HEALTHSITE_SHARED_DATA.")
        return
    rows = _products(zip_path)
    started = time.perf_counter()
    count = _populate(rows)
    print(f"{connection.vendor}: {count} drugs ready in {time.perf_counter() - started:.0f} s")
    queries = _queries(rows)
    for query in queries[:20]:  # warm caches
        drug_search(query=query)

    search_times = []
    found = 0
    for query in queries:
        start = time.perf_counter()
        matches = drug_search(query=query, limit=30)
        search_times.append((time.perf_counter() - start) * 1000)
        found += bool(matches)
    print(f"name search  {_percentiles(search_times)}; {found}/{len(queries)} found something")

    client = Client(SERVER_NAME="localhost")
    suggest_times = []
    for query in queries:
        start = time.perf_counter()
        response = client.get("/api/drugs/suggest", {"q": query})
        suggest_times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (response.status_code, response.content[:200])
    print(f"suggest API  {_percentiles(suggest_times)}")
    for query in ("ibuprofin", "acetominophen", "metformine", "lipitor"):
        top = drug_search(query=query, limit=3)
        print(f"  {query!r} -> {[m.drug.name for m in top]}")


if __name__ == "__main__":
    main()
