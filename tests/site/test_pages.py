"""Site-wide pages: status, one <h1>, skip link, headers."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SITE_PAGES = ["home", "about", "privacy", "accessibility", "disclaimer", "terms", "styleguide"]


@pytest.mark.parametrize("name", SITE_PAGES)
def test_site_page_has_one_h1_and_a_skip_link(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'href="#main-content"' in html


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_security_headers_are_sent(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Permissions-Policy" in response.headers
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
