"""Pill identifier in a real browser: a reader identifies a real pill (Lipitor 10 mg, as in
the NLM data: white oval, "PD 155 10") by imprint, shape and color, and reaches its drug
page; axe finds no WCAG 2.2 A/AA violation on the form, results and no-match pages."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from drugs.models import Drug
from pills.models import Pill
from tests.pills.factories import make_drug, make_pill, make_product

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def real_pills(fixtures_dir):
    drug = make_drug(name="Atorvastatin calcium", slug="atorvastatin")
    make_product(drug=drug, ndc="00071015523", labeler="Parke-Davis", name="Lipitor")
    call_command(
        "import_pills", str(fixtures_dir / "pills" / "rximage_small.csv"), stdout=io.StringIO(),
        stderr=io.StringIO(),
    )  # fmt: skip
    return drug


def test_form_results_and_no_match_pages_are_accessible(live_server, page, real_pills,
                                                        assert_accessible):  # fmt: skip
    page.goto(f"{live_server.url}/pills/")
    assert_accessible(page)
    page.get_by_role("button", name="Identify pill").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    loperamide = Pill.objects.get(product_ndc="000930311")
    for ndc in ("683820311", "000930312"):  # the same capsule from two more NDCs
        make_pill(imprint=loperamide.imprint, shape=loperamide.shape, colors=loperamide.colors,
                  drug=loperamide.drug, strength=loperamide.strength, product_ndc=ndc)  # fmt: skip
    page.goto(f"{live_server.url}/pills/?imprint=93+311&shape=C48336&color=C48331")
    assert page.locator(".pill-card").count() >= 1
    page.get_by_text("The same pill is sold under 2 more NDCs").click()
    expect(page.get_by_text("NDC 68382-0311")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/pills/?imprint=QQ+9999")
    expect(page.get_by_text("Poison Control")).to_be_visible()
    assert_accessible(page)


def test_identify_a_real_pill_and_reach_its_drug_page(live_server, page, real_pills):
    page.goto(f"{live_server.url}/pills/")
    page.get_by_label("Imprint").fill("pd 155 10")
    page.get_by_text("Oval", exact=True).click()
    page.get_by_text("White", exact=True).click()
    page.get_by_role("button", name="Identify pill").click()
    first = page.locator(".pill-card").first
    assert "PD 155 10" in first.inner_text()
    assert first.locator("img").get_attribute("alt") == "white oval tablet, imprint PD 155 10"
    drug_url = real_pills.get_absolute_url()
    first.get_by_role("link", name="This is my pill").click()
    page.wait_for_url(f"{live_server.url}{drug_url}")
    # A drug page that fails to render fails this test (it used to skip, hiding regressions).
    expect(page.get_by_role("link", name="Save to My Medicine")).to_be_visible()
    assert Drug.objects.get(slug="atorvastatin").name in page.locator("h1").inner_text()
    assert reverse("pills:identify") == "/pills/"


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]
)
def test_results_on_the_first_screen_in_tiers_and_pages(live_server, page, real_pills,
                                                        assert_accessible, viewport):  # fmt: skip
    for n in range(25):  # more pills sharing one side than fit on a page
        make_pill(imprint=f"PD;{n}", shape="C48348", colors=("C48325",), drug=make_drug())
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/pills/?imprint=pd+155+10")
    heading = page.locator("#results-heading")
    expect(heading).to_contain_text("pill matches imprint pd 155 10")
    box = heading.bounding_box()
    assert box is not None and box["y"] + box["height"] <= viewport["height"], box
    expect(page.get_by_role("heading", name="Exact matches")).to_be_visible()
    expect(page.get_by_role("heading", name="Partial matches")).to_be_visible()
    first = page.locator(".pill-card").first
    assert "PD 155 10" in first.inner_text()
    assert_accessible(page)
    # The folded form opens from the summary line and offers a way back to the results.
    page.get_by_text("Change the imprint, shape or color").click()
    expect(page.get_by_role("textbox", name="Imprint")).to_have_value("pd 155 10")
    expect(page.get_by_role("link", name="Jump to results")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Next page").click()
    page.wait_for_url("**page=2")
    expect(page.locator("#results-heading")).to_be_visible()
    assert page.locator(".pill-card").count() >= 1
    assert_accessible(page)
