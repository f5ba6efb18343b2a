"""One page per medicine: spelling variants and salt-named twins share a key and are merged;
medicines the rule keeps apart are listed, and stay apart."""

import importlib
import io
import zipfile
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

from drugs import selectors, services
from drugs.models import Drug, DrugSlugRedirect, Product
from drugs.services.merge import drug_twins_merge, keys_shared_by_published_drugs
from drugs.shared_data import late_import_commands
from drugs.text import DISTINCT_MEDICINES, base_name, identity_name
from tests.drugs.factories import make_review
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def drug(name: str, *ingredients: str, **fields) -> Drug:
    return services.drug_create(
        name=name,
        kind=Drug.Kind.PRESCRIPTION,
        ingredient_names=list(ingredients or [name]),
        **fields,
    )


@pytest.mark.parametrize(
    "spellings",
    [
        ("Vitamin B12", "VITAMIN B 12", "vitamin b-12", "Cyanocobalamin"),
        ("coenzyme Q10", "coenzyme q-10"),
        ("sodium iodide I-131", "SODIUM IODIDE I 131", "sodium iodide i131"),
        ("fluticasone furoate", "fluticasone propionate", "Fluticasone"),
        ("testosterone cypionate", "testosterone enanthate", "testosterone undecanoate"),
    ],
)
def test_spellings_and_salts_of_one_substance_share_a_base_name(spellings):
    assert len({base_name(name) for name in spellings}) == 1


@pytest.mark.parametrize(
    ("names", "key"),
    [
        (["ALENDRONIC ACID", "alendronate sodium"], "alendronate"),
        (["valproic acid", "VALPROATE SODIUM"], "valproate"),
        (["aminosalicylic acid", "aminosalicylate sodium"], "aminosalicylate"),
    ],
)
def test_an_acid_and_its_salts_are_one_drug_but_keep_their_shown_names(names, key):
    assert {services.ingredient_key([name]) for name in names} == {key}
    assert base_name(names[0]).endswith("ic acid")  # what readers see is unchanged
    assert identity_name("acetic acid glacial") == "acetic acid glacial"


def test_distinct_medicines_keep_their_own_key_and_say_why():
    for name, reason in DISTINCT_MEDICINES.items():
        assert reason.strip()
        assert base_name(name) == name
    assert base_name("pentetate calcium trisodium") != base_name("pentetate zinc trisodium")
    assert base_name("CYCLOSPORINE, MODIFIED") != base_name("cyclosporine")
    assert len({identity_name(n) for n in ("edetate calcium disodium", "edetate disodium")}) == 2
    assert identity_name("mycophenolate mofetil") != identity_name("mycophenolic acid")
    assert identity_name("penicillin g benzathine") != identity_name("penicillin g potassium")
    for name in DISTINCT_MEDICINES:
        assert services.ingredient_key([name]) == name
    # the letter-and-number rule joins only a lone letter to its number
    assert base_name("riboflavin 5 phosphate sodium") == "riboflavin 5 phosphate sodium"


def test_twins_merge_into_the_bare_substance_and_old_addresses_redirect(client):
    bare = drug("Betamethasone")
    valerate = drug("Betamethasone valerate", "BETAMETHASONE VALERATE")
    dipropionate = drug(
        "Betamethasone dipropionate",
        "BETAMETHASONE DIPROPIONATE",
        monograph_origin=Drug.MonographOrigin.LABEL,
        uses="Eczema and psoriasis.",
        drug_class="Corticosteroid",
    )
    services.product_upsert(drug=valerate, source_key="ndc:1", ndc="1", name="Valerate cream")
    services.product_upsert(drug=valerate, source_key="ndc:2", ndc="2", name="Valerate foam")
    review = make_review(drug=dipropionate, author=make_user())
    ca, zn = drug("Pentetate calcium trisodium"), drug("Pentetate zinc trisodium")
    assert keys_shared_by_published_drugs() == ["betamethasone"]

    merged = drug_twins_merge(ingredient_key="betamethasone")

    assert sorted(merged) == [
        ("betamethasone-dipropionate", "betamethasone"),
        ("betamethasone-valerate", "betamethasone"),
    ]
    bare.refresh_from_db()
    assert list(Drug.objects.filter(ingredient_key="betamethasone")) == [bare]
    assert Product.objects.filter(drug=bare).count() == 2
    assert list(bare.reviews.all()) == [review]
    # what only a twin had (its label monograph, its class) stays on the page
    assert bare.uses == "Eczema and psoriasis." and bare.drug_class == "Corticosteroid"
    assert {"betamethasone valerate", "betamethasone dipropionate"} <= set(
        bare.names.values_list("normalized", flat=True)
    )
    response = client.get("/drugs/betamethasone-valerate/")
    assert response.status_code == 301 and response["Location"] == "/drugs/betamethasone/"
    assert DrugSlugRedirect.objects.get(old_slug="betamethasone-dipropionate").drug == bare
    assert Drug.objects.filter(pk__in=[ca.pk, zn.pk]).count() == 2
    assert keys_shared_by_published_drugs() == []
    assert drug_twins_merge(ingredient_key="betamethasone") == []


