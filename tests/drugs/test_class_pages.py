"""Drug class pages, and class names and readers' words for them in the drug search."""

import gzip
import tomllib

import pytest

from drugs.class_pages import SYNONYMS_FILE, class_synonyms, drug_classes_for_query
from drugs.models import Drug, DrugClass
from drugs.services.classes import drug_classes_upsert, ingredient_classes_sync
from tests.drugs.factories import make_drug

pytestmark = pytest.mark.django_db

STATIN = "HMG-CoA Reductase Inhibitor [EPC]"


def classed(drug: Drug, *class_names: str) -> None:
    ids, _counts = drug_classes_upsert(names=class_names)
    for ingredient in drug.ingredients.all():
        ingredient_classes_sync(classes={ingredient.pk: set(ids.values())})


@pytest.fixture
def statins():
    drugs = [
        make_drug(name="Atorvastatin", ingredients=("ATORVASTATIN CALCIUM",), brands=("Lipitor",)),
        make_drug(name="Rosuvastatin", ingredients=("ROSUVASTATIN CALCIUM",)),
        make_drug(name="Simvastatin"),
    ]
    for drug in drugs:
        classed(drug, STATIN, "Hydroxymethylglutaryl-CoA Reductase Inhibitors [MoA]")
    hidden = make_drug(name="Cerivastatin", is_published=False)
    classed(hidden, STATIN)
    make_drug(name="Nystatin", kind=Drug.Kind.PRESCRIPTION)
    return drugs


def test_synonym_table_names_established_classes_and_reads_words_as_search_does():
    with SYNONYMS_FILE.open("rb") as file:
        entries = tomllib.load(file)["class"]
    assert entries and all(entry["name"].endswith(" [EPC]") for entry in entries)
    table = class_synonyms()
    assert table["statin"] == (STATIN,)
    assert table["ssri"] == ("Serotonin Reuptake Inhibitor [EPC]",)
    assert table["beta blocker"] == ("beta-Adrenergic Blocker [EPC]",)
    assert set(table["blood thinner"]) == {
        "Vitamin K Antagonist [EPC]",
        "Factor Xa Inhibitor [EPC]",
        "Direct Thrombin Inhibitor [EPC]",
    }
    assert "antibiotic" not in table  # a dozen classes: no honest single answer


def test_class_page_lists_published_members_and_the_drug_page_links_it(client, statins):
    response = client.get("/drugs/classes/hmg-coa-reductase-inhibitor/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1 and "<h1>HMG-CoA reductase inhibitor</h1>" in html
    for drug in statins:
        assert f'<a href="{drug.get_absolute_url()}">{drug.name}</a>' in html
    assert "Cerivastatin" not in html and "Nystatin" not in html
    assert "3 medicines in our database" in html
    # only established classes have pages
    assert (
        client.get("/drugs/classes/hydroxymethylglutaryl-coa-reductase-inhibitors/").status_code
        == 404
    )
    assert client.get("/drugs/classes/no-such-class/").status_code == 404

    page = client.get(statins[0].get_absolute_url()).content.decode()
    assert (
        'Drug class: <a href="/drugs/classes/hmg-coa-reductase-inhibitor/">'
        "HMG-CoA reductase inhibitor</a>"
    ) in page


def test_an_allergen_test_class_is_never_shown_as_the_drug_class(client):
    benzocaine = make_drug(name="Benzocaine", ingredients=("BENZOCAINE",))
    classed(benzocaine, "Standardized Chemical Allergen [EPC]")
    garlic = make_drug(name="Garlic", ingredients=("GARLIC",))
    classed(
        garlic,
        "Non-Standardized Food Allergenic Extract [EPC]",
        "Platelet Aggregation Inhibitor [EPC]",
    )
    page = client.get(benzocaine.get_absolute_url()).content.decode()
    assert "Drug class" not in page and "allergen" not in page.lower()
    page = client.get(garlic.get_absolute_url()).content.decode()
    assert "Drug class: " in page and "Platelet aggregation inhibitor" in page
    assert "allergenic" not in page.lower()


def test_class_page_queries_do_not_grow_with_members(
    client, django_assert_max_num_queries, statins
):
    with django_assert_max_num_queries(6):
        client.get("/drugs/classes/hmg-coa-reductase-inhibitor/")
    for n in range(20):
        classed(make_drug(name=f"Extrastatin{n}"), STATIN)
    with django_assert_max_num_queries(6):
        html = client.get("/drugs/classes/hmg-coa-reductase-inhibitor/").content.decode()
    assert "23 medicines" in html


@pytest.mark.parametrize("query", ["statin", "Statins", "HMG-CoA reductase inhibitor"])
def test_a_class_word_offers_the_class_first(client, statins, query):
    classes = drug_classes_for_query(query=query)
    assert [c.name for c in classes] == [STATIN]
    assert classes[0].drug_count == 3  # type: ignore[attr-defined]  # annotated by the query
    response = client.get("/drugs/", {"q": query})
    assert response.status_code == 200  # the results page, not a drug
    html = response.content.decode()
    class_link = html.index('href="/drugs/classes/hmg-coa-reductase-inhibitor/"')
    assert "3 medicines" in html
    if "Nystatin" in html:  # a close spelling may still be offered, after the class
        assert class_link < html.index("Nystatin")


def test_class_words_and_their_absence(client, statins):
    beta = make_drug(name="Metoprolol", ingredients=("METOPROLOL TARTRATE",))
    classed(beta, "beta-Adrenergic Blocker [EPC]")
    assert [c.name for c in drug_classes_for_query(query="beta blockers")] == [
        "beta-Adrenergic Blocker [EPC]"
    ]
    assert [c.name for c in drug_classes_for_query(query="beta-adrenergic blocker")] == [
        "beta-Adrenergic Blocker [EPC]"
    ]
    # a class without a published drug, a class word we have no drug for, a drug name
    assert drug_classes_for_query(query="ssri") == []
    assert drug_classes_for_query(query="atorvastatin") == []
    assert client.get("/drugs/", {"q": "atorvastatin"}).status_code == 302
    response = client.get("/drugs/", {"q": "ssri"})
    assert "We could not find a drug called" in response.content.decode()


def test_search_queries_stay_flat_with_classes(client, django_assert_max_num_queries, statins):
    with django_assert_max_num_queries(8):
        client.get("/drugs/", {"q": "statin"})
    for n in range(15):
        classed(make_drug(name=f"Otherstatin{n}"), STATIN)
    with django_assert_max_num_queries(8):
        html = client.get("/drugs/", {"q": "statin"}).content.decode()
    assert "18 medicines" in html


@pytest.mark.shared_data
def test_every_class_in_the_synonym_table_is_in_the_real_class_file(shared_data):
    path = shared_data / "drug-classes" / "drug-class-mapping.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as file:
        real = {line.rstrip("\n").split("\t")[2] for line in file if line.count("\t") >= 2}
    named = {name for names in class_synonyms().values() for name in names}
    assert named <= real, sorted(named - real)


def test_class_slugs_are_filled_by_the_upsert():
    drug_classes_upsert(names=["Proton Pump Inhibitor [EPC]"])
    assert DrugClass.objects.get().slug == "proton-pump-inhibitor"
