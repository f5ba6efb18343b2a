"""The relevance table (relevance.toml) on the real public data, imported at test time.

The real ICD-10-CM vocabulary of the body systems the table asks about (16,749 of its 46,881
entries: the billing names that compete with our pages for the readers' words), the real
Drugs@FDA products of the medicines the table names (the
published file cut to their rows, combinations included), the real FDA class file, the real
pill imprints of a few of them, then our own supplement pages and the demo's guides and health
centers (the shared data has no articles). Imported once for the module, rolled back after.
"""

from __future__ import annotations

import gzip
from io import StringIO
from pathlib import Path

import pytest
from defusedxml.ElementTree import parse as parse_xml
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from articles import demo as articles_demo
from tests.interactions.test_accuracy import _products_of
from tests.search.relevance import cases, first_results

pytestmark = [pytest.mark.shared_data, pytest.mark.slow, pytest.mark.django_db]

# The substances of the medicines the table names, and members of the classes it names.
SUBSTANCES = {
    "acetaminophen",
    "alprazolam",
    "amlodipine",
    "apixaban",
    "atorvastatin",
    "dabigatran etexilate",
    "fish oil",
    "fluoxetine",
    "hydrochlorothiazide",
    "ibuprofen",
    "levothyroxine",
    "metformin",
    "metoprolol",
    "omeprazole",
    "rivaroxaban",
    "rosuvastatin",
    "sertraline",
    "simvastatin",
    "warfarin",
}
# Pills whose imprint records name these (Lipitor's among them): they compete with the drug.
PILL_FILE = "pill_color_imprint_dataset.csv.gz"
PILL_WORDS = ("atorvastatin", "apixaban", "metformin", "ibuprofen", "sertraline")

SHARED_CASES = [(case.query, case.shared) for case in cases() if case.shared]


# ICD-10-CM chapters kept: infections, endocrine, mental, nervous, circulatory, respiratory,
# digestive, musculoskeletal, genitourinary and symptoms (the whole file costs the import
# three times as long; injuries and external causes are most of what is left out).
ICD_CHAPTERS = {"1", "4", "5", "6", "9", "10", "11", "13", "14", "18"}


def _icd_chapters(source: Path, target: Path) -> None:
    """The real ICD-10-CM tabular file with only the chapters in ICD_CHAPTERS."""
    with gzip.open(source) as stream:
        tree = parse_xml(stream)
    root = tree.getroot()
    assert root is not None
    for chapter in root.findall("chapter"):
        if chapter.findtext("name") not in ICD_CHAPTERS:
            root.remove(chapter)
    tree.write(target, encoding="utf-8", xml_declaration=True)


def _pills_of(words: tuple[str, ...], source: Path, target: Path) -> None:
    """The real pill imprint CSV cut to the rows whose medicine names one of `words`."""
    with gzip.open(source, "rt", encoding="utf-8") as real, target.open("w") as cut:
        for number, line in enumerate(real):
            name = line.split(",")[2].lower() if line.count(",") >= 5 else ""
            if number == 0 or any(word in name for word in words):
                cut.write(line)


@pytest.fixture(scope="module")
def shared_site(django_db_setup, django_db_blocker, tmp_path_factory):
    data = Path(settings.SHARED_DATA_DIR)
    if not data.is_dir():
        pytest.skip(f"public data folder {data} is absent")
    folder = tmp_path_factory.mktemp("relevance")
    quiet = {"stdout": StringIO(), "stderr": StringIO()}
    with django_db_blocker.unblock(), transaction.atomic():
        icd = folder / "icd10cm.xml"
        _icd_chapters(sorted((data / "conditions" / "icd10cm").glob("*.xml.gz"))[0], icd)
        call_command("import_icd10cm", str(icd), **quiet)
        drugs = folder / "drugsatfda.zip"
        _products_of(SUBSTANCES, data / "drugsfda" / "drugsatfda.zip", drugs)
        call_command("import_drugsfda", str(drugs), **quiet)
        call_command("import_supplements", **quiet)
        classes = data / "drug-classes" / "drug-class-mapping.tsv.gz"
        call_command("import_drug_classes", str(classes), **quiet)
        pills = folder / "pills.csv"
        _pills_of(PILL_WORDS, data / "pillbox" / "extract" / PILL_FILE, pills)
        call_command("import_pills", str(pills), **quiet)
        articles_demo.load(stdout=StringIO())  # consumer conditions, guides, health centers
        yield
        transaction.set_rollback(True)


def test_the_shared_table_is_big_enough_to_mean_something():
    assert len(SHARED_CASES) >= 60


@pytest.mark.parametrize(("query", "answers"), SHARED_CASES, ids=[q for q, _a in SHARED_CASES])
def test_first_result_on_the_real_data(shared_site, query, answers):
    found = first_results(query)
    assert found[:1] and found[0] in answers, f"expected {answers}, found {found}"