def test_an_editorial_page_stays_and_unpublished_drugs_are_left_alone():
    pills_stub = drug("Vitamin B 12", "VITAMIN B 12")
    services.product_upsert(drug=pills_stub, source_key="ndc:3", ndc="3", name="B12 1 mg")
    editorial = drug(
        "Vitamin B12", "CYANOCOBALAMIN", monograph_origin=Drug.MonographOrigin.EDITORIAL
    )
    hidden = drug("Cyanocobalamin", is_published=False)
    assert pills_stub.ingredient_key == editorial.ingredient_key == "cyanocobalamin"
    assert drug_twins_merge(ingredient_key="cyanocobalamin") == [("vitamin-b-12", "vitamin-b12")]
    assert Drug.objects.filter(pk=hidden.pk).exists()
    assert Product.objects.get(source_key="ndc:3").drug == editorial


def test_a_salt_named_page_that_stays_is_found_by_the_plain_name(client):
    # The salt-named page keeps its title (our editors wrote it), but the plain name people
    # type leads to it: its old twin's address redirects and search ranks it first.
    salt = drug(
        "Clopidogrel bisulfate",
        "CLOPIDOGREL BISULFATE",
        monograph_origin=Drug.MonographOrigin.EDITORIAL,
        uses="Prevents blood clots.",
    )
    drug("Clopidogrel")
    assert drug_twins_merge(ingredient_key="clopidogrel") == [
        ("clopidogrel", "clopidogrel-bisulfate")
    ]
    response = client.get("/drugs/clopidogrel/")
    assert response.status_code == 301
    assert response["Location"] == "/drugs/clopidogrel-bisulfate/"
    assert selectors.drug_search(query="clopidogrel")[0].drug == salt
    search_page = client.get("/drugs/", {"q": "clopidogrel"})
    assert search_page.status_code == 302
    assert search_page["Location"].startswith("/drugs/clopidogrel-bisulfate/")


def test_command_is_a_late_step_after_linking_and_a_second_run_changes_nothing(tmp_path):
    (tmp_path / "dailymed-spl").mkdir()
    steps = [name for name, _args in late_import_commands(tmp_path)]
    assert steps[:2] == ["link_drug_ingredients", "merge_drug_twins"]
    drug("Fluticasone propionate", "FLUTICASONE PROPIONATE")
    drug("Fluticasone furoate", "FLUTICASONE FUROATE")
    out = io.StringIO()
    call_command("merge_drug_twins", "--dry-run", stdout=out)
    assert Drug.objects.count() == 2
    call_command("merge_drug_twins", stdout=out)
    assert "1 ingredient keys read, 0 created, 1 updated" in out.getvalue()
    assert "fluticasone-furoate → fluticasone-propionate" in out.getvalue()
    assert Drug.objects.count() == 1
    out = io.StringIO()
    call_command("merge_drug_twins", stdout=out)
    assert "No changes: everything was already up to date." in out.getvalue()


