"""Supplement products from the NIH Dietary Supplement Label Database: the importer
(drugs/importers/dsld.py), the pages and the site search. The fixture is our own small file
in the DSLD export's format (tests/fixtures/drugs/dsld/lstProducts.csv)."""

from __future__ import annotations

import itertools
import shutil
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from drugs.importers.dsld import (
    ProductRow,
    import_supplement_products,
    langual_terms,
    read_products,
)
from drugs.importers.supplements import SUPPLEMENTS_DIR, import_supplements
from drugs.models import Drug, SupplementProduct
from drugs.search import PRODUCT_WEIGHT
from healthsite.importing import Rejected
from search.models import SearchDocument
from search.selectors import site_search

PAGES = ("fish-oil", "vitamin-d", "calcium", "multivitamin", "vitamin-k")


@pytest.fixture
def csv_file(fixtures_dir):
    return fixtures_dir / "drugs" / "dsld" / "lstProducts.csv"


@pytest.fixture
def supplement_pages(tmp_path, db):
    folder = tmp_path / "supplements"
    folder.mkdir()
    for stem in PAGES:
        shutil.copy(SUPPLEMENTS_DIR / f"{stem}.toml", folder / f"{stem}.toml")
    import_supplements(folder)
    return {drug.slug: drug for drug in Drug.objects.filter(slug__in=PAGES)}


@pytest.fixture
def imported(supplement_pages, csv_file):
    run = import_supplement_products(csv_file)
    return run


def _linked() -> dict[int, str | None]:
    return {
        p.dsld_id: (p.drug.slug if p.drug else None)
        for p in SupplementProduct.objects.select_related("drug")
    }


def test_langual_codes_are_dropped_and_terms_kept():
    assert langual_terms("Capsule [E0159]") == "Capsule"
    assert (
        langual_terms("Four years and above [P0250]; Pregnant and lactating women [P0253]")
        == "Four years and above; Pregnant and lactating women"
    )


def test_bad_rows_are_rejected_with_their_line_and_the_rest_imported(imported):
    reasons = {item.reference: item.reason for item in imported.rejected}
    assert reasons == {
        "lstProducts.csv line 12": "DSLD ID is not a number: 'x900007'",
        "lstProducts.csv line 13": "expected 14 fields, found 12",
        "lstProducts.csv line 14": "DSLD ID 900001 repeated",
        "lstProducts.csv line 18": "expected 14 fields, found 1",  # "NP - not provided..."
    }
    assert imported.records == 7
    assert SupplementProduct.objects.count() == 7


def test_fields_are_read_as_dsld_gives_them(imported):
    product = SupplementProduct.objects.get(dsld_id=900004)
    assert product.name == "Other Labs Women's Multivitamin"
    assert product.brand == "Other Labs"
    assert product.product_type == "Multi-vitamin and mineral (MVM)"
    assert product.form == "Tablet (will cover pill)"
    assert product.claim_list == ["Nutrient content claims", "Structure function claims"]
    assert product.target_group_list == ["Four years and above", "Pregnant and lactating women"]
    assert (product.net_contents, product.serving_size) == ("100 Tablet(s)", "1 Tablet(s)")
    assert product.on_market is True
    assert product.entered_on == date(2012, 1, 3)
    assert product.dsld_url == "https://dsld.od.nih.gov/label/900004"
    off = SupplementProduct.objects.get(dsld_id=900006)
    assert off.on_market is False
    assert off.entered_on is None  # "not recorded": no date rather than a wrong one


def test_products_link_to_the_page_their_name_says_and_combinations_to_none(imported):
    assert _linked() == {
        900001: "fish-oil",
        900002: "vitamin-d",
        900003: None,  # Calcium + D
        900004: "multivitamin",
        900005: None,
        900006: "fish-oil",
        900009: None,  # Vitamin D3/K2
    }
    assert any(
        note.startswith("4 of 7 products (57.1%) linked to a supplement page")
        and "Fish oil 2" in note
        for note in imported.notes
    )


def test_a_second_run_changes_nothing_and_a_changed_row_is_updated(imported, csv_file, tmp_path):
    again = import_supplement_products(csv_file)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 7)
    changed = tmp_path / "lstProducts.csv"
    changed.write_text(
        csv_file.read_text(encoding="utf-8").replace(
            "Testbrand Vitamin D3 2000 IU", "Testbrand Vitamin D3 5000 IU"
        ),
        encoding="utf-8",
    )
    third = import_supplement_products(changed)
    assert (third.created, third.updated) == (0, 1)
    assert SupplementProduct.objects.get(dsld_id=900002).name == "Testbrand Vitamin D3 5000 IU"
    assert SearchDocument.objects.get(kind="supplement_product", key="900002").title == (
        "Testbrand Vitamin D3 5000 IU"
    )


def test_the_zip_as_published_is_read(supplement_pages, csv_file, tmp_path):
    archive = tmp_path / "all_lstProducts_csv.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(csv_file, "lstProducts.csv")
    call_command("import_supplement_products", str(archive), verbosity=0)
    assert SupplementProduct.objects.count() == 7


