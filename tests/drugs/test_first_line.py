"""Our first-line treatment table (drugs/first_line.toml) and its loader."""

from __future__ import annotations

import tomllib

import pytest

from articles.importers.icd10cm import ConditionRecord, read_icd10cm
from articles.models import Condition
from drugs.importers.drugsfda import DrugsfdaProduct, read_products
from drugs.importers.first_line import (
    FIRST_LINE_TABLE,
    FirstLineRecord,
    drug_key,
    import_first_line,
    read_first_line,
)
from drugs.models import DrugCondition
from drugs.services import ingredient_key
from tests.drugs.factories import make_drug

ROWS = tomllib.loads(FIRST_LINE_TABLE.read_text())["treatment"]
READ = list(read_first_line())
RECORDS = [r for r in READ if isinstance(r, FirstLineRecord)]


def test_every_row_of_the_table_is_valid():
    assert len(RECORDS) == len(READ), [r for r in READ if not isinstance(r, FirstLineRecord)]
    assert len({row["condition"] for row in ROWS}) >= 80
    assert all(r.source_url.startswith("https://") and r.source_title for r in RECORDS)


def test_the_conditions_people_ask_about_are_covered():
    drugs = {row["condition"]: set(row["drugs"]) for row in ROWS}
    assert {"fluoxetine", "sertraline", "escitalopram"} <= drugs["depression"]
    assert {"apixaban", "rivaroxaban", "warfarin"} <= drugs["atrial-fibrillation"]
    assert {"adalimumab", "methotrexate"} <= drugs["rheumatoid-arthritis"]
    assert {"lisinopril", "amlodipine", "chlorthalidone", "losartan"} <= drugs[
        "high-blood-pressure"
    ]
    assert "metformin" in drugs["type-2-diabetes"]
    assert {"omeprazole", "famotidine"} <= drugs["gerd"]
    assert "ondansetron" in drugs["nausea-and-vomiting"]
    # obesity: current medicines only (sibutramine was withdrawn in 2010)
    assert "sibutramine" not in drugs["obesity"] and "semaglutide" in drugs["obesity"]


@pytest.mark.shared_data
def test_every_icd10_code_exists_in_icd10cm(shared_data):
    path = shared_data / "conditions" / "icd10cm" / "icd10c-tabular-April-1-2026.xml.gz"
    codes = {r.code for r in read_icd10cm(path) if isinstance(r, ConditionRecord)}
    missing = {code for row in ROWS for code in row["icd10"]} - codes
    assert not missing


@pytest.mark.shared_data
def test_every_drug_name_is_a_drugsfda_substance(shared_data):
    keys = {
        ingredient_key(p.ingredients)
        for p in read_products(shared_data / "drugsfda" / "drugsatfda.zip")
        if isinstance(p, DrugsfdaProduct)
    }
    singles = {key for key in keys if "+" not in key}
    unknown = [
        r.drug
        for r in RECORDS
        if drug_key(r.drug) not in keys
        # the substance under a longer FDA name ("liraglutide recombinant")
        and not any(s.startswith(drug_key(r.drug) + " ") for s in singles)
    ]
    assert not unknown


@pytest.mark.django_db
def test_loader_links_by_slug_else_by_icd10_code_and_removes_what_the_table_drops(tmp_path):
    table = tmp_path / "first_line.toml"
    table.write_text(
        '[[treatment]]\ncondition = "high-blood-pressure"\nicd10 = ["I10"]\n'
        'drugs = ["lisinopril", "sacubitril + valsartan", "notadrug"]\n\n'
        '[[treatment]]\ncondition = "atrial-fibrillation"\nicd10 = ["I48"]\n'
        'drugs = ["apixaban"]\nsource = "A guideline"\nurl = "https://example.gov/af"\n\n'
        '[[treatment]]\ncondition = "gout"\nicd10 = ["M10"]\ndrugs = ["colchicine"]\n'
        'source = "No address"\n'
    )
    lisinopril = make_drug(name="Lisinopril", ingredients=("lisinopril",))
    combination = make_drug(name="Entresto", ingredients=("sacubitril", "valsartan"))
    apixaban = make_drug(name="Apixaban", ingredients=("apixaban",))
    consumer = Condition.objects.create(name="High blood pressure", slug="high-blood-pressure")
    icd_entry = Condition.objects.create(name="Atrial fibrillation", slug="i48", icd10_code="I48")

    report = import_first_line(table)

    links = DrugCondition.objects.filter(source=DrugCondition.Source.FIRST_LINE)
    assert {(link.drug, link.condition) for link in links} == {
        (lisinopril, consumer),
        (combination, consumer),
        (apixaban, icd_entry),
    }
    assert all(link.link_kind == DrugCondition.LinkKind.FIRST_LINE for link in links)
    lisinopril_link = links.get(drug=lisinopril)
    assert lisinopril_link.source_url.endswith("search.cfm?labeltype=all&query=lisinopril")
    assert links.get(drug=apixaban).source_title == "A guideline"
    reasons = {r.reference: r.reason for r in report.rejected}
    assert "notadrug" in reasons["high-blood-pressure: notadrug"]
    assert "https" in reasons["treatment 3 (gout)"]
    assert import_first_line(table).changed == 0

    table.write_text(table.read_text().replace('"lisinopril", ', ""))
    again = import_first_line(table)
    assert again.counts[("first-line link", "removed")] == 1
    assert not links.filter(drug=lisinopril).exists()


def test_rows_name_the_consumer_conditions_by_their_slugs():
    slugs = {
        condition["slug"]
        for path in (FIRST_LINE_TABLE.parent.parent / "articles" / "conditions").glob("*.toml")
        for condition in tomllib.loads(path.read_text())["conditions"]
    }
    # H. pylori has no consumer page yet: its row resolves by ICD-10-CM B96.81
    assert {row["condition"] for row in ROWS} - slugs == {"h-pylori-infection"}