def test_migration_gives_keys_from_ingredients_and_keeps_merged_salts_apart():
    pentetate = drug("Pentetate zinc trisodium")
    b12 = drug("Vitamin B 12", "VITAMIN B 12")
    zinc = drug("Zinc", "ZINC CHLORIDE", "ZINC SULFATE")  # salts the old rule put together
    Drug.objects.filter(pk__in=[pentetate.pk, zinc.pk]).update(ingredient_key="pentetate")
    Drug.objects.filter(pk=zinc.pk).update(ingredient_key="zinc")
    Drug.objects.filter(pk=b12.pk).update(ingredient_key="vitamin b 12")
    module = "drugs.migrations.0008_ingredient_keys_spelling_and_distinct_medicines"
    importlib.import_module(module).recompute_keys(django_apps, None)
    keys = dict(Drug.objects.values_list("pk", "ingredient_key"))
    assert keys[pentetate.pk] == "pentetate zinc trisodium"
    assert keys[b12.pk] == "cyanocobalamin"
    assert keys[zinc.pk] == "zinc"


# --- the real data ----------------------------------------------------------------------------

# Substances with salt-named or spelling twins in the real Drugs@FDA and RxImage files.
TWIN_SUBSTANCES = {
    "betamethasone",
    "testosterone",
    "fluticasone",
    "estradiol",
    "erythromycin",
    "hydrocortisone",
    "clopidogrel",
    "pentetate",
    "cyclosporine",
    "cyanocobalamin",
    "paliperidone",
    "alendronate",
    "alendronic",
    "valproic",
    "valproate",
    "edetate",
}


def _cut_drugsfda(source: Path, target: Path) -> None:
    """The real Drugs@FDA zip with Products.txt cut to rows naming one of TWIN_SUBSTANCES
    (as the first word of an active ingredient, salts included)."""
    with zipfile.ZipFile(source) as real, zipfile.ZipFile(target, "w") as cut:
        for info in real.infolist():
            data = real.read(info)
            if info.filename == "Products.txt":
                lines = data.decode("latin-1").splitlines(keepends=True)
                kept = [lines[0]]
                for line in lines[1:]:
                    ingredients = [i.strip().lower() for i in line.split("\t")[6].split(";")]
                    if any(i.split(" ")[0] in TWIN_SUBSTANCES for i in ingredients if i):
                        kept.append(line)
                data = "".join(kept).encode("latin-1")
            cut.writestr(info, data)


def _cut_pills(source: Path, target: Path) -> None:
    """The real RxImage CSV cut to pills of TWIN_SUBSTANCES (and "vitamin b 12")."""
    import gzip

    words = (*TWIN_SUBSTANCES, "vitamin b 12", "clopidogrel")
    with gzip.open(source, "rt", encoding="utf-8") as real, open(target, "w") as cut:
        lines = iter(real)
        cut.write(next(lines))
        for line in lines:
            if any(word in line.lower() for word in words):
                cut.write(line)


@pytest.mark.slow
@pytest.mark.shared_data
def test_no_two_published_drugs_are_one_medicine_after_the_real_imports(shared_data, tmp_path):
    out = io.StringIO()
    drugsfda = tmp_path / "drugsatfda.zip"
    _cut_drugsfda(shared_data / "drugsfda" / "drugsatfda.zip", drugsfda)
    pills = tmp_path / "pills.csv"
    _cut_pills(shared_data / "pillbox" / "extract" / "pill_color_imprint_dataset.csv.gz", pills)
    call_command("import_drugsfda", str(drugsfda), stdout=out, stderr=out)
    call_command("import_pills", str(pills), stdout=out, stderr=out)
    call_command("load_demo", stdout=out, stderr=out)
    call_command("link_drug_ingredients", stdout=out, stderr=out)
    call_command("merge_drug_twins", stdout=out, stderr=out)

    assert keys_shared_by_published_drugs() == []
    published = Drug.objects.published()
    for medicine in ("betamethasone", "testosterone", "fluticasone", "clopidogrel", "valproate"):
        assert published.filter(ingredient_key=medicine).count() == 1, medicine
    # one page for B12 whatever the spelling; the two DTPA antidotes and the two
    # cyclosporines stay apart
    assert published.filter(ingredient_key="cyanocobalamin").count() == 1
    assert not published.filter(ingredient_key__regex=r"vitamin b ?12").exists()
    keys = set(published.values_list("ingredient_key", flat=True))
    assert {"pentetate calcium trisodium", "pentetate zinc trisodium"} <= keys
    assert {"cyclosporine", "cyclosporine modified"} <= keys
