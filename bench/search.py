"""Site search at scale: index 10,000+ real-world documents, time typical and hostile queries.

    python -m bench search                       # a temporary SQLite database
    DATABASE_URL=postgres://... python -m bench search

Documents come from the public data in ../shared/data when present (ICD-10-CM condition
titles with their inclusion notes, Drugs@FDA product names with their active ingredients),
otherwise from a generator of plausible health texts. Each query renders the whole
/search/ page through the view, so the figures include templates, not just SQL.
The benchmark's documents use their own kinds and are removed at the end.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import random
import shutil
import statistics
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

from defusedxml.ElementTree import iterparse

TARGET_CONDITIONS = 12_000
TARGET_DRUGS = 6_000
REPEATS = 3
TYPICAL_QUERIES = [
    "diabetes",
    "type 2 diabetes",
    "knee pain",
    "fracture of femur",
    "asthma",
    "high blood pressure",
    "hypertension",
    "ibuprofen",
    "metformin",
    "amoxicillin",
    "insulin",
    "infection",
    "heart attack",
    '"chronic kidney disease"',
    "migraine OR headache",
    "pneumonia -viral",
    "diab",
    "atorva",
    "salmonella",
    "pregnancy",
    "diabetis",
    "hypertenshun",
    "metfromin",
]


def _icd10cm(path: Path) -> Iterator[tuple[str, str, str]]:
    """(code, title, body) for each ICD-10-CM diagnosis, streamed from the tabular XML."""
    with gzip.open(path) as stream:
        for _event, element in iterparse(stream, events=("end",)):
            if element.tag == "section":
                element.clear()
            if element.tag != "diag":
                continue
            code = element.findtext("name") or ""
            title = element.findtext("desc") or ""
            notes = [note.text or "" for note in element.iter("note")]
            body = f"ICD-10-CM {code}. " + " ".join(notes)
            for child in list(element):
                if child.tag == "diag":
                    element.remove(child)
            yield code, title, body


def _drugsfda(path: Path) -> Iterator[tuple[str, str, str]]:
    """(key, title, body) per drug name in Drugs@FDA Products.txt."""
    with zipfile.ZipFile(path) as archive, archive.open("Products.txt") as raw:
        reader = csv.DictReader(io.TextIOWrapper(raw, encoding="latin-1"), delimiter="\t")
        seen: dict[str, dict] = {}
        for row in reader:
            name = (row.get("DrugName") or "").strip()
            if not name:
                continue
            entry = seen.setdefault(
                name, {"ingredients": set(), "forms": set(), "strengths": set()}
            )
            entry["ingredients"].add((row.get("ActiveIngredient") or "").strip())
            entry["forms"].add((row.get("Form") or "").replace(";", ", ").strip())
            entry["strengths"].add((row.get("Strength") or "").strip())
    for name, entry in seen.items():
        body = (
            "Active ingredients: "
            + "; ".join(sorted(filter(None, entry["ingredients"])))
            + ". Forms: "
            + "; ".join(sorted(filter(None, entry["forms"])))
            + ". Strengths: "
            + "; ".join(sorted(filter(None, entry["strengths"])))
            + "."
        )
        yield name, name.title(), body


def _synthetic(count: int, seed: int = 7) -> Iterator[tuple[str, str, str]]:
    rng = random.Random(seed)
    sites = ["knee", "hip", "back", "neck", "shoulder", "ankle", "wrist", "chest", "skin", "eye"]
    kinds = ["pain", "fracture", "sprain", "infection", "inflammation", "injury", "swelling"]
    qualities = ["acute", "chronic", "recurrent", "mild", "severe", "unspecified"]
    words = [
        "rest",
        "ice",
        "exercise",
        "physiotherapy",
        "doctor",
        "medicine",
        "dose",
        "tablet",
        "symptoms",
        "treatment",
        "diagnosis",
        "recovery",
        "weeks",
        "months",
        "children",
        "adults",
        "older",
        "people",
        "risk",
        "prevention",
    ]
    for n in range(count):
        title = f"{rng.choice(qualities).title()} {rng.choice(sites)} {rng.choice(kinds)} {n}"
        body = " ".join(rng.choice(words) for _ in range(60))
        yield str(n), title, body


def _documents(data_dir: Path):
    from search.registry import Document

    icd = data_dir / "conditions/icd10cm/icd10c-tabular-April-1-2026.xml.gz"
    fda = data_dir / "drugsfda/drugsatfda.zip"
    conditions: list[Document] = []
    drugs: list[Document] = []
    if icd.exists():
        rows = list(_icd10cm(icd))
        step = max(1, len(rows) // TARGET_CONDITIONS)
        for code, title, body in rows[::step][:TARGET_CONDITIONS]:
            conditions.append(
                Document(
                    kind="bench-condition",
                    key=code,
                    title=title,
                    body=body,
                    url=f"/conditions/{code.lower()}/",
                )
            )
        source = "ICD-10-CM"
    else:
        source = "synthetic"
    if fda.exists():
        for name, title, body in list(_drugsfda(fda))[:TARGET_DRUGS]:
            drugs.append(
                Document(
                    kind="bench-drug",
                    key=name,
                    title=title,
                    body=body,
                    url=f"/drugs/{name.lower().replace(' ', '-')}/",
                )
            )
        source += " + Drugs@FDA"
    missing = TARGET_CONDITIONS + TARGET_DRUGS - len(conditions) - len(drugs)
    if missing > 0:
        for key, title, body in _synthetic(missing):
            conditions.append(
                Document(
                    kind="bench-condition",
                    key=f"synthetic-{key}",
                    title=title,
                    body=body,
                    url=f"/conditions/synthetic-{key}/",
                )
            )
        source += f" + {missing} synthetic"
    return conditions, drugs, source


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000
    return f"p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   max {ordered[-1] * 1000:7.1f} ms"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthsite.settings")
    os.environ["HEALTHSITE_TESTING"] = "1"
    temporary = None
    if not os.environ.get("DATABASE_URL"):
        temporary = tempfile.mkdtemp(prefix="bench-search-")
        os.environ["DATABASE_URL"] = f"sqlite:///{temporary}/bench.sqlite3"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import RequestFactory

    from search import registry
    from search.backends import get_backend
    from search.services import replace_kind
    from search.views import results
    from tests.search.hostile import HOSTILE_QUERIES

    try:
        call_command("migrate", verbosity=0)
        conditions, drugs, source = _documents(Path(settings.SHARED_DATA_DIR))

        class _Provider:
            def __init__(self, kind, label):
                self.kind, self.label = kind, label

            def documents(self):
                return []

        registry.register(_Provider("bench-condition", "Conditions (bench)"))
        registry.register(_Provider("bench-drug", "Drugs (bench)"))

        started = time.perf_counter()
        count = replace_kind(kind="bench-condition", documents=conditions)
        count += replace_kind(kind="bench-drug", documents=drugs)
        get_backend().optimize()
        elapsed = time.perf_counter() - started
        print(f"database: {connection.vendor}; documents: {count:,} ({source})")
        print(f"indexing: {elapsed:.1f} s ({count / elapsed:,.0f} documents/s)")

        factory = RequestFactory()

        def timed(query: str, **params) -> tuple[float, int]:
            request = factory.get("/search/", {"q": query, **params})
            request.COOKIES = {}
            start = time.perf_counter()
            response = results(request)
            return time.perf_counter() - start, response.status_code

        for query in TYPICAL_QUERIES[:3]:  # warm caches
            timed(query)
        timings = [(timed(query)[0], query) for _ in range(REPEATS) for query in TYPICAL_QUERIES]
        typical = [seconds for seconds, _query in timings]
        paged = [timed(query, page="3")[0] for query in ("infection", "fracture", "tablet")]
        hostile_times, statuses, slow_hostile = [], [], []
        for query in HOSTILE_QUERIES:
            seconds, status = timed(query)
            hostile_times.append(seconds)
            slow_hostile.append((seconds, query[:30]))
            statuses.append(status)
        print(f"typical queries ({len(typical)} page renders):  {_percentiles(typical)}")
        slowest = sorted(timings, reverse=True)[:3]
        print("  slowest: " + ", ".join(f"{q!r} {t * 1000:.0f} ms" for t, q in slowest))
        print(f"page 3 of common words ({len(paged)}):        {_percentiles(paged)}")
        print(
            f"hostile queries ({len(hostile_times)}):               {_percentiles(hostile_times)}"
        )
        slowest = sorted(slow_hostile, reverse=True)[:3]
        print("  slowest: " + ", ".join(f"{q!r} {t * 1000:.0f} ms" for t, q in slowest))
        not_ok = [q[:40] for q, s in zip(HOSTILE_QUERIES, statuses, strict=True) if s != 200]
        print(f"hostile queries answered 200: {statuses.count(200)}/{len(statuses)}", end="")
        print(f"  (failures: {not_ok})" if not_ok else "")
    finally:
        from search.models import SearchDocument

        SearchDocument.objects.filter(kind__in=["bench-condition", "bench-drug"]).delete()
        if temporary:
            connection.close()
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    main()
