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


def test_withdrawn_drug_is_listed_apart_as_no_longer_sold(shared_data):
    from articles.models import Condition
    from drugs import selectors, services

    # Sibutramine (Meridia) was withdrawn in 2010: Drugs@FDA lists its products as
    # discontinued. LabeledIn (2012 labels) and PharmacotherapyDB still link it to obesity.
    sibutramine = make_drug(name="Sibutramine", brands=("Meridia",))
    for n in (1, 2):
        services.product_upsert(
            drug=sibutramine, source_key=f"drugsfda:020632:00{n}", marketing_status="Discontinued"
        )
    orlistat = make_drug(name="Orlistat")
    services.product_upsert(
        drug=orlistat, source_key="drugsfda:020766:001", marketing_status="Prescription"
    )
    import_indications(shared_data / "indications")
    obesity = Condition.objects.get(name__iexact="obesity")
    result = selectors.drugs_for_condition(condition=obesity)
    listed = [entry.drug for _key, _title, entries in result.groups for entry in entries]
    assert sibutramine not in listed and orlistat in listed
    assert [entry.drug for entry in result.not_sold] == [sibutramine]


def test_labeledin_diseases_carry_whole_names(shared_data):
    from drugs.importers.indications import (
        IndicationRecord,
        read_labeledin,
        reviewed_non_conditions,
    )

    root = shared_data / "indications" / "labeledin"
    names = {
        record.condition_name
        for record in read_labeledin(root, root, root)
        if isinstance(record, IndicationRecord)
    }
    assert len(names) > 400
    # The labels' own words for the disease, the whole name rather than the first mention
    assert {"Acute Pain", "Urinary Tract Infections", "Skin and Skin Structure Infections"} <= names
    assert not {"acute, painful", "LOWER RESPIRATORY TRACT INFECTIONS"} & names
    cut = {n for n in names if n.count("(") != n.count(")") or n.endswith((",", "-"))}
    assert not cut, cut
    assert not {n for n in names if n.isupper() and len(n) > 5}
    assert not {n.lower() for n in names} & set(reviewed_non_conditions())
