"""Both pill sources (DailyMed labels through import_spl, and the RxImage CSV) imported
twice: the second run of the whole sequence changes nothing."""

import io

import pytest
from django.core.management import call_command

from pills.models import Pill

pytestmark = pytest.mark.django_db


def run_both(fixtures_dir) -> str:
    out = io.StringIO()
    call_command(
        "import_spl", str(fixtures_dir / "drugs" / "spl"), stdout=out, stderr=io.StringIO()
    )
    call_command(
        "import_pills",
        str(fixtures_dir / "pills" / "rximage_two_sources.csv"),
        stdout=out,
        stderr=io.StringIO(),
    )
    return out.getvalue()


def snapshot() -> dict:
    return {
        row["source_key"]: row
        for row in Pill.objects.values(
            "source_key",
            "drug_id",
            "product_id",
            "name",
            "labeler",
            "imprint",
            "shape",
            "colors",
            "package_ndcs",
            "size_mm",
            "score",
            "commonness",
            "updated_at",
        )
    }


def test_second_run_of_both_sources_changes_nothing(fixtures_dir):
    first = run_both(fixtures_dir)
    assert "3 pills read, 3 created" in first
    before = snapshot()
    assert {key.split(":")[0] for key in before} == {"spl", "rximage"}
    # The branded pill is matched to the label's drug by its brand; the unbranded one with
    # the same ingredients matches no drug, so a drug is created for it after the first.
    branded = Pill.objects.get(product_ndc="111110222")
    plain = Pill.objects.get(product_ndc="222220333")
    assert branded.drug is not None
    assert branded.drug.names.filter(normalized="exampleprofen").exists()
    assert plain.drug != branded.drug

    second = run_both(fixtures_dir)
    assert "3 pills read, 0 created, 0 updated, 3 unchanged" in second
    assert snapshot() == before


def test_a_pill_known_from_its_label_and_a_photo_is_one_result(fixtures_dir):
    from pills.presenters import pill_card
    from pills.selectors import pill_identify

    run_both(fixtures_dir)
    stored = Pill.objects.filter(product_ndc="123450678")
    assert {p.source for p in stored} == {"spl", "rximage"}
    first, *others = pill_identify(imprint="EX 250")
    assert {first.pill.pk, *(t.pk for t in first.twins)} == {p.pk for p in stored}
    assert all(match.pill.imprint != "EX;250" for match in others)
    card = pill_card(first.pill, twins=first.twins)
    assert card["size_mm"] and card["labeler"] == "Example Pharma Inc"
