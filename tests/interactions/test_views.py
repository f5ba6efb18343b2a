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
    assert "Healthsite editorial rules" in html  # source
    assert "We found 2 interactions." in html
    assert "We checked 3 pairs of medicines." in html


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
    alpha, beta = make_drug("Alpha"), make_drug("Beta")
    # Both in our sources (each interacts with something else), but not with each other.
    make_interaction(alpha, make_drug("Other A"))
    make_interaction(beta, make_drug("Other B"))
    html = client.get(reverse("interactions:checker") + "?drugs=alpha,beta").content.decode()
    assert "No interactions found between Alpha and Beta in our sources." in html
    assert "No interactions found." not in html  # never the bare message
    assert "We checked 1 pair among Alpha and Beta" in html
    assert "not proof that they are safe" in html
    assert "We have no interaction information" not in html
    assert "safe together." not in html.replace("not proof that they are safe together", "")


def test_checker_names_medicines_our_sources_do_not_cover(client):
    alpha, beta = make_drug("Alpha"), make_drug("Beta")
    make_interaction(alpha, make_drug("Other A"))
    make_interaction(beta, make_drug("Other B"))
    make_drug("Sildenafil")  # has an ingredient, but no interaction row names it
    make_drug("Mystery", ingredients=[])  # no ingredients: can never be matched
    url = reverse("interactions:checker") + "?drugs=alpha,beta,sildenafil,mystery"
    html = client.get(url).content.decode()
    assert "No interactions found between Alpha and Beta in our sources." in html
    assert "No interactions found." not in html
    assert (
        "We have no interaction information for Sildenafil, so this check cannot tell you "
        "about it. Ask your pharmacist." in html
    )
    assert "We do not have the ingredients of Mystery on record, so it could not be checked." in (
        html
    )
    assert 'class="warning-callout interaction-coverage"' in html


def test_checker_with_no_covered_medicine_says_it_could_not_check(client):
    make_drug("Alpha")
    make_drug("Beta")
    html = client.get(reverse("interactions:checker") + "?drugs=alpha,beta").content.decode()
    assert "No interactions found" not in html
    assert "We could not check these medicines against each other" in html
    assert (
        "We have no interaction information for Alpha and Beta, so this check cannot tell "
        "you about them." in html
    )


def test_checker_partial_answer_with_pairs_names_what_it_could_not_check(client):
    warfarin, ibuprofen = make_drug("Warfarin"), make_drug("Ibuprofen")
    make_interaction(warfarin, ibuprofen, severity=Severity.MAJOR)
    make_drug("Sildenafil")
    url = reverse("interactions:checker") + "?drugs=warfarin,ibuprofen,sildenafil"
    html = client.get(url).content.decode()
    assert "We found 1 interaction." in html
    assert "We checked 3 pairs of medicines." in html
    assert "We have no interaction information for Sildenafil" in html
    assert "No interactions found" not in html


def test_checker_print_names_uncovered_medicines(client):
    make_drug("Alpha")
    make_drug("Beta")
    url = reverse("interactions:checker_print") + "?drugs=alpha,beta"
    html = client.get(url).content.decode()
    assert "We have no interaction information for Alpha and Beta" in html
    assert "No interactions found." not in html


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
