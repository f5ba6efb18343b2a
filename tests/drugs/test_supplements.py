"""The supplement monograph loader (drugs/importers/supplements.py) and supplement pages."""

from __future__ import annotations

import shutil

import pytest
from django.core.management import call_command

from drugs import selectors, services
from drugs.importers.supplements import SUPPLEMENTS_DIR, import_supplements
from drugs.models import Drug, DrugName, DrugSource
from tests.drugs.factories import make_drug

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(fixtures_dir):
    return fixtures_dir / "drugs" / "supplements"


@pytest.fixture
def good_only(tmp_path, folder):
    shutil.copy(folder / "good-herb.toml", tmp_path / "good-herb.toml")
    return tmp_path


def test_bad_files_are_rejected_with_reasons_and_the_good_one_loads(folder):
    run = import_supplements(folder)
    reasons = {item.reference: item.reason for item in run.rejected}
    assert set(reasons) == {"bad-fields.toml", "broken.toml", "same-name.toml"}
    assert "kind must be one of vitamin, supplement, herbal" in reasons["bad-fields.toml"]
    assert "uses is missing or empty" in reasons["bad-fields.toml"]
    assert "unknown keys: dosage" in reasons["bad-fields.toml"]
    assert "must start with https://" in reasons["bad-fields.toml"]
    assert "lower case" in reasons["bad-fields.toml"]
    assert "cannot be read" in reasons["broken.toml"]
    assert "'test wort' (good-herb.toml)" in reasons["same-name.toml"]
    drug = Drug.objects.get(slug="good-herb")
    assert drug.name == "Testwort"
    assert drug.kind == Drug.Kind.HERBAL
    assert drug.monograph_origin == Drug.MonographOrigin.EDITORIAL
    assert drug.uses == "People take it for **tests**. No good evidence."
    assert not Drug.objects.filter(name__in=["Badwort", "Othertestwort"]).exists()


def test_names_ingredients_and_sources_are_linked(good_only):
    import_supplements(good_only)
    drug = Drug.objects.get(slug="good-herb")
    assert set(drug.names.values_list("normalized", flat=True)) == {
        "testwort",
        "test wort",
        "herba testi",
    }
    assert [i.name for i in drug.ingredients.all()] == ["herba testi"]
    assert drug.ingredient_key == ""  # label and product importers never pick it
    reference = drug.sources.get(kind=DrugSource.Kind.REFERENCE)
    assert (reference.title, reference.url) == ("Test fact sheet", "https://example.org/testwort")
    assert drug.sources.get(kind=DrugSource.Kind.EDITORIAL).reference == (
        "supplements/good-herb.toml"
    )
    [match] = selectors.drug_search(query="test wort")
    assert match.drug == drug and match.how == "exact"


def test_second_run_changes_nothing(good_only):
    first = import_supplements(good_only)
    assert first.created == 1 + 2 + 1 + 1 + 1  # drug, 2 names, ingredient, link, source
    second = import_supplements(good_only)
    assert (second.created, second.updated, second.rejected) == (0, 0, [])
    assert "No changes: everything was already up to date." in second.lines()


def test_a_changed_file_updates_the_page_and_drops_what_it_no_longer_lists(good_only):
    import_supplements(good_only)
    path = good_only / "good-herb.toml"
    text = path.read_text()
    text = text.replace("No good evidence.", "Mixed evidence.")
    text = text.replace('ingredients = ["herba testi"]', 'ingredients = ["testwort root"]')
    text = text.replace("https://example.org/testwort", "https://example.org/testwort-2")
    path.write_text(text)
    run = import_supplements(good_only)
    assert run.updated >= 1
    drug = Drug.objects.get(slug="good-herb")
    assert drug.uses.endswith("Mixed evidence.")
    assert [i.name for i in drug.ingredients.all()] == ["testwort root"]
    assert list(
        drug.sources.filter(kind=DrugSource.Kind.REFERENCE).values_list("url", flat=True)
    ) == ["https://example.org/testwort-2"]


