"""Every page type at phone and desktop widths and the three text sizes: nothing scrolls
sideways, the page's <h1> starts in the first screen on a phone, and axe finds no WCAG 2.2
A/AA violation. A screenshot of each page type at each width is saved under
test-artifacts/screenshots/ (gitignored; CI keeps it as an artifact).

One test, so the demo content is loaded once; one browser context per width and text size,
reusing its page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client

from drugs.models import Drug
from mymedicine import services as mymedicine_services
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(django_settings.BASE_DIR) / "test-artifacts" / "screenshots"
PHONE_HEIGHT = 844
WIDTHS = [320, 390, 1280]
SIZES = ["normal", "large", "larger"]

# Page type -> path, filled in once the demo content exists (some need ids).
STATIC_PAGES = {
    "home": "/",
    "health-centers": "/health-centers/",
    "health-center": "/health-centers/knee-pain/",
    "article": "/articles/runners-knee/",
    "conditions": "/conditions/",
    "drugs": "/drugs/",
    "drug": "/drugs/ibuprofen/",
    "drug-search": "/drugs/?q=ibuprofn",
    "reviews": "/drugs/ibuprofen/reviews/",
    "pills": "/pills/",
    "pill-results": "/pills/?imprint=HS&shape=&color=",
    "checker": "/interactions/?drugs=ibuprofen,warfarin,aspirin",
    "community": "/community/",
    "community-group": "/community/knee-pain/",
    "site-search": "/search/?q=knee",
    "sign-in": "/accounts/login/",
}


@pytest.fixture
def site(live_server, settings):
    settings.RATE_LIMITS_ENABLED = False
    call_command("load_demo", stdout=io.StringIO())
    return live_server.url


def _reader_session(live_server_url: str) -> tuple[str, dict[str, str]]:
    """A signed-in reader with a list of three medicines; returns the session cookie and
    the paths of their list and its printable version."""
    from django.utils import timezone

    user = make_user(email="layout.reader@example.org", email_confirmed_at=timezone.now())
    profile = mymedicine_services.profile_create(owner=user, name="Me")
    for slug in ("ibuprofen", "warfarin", "aspirin"):
        drug = Drug.objects.filter(slug=slug).first()
        if drug is not None:
            mymedicine_services.saved_medicine_add(
                profile=profile,
                drug=drug,
                dose_note="One tablet every morning with food",
                started_on=dt.date(2026, 3, 27),
                prescriber="Dr Amara Okafor",
            )
    client = Client()
    client.force_login(user)
    session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    paths = {
        "my-medicine": "/my-medicine/",
        "my-medicine-list": profile.get_absolute_url(),
        "printable-list": f"/my-medicine/profiles/{profile.pk}/print/",
    }
    return session, paths


def _first_link(page, site: str, path: str, pattern: str) -> str:
    page.goto(site + path)
    hrefs = page.locator("main a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    matching = [href for href in hrefs if re.fullmatch(pattern, href)]
    assert matching, f"no link like {pattern} on {path}"
    return matching[0]


# Some 20 page types x 3 widths x 3 text sizes, each with axe: minutes on a busy machine.
@pytest.mark.timeout(600)
def test_every_page_type_fits_the_screen_at_every_width_and_text_size(
    browser, site, assert_accessible
):
    session, private_paths = _reader_session(site)
    pages = dict(STATIC_PAGES)
    pages.update(private_paths)

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for width in WIDTHS:
        for size in SIZES:
            context = browser.new_context(viewport={"width": width, "height": PHONE_HEIGHT})
            context.add_cookies(
                [
                    {"name": "font_size", "value": size, "url": site},
                    {"name": django_settings.SESSION_COOKIE_NAME, "value": session, "url": site},
                ]
            )
            page = context.new_page()
            if width == WIDTHS[0] and size == SIZES[0]:
                pages["condition"] = _first_link(
                    page, site, "/conditions/", r"/conditions/[a-z0-9-]+/"
                )
                pages["thread"] = _first_link(
                    page, site, "/community/knee-pain/", r"/community/knee-pain/\d+-[a-z0-9-]+/"
                )
            for name, path in pages.items():
                response = page.goto(site + path)
                assert response is not None and response.ok, (
                    f"{name} {path}: {response and response.status}"
                )
                scroll_width, inner_width, h1_top, h1_count = page.evaluate(
                    """() => {
                        const h1 = document.querySelectorAll('main h1');
                        return [document.scrollingElement.scrollWidth, window.innerWidth,
                                h1.length ? h1[0].getBoundingClientRect().top : -1, h1.length];
                    }"""
                )
                where = f"{name} ({path}) at {width}px, text {size}"
                if scroll_width > inner_width:
                    problems.append(f"{where}: scrolls sideways ({scroll_width} > {inner_width})")
                if h1_count != 1:
                    problems.append(f"{where}: {h1_count} <h1> in main")
                elif width < 768 and not 0 <= h1_top < PHONE_HEIGHT:
                    problems.append(f"{where}: <h1> starts at {h1_top:.0f}px")
                if size == "normal" or (size == "larger" and width == WIDTHS[0]):
                    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{size}.png"))
                # axe at the narrowest width with the largest text and on the desktop:
                # the two layouts; the other combinations only change sizes.
                if (width, size) in {(WIDTHS[0], SIZES[-1]), (WIDTHS[-1], SIZES[0])}:
                    assert_accessible(page)
            context.close()
    assert not problems, "\n".join(problems)
