"""The pillars work together on the demo content: one site search finds every kind of
content, each under its own heading, and the cross-links between apps are on the pages."""

from html import unescape

import pytest

pytestmark = pytest.mark.django_db

# One query that touches every kind on the demo: "knee" is in articles, conditions, health
# centers, drugs and community posts; "HS I2" is the imprint of a demo ibuprofen pill.
QUERY = 'knee OR "HS I2"'
KINDS = {
    "article": "Articles",
    "health_center": "Health centers",
    "condition": "Conditions",
    "drug": "Drugs & supplements",
    "pill": "Pills by imprint",
    "community_group": "Support groups",
    "community_thread": "Community discussions",
    "community_question": "Expert answers",
    "community_perspective": "Second Opinion",
}


def test_one_search_finds_every_kind_of_demo_content(client, demo_site):
    response = client.get("/search/", {"q": QUERY})
    assert response.status_code == 200
    results = response.context["results"]
    assert not results.approximate
    found = {item.kind: item.count for item in results.kinds}
    assert set(KINDS) <= set(found), f"missing kinds: {set(KINDS) - set(found)}"
    assert all(found[kind] >= 1 for kind in KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_is_listed_under_its_heading(client, demo_site, kind):
    html = unescape(client.get("/search/", {"q": QUERY, "kind": kind}).content.decode())
    assert 'class="search-group__heading"' in html
    heading = html.split('class="search-group__heading"', 1)[1].split("</h2>", 1)[0]
    assert KINDS[kind] in heading
    if kind == "pill":
        # SQLite marks the phrase as one run, PostgreSQL's ts_headline word by word.
        assert "<mark>HS I2</mark>" in html or "<mark>HS</mark> <mark>I2</mark>" in html
    else:
        assert "<mark>Knee</mark>" in html or "<mark>knee</mark>" in html


def test_demo_health_center_shows_related_drugs_and_community(client, demo_site):
    html = client.get("/health-centers/knee-pain/").content.decode()
    assert "Related drugs" in html and "Community and experts" in html


def test_demo_drug_page_lists_related_articles(client, demo_site):
    html = client.get("/drugs/ibuprofen/").content.decode()
    assert "Related articles" in html
