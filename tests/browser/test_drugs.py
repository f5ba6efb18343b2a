"""Drugs in a real browser: search with a typo (plain form and the suggestion combobox),
open the drug, read Reviews, write a review; axe on A-Z, results, drug page, reviews and a
class page."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from drugs import demo
from drugs.models import Review
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server, settings):
    settings.RATE_LIMITS_ENABLED = False
    demo.load(stdout=io.StringIO())
    return live_server.url


def log_in(page, site, email):
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_typo_search_drug_page_reviews_and_writing_one(page, site, assert_accessible):
    page.goto(f"{site}/drugs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Drugs & supplements A to Z")
    assert_accessible(page)

    page.get_by_label("Search drugs and supplements by name").fill("acetominophen")
    page.locator("#main-content").get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("acetominophen")
    first = page.locator(".drug-results__item").first
    expect(first.get_by_role("link")).to_have_text("Acetaminophen")
    assert_accessible(page)

    first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acetaminophen")
    expect(page.get_by_role("navigation", name="On this page")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="On this page").get_by_role("link", name="Reviews").click()
    expect(page.locator("#reviews")).to_be_in_viewport()
    page.get_by_role("link", name="Read and write reviews of Acetaminophen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acetaminophen reviews")
    expect(page.get_by_text("My mother takes it for her hips")).to_be_visible()
    assert_accessible(page)

    reader = make_user(email="browser.reviewer@example.org", display_name="Browser Reviewer")
    reader.email_confirmed_at = timezone.now()
    reader.date_joined = timezone.now() - timedelta(days=30)
    reader.save()
    log_in(page, site, "browser.reviewer@example.org")
    page.goto(f"{site}/drugs/acetaminophen/reviews/")
    page.get_by_role("link", name="Write a review of Acetaminophen").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send review").click()  # empty: errors, no 500
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("group", name="Effectiveness").get_by_label("4").check()
    page.get_by_role("group", name="Ease of use").get_by_label("5").check()
    page.get_by_role("group", name="Satisfaction").get_by_label("4").check()
    page.get_by_label("Patient").check()
    page.get_by_label("Your review").fill("Takes the edge off my knee pain on long walks.")
    page.get_by_role("button", name="Send review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acetaminophen reviews")
    expect(page.get_by_text("Takes the edge off my knee pain")).to_be_visible()
    assert Review.objects.get(author=reader).status == Review.Status.PUBLISHED


def test_suggestions_combobox_with_keyboard(page, site, assert_accessible):
    page.goto(f"{site}/drugs/")
    box = page.get_by_role("combobox", name="Search drugs and supplements by name")
    box.fill("lipit")
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(listbox.get_by_role("option").first).to_contain_text("Atorvastatin")
    assert_accessible(page)
    box.press("ArrowDown")
    expect(listbox.get_by_role("option").first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Atorvastatin")


def test_condition_results_are_accessible(page, site, assert_accessible):
    page.goto(f"{site}/drugs/?condition=knee-pain")
    expect(page.get_by_role("heading", level=1)).to_have_text("Drugs for Knee pain")
    expect(page.get_by_role("link", name="Ibuprofen")).to_be_visible()
    assert_accessible(page)


def test_class_search_and_class_page_are_accessible(page, site, assert_accessible):
    from drugs.models import Ingredient
    from drugs.services.classes import drug_classes_upsert, ingredient_classes_sync

    ids, _counts = drug_classes_upsert(names=["HMG-CoA Reductase Inhibitor [EPC]"])
    statin = Ingredient.objects.filter(normalized__startswith="atorvastatin").first()
    assert statin is not None
    ingredient_classes_sync(classes={statin.pk: set(ids.values())})
    page.goto(f"{site}/drugs/?q=statins")
    link = page.get_by_role("link", name="HMG-CoA reductase inhibitor")
    expect(link).to_be_visible()
    assert_accessible(page)
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("HMG-CoA reductase inhibitor")
    expect(page.get_by_role("link", name="Atorvastatin", exact=True)).to_be_visible()
    assert_accessible(page)


def test_a_drug_without_guide_or_label_is_accessible(page, site, assert_accessible):
    """What we know in place of a guide: conditions, forms and strengths, pill photos,
    serious interactions, FDA approval; axe finds nothing wrong."""
    from PIL import Image

    from drugs import services
    from drugs.models import DrugCondition
    from pills.services import pill_image_attach
    from tests.drugs.factories import make_drug
    from tests.factories import make_condition
    from tests.interactions.factories import make_interaction
    from tests.pills.factories import make_pill

    drug = make_drug(name="Warfarin", brands=("Coumadin",), ingredients=("WARFARIN SODIUM",))
    for number, (strength, status) in enumerate([("5MG", "Prescription"), ("2MG", "Discontinued")]):
        services.product_upsert(
            drug=drug, source_key=f"drugsfda:009218:{number}", name="COUMADIN",
            strength=strength, dosage_form="TABLET", route="ORAL", marketing_status=status,
            application_number="NDA009218", labeler="BRISTOL MYERS SQUIBB",
        )  # fmt: skip
    services.drug_condition_link(
        drug=drug,
        condition=make_condition(name="Atrial fibrillation"),
        link_kind=DrugCondition.LinkKind.LABELLED,
        source=DrugCondition.Source.LABELEDIN,
    )
    pill = make_pill(imprint="5;COUMADIN", colors=("C48328",), drug=drug, strength="5 MG")
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "orange").save(out, "PNG")
    pill_image_attach(pill=pill, source_name="coumadin5.png", content=out.getvalue())
    make_interaction(drug, make_drug(name="Aspirin", ingredients=("ASPIRIN",)))

    page.goto(f"{site}/drugs/warfarin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Warfarin")
    for heading in ("What it is used for", "Forms and strengths", "What the pills look like",
                    "Taking it with other medicines", "FDA approval"):  # fmt: skip
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    expect(page.get_by_role("img", name="pink round tablet, imprint 5 COUMADIN")).to_be_visible()
    assert_accessible(page)


def test_header_search_suggests_drug_names_and_still_searches_the_site(page, site):
    page.goto(f"{site}/about/")
    box = page.get_by_role("combobox", name="Search Healthsite")
    box.fill("ibupro")
    option = page.get_by_role("option", name=re.compile("^Ibuprofen"))
    expect(option).to_be_visible()
    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ibuprofen")
    # Without choosing a suggestion, Enter searches the whole site as before.
    page.get_by_role("combobox", name="Search Healthsite").fill("knee")
    page.get_by_role("combobox", name="Search Healthsite").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=knee"))


def test_drug_page_print_and_share_links(page, site):
    page.goto(f"{site}/drugs/ibuprofen/")
    share = page.get_by_role("complementary").locator("a[data-share]")
    href = share.get_attribute("href")
    assert href.startswith("mailto:?subject=Ibuprofen&body=http")
    assert "%2Fdrugs%2Fibuprofen%2F" in href
    assert (
        page.get_by_role("link", name="Print this page").get_attribute("href")
        == "/drugs/ibuprofen/"
    )
