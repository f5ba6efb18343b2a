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
