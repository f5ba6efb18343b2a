"""FDA pharmacologic classes: the importer, its command and the real class file."""

import gzip
import io

import pytest
from django.core.management import call_command

from drugs.importers.drug_classes import DrugClassImporter, read_drug_classes
from drugs.models import DrugClass, Ingredient
from drugs.selectors import ingredient_ids_by_class
from drugs.services import ingredient_get_or_create
from drugs.services.classes import drug_class_parse
from healthsite.importing import Rejected, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(fixtures_dir):
    return fixtures_dir / "drugs" / "drug-classes" / "drug-class-mapping-sample.tsv.gz"


def ingredients(*names):
    return {name: ingredient_get_or_create(name=name)[0] for name in names}


def classes_of(ingredient):
    return sorted(ingredient.classes.values_list("name", flat=True))


def test_parse_class_terms():
    assert drug_class_parse("Vitamin K Antagonist [EPC]") == ("Vitamin K Antagonist", "epc")
    assert drug_class_parse("Nitrates [Chemical/Ingredient]") == ("Nitrates", "chemical")
    assert drug_class_parse("Vasodilation [PE]") == ("Vasodilation", "pe")
    with pytest.raises(ValueError):
        drug_class_parse("Vasodilation [XYZ]")
    with pytest.raises(ValueError):
        drug_class_parse("Vasodilation")


def test_ingredients_get_their_own_classes_else_their_base_substances(sample):
    found = ingredients(
        "SERTRALINE HYDROCHLORIDE",
        "Clopidogrel Bisulfate",
        "warfarin sodium",
        "isosorbide mononitrate",
        "cephalexin",
        "silver nitrate",
    )
    run = run_import(DrugClassImporter(sample))

    assert classes_of(found["SERTRALINE HYDROCHLORIDE"]) == [
        "Serotonin Reuptake Inhibitor [EPC]",
        "Serotonin Uptake Inhibitors [MoA]",
    ]
    assert "P2Y12 Platelet Inhibitor [EPC]" in classes_of(found["Clopidogrel Bisulfate"])
    assert classes_of(found["warfarin sodium"]) == [
        "Vitamin K Antagonist [EPC]",
        "Vitamin K Inhibitors [MoA]",
    ]
    # its own name is classed; ISOSORBIDE (another drug) is not
    assert "Nitrate Vasodilator [EPC]" in classes_of(found["isosorbide mononitrate"])
    # the file only classes CEPHALEXIN ANHYDROUS: the same base substance
    assert "Cephalosporin Antibacterial [EPC]" in classes_of(found["cephalexin"])
    # silver nitrate is not silver, and the file gives it no class
    assert classes_of(found["silver nitrate"]) == []

    epc = DrugClass.objects.get(name="P2Y12 Platelet Inhibitor [EPC]")
    assert (epc.label, epc.kind) == ("P2Y12 Platelet Inhibitor", DrugClass.Kind.ESTABLISHED)
    members = ingredient_ids_by_class(["Vitamin K Antagonist [EPC]", "Unknown [EPC]"])
    assert members == {
        "Vitamin K Antagonist [EPC]": {found["warfarin sodium"].pk},
        "Unknown [EPC]": set(),
    }

    assert run.records == 37 and not run.rejected
    assert "5 of 6 ingredients have an FDA class." in run.notes
    # BANANA (an allergen extract) matches none of our ingredients: counted, not rejected
    assert run.notes[-1].startswith("1 classed substances match none of our ingredients")
    assert "BANANA" in run.notes[-1]


def test_second_run_changes_nothing_and_dry_run_saves_nothing(sample):
    ingredients("sertraline hydrochloride", "warfarin sodium")
    out = io.StringIO()
    call_command("import_drug_classes", str(sample), "--dry-run", stdout=out)
    assert "would have" in out.getvalue()
    assert not DrugClass.objects.exists()

    call_command("import_drug_classes", str(sample), stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_drug_classes", str(sample), stdout=out)
    assert "0 created, 0 updated" in out.getvalue()
    assert "No changes: everything was already up to date." in out.getvalue()


def test_a_class_the_file_no_longer_gives_is_removed(sample, tmp_path):
    warfarin = ingredients("warfarin")["warfarin"]
    stale = DrugClass.objects.create(name="Old Class [EPC]", label="Old Class", kind="epc")
    stale.ingredients.add(warfarin)
    run = run_import(DrugClassImporter(sample))
    assert classes_of(warfarin) == ["Vitamin K Antagonist [EPC]", "Vitamin K Inhibitors [MoA]"]
    assert run.counts[("ingredient", "updated")] == 1


def test_bad_rows_and_files_are_rejected(tmp_path):
    path = tmp_path / "classes.tsv.gz"
    rows = "pt\tdb_uri2\tnameAndRole\n\t\tNitrates [Chemical/Ingredient]\nASPIRIN\t\tNSAID [XYZ]\n"
    path.write_bytes(gzip.compress(rows.encode()))
    rejected = [r for r in read_drug_classes(path) if isinstance(r, Rejected)]
    assert [r.reason.split(":")[0] for r in rejected] == [
        "no substance name",
        "not an FDA class term with a known [kind]",
    ]
    other = tmp_path / "other.tsv"
    other.write_text("name\tclass\nASPIRIN\tx\n")
    reasons = [r.reason[:22] for r in read_drug_classes(other) if isinstance(r, Rejected)]
    assert reasons == ["not a class mapping: h"]


@pytest.mark.shared_data
def test_real_class_file_classes_real_ingredient_names(shared_data):
    names = [
        "Warfarin Sodium",
        "Clopidogrel Bisulfate",
        "Sertraline Hydrochloride",
        "Ibuprofen",
        "Sildenafil Citrate",
        "Nitroglycerin",
        "Isosorbide Mononitrate",
        "Miconazole Nitrate",
    ]
    found = ingredients(*names)
    path = shared_data / "drug-classes" / "drug-class-mapping.tsv.gz"
    run = run_import(DrugClassImporter(path))
    assert run.records == 71_791 and not run.rejected

    def epc(name):
        return set(
            found[name]
            .classes.filter(kind=DrugClass.Kind.ESTABLISHED)
            .values_list("label", flat=True)
        )

    assert epc("Warfarin Sodium") == {"Vitamin K Antagonist"}
    assert epc("Clopidogrel Bisulfate") == {"P2Y12 Platelet Inhibitor"}
    assert epc("Sertraline Hydrochloride") == {"Serotonin Reuptake Inhibitor"}
    assert epc("Ibuprofen") == {"Nonsteroidal Anti-inflammatory Drug"}
    assert epc("Sildenafil Citrate") == {"Phosphodiesterase 5 Inhibitor"}
    assert epc("Nitroglycerin") == {"Nitrate Vasodilator"}
    assert epc("Isosorbide Mononitrate") == {"Nitrate Vasodilator"}
    assert epc("Miconazole Nitrate") == {"Azole Antifungal"}
    assert Ingredient.objects.filter(classes__isnull=True).count() == 0
