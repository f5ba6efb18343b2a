"""The /search/ page."""

import re

import pytest
from django.urls import reverse

from tests.search.conftest import add, doc
from tests.search.hostile import HOSTILE_QUERIES

pytestmark = pytest.mark.django_db

URL = "/search/"


def test_the_url_is_named():
    assert reverse("search:results") == URL


def test_without_a_query_the_page_shows_the_form(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'name="q"' in html and '<label class="label" for="search-q">' in html
    assert "result" not in html.split("<main", 1)[1].split("</main>")[0].lower()


def test_results_are_grouped_under_kind_headings_with_counts(client, register_provider):
    register_provider("article", "Articles")
    register_provider("drug", "Drugs & supplements")
    add(
        doc("1", "Hay fever", "Sneezing and itchy eyes."),
        doc("2", "Cetirizine", "An antihistamine for hay fever.", kind="drug"),
    )
    response = client.get(URL, {"q": "hay fever"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert re.search(r"<h2[^>]*>Articles <span[^>]*>\(1 result\)</span></h2>", html)
    assert re.search(r"<h2[^>]*>Drugs &amp; supplements <span[^>]*>\(1 result\)</span>", html)
    assert '<a href="/drugs/2/">' in html
    assert "<mark>Hay</mark> <mark>fever</mark>" in html
    assert "?q=hay+fever&amp;kind=drug" in html  # filter link


def test_snippets_escape_indexed_html(client):
    add(
        doc(
            "1",
            "<script>alert('title')</script> Knee brace",
            "<script>alert('body')</script> <img src=x onerror=alert(1)> knee support",
        )
    )
    html = client.get(URL, {"q": "knee"}).content.decode()
    main = html.split("<main", 1)[1]
    assert "<script>" not in main
    assert "<img src=x" not in main
    assert "&lt;script&gt;" in main
    assert "<mark>Knee</mark>" in main


def test_pagination_is_numbered_and_keeps_the_query(client):
    add(*(doc(str(n), f"Sleep tip {n}", "Better sleep at night.") for n in range(23)))
    response = client.get(URL, {"q": "sleep", "page": "2"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="search-result"') == 10
    assert 'aria-current="page">2</a>' in html
    assert 'href="?q=sleep&amp;page=3"' in html
    assert 'href="?q=sleep&amp;page=1"' in html


def test_no_results_gives_advice(client):
    response = client.get(URL, {"q": "zzzzqqq"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "No results for “zzzzqqq”" in html
    assert "Check the spelling" in html


def test_a_misspelling_says_the_results_are_near_matches(client):
    add(doc("1", "Type 2 diabetes", "High blood sugar."))
    html = client.get(URL, {"q": "diabetis "}).content.decode()
    assert "look similar" in html
    assert "/articles/1/" in html


def test_the_number_of_queries_does_not_grow_with_results(client, django_assert_max_num_queries):
    # 4 for the results, 5 for the best-match probes, one indexed query each: conditions'
    # names, health centers, guides' titles, drug names, drug classes.
    add(*(doc(str(n), f"Hip pain {n}", "Hip exercises.") for n in range(3)))
    with django_assert_max_num_queries(9):
        assert client.get(URL, {"q": "hip"}).status_code == 200
    add(*(doc(str(n), f"Hip pain {n}", "Hip exercises.") for n in range(3, 40)))
    with django_assert_max_num_queries(9):
        assert client.get(URL, {"q": "hip"}).status_code == 200


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
def test_hostile_queries_give_a_normal_page(client, query):
    add(doc("1", "Knee pain", "Runner's knee (patellofemoral pain) and what helps."))
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<script>alert" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "knee", "page": "abc"},
        {"q": "knee", "page": "-1"},
        {"q": "knee", "page": "99999999999999999999999"},
        {"q": "knee", "page": "1.5"},
        {"q": "knee", "kind": "<script>"},
        {"q": "knee", "kind": "x" * 1000},
        {"q": ["knee", "pain"]},
    ],
)
def test_odd_parameters_give_a_normal_page(client, params):
    add(doc("1", "Knee pain", "Runner's knee."))
    assert client.get(URL, params).status_code == 200


def test_post_is_not_allowed(client):
    assert client.post(URL, {"q": "knee"}).status_code == 405
