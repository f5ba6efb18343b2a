"""My Medicine in a real browser: a reader adds a family member, saves three medicines that
interact, sees the warning, prints the list and opts in to recall emails; axe finds no
WCAG 2.2 A/AA violation on the checker, My Medicine and the printable list."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from interactions.models import Severity
from mymedicine.models import Profile
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.mymedicine.factories import make_drug, make_interaction

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def base_url():
    """Replaces pytest-playwright's own `base_url`, which pytest 9 warns about (an error
    under filterwarnings=error); we pass full URLs from `live_server` anyway."""
    return None


def log_in(page, live_server, user):
    """Through the login form, as a reader does."""
    login_url = reverse("accounts:login")
    page.goto(live_server.url + login_url)
    page.get_by_label(re.compile("email", re.I)).fill(user.email)
    page.get_by_label(re.compile("password", re.I)).first.fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_load_state()


def test_family_member_interacting_medicines_print_and_alerts(page, live_server, assert_accessible):
    from django.utils import timezone

    user = make_user(email="carer@example.org", email_confirmed_at=timezone.now())
    warfarin, ibuprofen, aspirin = (
        make_drug("Warfarin"),
        make_drug("Ibuprofen"),
        make_drug("Aspirin"),
    )
    make_interaction(
        warfarin,
        ibuprofen,
        severity=Severity.MAJOR,
        effect="Both make bleeding more likely.",
        advice="Ask your pharmacist for another painkiller.",
    )
    make_interaction(warfarin, aspirin, severity=Severity.MAJOR)
    page.set_default_timeout(10_000)
    log_in(page, live_server, user)

    page.goto(live_server.url + "/my-medicine/")
    expect(page.locator("h1")).to_have_text("My Medicine")
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Name", exact=True).fill("Dad")
    page.get_by_label("Who is this?").select_option("parent")
    page.get_by_label("Year of birth (optional)").fill("1948")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text("Dad")

    for name in ("Warfarin", "Ibuprofen", "Aspirin"):
        page.get_by_label("Medicine", exact=True).fill(name)
        page.get_by_role("button", name="Save medicine").click()
        expect(page.locator(".medicine-table")).to_contain_text(name)

    warning = page.locator(".severity-group--major")
    expect(warning).to_contain_text("Warfarin")
    expect(warning).to_contain_text("Both make bleeding more likely.")
    expect(warning).to_contain_text("Ask your pharmacist for another painkiller.")
    assert_accessible(page)

    page.get_by_role("link", name="Printable list and wallet card").click()
    expect(page.locator("h1")).to_contain_text("Medicine list: Dad")
    expect(page.locator(".wallet-card")).to_contain_text("Aspirin")
    assert_accessible(page)
    page.go_back()

    page.get_by_label("Email me when a medicine on this list is recalled").check()
    page.get_by_role("button", name="Save email choice").click()
    expect(page.get_by_label("Email me when a medicine on this list is recalled")).to_be_checked()
    assert Profile.objects.get(owner=user, name="Dad").recall_alerts is True

    page.goto(live_server.url + "/my-medicine/")
    expect(page.locator(".profile-card")).to_contain_text("interactions found")
    assert_accessible(page)


def test_checker_without_javascript(browser, live_server):
    warfarin, ibuprofen = make_drug("Warfarin"), make_drug("Ibuprofen")
    make_drug("Paracetamol")
    make_interaction(warfarin, ibuprofen, severity=Severity.MAJOR)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/interactions/")
    for name in ("warfarin", "ibuprofen", "paracetamol"):
        page.get_by_label("Add a medicine").fill(name)
        page.get_by_role("button", name="Add medicine").click()
    expect(page.locator(".severity-group--major")).to_contain_text("Warfarin and Ibuprofen")
    page.get_by_role("button", name="Remove Ibuprofen").click()
    results = page.locator(".interaction-results")
    expect(results).to_contain_text("We could not check these medicines against each other")
    expect(results).to_contain_text("We have no interaction information for Paracetamol")
    expect(results).not_to_contain_text("No interactions found.")
    context.close()


def test_checker_is_accessible(page, live_server, assert_accessible):
    """axe runs as a script in the page, so this one has JavaScript on."""
    warfarin, ibuprofen = make_drug("Warfarin"), make_drug("Ibuprofen")
    make_drug("Paracetamol")
    # An editorial rule with its cited source and a weaker imported list: both linked.
    make_interaction(
        warfarin,
        ibuprofen,
        severity=Severity.MAJOR,
        effect="Both thin the blood, so serious bleeding is more likely.",
        citation="Warfarin prescribing information, section 7 Drug Interactions",
        citation_url="https://dailymed.nlm.nih.gov/dailymed/search.cfm?query=warfarin",
        class_b="NSAID pain relievers",
    )
    make_interaction(warfarin, ibuprofen, severity=Severity.MINOR, source="onc-non-interruptive")
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/interactions/")
    assert_accessible(page)
    page.goto(live_server.url + "/interactions/?drugs=warfarin,ibuprofen,paracetamol")
    expect(page.locator(".severity-group--major")).to_contain_text("Warfarin and Ibuprofen")
    expect(page.locator(".interaction__source-list a")).to_have_count(2)
    assert_accessible(page)
    page.goto(live_server.url + "/interactions/?drugs=warfarin,paracetamol")
    expect(page.locator(".interaction-coverage")).to_contain_text(
        "We have no interaction information for Paracetamol"
    )
    assert_accessible(page)
    page.goto(live_server.url + "/interactions/print/?drugs=warfarin,ibuprofen")
    assert_accessible(page)
