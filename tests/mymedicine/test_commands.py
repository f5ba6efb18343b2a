"""`import_recalls` on our fixtures, and on the real shared data when it is present."""

from io import StringIO

import pytest
from django.core.management import call_command

from mymedicine.models import Recall, RecallMatch

from .factories import make_drug, make_product

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_import_recalls_matches_and_is_idempotent(fixtures_dir):
    # Lisinopril has a Drugs@FDA tablet (no NDC): the fixture's lisinopril tablets, whose NDC
    # is none of ours, may concern it by ingredients and form.
    lisinopril = make_drug("Lisinopril")
    make_product(lisinopril, dosage_form="tablet", route="oral")
    warfarin = make_drug("Warfarin", ingredients=["Warfarin Sodium"], brands=["Warfex"])
    product = make_product(warfarin, ndc="88888055530", strength="5 mg")
    make_drug("Otherdrug")
    path = fixtures_dir / "mymedicine" / "recalls.json"
    output = run("import_recalls", str(path))
    assert "3 created" in output and "1 rejected" in output
    assert (
        "Matched: 1 by NDC (1 links), 1 by ingredients and form (1 links), 1 by none, "
        "0 bulk chemicals or gases (never linked)." in output
    )
    matches = {m.recall.recall_number: m for m in RecallMatch.objects.select_related("recall")}
    assert matches["D-0001-2025"].drug == lisinopril
    assert matches["D-0001-2025"].matched_by == "ingredients"
    assert matches["D-0001-2025"].product is None
    assert matches["D-0002-2025"].drug == warfarin
    assert matches["D-0002-2025"].matched_by == "ndc"
    assert matches["D-0002-2025"].product == product
    assert "D-0003-2025" not in matches
    again = run("import_recalls", str(path))
    assert "0 created, 0 updated, 3 unchanged" in again
    assert Recall.objects.count() == 3


@pytest.mark.shared_data
def test_real_shared_recalls_import_twice_without_changes(shared_data):
    # Real codes from the shared recalls: a package NDC printed in D-1285-2020.
    amphetamine = make_drug("Amphetamine Mixed Salts", ingredients=["Amphetamine Sulfate"])
    product = make_product(amphetamine, ndc="00555097102")
    simvastatin = make_drug("Simvastatin")
    make_product(simvastatin, dosage_form="tablet", route="oral")
    recalls = shared_data / "openfda" / "enforcement" / "recalls.json"
    output = run("import_recalls", str(recalls))
    assert Recall.objects.count() == 500
    assert "30 bulk chemicals or gases (never linked)" in output
    by_ndc = RecallMatch.objects.get(drug=amphetamine, recall__recall_number="D-1285-2020")
    assert (by_ndc.matched_by, by_ndc.product) == ("ndc", product)
    # Simvastatin-only recalls, never the ezetimibe and simvastatin one.
    simvastatin_recalls = set(
        RecallMatch.objects.filter(drug=simvastatin).values_list("recall__recall_number", flat=True)
    )
    assert "D-1842-2019" in simvastatin_recalls and "D-0484-2021" not in simvastatin_recalls
    counts = (Recall.objects.count(), RecallMatch.objects.count())
    recall_stamps = sorted(Recall.objects.values_list("pk", "updated_at"))
    assert "0 created, 0 updated, 500 unchanged" in run("import_recalls", str(recalls))
    assert counts == (Recall.objects.count(), RecallMatch.objects.count())
    assert recall_stamps == sorted(Recall.objects.values_list("pk", "updated_at"))
