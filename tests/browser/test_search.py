"""The search page in a real browser: axe on every state, no sideways scrolling on a phone."""

import pytest

from search.registry import Document
from search.services import index_document


@pytest.fixture
def site(live_server, transactional_db):
    for n in range(14):
        index_document(
            Document(
                kind="article",
                key=str(n),
                title=f"Knee pain guide {n}",
                body="Runner's knee <b>is</b> pain around the kneecap; rest and exercises help.",
                url=f"/articles/knee-{n}/",
            )
        )
    index_document(
        Document(kind="drug", key="1", title="Ibuprofen", body="For knee pain.", url="/drugs/1/")
    )
    return live_server.url


@pytest.mark.parametrize(
    "path",
    [
        "/search/",
        "/search/?q=knee",
        "/search/?q=knee&kind=article&page=2",
        "/search/?q=kneee+painn",
        "/search/?q=zzzzqqq",
        "/search/?q=%22%28%29%00%F0%9F%98%80+AND+NEAR",
    ],
)
def test_search_pages_have_no_axe_violations(page, site, assert_accessible, path):
    response = page.goto(site + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_results_fit_a_narrow_phone_at_the_largest_text_size(page, site):
    page.set_viewport_size({"width": 320, "height": 640})
    page.context.add_cookies([{"name": "font_size", "value": "larger", "url": site}])
    page.goto(site + "/search/?q=knee")
    assert page.locator("mark").first.is_visible()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
