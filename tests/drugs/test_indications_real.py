"""Drug ↔ condition links on the real LabeledIn and PharmacotherapyDB files: wrong links a
reader could act on, found on the imported data, stay out (issue 14)."""

from __future__ import annotations

import pytest

from drugs.importers.indications import import_indications, reviewed_exclusions
from drugs.models import DrugCondition
from tests.drugs.factories import make_drug

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

DRUGS = ("Cisplatin", "Ondansetron", "Atorvastatin", "Loratadine", "Sildenafil", "Fluconazole")


def linked(drug: str, condition: str) -> bool:
    return DrugCondition.objects.filter(drug__name=drug, condition__name__iexact=condition).exists()


@pytest.fixture
def imported(shared_data):
    brands = {"Sildenafil": ("Viagra", "Revatio"), "Fluconazole": ("Diflucan",)}
    for name in DRUGS:
        make_drug(name=name, brands=brands.get(name, ()))
    return import_indications(shared_data / "indications")


def test_antiemetic_label_is_not_linked_to_the_chemotherapy_it_names(imported):
    # LabeledIn label 10319 (ondansetron tablets) has no "is indicated" sentence naming its
    # drug; its text lists "cisplatin" among the chemotherapy that causes the nausea.
    assert not linked("Cisplatin", "nausea")
    assert not linked("Cisplatin", "postoperative nausea")
    assert linked("Ondansetron", "nausea")


def test_reviewed_pharmacotherapydb_pairs_are_not_treatments(imported):
    assert not linked("Atorvastatin", "hypertension")
    assert not linked("Loratadine", "asthma")
    assert not linked("Sildenafil", "type 1 diabetes mellitus")
    assert not linked("Sildenafil", "multiple sclerosis")
    # what they do treat stays
    assert linked("Loratadine", "allergic rhinitis")
    assert linked("Sildenafil", "erectile dysfunction")
    assert linked("Atorvastatin", "coronary artery disease")
    skipped = imported.counts[("row reviewed as no treatment", "skipped")]
    assert skipped >= len(reviewed_exclusions())


def test_patients_condition_is_not_a_use(imported):
    # "Before prescribing fluconazole for AIDS patients with cryptococcal meningitis"
    assert not linked("Fluconazole", "AIDS")
    assert linked("Fluconazole", "esophageal candidiasis")


def test_no_symptomatic_link_to_a_cancer(shared_data):
    make_drug(name="Omeprazole")
    make_drug(name="Fentanyl")
    import_indications(shared_data / "indications")
    assert not DrugCondition.objects.filter(
        source=DrugCondition.Source.PHARMACOTHERAPYDB, condition__name__icontains="cancer"
    ).exists()
    assert linked("Omeprazole", "esophageal cancer") is False


def test_a_second_run_removes_links_of_rows_now_skipped(imported, shared_data):
    from articles.models import Condition
    from drugs import services
    from drugs.models import Drug

    stale = services.drug_condition_link(
        drug=Drug.objects.get(name="Cisplatin"),
        condition=Condition.objects.get(name__iexact="nausea"),
        link_kind=DrugCondition.LinkKind.LABELLED,
        source=DrugCondition.Source.LABELEDIN,
    )
    assert stale == services.CREATED
    report = import_indications(shared_data / "indications")
    assert report.counts[("drug use", "removed")] == 1
    assert not linked("Cisplatin", "nausea")
