"""No drug without ingredients: drug_create links them, pills find the real drug by the fixed
key, and old ingredient-less stubs are merged into their real drug (old address redirects)."""

import importlib
import io

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

from drugs import services
from drugs.models import Drug, DrugName, DrugSlugRedirect, Ingredient, Product
from drugs.services.merge import LEFT, LINKED, MERGED, drug_ingredients_fix, drug_merge
from mymedicine.models import Recall, RecallMatch, SavedMedicine
from mymedicine.services.profiles import saved_medicine_add
from pills.models import Pill
from pills.services import pill_drug_resolve
from tests.drugs.factories import make_review
from tests.factories import make_user
from tests.mymedicine.factories import make_profile
from tests.pills.factories import make_pill

pytestmark = pytest.mark.django_db


def real_clopidogrel() -> Drug:
    """As Drugs@FDA makes it before the fixed rule: named after the salt, linked to it."""
    drug = services.drug_create(
        name="Clopidogrel bisulfate",
        kind=Drug.Kind.PRESCRIPTION,
        ingredient_names=["CLOPIDOGREL BISULFATE"],
    )
    services.drug_name_add(drug=drug, name="Plavix", kind=DrugName.Kind.BRAND)
    return drug


def stub(name: str, key: str) -> Drug:
    """An ingredient-less drug as the pill importer made them before drug_create linked."""
    drug = services.drug_create(
        name=name, kind=Drug.Kind.PRESCRIPTION, ingredient_names=[key], link_ingredients=False
    )
    Drug.objects.filter(pk=drug.pk).update(ingredient_key=key)
    drug.refresh_from_db()
    return drug


def test_drug_create_links_ingredients_and_a_bare_base_name_finds_the_salt_form():
    real = real_clopidogrel()
    assert [i.name for i in real.ingredients.all()] == ["clopidogrel bisulfate"]
    pill_drug = services.drug_create(
        name="Clopidogrel", kind=Drug.Kind.PRESCRIPTION, ingredient_names=["clopidogrel"]
    )
    assert list(pill_drug.ingredients.all()) == list(real.ingredients.all())
    assert Ingredient.objects.count() == 1
    # two salt forms and no exact one: no form is guessed
    for salt in ("metoprolol succinate", "metoprolol tartrate"):
        services.ingredient_get_or_create(name=salt)
    ingredient, created = services.ingredient_for_name(name="METOPROLOL")
    assert created and ingredient.name == "metoprolol"


def test_pills_find_the_real_drug_by_the_fixed_key():
    real = real_clopidogrel()
    drug, product = pill_drug_resolve(
        product_ndc="", ingredient_names=["clopidogrel"], brand="", source_key="rximage:x"
    )
    assert (drug, product) == (real, None)
    assert Drug.objects.count() == 1


