"""The results page: tiers, the true count, paging, the summary line, pictures and its cost."""

import re

import pytest

from pills.imprint import EXACT, FOLDED_ALL, PARTIAL, tier
from pills.selectors import pill_results
from tests.pills.factories import make_drug, make_pill

pytestmark = pytest.mark.django_db

URL = "/pills/"
WHITE, BLUE = "C48325", "C48333"
ROUND, OVAL = "C48348", "C48345"


def card_imprints(html: str) -> list[str]:
    return re.findall(r"<dt>Imprint</dt><dd>([^<]*)</dd>", html)


def test_tier_of_an_imprint_score():
    assert tier(EXACT) == "exact"
    assert tier(EXACT - 15) == tier(FOLDED_ALL) == "close"
    assert tier(PARTIAL) == tier(FOLDED_ALL - 0.1) == "partial"


@pytest.fixture
def lipitor_and_tens():
    lipitor = make_pill(imprint="PD;155;10", shape=OVAL, colors=(WHITE,), drug=make_drug())
    close = make_pill(imprint="PD;155;10;X", shape=OVAL, colors=(WHITE,), drug=make_drug())
    tens = [make_pill(imprint="10", shape=ROUND, drug=make_drug()) for _ in range(3)]
    return lipitor, close, tens


def test_exact_match_comes_first_under_its_heading_and_partials_are_set_apart(
    client, lipitor_and_tens
):
    html = client.get(URL, {"imprint": "PD 155 10"}).content.decode()
    exact = html.index("Exact matches")
    close = html.index("Close matches")
    partial = html.index("Partial matches — only part of the imprint matches")
    assert exact < close < partial
    imprints = card_imprints(html)
    assert imprints[0] == "PD 155 10" and imprints[1] == "PD 155 10 X"
    assert imprints[2:] == ["10", "10", "10"]
    assert html.index("PD 155 10</dd>") < close
    assert partial < html.rindex("<dd>10</dd>") and html.index("<dd>10</dd>") > partial
    # The count says how many pills carry what was typed, not how many cards are listed.
    assert "2 pills match imprint PD 155 10" in html
    assert "After them: 3 pills with only part of the imprint." in html


def test_tiers_keep_the_ranking_order_inside_each_tier(lipitor_and_tens):
    lipitor, close, _tens = lipitor_and_tens
    results = pill_results(imprint="PD 155 10")
    matches = results[0:10]
    assert [m.tier for m in matches] == ["exact", "close", "partial", "partial", "partial"]
    assert [m.pill.pk for m in matches[:2]] == [lipitor.pk, close.pk]
    assert results.count() == 5 and results.full_matches() == 2


def test_shape_and_color_search_has_one_tier_and_no_tier_headings(client, lipitor_and_tens):
    html = client.get(URL, {"shape": "oval", "color": "white"}).content.decode()
    assert "2 pills match oval, white" in html
    assert "Exact matches" not in html and "Partial matches" not in html


def test_true_count_beyond_one_page_and_paging_with_stable_urls(client):
    pills = [
        make_pill(imprint=f"R{n}", shape=ROUND, colors=(WHITE,), drug=make_drug())
        for n in range(45)  # equally common: listed in the order they were added
    ]
    make_pill(imprint="B1", shape=ROUND, colors=(BLUE,), drug=make_drug())  # another color
    query = {"shape": "round", "color": "white"}
    first = client.get(URL, query).content.decode()
    assert "45 pills match round, white" in first
    assert first.count('class="pill-card"') == 20
    assert "Showing 1 to 20 of 45" in first
    assert 'href="?shape=round&amp;color=white&amp;page=2" rel="next"' in first
    assert 'aria-current="page"' in first
    second = client.get(URL, {**query, "page": "2"}).content.decode()
    assert "45 pills match round, white" in second and "Showing 21 to 40 of 45" in second
    assert card_imprints(second) == [p.imprint_display for p in pills[20:40]]
    assert 'rel="prev"' in second and 'rel="next"' in second
    assert '<ol class="pill-results__list" start="21">' in second
    third = client.get(URL, {**query, "page": "3"}).content.decode()
    assert card_imprints(third) == [p.imprint_display for p in pills[40:]]
    title = re.search(r"<title>(.*?)</title>", third, re.S)
    assert title is not None and "page 3" in title.group(1)
    assert client.get(URL, {**query, "page": "4"}).status_code == 404
    assert client.get(URL, {**query, "page": "x"}).status_code == 404


