"""Every hostile query gives a normal /search/ page over 10,000 indexed documents.

The documents are bulk-inserted in one go (about a second on SQLite and PostgreSQL) and all
queries run in a single test, so this stays fast enough for every run of the suite.
"""

import random
import time

import pytest

from search.models import SearchDocument
from search.registry import Document
from search.services import replace_kind
from tests.search.hostile import HOSTILE_QUERIES

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # ten thousand documents

DOCUMENTS = 10_000
SITES = [
    "knee",
    "hip",
    "back",
    "neck",
    "shoulder",
    "ankle",
    "wrist",
    "chest",
    "skin",
    "eye",
    "ear",
    "heart",
    "lung",
    "liver",
]
PROBLEMS = [
    "pain",
    "fracture",
    "sprain",
    "infection",
    "inflammation",
    "injury",
    "swelling",
    "rash",
    "cancer",
]
WORDS = [
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
    "café",
    "naïve",
    "(brackets)",
    '"quotes"',
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "*",
    "^",
    ":",
    "-",
    "<b>bold</b>",
    "😀",
    "ibuprofen",
    "paracetamol",
    "metformin",
]
# Generous: a page over 10,000 documents answers in tens of milliseconds (see bench/search.py);
# this only catches a query that makes the database scan or loop pathologically.
MAX_SECONDS_PER_PAGE = 2.0


def _documents():
    rng = random.Random(2026)
    for n in range(DOCUMENTS):
        title = f"{rng.choice(SITES).title()} {rng.choice(PROBLEMS)} {n}"
        body = " ".join(rng.choice(WORDS) for _ in range(80))
        yield Document(kind="scale", key=str(n), title=title, body=body, url=f"/scale/{n}/")


def test_hostile_queries_over_ten_thousand_documents(client):
    assert replace_kind(kind="scale", documents=_documents()) == DOCUMENTS
    assert SearchDocument.objects.count() == DOCUMENTS

    # The index is really there: a plain query finds and pages through many documents.
    response = client.get("/search/", {"q": "knee pain", "page": "2"})
    assert response.status_code == 200
    assert response.content.decode().count('class="search-result"') == 10

    failures = []
    for query in HOSTILE_QUERIES:
        started = time.perf_counter()
        response = client.get("/search/", {"q": query})
        seconds = time.perf_counter() - started
        html = response.content.decode()
        if response.status_code != 200 or html.count("<h1") != 1:
            failures.append((query[:40], response.status_code))
        elif seconds > MAX_SECONDS_PER_PAGE:
            failures.append((query[:40], f"{seconds:.1f}s"))
    assert failures == []
