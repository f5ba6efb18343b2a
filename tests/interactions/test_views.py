"""The interaction checker page and its printable version."""

import pytest
from django.urls import reverse

from interactions.models import Severity

from .factories import make_drug, make_interaction

pytestmark = pytest.mark.django_db


def h1_count(response) -> int:
    return response.content.decode().count("<h1")


def test_checker_empty_form(client):
    response = client.get(reverse("interactions:checker"))
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert 'for="id_add"' in response.content.decode()


def test_checker_groups_by_severity_and_names_both(client):
    warfarin, ibuprofen, lisinopril = (
        make_drug("Warfarin"),
        make_drug("Ibuprofen"),
        make_drug("Lisinopril"),
    )
    make_interaction(
        warfarin, ibuprofen, severity=Severity.MAJOR, effect="Bleeding is more likely."
    )
    make_interaction(lisinopril, ibuprofen, severity=Severity.MODERATE)
    url = reverse("interactions:checker") + "?drugs=warfarin,ibuprofen,lisinopril"
    html = client.get(url).content.decode()
    assert "Warfarin and Ibuprofen" in html or "Ibuprofen and Warfarin" in html
    assert "Bleeding is more likely." in html
    assert html.index("severity-major") < html.index("severity-moderate")
    assert "Our editors" in html  # source
    assert "We found 2 interactions after checking 3 pairs" in html


def test_checker_add_and_remove_without_javascript(client):
    make_drug("Warfarin")
    make_drug("Ibuprofen", brands=["Brufen"])
    url = reverse("interactions:checker")
    response = client.get(url, {"drugs": "warfarin", "add": "brufen"})
    assert response.status_code == 302
    assert response["Location"].endswith("?drugs=warfarin%2Cibuprofen")
    response = client.get(url, {"drugs": "warfarin,ibuprofen", "remove": "warfarin"})
    assert response["Location"].endswith("?drugs=ibuprofen")
    response = client.get(url, {"drugs": "warfarin", "add": "no such thing"})
    assert response.status_code == 200
    assert "We could not find a medicine called" in response.content.decode()
    assert "error-summary" in response.content.decode()


def test_checker_no_interactions_explains_what_was_checked(client):
    make_drug("Alpha")
    make_drug("Beta")
    html = client.get(reverse("interactions:checker") + "?drugs=alpha,beta").content.decode()
    assert "No interactions found." in html
    assert "We checked 1 pair among Alpha &amp; Beta" in html
    assert "not proof that they are safe" in html


def test_checker_limits_to_thirty(client):
    drugs = [make_drug(f"Limit {n}") for n in range(31)]
    url = reverse("interactions:checker") + "?drugs=" + ",".join(d.slug for d in drugs)
    html = client.get(url).content.decode()
    assert "up to 30 medicines" in html
    assert "Results" not in html


def test_checker_page_query_count_is_constant(client, django_assert_max_num_queries):
    drugs = [make_drug(f"Q {n}") for n in range(30)]
    for i in range(29):
        make_interaction(drugs[i], drugs[i + 1])
    for size in (2, 30):
        url = reverse("interactions:checker") + "?drugs=" + ",".join(d.slug for d in drugs[:size])
        with django_assert_max_num_queries(4):
            assert client.get(url).status_code == 200


def test_checker_print_view(client):
    make_drug("Alpha")
    make_drug("Beta")
    response = client.get(reverse("interactions:checker_print") + "?drugs=alpha,beta")
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert "Add medicine" not in response.content.decode()


def test_checker_add_tolerates_a_typo(client):
    make_drug("Ibuprofen")
    response = client.get(reverse("interactions:checker"), {"add": "ibuprofin"})
    assert response.status_code == 302 and response["Location"].endswith("?drugs=ibuprofen")