def test_a_monograph_edited_in_the_admin_is_never_overwritten(good_only):
    import_supplements(good_only)
    drug = Drug.objects.get(slug="good-herb")
    services.drug_update(drug=drug, uses="Rewritten by an editor in the admin.")
    run = import_supplements(good_only)
    drug.refresh_from_db()
    assert drug.uses == "Rewritten by an editor in the admin."
    assert any("kept the monograph" in note for note in run.notes)
    # Giving the page back to the file: monograph origin set to none in the admin.
    services.drug_update(drug=drug, monograph_origin=Drug.MonographOrigin.NONE)
    import_supplements(good_only)
    drug.refresh_from_db()
    assert drug.uses == "People take it for **tests**. No good evidence."


def test_an_editorial_page_written_in_the_admin_keeps_its_text(good_only):
    drug = make_drug(
        name="Testwort",
        kind=Drug.Kind.HERBAL,
        slug="good-herb",
        monograph_origin=Drug.MonographOrigin.EDITORIAL,
        uses="Our editor's own text.",
    )
    import_supplements(good_only)
    drug.refresh_from_db()
    assert drug.uses == "Our editor's own text."
    assert drug.names.filter(normalized="test wort").exists()  # names still added


def test_a_medicine_with_the_same_address_is_not_taken_over(good_only):
    medicine = make_drug(name="Good herb", kind=Drug.Kind.PRESCRIPTION, slug="good-herb")
    import_supplements(good_only)
    medicine.refresh_from_db()
    assert medicine.kind == Drug.Kind.PRESCRIPTION and medicine.uses == ""
    supplement = Drug.objects.get(slug="good-herb-supplement")
    assert supplement.kind == Drug.Kind.HERBAL


def test_command_default_is_the_repository_folder_and_dry_run_saves_nothing(capsys):
    files = list(SUPPLEMENTS_DIR.glob("*.toml"))
    call_command("import_supplements", "--dry-run")
    out = capsys.readouterr().out
    assert f"Supplement monographs: {len(files)} files read, would have" in out
    assert Drug.objects.count() == 0


def test_common_names_find_the_repository_pages():
    run = import_supplements()
    assert run.rejected == []
    for query, slug in [
        ("st johns wort", "st-johns-wort"),
        ("St. John's wort", "st-johns-wort"),
        ("hypericum", "st-johns-wort"),
        ("fish oil", "fish-oil"),
        ("omega-3", "fish-oil"),
    ]:
        target = selectors.drug_search_exact_target(selectors.drug_search(query=query))
        assert target is not None and target.drug.slug == slug, query
    wort = Drug.objects.get(slug="st-johns-wort")
    assert "hypericum perforatum" in [i.name for i in wort.ingredients.all()]
    assert DrugName.objects.filter(drug=wort, kind=DrugName.Kind.OTHER).exists()


def test_supplement_page_shows_the_label_and_the_fda_note(client, good_only):
    import_supplements(good_only)
    page = client.get("/drugs/good-herb/").content.decode()
    assert "Dietary supplement" in page
    assert "The FDA does not approve supplements for safety or effectiveness" in page
    assert "Test fact sheet" in page and "https://example.org/testwort" in page
    medicine = make_drug(name="Somedrug", kind=Drug.Kind.PRESCRIPTION)
    page = client.get(medicine.get_absolute_url()).content.decode()
    assert "Dietary supplement" not in page


def test_st_johns_wort_page_meets_the_editorial_rules_in_the_checker():
    from interactions import selectors as checker

    import_supplements()
    sertraline = make_drug(name="Sertraline", ingredients=("SERTRALINE HYDROCHLORIDE",))
    ingredient, _new = services.ingredient_get_or_create(name="SERTRALINE HYDROCHLORIDE")
    services.drug_ingredient_set(drug=sertraline, ingredient=ingredient)
    call_command("import_interaction_rules", verbosity=0)
    drugs, unknown = checker.drugs_for_check(["st-johns-wort", "sertraline"])
    assert unknown == []
    result = checker.interaction_check(drugs=drugs)
    assert [d.slug for d in result.covered] == ["st-johns-wort", "sertraline"]
    assert result.groups, "St. John's wort with sertraline must be listed"
