"""Site search relevance: what readers type -> the first result they should see.

The table is tests/search/relevance.toml; here it runs on the demo content (`load_demo`),
and test_relevance_shared.py runs it on the real public data. The other tests use fixture
data that mirrors the real entries (the consumer conditions under
tests/fixtures/articles/conditions, the ICD-10-CM sample, a guide and a health center).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from articles import services
from articles.models import Condition
from search.selectors import site_search
from tests.articles.factories import make_article
from tests.search.relevance import cases, first_results

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(fixtures_dir):
    quiet = {"stdout": StringIO(), "stderr": StringIO()}
    call_command("import_icd10cm", str(fixtures_dir / "articles" / "icd10cm-sample.xml"), **quiet)
    call_command("import_conditions", str(fixtures_dir / "articles" / "conditions"), **quiet)
    knee = Condition.objects.get(slug="runners-knee")
    make_article(
        slug="runners-knee-guide",
        title="Runner's knee: causes and treatment",
        summary="Why the front of the knee aches after running, and what helps.",
        conditions=[knee],
    )
    services.health_center_upsert(
        slug="knee-pain",
        title="Knee Pain Health Center",
        summary="Knee pain: causes, self-care and when to see a doctor.",
        introduction="Most knee pain gets better with rest.",
        conditions=[Condition.objects.get(slug="knee-pain")],
    )
    # Vocabulary nobody covers, with words readers type: it must stay below our pages.
    for code, name in [
        ("K22.0", "Achalasia of cardia"),
        ("I25.2", "Old myocardial infarction"),
        ("R73.9", "Hyperglycemia, unspecified"),
    ]:
        services.condition_upsert(name=name, icd10_code=code)


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content (`load_demo`), loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO(), stderr=StringIO())
        yield
        transaction.set_rollback(True)


DEMO_CASES = [(case.query, case.demo) for case in cases() if case.demo]


def test_the_table_is_big_enough_to_mean_something():
    everything = cases()
    assert len(everything) >= 60
    assert len({case.query for case in everything}) == len(everything)
    assert len(DEMO_CASES) >= 60


@pytest.mark.parametrize(("query", "answers"), DEMO_CASES, ids=[q for q, _a in DEMO_CASES])
def test_first_result_on_the_demo_content(demo_site, query, answers):
    found = first_results(query)
    assert found[:1] and found[0] in answers, f"expected {answers}, found {found}"


def test_covered_vocabulary_is_not_a_result_of_its_own(site):
    results = site_search(query="patellofemoral")
    urls = [hit.url for group in results.groups for hit in group.hits]
    entry = Condition.objects.get(icd10_code="M22.2X1")
    assert entry.get_absolute_url() not in urls
    assert "/conditions/runners-knee/" in [*urls, *(h.url for h in results.best)]


def test_consumer_conditions_rank_above_vocabulary(site):
    results = site_search(query="myocardial infarction", kind="condition")
    urls = [*(h.url for h in results.best), *(h.url for g in results.groups for h in g.hits)]
    old = Condition.objects.get(icd10_code="I25.2").get_absolute_url()
    assert urls.index("/conditions/heart-attack/") < urls.index(old)


def test_best_match_is_shown_once(site):
    results = site_search(query="GERD")
    urls = [h.url for g in results.groups for h in g.hits]
    assert [h.url for h in results.best] == ["/conditions/gerd/"]
    assert "/conditions/gerd/" not in urls
