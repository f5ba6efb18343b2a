"""Pill result cards offer "Save to My Medicine" for the pill's drug and product."""

import pytest
from django.urls import reverse

from tests.pills.factories import make_drug, make_pill, make_product

pytestmark = pytest.mark.django_db

URL = "/pills/"


def test_card_links_to_save_the_drug_with_its_product(client):
    drug = make_drug(name="Atorvastatin", slug="atorvastatin")
    product = make_product(drug=drug, ndc="00071015523", strength="10 mg")
    make_pill(imprint="PD;155;10", drug=drug, product=product, product_ndc="000710155")
    html = client.get(URL, {"imprint": "pd 155 10"}).content.decode()
    save_url = reverse("mymedicine:save", args=["atorvastatin"]) + "?ndc=00071015523"
    assert "Save to My Medicine" in html and save_url in html


def test_save_link_opens_the_form_with_the_product_chosen(client):
    from tests.factories import make_user

    drug = make_drug(name="Atorvastatin", slug="atorvastatin")
    product = make_product(drug=drug, ndc="00071015523", strength="10 mg")
    client.force_login(make_user())
    response = client.get(reverse("mymedicine:save", args=[drug.slug]), {"ndc": product.ndc})
    assert response.status_code == 200
    assert response.context["form"].initial["product"] == product.pk


def test_no_save_link_without_a_published_drug(client):
    make_pill(imprint="XY;1")
    make_pill(imprint="XY;2", drug=make_drug(is_published=False))
    html = client.get(URL, {"imprint": "XY"}).content.decode()
    assert html.count('class="pill-card"') == 2 and "Save to My Medicine" not in html


def test_save_links_add_no_query_per_card(client, django_assert_max_num_queries):
    for n in range(40):
        drug = make_drug()
        make_pill(
            imprint=f"AB;{n}", drug=drug, product=make_product(drug=drug, ndc=f"1234567{n:04d}")
        )
    with django_assert_max_num_queries(8):
        html = client.get(URL, {"imprint": "AB"}).content.decode()
    assert html.count("Save to My Medicine") == 20  # one page of cards
