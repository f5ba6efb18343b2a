"""`load_demo` is idempotent also after the public data importers ran: the importers add
drugs, ingredients and coded conditions that overlap what the demo creates, and a load_demo
after them adds no row (the issue: a second load after `make import-shared` added an
interaction and a drug-condition link)."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from articles.services import condition_upsert
from drugs.services import ingredient_get_or_create

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {
        model._meta.db_table: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def _import_overlapping_data(fixtures_dir) -> None:
    out = StringIO()
    # Drugs@FDA lists ibuprofen (Advil, Motrin IB), which the drugs demo also creates; the
    # RxImage sample adds pills, and conditions come from our own files in both.
    call_command(
        "import_drugsfda", str(fixtures_dir / "drugs" / "drugsfda"), stdout=out, stderr=out
    )
    call_command(
        "import_pills", str(fixtures_dir / "pills" / "rximage_small.csv"), stdout=out, stderr=out
    )
    call_command("import_conditions", stdout=out, stderr=out)
    # What the full imports add that made the demo link twice: the plain ingredient of a salt
    # the demo paired ("diclofenac" beside "diclofenac sodium"), and an ICD-10-CM entry
    # named exactly like a demo drug's condition (sertraline: "Obsessive-compulsive disorder").
    ingredient_get_or_create(name="diclofenac")
    condition_upsert(name="Obsessive-compulsive disorder", icd10_code="F42")
    # As `make import-shared` does last: our interaction rules reach the new ingredients.
    call_command("import_interaction_rules", stdout=out, stderr=out)


def test_load_demo_after_an_import_adds_nothing(fixtures_dir):
    call_command("load_demo", stdout=StringIO())
    _import_overlapping_data(fixtures_dir)
    before = _row_counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    after = _row_counts()
    assert {t: (before[t], after[t]) for t in before if before[t] != after[t]} == {}
    text = out.getvalue()
    assert "0 new health centers and articles" in text
    assert "drugs: 0 drugs and 0 reviews added" in text
    assert "Interactions: 0 demo interactions added" in text
    assert "pills: 0 demo pills added" in text
    assert "0 new threads, 0 new answered questions" in text


@pytest.mark.slow
def test_load_demo_twice_after_an_import_adds_nothing_the_second_time(fixtures_dir):
    _import_overlapping_data(fixtures_dir)
    call_command("load_demo", stdout=StringIO())
    before = _row_counts()
    call_command("load_demo", stdout=StringIO())
    after = _row_counts()
    assert {t: (before[t], after[t]) for t in before if before[t] != after[t]} == {}
