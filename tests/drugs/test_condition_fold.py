"""Drug uses land on our consumer condition, not on a twin a data set created (issue 14)."""

from __future__ import annotations

import pytest

from articles.condition_services import ConsumerConditionInput, consumer_condition_upsert
from articles.models import Condition
from drugs.importers.indications import import_indications
from drugs.models import DrugCondition
from drugs.services import condition_find_or_create
from drugs.services.condition_fold import condition_duplicates_fold
from tests.drugs.factories import link_condition, make_drug
from tests.factories import make_condition

pytestmark = pytest.mark.django_db

HEADER = "doid_id\tdrugbank_id\tdisease\tdrug\tcategory\tn_curators\tn_resources\n"


@pytest.fixture
def gerd() -> Condition:
    condition, _outcome = consumer_condition_upsert(
        entry=ConsumerConditionInput(
            slug="gerd",
            name="Acid reflux (GERD)",
            summary="Stomach acid flows back up into the food pipe.",
            area="Digestive health",
            also_known_as=("GERD", "gastroesophageal reflux disease", "acid reflux"),
        )
    )
    return condition


def test_an_imported_use_lands_on_our_page_for_the_name(gerd, tmp_path):
    omeprazole = make_drug(name="Omeprazole")
    (tmp_path / "indications.tsv").write_text(
        HEADER + "DOID:8534\tDB00338\tgastroesophageal reflux disease\tOmeprazole\tDM\t2\t3\n"
    )
    before = Condition.objects.count()
    import_indications(tmp_path)
    link = DrugCondition.objects.get(drug=omeprazole)
    assert link.condition == gerd
    assert Condition.objects.count() == before  # no twin beside our page


def test_a_use_named_by_a_covered_icd_entry_lands_on_our_page(gerd, tmp_path):
    make_condition(
        name="Gastro-esophageal reflux disease without esophagitis",
        icd10_code="K21.9",
        consumer=gerd,
    )
    omeprazole = make_drug(name="Omeprazole")
    (tmp_path / "indications.tsv").write_text(
        HEADER
        + "DOID:8534\tDB00338\tGastro-esophageal reflux disease without esophagitis"
        + "\tOmeprazole\tDM\t2\t3\n"
    )
    import_indications(tmp_path)
    assert DrugCondition.objects.get(drug=omeprazole).condition == gerd


def test_existing_twins_fold_into_our_page_with_their_uses(gerd, client):
    twin = make_condition(
        name="Gastroesophageal reflux disease", slug="gastroesophageal-reflux-disease"
    )
    covered = make_condition(name="Reflux esophagitis", icd10_code="K21.0", consumer=gerd)
    unrelated = make_condition(name="Gout flare", slug="gout-flare")
    omeprazole, famotidine, colchicine = (
        make_drug(name=n) for n in ("Omeprazole", "Famotidine", "Colchicine")
    )
    link_condition(omeprazole, twin)
    link_condition(omeprazole, gerd)  # the same use already on our page: merged
    link_condition(famotidine, covered)
    link_condition(colchicine, unrelated)

    summary = condition_duplicates_fold()

    assert (summary.folded, summary.links_moved, summary.links_merged) == (1, 1, 1)
    assert summary.examples == [("gastroesophageal-reflux-disease", "gerd")]
    assert set(
        DrugCondition.objects.filter(condition=gerd).values_list("drug__name", flat=True)
    ) == {
        "Omeprazole",
        "Famotidine",
    }
    twin.refresh_from_db()
    unrelated.refresh_from_db()
    assert twin.consumer == gerd
    assert unrelated.consumer is None and DrugCondition.objects.filter(condition=unrelated).exists()
    response = client.get("/conditions/gastroesophageal-reflux-disease/")
    assert response.status_code == 301 and response["Location"] == "/conditions/gerd/"
    again = condition_duplicates_fold()
    assert (again.folded, again.links_moved, again.links_merged, again.reviews_moved) == (
        0,
        0,
        0,
        0,
    )


def test_find_or_create_answers_with_our_page(gerd):
    found, created = condition_find_or_create(name="Acid reflux")
    assert found == gerd and not created
    make_condition(
        name="Reflux esophagitis", slug="reflux-esophagitis", icd10_code="K21.0", consumer=gerd
    )
    found, created = condition_find_or_create(name="reflux esophagitis")
    assert found == gerd and not created


def _labeledin(folder, rows: list[tuple[str, str, str, str]]) -> None:
    """(label id, set id, disease CUI and name, label text before "is indicated")."""
    folder.mkdir()
    structured, annotated = [], []
    for label_id, set_id, cui, text in rows:
        form = f"77{label_id}"  # a dose form of its own: no label speaks for another's
        structured.append(f"{label_id}|{set_id}|{cui};|999999|{form};|1;|{form};|1;\n")
        annotated.append(
            f'{label_id}|{set_id}| {text} <annotation cui="{cui}">angina</annotation>.|\n'
        )
    (folder / "LabeledIn_Structured_Results.txt").write_text("".join(structured))
    (folder / "LabeledIn_annotated_XML.txt").write_text("".join(annotated))
    (folder / "Crowdsourced_Results.txt").write_text("")


def test_labeledin_labels_map_through_pillbox_substances(tmp_path):
    """A label we have not imported, whose text names no drug, leads to the drug made of
    the substances Pillbox lists for it; what still cannot be mapped is counted by reason."""
    amlodipine = make_drug(name="Amlodipine", ingredients=("AMLODIPINE BESYLATE",))
    _labeledin(
        tmp_path / "labeledin",
        [
            ("1", "aaaa0000-0000-4000-8000-000000000001", "C0002962", "These tablets are for"),
            ("2", "aaaa0000-0000-4000-8000-000000000002", "C0002962", "These tablets are for"),
            ("3", "aaaa0000-0000-4000-8000-000000000003", "C0002962", "These tablets are for"),
        ],
    )
    pillbox = tmp_path / "spl_ingredients.csv"
    pillbox.write_text(
        '"product_code","setid","part_num","numerator_value","numerator_unit",'
        '"denominator_value","denominator_unit","base_of_strength"\n'
        '"1-1","AAAA0000-0000-4000-8000-000000000001","0","5","mg","","","AMLODIPINE"\n'
        '"1-2","aaaa0000-0000-4000-8000-000000000002","0","5","mg","","","NOTADRUG"\n'
    )
    without = import_indications(tmp_path / "labeledin", dry_run=True)
    assert without.total("created") == 0
    report = import_indications(tmp_path / "labeledin", spl_ingredients=pillbox)
    assert DrugCondition.objects.get().drug == amlodipine
    reasons = [r.reason for r in report.rejected]
    assert reasons == [
        "no drug found: the label's substances are no imported drug (notadrug)",
        "no drug found: label ('aaaa0000-0000-4000-8000-000000000003',) is not imported nor "
        "in Pillbox's label table, and nothing maps RxCUI 999999",
    ]
    assert "not linked, 1: no drug found: the label's substances are no imported drug …" in (
        report.notes
    )