def test_imprint_results_page_through_every_tier(client):
    for n in range(25):
        make_pill(imprint=f"AB;{n}", drug=make_drug())
    html = client.get(URL, {"imprint": "AB", "page": "2"}).content.decode()
    assert "25 pills match imprint AB" in html and html.count('class="pill-card"') == 5
    assert "Close matches" in html


def test_count_of_an_imprint_on_more_pills_than_are_ranked_is_true(client, monkeypatch):
    monkeypatch.setattr("pills.selectors.CANDIDATES", 10)
    for n in range(14):
        make_pill(imprint=f"10;{n}", drug=make_drug())
    html = client.get(URL, {"imprint": "10"}).content.decode()
    assert "14 pills match imprint 10" in html
    assert "The 10 most common are listed." in html


def test_summary_line_with_edit_link_above_results_and_form_folded(client, lipitor_and_tens):
    html = client.get(URL, {"imprint": "PD 155 10", "color": "white"}).content.decode()
    summary = html.index('class="pill-summary"')
    assert "You searched for imprint PD 155 10, white." in html
    assert 'href="#edit-search">Edit search</a>' in html
    assert '<details class="pill-edit" id="edit-search">' in html
    form = html.index('id="pill-form"')
    assert html.index('href="#results-heading">Jump to results</a>') < form
    assert summary < form < html.index("</details>", form) < html.index('id="results-heading"')
    assert "lede" not in html[html.index("<main") :]


def test_form_is_open_without_summary_before_a_search_and_on_errors(client):
    for html in (
        client.get(URL).content.decode(),
        client.get(URL, {"shape": "blob"}).content.decode(),
    ):
        assert 'id="edit-search"' not in html and "pill-summary" not in html
        assert 'id="pill-form"' in html


def test_first_pictures_load_at_once_the_rest_lazily_with_sizes(client):
    for n in range(6):
        make_pill(imprint=f"AB;{n}", drug=make_drug())
    html = client.get(URL, {"imprint": "AB"}).content.decode()
    pictures = re.findall(r'<img class="pill-card__picture"[^>]*>', html)
    assert len(pictures) == 6
    assert all('width="240"' in p and 'height="' in p for p in pictures)
    assert ["lazy" in p for p in pictures] == [False, False, True, True, True, True]


def test_query_count_does_not_grow_with_page_size(client, django_assert_max_num_queries):
    for n in range(3):
        make_pill(imprint=f"R{n}", shape=ROUND, colors=(WHITE,), drug=make_drug())
    with django_assert_max_num_queries(8):
        small = client.get(URL, {"shape": "round", "color": "white"})
    for n in range(3, 60):
        make_pill(imprint=f"R{n}", shape=ROUND, colors=(WHITE,), drug=make_drug())
    with django_assert_max_num_queries(8) as captured:
        large = client.get(URL, {"shape": "round", "color": "white", "page": "2"})
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1  # the true count, once
    assert small.content.decode().count('class="pill-card"') == 3
    assert large.content.decode().count('class="pill-card"') == 20


def test_count_of_pills_with_a_symbol_past_the_ranked_ones_is_true(client, monkeypatch):
    monkeypatch.setattr("pills.selectors.CANDIDATES", 4)
    for _ in range(6):
        make_pill(imprint="logo", drug=make_drug())
    html = client.get(URL, {"imprint": "logo"}).content.decode()
    assert "6 pills match imprint logo" in html and "The 4 most common are listed." in html
    assert "Exact matches" not in html
