"""Site-wide pages in a real browser: axe, the text-size control with and without
JavaScript, and no horizontal scrolling at 320px wide and the largest text size."""

import re

import pytest
from playwright.sync_api import expect

PAGES = [
    "/",
    "/styleguide/",
    "/about/",
    "/privacy/",
    "/accessibility/",
    "/medical-disclaimer/",
    "/terms/",
    "/no-such-page/",
]


@pytest.fixture
def site(live_server, transactional_db):
    return live_server.url


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_axe_violations(page, site, assert_accessible, path):
    response = page.goto(site + path)
    assert response.status == (404 if path == "/no-such-page/" else 200)
    assert_accessible(page)


def test_styleguide_has_no_axe_violations_at_the_largest_text_size(page, site, assert_accessible):
    page.context.add_cookies([{"name": "font_size", "value": "larger", "url": site}])
    page.goto(site + "/styleguide/")
    assert page.evaluate("document.documentElement.className") == "font-larger"
    assert_accessible(page)


def test_skip_link_is_the_first_focusable_element(page, site):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main-content"
    assert page.locator(".skip-link").is_visible()


def root_font_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def test_text_size_changes_without_reload_and_persists(page, site):
    page.goto(site + "/about/")
    assert root_font_size(page) == 16
    page.evaluate("window.notReloaded = true")
    larger = page.locator("[data-font-size] button[value='larger']")
    larger.click()
    # Playwright's expect polls from outside the page: wait_for_function would need eval,
    # which our Content Security Policy rightly refuses.
    expect(page.locator("html")).to_have_class(re.compile(r"\bfont-larger\b"))
    assert page.evaluate("window.notReloaded") is True
    assert page.url == site + "/about/"
    assert larger.get_attribute("aria-pressed") == "true"
    assert page.locator("button[value='normal']").get_attribute("aria-pressed") == "false"
    assert root_font_size(page) == 22
    # The choice is remembered on the next page.
    page.goto(site + "/privacy/")
    assert page.evaluate("document.documentElement.className") == "font-larger"
    assert page.locator("button[value='larger']").get_attribute("aria-pressed") == "true"


def test_styleguide_error_summary_does_not_steal_focus(page, site):
    page.goto(site + "/styleguide/")
    assert page.evaluate("document.activeElement.tagName") == "BODY"


@pytest.mark.urls("tests.browser.form_urls")
def test_error_summary_takes_focus_and_its_links_focus_the_fields(page, site, assert_accessible):
    page.goto(site + "/example-form/?name=&email=nope")
    summary = page.locator(".error-summary")
    assert page.evaluate("document.activeElement.dataset.module") == "error-summary"
    assert page.title().startswith("Error: Example form")
    assert summary.locator("a").count() == 3
    assert_accessible(page)
    summary.get_by_role("link", name="Enter a valid email address.").click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_email").get_attribute("aria-describedby") == (
        "id_email_helptext id_email_error"
    )
    summary.locator("a[href='#id_size_0']").click()
    assert page.evaluate("document.activeElement.id") == "id_size_0"


def test_text_size_without_javascript_posts_and_returns(browser, site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site + "/terms/?from=test")
        with page.expect_navigation():
            page.locator("[data-font-size] button[value='large']").click()
        assert page.url == site + "/terms/?from=test"
        assert page.evaluate("document.documentElement.className") == "font-large"
        assert page.locator("button[value='large']").get_attribute("aria-pressed") == "true"
        cookies = {cookie["name"]: cookie["value"] for cookie in context.cookies()}
        assert cookies["font_size"] == "large"
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/styleguide/", "/privacy/", "/no-such-page/"])
@pytest.mark.parametrize("size", ["normal", "larger"])
def test_no_horizontal_scroll_at_320px(browser, site, path, size):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        context.add_cookies([{"name": "font_size", "value": size, "url": site}])
        page = context.new_page()
        page.goto(site + path)
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{path} at {size}: {widths}"
    finally:
        context.close()


def test_no_horizontal_scroll_at_200_percent_zoom(browser, site):
    # 200% zoom of a 1280px window is a 640px layout viewport at device scale 2.
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    try:
        page = context.new_page()
        for path in ["/", "/styleguide/"]:
            page.goto(site + path)
            widths = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert widths[0] <= widths[1], f"{path}: {widths}"
    finally:
        context.close()


def test_menu_opens_without_javascript_on_a_phone(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site + "/about/")
        menu = page.locator("summary", has_text="Menu")
        nav = page.get_by_role("navigation", name="Main")
        expect(menu).to_be_visible()
        expect(nav).to_be_hidden()
        assert page.locator("h1").bounding_box()["y"] < 300
        menu.click()
        expect(nav).to_be_visible()
        expect(page.locator("[data-font-size] button[value='larger']")).to_be_visible()
        with page.expect_navigation():
            nav.get_by_role("link", name="Health centers").click()
        assert page.url == site + "/health-centers/"
    finally:
        context.close()


def test_open_menu_on_a_phone_is_accessible(browser, site, assert_accessible):
    # axe runs as a script, so this check needs JavaScript; the menu itself does not.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site + "/about/")
        page.locator("summary", has_text="Menu").click()
        expect(page.get_by_role("navigation", name="Main")).to_be_visible()
        assert_accessible(page)
    finally:
        context.close()


def test_wide_screens_show_the_navigation_without_a_menu_button(page, site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site + "/about/")
    expect(page.locator("summary", has_text="Menu")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Community")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