def test_a_file_that_is_not_a_product_list_is_rejected_whole(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text('"NDC","Name"\n"1","x"\n', encoding="utf-8")
    items = list(read_products(other))
    assert len(items) == 1
    assert isinstance(items[0], Rejected)
    assert "header does not match" in items[0].reason


def test_dry_run_saves_nothing(supplement_pages, csv_file):
    run = import_supplement_products(csv_file, dry_run=True)
    assert run.created == 7
    assert not SupplementProduct.objects.exists()


def test_products_are_in_the_site_search_below_the_supplement_page(imported):
    document = SearchDocument.objects.get(kind="supplement_product", key="900001")
    assert document.weight == PRODUCT_WEIGHT
    assert document.url == reverse("drugs:supplement_product", args=[900001])
    results = site_search(query="fish oil")
    order = [hit.kind for group in results.groups for hit in group.hits]
    # Our page is the answer; the products are counted and one link away, not ranked.
    assert [hit.kind for hit in results.best] == ["drug"] or order[0] == "drug"
    assert "supplement_product" not in order
    assert [(k.kind, k.count) for k in results.also] == [("supplement_product", 2)]
    assert results.total == sum(k.count for k in results.kinds) - 2
    products = site_search(query="fish oil", kind="supplement_product")
    assert products.total == 2
    assert {hit.kind for group in products.groups for hit in group.hits} == {"supplement_product"}
    assert not products.also


def test_products_are_listed_when_nothing_else_matches(imported, client):
    results = site_search(query="Testbrand")
    assert not results.also
    assert {hit.kind for group in results.groups for hit in group.hits} == {"supplement_product"}
    page = client.get("/search/", {"q": "fish oil"}).content.decode()
    assert "Also 2 matches for “fish oil” in Supplement products" in page
    assert "kind=supplement_product" in page


def test_supplement_page_shows_its_products_in_a_bounded_number_of_queries(
    imported, supplement_pages, client, django_assert_max_num_queries
):
    url = supplement_pages["fish-oil"].get_absolute_url()
    client.get(url)  # warm caches
    with django_assert_max_num_queries(40) as captured:
        page = client.get(url).content.decode()
    products = [q for q in captured.captured_queries if "supplementproduct" in q["sql"]]
    assert len(products) == 2  # the count and the first few
    assert "Products containing Fish oil" in page
    assert "Label Database lists 2 products whose names say they are this supplement" in page
    assert reverse("drugs:supplement_product", args=[900001]) in page
    assert "No longer sold" in page  # 900006 is off the market


def test_a_page_without_products_shows_no_product_section(imported, supplement_pages, client):
    page = client.get(supplement_pages["vitamin-k"].get_absolute_url()).content.decode()
    assert "Products containing" not in page


def test_product_page_links_the_dsld_label_and_the_supplement(imported, client):
    page = client.get(reverse("drugs:supplement_product", args=[900002])).content.decode()
    assert page.count("<h1") == 1 and "<h1>Testbrand Vitamin D3 2000 IU</h1>" in page
    assert "https://dsld.od.nih.gov/label/900002" in page
    assert reverse("drugs:detail", args=["vitamin-d"]) in page
    assert "Dietary supplement" in page
    unlinked = client.get(reverse("drugs:supplement_product", args=[900003])).content.decode()
    assert "We do not have a page on what this product contains" in unlinked
    assert client.get(reverse("drugs:supplement_product", args=[1])).status_code == 404


def test_product_list_is_paged(imported, supplement_pages, client, monkeypatch):
    monkeypatch.setattr("drugs.product_views.PRODUCTS_PER_PAGE", 1)
    url = reverse("drugs:supplement_products", args=["fish-oil"])
    first = client.get(url).content.decode()
    assert first.count("<h1") == 1
    assert "Testbrand Fish Oil 1000 mg" in first  # on the market: first
    assert "Other Labs Fish Oil Lemon" not in first
    assert "Other Labs Fish Oil Lemon" in client.get(url + "?page=2").content.decode()
    assert client.get(url + "?page=3").status_code == 404
    no_products = reverse("drugs:supplement_products", args=["vitamin-k"])
    assert client.get(no_products).status_code == 404


def test_merging_a_supplement_keeps_its_products(imported, supplement_pages):
    from drugs.services.merge import drug_merge

    twin = Drug.objects.create(name="Fish oil (twin)", slug="fish-oil-twin", kind="supplement")
    SupplementProduct.objects.filter(dsld_id=900006).update(drug=twin)
    drug_merge(duplicate=twin, into=supplement_pages["fish-oil"])
    assert SupplementProduct.objects.get(dsld_id=900006).drug == supplement_pages["fish-oil"]


@pytest.mark.shared_data
def test_the_real_product_list_reads(shared_data):
    # The first rows only, to stay fast: the whole file (92,456 products, 1 stray line
    # rejected) is read by `make import-shared`.
    path = shared_data / "supplements" / "all_lstProducts_csv.zip"
    items = list(itertools.islice(read_products(path), 3000))
    products = {item.dsld_id: item.values for item in items if isinstance(item, ProductRow)}
    assert len(products) == 3000
    first = products[200659]
    assert first["name"] == "'Merica Labz Liberty Ballz"
    assert first["brand"] == "'Merica Labz"
    assert first["form"] == "Capsule"
    assert first["entered_on"] == date(2019, 4, 25)
    assert first["on_market"] is True
    assert all(values["name"] and values["product_type"] for values in products.values())


def test_admin_lists_searches_and_filters_products(imported, supplement_pages, admin_client):
    url = reverse("admin:drugs_supplementproduct_changelist")
    page = admin_client.get(url, {"q": "fish oil"}).content.decode()
    assert "Testbrand Fish Oil 1000 mg" in page and "Vitamin D3 2000 IU" not in page
    linked = admin_client.get(url, {"drug__id__exact": supplement_pages["vitamin-d"].pk})
    assert "Testbrand Vitamin D3 2000 IU" in linked.content.decode()
    unlinked = admin_client.get(url, {"drug__isempty": "1"}).content.decode()
    assert "Testbrand Calcium + D" in unlinked and "Testbrand Fish Oil 1000 mg" not in unlinked
    assert admin_client.get(reverse("admin:drugs_supplementproduct_add")).status_code == 403
