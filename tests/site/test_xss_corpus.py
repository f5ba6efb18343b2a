"""The XSS corpus (issue 16, item 3): at least 500 payloads stored in every field that keeps
a member's or an editor's text, then every page that shows them, signed in and anonymous:
no payload reaches the page as markup (no script, no event handler, no script URL). The
browser half is tests/browser/test_xss.py."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from tests.site.xss_corpus import live_markup, payloads
from tests.site.xss_world import build_xss_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def xss_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_xss_world()
        transaction.set_rollback(True)


def test_the_corpus_is_large_and_varied():
    corpus = payloads()
    assert len(corpus) >= 500
    assert len({p.lower() for p in corpus}) > 500


def test_the_audit_finds_live_markup():
    for payload in ['<img src=x onerror="window.__xss=1">', '<a href=" javascript:x">x</a>']:
        assert live_markup(f"<p>{payload}</p>"), payload
    assert live_markup("<script>window.__xss=1</script>")
    assert not live_markup("<p>&lt;script&gt;window.__xss=1&lt;/script&gt;</p>")


def test_no_payload_is_live_on_any_page(xss_world, client):
    assert sum(xss_world.stored.values()) >= 500 * 10, xss_world.stored
    problems = []
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(xss_world.reader)
    anonymous = Client(raise_request_exception=False)
    for who, visitor, urls in [
        ("reader", signed_in, xss_world.pages + xss_world.public_pages),
        ("anonymous", anonymous, xss_world.public_pages),
    ]:
        for url in urls:
            response = visitor.get(url)
            if response.status_code != 200:
                problems.append(f"{url} as {who}: {response.status_code}")
                continue
            if not response["Content-Type"].startswith("text/html"):
                # JSON and feeds are not pages: served as their own type, never sniffed.
                assert response["X-Content-Type-Options"] == "nosniff"
                continue
            found = live_markup(response.content.decode())
            problems += [f"{url} as {who}: {item}" for item in found[:5]]
    assert not problems, "\n".join(problems)
