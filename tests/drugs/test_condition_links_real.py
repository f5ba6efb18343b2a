"""What a reader sees on the drugs-by-condition pages, on the real public data (issue 14,
"Done when"): the first-line drugs are there, and no NOT, withdrawn or nonsense link is shown
as a treatment.

Imports the real Drugs@FDA products of the medicines named here (the published file cut to
their rows), our consumer conditions, the real LabeledIn and PharmacotherapyDB files (with
Pillbox's label table) and our first-line table, as `make import-shared` does.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Condition
from drugs.models import DrugCondition
from drugs.selectors import drugs_for_condition
from tests.interactions.test_accuracy import _products_of

pytestmark = [pytest.mark.shared_data, pytest.mark.slow, pytest.mark.django_db]

# (condition page, drug) a reader must find among the treatments
TREATED = [
    ("depression", "fluoxetine"),
    ("atrial-fibrillation", "apixaban"),
    ("rheumatoid-arthritis", "adalimumab"),
    ("gerd", "omeprazole"),
    ("high-blood-pressure", "lisinopril"),
    ("asthma", "albuterol"),
    ("erectile-dysfunction", "sildenafil"),
]
# (condition page, drug) that must not be shown as a treatment
NOT_TREATED = [
    ("nausea-and-vomiting", "cisplatin"),  # the chemotherapy that causes it
    ("obesity", "sibutramine"),  # withdrawn in 2010: listed apart, as no longer sold
    ("high-blood-pressure", "atorvastatin"),  # a risk factor in the statin's label
    ("asthma", "loratadine"),
    ("type-1-diabetes", "sildenafil"),
    ("multiple-sclerosis", "sildenafil"),
    ("hiv", "fluconazole"),  # "AIDS patients with cryptococcal meningitis": who, not what
]
SUBSTANCES = {drug for _c, drug in TREATED + NOT_TREATED} | {"albuterol sulfate", "orlistat"}


@pytest.fixture
def imported(shared_data, tmp_path):
    quiet = {"stdout": StringIO(), "stderr": StringIO()}
    cut = tmp_path / "drugsatfda.zip"
    _products_of(SUBSTANCES, shared_data / "drugsfda" / "drugsatfda.zip", cut)
    call_command("import_drugsfda", str(cut), **quiet)
    call_command("import_conditions", **quiet)
    spl = shared_data / "pillbox" / "api" / "spl_ingredients.csv.gz"
    call_command(
        "import_indications",
        str(shared_data / "indications"),
        "--spl-ingredients",
        str(spl),
        **quiet,
    )
    call_command("import_first_line", **quiet)


def _shown(slug: str) -> tuple[set[str], set[str]]:
    """(drugs listed as treatments, drugs listed apart as no longer sold) on the page."""
    result = drugs_for_condition(condition=Condition.objects.get(slug=slug))
    treatments = {entry.drug.slug for _key, _title, entries in result.groups for entry in entries}
    return treatments, {entry.drug.slug for entry in result.not_sold}


def test_a_reader_sees_the_treatments_and_no_wrong_ones(imported):
    wrong = []
    for slug, drug in TREATED:
        treatments, _apart = _shown(slug)
        if drug not in treatments:
            wrong.append(f"{drug} missing from {slug}: {sorted(treatments)[:12]}")
    for slug, drug in NOT_TREATED:
        treatments, _apart = _shown(slug)
        if drug in treatments:
            links = DrugCondition.objects.filter(drug__slug=drug, condition__slug=slug)
            wrong.append(
                f"{drug} shown for {slug}: {list(links.values_list('source', 'link_kind'))}"
            )
    treatments, apart = _shown("obesity")  # withdrawn: listed apart, as no longer sold
    if "sibutramine" not in apart or "orlistat" not in treatments:
        wrong.append(f"obesity: treatments {sorted(treatments)}, apart {sorted(apart)}")
    assert not wrong, "\n".join(wrong)


def _first_line_substances() -> set[str]:
    from drugs.importers.first_line import FirstLineRecord, read_first_line

    return {
        part.strip()
        for record in read_first_line()
        if isinstance(record, FirstLineRecord)
        for part in record.drug.split("+")
    }


@pytest.fixture
def first_line_imported(shared_data, tmp_path):
    quiet = {"stdout": StringIO(), "stderr": StringIO()}
    cut = tmp_path / "drugsatfda.zip"
    _products_of(_first_line_substances(), shared_data / "drugsfda" / "drugsatfda.zip", cut)
    call_command("import_drugsfda", str(cut), **quiet)
    call_command("import_conditions", **quiet)
    call_command("import_first_line", **quiet)


def test_every_name_of_a_treated_condition_finds_it_and_its_first_line_drugs(
    first_line_imported,
):
    """The vocabulary test of issue 14's "Done when": for every condition in our first-line
    table, its name and every lay name and abbreviation we list for it (what a reader types
    into "search by condition") finds that condition, and its page lists every first-line
    drug the table names."""
    from drugs.importers.first_line import FirstLineRecord, drug_key, read_first_line
    from drugs.selectors import condition_lookup

    first_line: dict[str, set[str]] = {}
    for record in read_first_line():
        if isinstance(record, FirstLineRecord):
            first_line.setdefault(record.condition_slug, set()).add(drug_key(record.drug))
    conditions = Condition.objects.consumer().filter(slug__in=first_line)
    assert conditions.count() >= 80
    wrong, terms = [], 0
    for condition in conditions:
        result = drugs_for_condition(condition=condition)
        listed = {e.drug.ingredient_key for _k, _t, entries in result.groups for e in entries}
        listed |= {entry.drug.ingredient_key for entry in result.not_sold}
        # A substance may carry a longer FDA name ("liraglutide recombinant"), as the loader allows.
        missing = {
            key
            for key in first_line[condition.slug]
            if not any(have == key or have.startswith(key + " ") for have in listed)
        }
        if missing:
            wrong.append(f"{condition.slug}: first-line {sorted(missing)} not listed")
        for term in [condition.name, *condition.synonyms]:
            terms += 1
            found = condition_lookup(text=term)
            if found is None or found.pk != condition.pk:
                wrong.append(
                    f"{term!r} finds {found.slug if found else None}, not {condition.slug}"
                )
    assert terms >= 300
    assert not wrong, f"{len(wrong)} of {terms} names:\n" + "\n".join(wrong)
