"""Identify page, JSON API and pictures: validation, results, no-match advice, query ceilings."""

import pytest
from django.urls import reverse

from pills.models import Pill
from tests.pills.factories import make_drug, make_pill, make_product

pytestmark = pytest.mark.django_db

URL = "/pills/"


def test_form_page_has_one_h1_pickers_with_text_and_no_results(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert "Pentagon (5 sides)" in html and "Turquoise" in html  # visible names
    assert html.count('type="radio" name="shape"') == 20  # 19 shapes and "Any"
    assert "There is a problem" not in html


def test_empty_search_shows_error_summary(client):
    html = client.get(URL, {"imprint": "", "shape": "", "color": ""}).content.decode()
    assert "There is a problem" in html and 'href="#id_imprint"' in html


def test_bad_values_give_errors_not_500(client):
    response = client.get(URL, {"shape": "blob", "color": "<script>"})
    assert response.status_code == 200
    assert "Choose a shape from the list" in response.content.decode()
    assert client.get(URL, {"imprint": "1 2 3 4 5 6 7 8 9"}).status_code == 200


def test_results_show_card_with_picture_alt_and_drug_link(client):
    drug = make_drug(name="Atorvastatin", slug="atorvastatin")
    make_pill(
        imprint="PD;155;10",
        shape="C48345",
        colors=("C48325",),
        drug=drug,
        name="ATORVASTATIN CALCIUM 10 MG ORAL TABLET [LIPITOR]",
        labeler="Parke-Davis",
    )
    html = client.get(URL, {"imprint": "pd 155 10", "shape": "oval"}).content.decode()
    assert 'alt="white oval tablet, imprint PD 155 10"' in html
    assert "Lipitor (atorvastatin calcium)" in html and "10 mg" in html
    assert "Parke-Davis" in html and "/pills/picture.svg?" in html
    assert 'value="C48345" checked' in html


def test_card_names_the_maker_from_the_product_when_the_pill_record_has_none(client):
    drug = make_drug(name="Haloperidol", slug="haloperidol")
    product = make_product(drug=drug, ndc="00378032701", labeler="Mylan Pharmaceuticals")
    make_pill(imprint="MYLAN;327", drug=drug, product=product, product_ndc="003780327")
    html = client.get(URL, {"imprint": "mylan 327"}).content.decode()
    assert "Mylan Pharmaceuticals" in html


def test_no_match_gives_advice(client):
    html = client.get(URL, {"imprint": "ZZZ 999"}).content.decode()
    assert "No pills match" in html and "supplement" in html and "counterfeit" in html
    assert "pharmacist" in html and "Poison Control" in html


def test_results_query_count_does_not_grow_with_matches(client, django_assert_max_num_queries):
    for n in range(3):
        make_pill(imprint=f"AB;{n}", drug=make_drug())
    with django_assert_max_num_queries(8):
        small = client.get(URL, {"imprint": "AB"})
    for n in range(3, 40):
        make_pill(imprint=f"AB;{n}", drug=make_drug())
    first = Pill.objects.get(imprint="AB;0")
    for twin in range(10):  # the same pill under ten more NDCs, shown on one card
        make_pill(imprint="AB;0", product_ndc=f"1234{twin}0000", drug=first.drug)
    with django_assert_max_num_queries(8):
        large = client.get(URL, {"imprint": "AB"})
    assert small.content.decode().count('class="pill-card"') == 3
    assert large.content.decode().count('class="pill-card"') == 20  # one page
    assert "The same pill is sold under 10 more NDCs" in large.content.decode()


def test_same_pill_under_several_ndcs_is_one_card_listing_them(client):
    drug = make_drug(name="Tiagabine", slug="tiagabine")
    for ndc, labeler in (("552530600", "Sun"), ("000935030", "Teva"), ("634590402", "Cephalon")):
        make_pill(imprint="C;402", drug=drug, strength="2 MG", product_ndc=ndc, labeler=labeler)
    html = client.get(URL, {"imprint": "C 402"}).content.decode()
    assert html.count('class="pill-card"') == 1
    assert "The same pill is sold under 2 more NDCs" in html
    assert html.count("<li>NDC ") == 2
    data = client.get("/api/pills/", {"imprint": "C 402"}).json()
    assert data["count"] == 1 and len(data["results"][0]["also_sold_as"]) == 2
    shown = {data["results"][0]["ndc"]} | {r["ndc"] for r in data["results"][0]["also_sold_as"]}
    assert shown == {"55253-0600", "00093-5030", "63459-0402"}


def test_api_returns_the_same_ranking_as_json(client):
    first = make_pill(imprint="M;367", shape="C48348", colors=("C48325",))
    second = make_pill(imprint="M;36", shape="C48348", colors=("C48325",))
    data = client.get("/api/pills/", {"imprint": "m 367", "shape": "round"}).json()
    assert data["query"]["shape"] == "C48348"
    assert [r["imprint"] for r in data["results"]][:1] == ["M 367"]
    assert {r["imprint"] for r in data["results"]} >= {first.imprint_display}
    result = data["results"][0]
    assert result["shape"] == "Round" and result["colors"] == ["White"]
    assert result["image_url"].startswith("http://testserver/pills/picture.svg")
    assert second.pk  # the partial match may follow
    bad = client.get("/api/pills/", {"shape": "blob"})
    assert bad.status_code == 400 and "shape" in bad.json()["errors"]


def test_picture_is_svg_cached_and_validated(client):
    url = reverse("pills:picture")
    response = client.get(url, {"shape": "C48336", "color": "C48326,C48330", "imprint": "A<B"})
    assert response["Content-Type"] == "image/svg+xml"
    assert "max-age" in response["Cache-Control"]
    body = response.content.decode()
    assert "<svg" in body and "A&lt;B" in body and "#FF0000" in body and "style=" not in body
    assert client.get(url, {"shape": "nope"}).status_code == 400


def test_demo_pills_load_once(capsys):
    from io import StringIO

    from pills import demo
    from pills.models import Pill

    make_drug(name="Ibuprofen", slug="ibuprofen")
    demo.load(stdout=StringIO())
    count = Pill.objects.count()
    demo.load(stdout=StringIO())
    assert count == 2 and Pill.objects.count() == 2
