"""`import_interactions` on our fixtures, and on the real shared data when it is present."""

from io import StringIO

import pytest
from django.core.management import call_command

from interactions.models import Interaction, Severity

from .factories import make_drug, make_ingredient

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.fixture
def ingredients():
    names = [
        "Warfarin Sodium", "Aspirin", "Simvastatin", "Clarithromycin", "Omeprazole",
        "Clopidogrel", "Lisinopril", "Ibuprofen", "Fluconazole", "Spironolactone",
        "Enalapril Maleate", "Naproxen", "Levothyroxine", "Calcium Carbonate",
    ]  # fmt: skip
    return {name: make_ingredient(name) for name in names}


def pair(a, b):
    return tuple(sorted((a.pk, b.pk)))


def test_import_interactions_maps_expands_and_is_idempotent(fixtures_dir, ingredients):
    folder = fixtures_dir / "mymedicine"
    output = run("import_interactions", str(folder))
    rows = {(i.ingredient_a_id, i.ingredient_b_id, i.source): i for i in Interaction.objects.all()}
    ing = ingredients
    warfarin_aspirin = rows[(*pair(ing["Warfarin Sodium"], ing["Aspirin"]), "onc-high-priority")]
    assert warfarin_aspirin.severity == Severity.CONTRAINDICATED  # salt folded: "Warfarin"
    ndf = rows[(*pair(ing["Warfarin Sodium"], ing["Fluconazole"]), "ndf-rt")]
    assert ndf.severity == Severity.MAJOR
    assert rows[(*pair(ing["Lisinopril"], ing["Spironolactone"]), "ndf-rt")].severity == (
        Severity.MODERATE
    )
    # Class table: enalapril (an ACE inhibitor) x naproxen (an NSAID), class names kept
    expanded = rows[(*pair(ing["Enalapril Maleate"], ing["Naproxen"]), "onc-non-interruptive")]
    assert expanded.severity == Severity.MINOR
    assert {expanded.class_a, expanded.class_b} == {"ACE inhibitors", "NSAIDs"}
    # Same pair from the mapped CSV and the class table: one row, class names kept.
    lis_ibu = rows[(*pair(ing["Lisinopril"], ing["Ibuprofen"]), "onc-non-interruptive")]
    assert {lis_ibu.class_a, lis_ibu.class_b} == {"ACE inhibitors", "NSAIDs"}
    assert "ramipril" in output  # reported as unmapped, not created
    assert "rejected" in output
    count = Interaction.objects.count()
    stamps = dict(Interaction.objects.values_list("pk", "updated_at"))

    again = run("import_interactions", str(folder))
    assert "0 created, 0 updated" in again
    assert Interaction.objects.count() == count
    assert dict(Interaction.objects.values_list("pk", "updated_at")) == stamps


def test_import_interactions_dry_run_saves_nothing(fixtures_dir, ingredients):
    output = run("import_interactions", str(fixtures_dir / "mymedicine"), "--dry-run")
    assert "Dry run" in output
    assert Interaction.objects.count() == 0


@pytest.mark.shared_data
def test_real_shared_interaction_lists_import_twice_without_changes(shared_data):
    # A few real ingredient and drug names, as the drugs importers would create them.
    for name in ["Warfarin", "Aspirin", "Amiodarone", "Simvastatin", "Clarithromycin",
                 "Fluconazole", "Omeprazole", "Clopidogrel", "Lisinopril", "Progesterone",
                 "Fentanyl Citrate", "Methotrexate", "Atorvastatin Calcium"]:  # fmt: skip
        make_drug(name)
    interactions = shared_data / "interactions"
    first = run("import_interactions", str(interactions))
    assert Interaction.objects.filter(source="ndf-rt").exists()
    assert Interaction.objects.filter(source="onc-high-priority").exists()
    assert Interaction.objects.filter(source="onc-non-interruptive").exists()
    assert "Names not matched" in first
    count = Interaction.objects.count()
    stamps = sorted(Interaction.objects.values_list("pk", "updated_at"))
    second = run("import_interactions", str(interactions))
    assert "0 created, 0 updated" in second
    assert count == Interaction.objects.count()
    assert stamps == sorted(Interaction.objects.values_list("pk", "updated_at"))


def test_import_interactions_merges_a_pair_listed_twice_and_a_rerun_changes_nothing(
    fixtures_dir, tmp_path
):
    # NDF-RT lists some pairs under several concepts with different severities; a
    # last-row-wins import flipped those rows on every run ("22 updated") and kept the
    # milder severity. The documented rule: the most severe wins, with the alphabetically
    # first reference among the rows of that severity, whatever the row order.
    sumatriptan = make_ingredient("Sumatriptan Succinate")
    phenelzine = make_ingredient("Phenelzine Sulfate")
    fenofibrate = make_ingredient("Fenofibrate")
    pitavastatin = make_ingredient("Pitavastatin Calcium")
    path = fixtures_dir / "mymedicine" / "duplicate_pairs" / "pddi_duplicate_pairs.tsv"
    ndfrt = "http://purl.bioontology.org/ontology/NDFRT/"

    first = run("import_interactions", str(path))
    assert "3 created, 0 updated, 0 unchanged" in first
    rows = {(i.ingredient_a_id, i.ingredient_b_id, i.source): i for i in Interaction.objects.all()}
    listed_twice = rows[(*pair(sumatriptan, phenelzine), "ndf-rt")]
    assert listed_twice.severity == Severity.MAJOR  # Critical, not the later Significant rows
    assert listed_twice.source_reference == f"{ndfrt}N0000000101"
    same_severity = rows[(*pair(fenofibrate, pitavastatin), "ndf-rt")]
    assert same_severity.severity == Severity.MODERATE
    assert same_severity.source_reference == f"{ndfrt}N0000000104"
    assert rows[(*pair(sumatriptan, phenelzine), "onc-high-priority")].severity == (
        Severity.CONTRAINDICATED
    )  # one row per source: the other list keeps its own
    stamps = dict(Interaction.objects.values_list("pk", "updated_at"))
    saved = list(Interaction.objects.values_list("pk", "severity", "source_reference"))

    second = run("import_interactions", str(path))
    assert "0 created, 0 updated, 3 unchanged" in second

    # The rule does not depend on row order: the same rows reversed change nothing either.
    header, *lines = path.read_text(encoding="utf-8").splitlines()
    reversed_path = tmp_path / "reversed.tsv"
    reversed_path.write_text("\n".join([header, *reversed(lines)]) + "\n", encoding="utf-8")
    third = run("import_interactions", str(reversed_path))
    assert "0 created, 0 updated, 3 unchanged" in third
    assert dict(Interaction.objects.values_list("pk", "updated_at")) == stamps
    assert list(Interaction.objects.values_list("pk", "severity", "source_reference")) == saved
