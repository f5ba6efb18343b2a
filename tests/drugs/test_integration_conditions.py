"""condition_find_or_create: the fast path importers use once they have indexed every
condition name themselves (import-shared runs after ICD-10-CM's ~47,000 conditions)."""

import pytest

from drugs.services import condition_find_or_create
from tests.factories import make_condition

pytestmark = pytest.mark.django_db


def test_default_finds_a_condition_by_synonym():
    known = make_condition(name="Hypertension", synonyms=["High blood pressure"])
    found, created = condition_find_or_create(name="high  blood pressure")
    assert found == known and not created


def test_names_checked_still_matches_the_slug_and_creates_otherwise():
    known = make_condition(name="Hypertension", slug="hypertension")
    found, created = condition_find_or_create(name="Hypertension", names_checked=True)
    assert found == known and not created
    new, created = condition_find_or_create(name="gout flare", names_checked=True)
    assert created and new.name == "Gout flare" and new.slug == "gout-flare"
