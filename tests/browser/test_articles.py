"""Reader journey through a multi-page guide, the text size kept across pages (with and
without JavaScript), and axe on every articles page type."""

import re
from io import StringIO

import pytest
from playwright.sync_api import expect

from articles import demo

pytestmark = [
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def demo_site(transactional_db):
    demo.load(stdout=StringIO())


def walk_the_guide(page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="Knee Pain Health Center").first.click()
    page.wait_for_url("**/health-centers/knee-pain/")
    assert page.locator("h1").inner_text() == "Knee Pain Health Center"

    page.get_by_role("link", name="Runner's Knee").first.click()
    page.wait_for_url("**/articles/runners-knee/")
    assert "What it is and causes" in page.locator("h1").inner_text()

    # Choose the largest text on page 1.
    # Without JavaScript the form posts and the page reloads; with it the script applies
    # the size in place. Either way the <html> element ends up with the class.
    page.locator("[data-font-size] button[value='larger']").click()
    # Playwright's expect polls from outside the page: wait_for_function would need eval,
    # which our Content Security Policy rightly refuses.
    expect(page.locator("html")).to_have_class(re.compile(r"\bfont-larger\b"))
    page.wait_for_url("**/articles/runners-knee/")
    page.wait_for_load_state()

    page.locator("a[rel=next]").click()
    page.wait_for_url("**/articles/runners-knee/2/")
    assert "Symptoms and diagnosis" in page.locator("h1").inner_text()
    current = page.locator(".contents-list:visible [aria-current=page]")
    assert current.inner_text() == "Symptoms and diagnosis"

    page.locator("a[rel=next]").click()
    page.wait_for_url("**/articles/runners-knee/3/")
    assert "Treatment, recovery and prevention" in page.locator("h1").inner_text()
    assert "font-larger" in (page.locator("html").get_attribute("class") or "")

    page.get_by_role("link", name="All pages").click()
    page.wait_for_url("**/articles/runners-knee/?view=all")
    for heading in ("What it is and causes", "Symptoms and diagnosis"):
        assert page.get_by_role("heading", name=heading).count() == 1
    assert page.locator("h1").count() == 1


def test_reader_walks_the_guide_with_javascript(page, live_server, demo_site):
    walk_the_guide(page, live_server.url)


def test_reader_walks_the_guide_without_javascript(browser, live_server, demo_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        walk_the_guide(context.new_page(), live_server.url)
    finally:
        context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/health-centers/knee-pain/",
        "/articles/runners-knee/",
        "/articles/runners-knee/2/",
        "/conditions/",
        "/conditions/?q=knee",
        "/conditions/runners-knee/",
    ],
)
def test_articles_pages_are_accessible(page, live_server, demo_site, assert_accessible, path):
    response = page.goto(live_server.url + path)
    assert response.status == 200
    assert_accessible(page)
