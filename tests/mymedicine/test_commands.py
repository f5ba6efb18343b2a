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
    lisinopril = make_drug("Lisinopril")
    warfarin = make_drug("Warfarin", ingredients=["Warfarin Sodium"], brands=["Warfex"])
    product = make_product(warfarin, ndc="88888055530", strength="5 mg")
    make_drug("Otherdrug")
    path = fixtures_dir / "mymedicine" / "recalls.json"
    output = run("import_recalls", str(path))
    assert "3 created" in output and "1 rejected" in output
    matches = {m.recall.recall_number: m for m in RecallMatch.objects.select_related("recall")}
    assert matches["D-0001-2025"].drug == lisinopril
    assert matches["D-0001-2025"].matched_by == "description"
    assert matches["D-0002-2025"].drug == warfarin
    assert matches["D-0002-2025"].matched_by == "ndc"
    assert matches["D-0002-2025"].product == product
    assert "D-0003-2025" not in matches
    again = run("import_recalls", str(path))
    assert "0 created, 0 updated, 3 unchanged" in again
    assert Recall.objects.count() == 3


@pytest.mark.shared_data
def test_real_shared_recalls_import_twice_without_changes(shared_data):
    # A few real ingredient and drug names, as the drugs importers would create them.
    for name in ["Warfarin", "Aspirin", "Amiodarone", "Simvastatin", "Clarithromycin",
                 "Fluconazole", "Omeprazole", "Clopidogrel", "Lisinopril", "Progesterone",
                 "Fentanyl Citrate", "Methotrexate", "Atorvastatin Calcium"]:  # fmt: skip
        make_drug(name)
    # Real codes from the shared recalls: a package NDC, an RxCUI, a brand name.
    amphetamine = make_drug("Amphetamine Mixed Salts", ingredients=["Amphetamine Sulfate"])
    product = make_product(amphetamine, ndc="00555097102")
    nelfinavir = make_drug("Nelfinavir", rxcui="212118")
    azilsartan = make_drug("Azilsartan", brands=["Edarbi"])
    recalls = shared_data / "openfda" / "enforcement" / "recalls.json"
    run("import_recalls", str(recalls))
    assert Recall.objects.count() == 500
    assert RecallMatch.objects.filter(drug__name="Progesterone").exists()
    by_ndc = RecallMatch.objects.get(drug=amphetamine, recall__recall_number="D-1285-2020")
    assert (by_ndc.matched_by, by_ndc.product) == ("ndc", product)
    assert RecallMatch.objects.get(drug=nelfinavir).matched_by == "rxcui"
    assert RecallMatch.objects.get(drug=azilsartan).matched_by == "brand"
    counts = (Recall.objects.count(), RecallMatch.objects.count())
    recall_stamps = sorted(Recall.objects.values_list("pk", "updated_at"))
    assert "0 created, 0 updated, 500 unchanged" in run("import_recalls", str(recalls))
    assert counts == (Recall.objects.count(), RecallMatch.objects.count())
    assert recall_stamps == sorted(Recall.objects.values_list("pk", "updated_at"))