def test_merge_moves_everything_and_the_old_address_redirects(client):
    real, duplicate = real_clopidogrel(), stub("Clopidogrel", "clopidogrel")
    services.drug_name_add(drug=duplicate, name="Plavix", kind=DrugName.Kind.BRAND)  # clash
    services.drug_name_add(drug=duplicate, name="Clopidogrel 75", kind=DrugName.Kind.OTHER)
    both, only_stub = make_user(), make_user()
    make_review(drug=real, author=both)
    make_review(drug=duplicate, author=both)  # the real drug has this reader's: dropped
    moved_review = make_review(drug=duplicate, author=only_stub)
    services.product_upsert(drug=duplicate, source_key="ndc:1", ndc="1", name="Clopidogrel")
    pill = make_pill(imprint="C 75", drug=duplicate)
    saved = saved_medicine_add(profile=make_profile(only_stub), drug=duplicate)
    recall = Recall.objects.create(recall_number="D-1-2024", product_description="Clopidogrel")
    by_ingredients = RecallMatch.MatchedBy.INGREDIENTS
    RecallMatch.objects.create(recall=recall, drug=duplicate, matched_by=by_ingredients)
    # the real drug's match names a product: the partial constraint (no product) allows both
    product = services.product_upsert(drug=real, source_key="ndc:2", ndc="2", name="Plavix")[0]
    RecallMatch.objects.create(recall=recall, drug=real, product=product, matched_by="ndc")

    outcome = drug_merge(duplicate=duplicate, into=real)

    assert not Drug.objects.filter(pk=duplicate.pk).exists()
    assert outcome["drugs.Review dropped"] == 1 and outcome["drugs.DrugName dropped"] == 1
    assert set(real.reviews.values_list("pk", flat=True)) >= {moved_review.pk}
    assert real.reviews.count() == 2
    names = set(real.names.values_list("normalized", flat=True))
    assert {"clopidogrel", "clopidogrel 75", "plavix"} <= names
    assert Product.objects.get(source_key="ndc:1").drug == real
    assert Pill.objects.get(pk=pill.pk).drug == real
    assert SavedMedicine.objects.get(pk=saved.pk).drug == real
    assert set(RecallMatch.objects.filter(recall=recall).values_list("drug", "product")) == {
        (real.pk, None),
        (real.pk, product.pk),
    }

    response = client.get("/drugs/clopidogrel/?searched=plavix")
    assert response.status_code == 301
    assert response["Location"] == f"/drugs/{real.slug}/?searched=plavix"
    assert client.get("/drugs/clopidogrel/reviews/")["Location"] == f"/drugs/{real.slug}/reviews/"
    assert client.get("/drugs/no-such-drug/").status_code == 404

    # merged again later: the redirect follows the drug it now leads to
    final = services.drug_create(name="Plain", kind=Drug.Kind.PRESCRIPTION, ingredient_names=["x"])
    drug_merge(duplicate=real, into=final)
    assert DrugSlugRedirect.objects.get(old_slug="clopidogrel").drug == final
    with pytest.raises(ValueError):
        drug_merge(duplicate=final, into=final)


def test_fix_merges_into_the_real_drug_links_by_key_or_leaves_an_empty_key():
    real = real_clopidogrel()
    merged = stub("Clopidogrel", "clopidogrel")
    alone = stub("Phenazopyridine", "phenazopyridine")
    empty = stub("Mystery", "")
    assert drug_ingredients_fix(drug=merged) == MERGED
    assert DrugSlugRedirect.objects.get(old_slug=merged.slug).drug == real
    assert drug_ingredients_fix(drug=alone) == LINKED
    assert [i.normalized for i in alone.ingredients.all()] == ["phenazopyridine"]
    assert drug_ingredients_fix(drug=empty) == LEFT


def test_command_is_a_late_import_step_and_second_run_changes_nothing():
    real_clopidogrel()
    stub("Clopidogrel", "clopidogrel")
    stub("Rizatriptan", "rizatriptan")
    out = io.StringIO()
    call_command("link_drug_ingredients", "--dry-run", stdout=out)
    assert "would have 0 created, 2 updated" in out.getvalue()
    assert Drug.objects.count() == 3
    out = io.StringIO()
    call_command("link_drug_ingredients", stdout=out)
    assert "drug merged into its real drug: 1 updated" in out.getvalue()
    assert "drug linked to its ingredients: 1 updated" in out.getvalue()
    assert not Drug.objects.filter(drug_ingredients__isnull=True).exists()
    out = io.StringIO()
    call_command("link_drug_ingredients", stdout=out)
    assert "No changes: everything was already up to date." in out.getvalue()


def test_migration_recomputes_keys_with_the_fixed_rule():
    drug = real_clopidogrel()
    Drug.objects.filter(pk=drug.pk).update(ingredient_key="clopidogrel bisulfate+thyroid usp")
    migration = importlib.import_module("drugs.migrations.0004_ingredient_keys_by_active_moiety")
    migration.recompute_keys(django_apps, None)
    drug.refresh_from_db()
    assert drug.ingredient_key == "clopidogrel+thyroid"
