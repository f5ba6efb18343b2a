"""Our own 400, 403, 404 and 500 pages, with helpful next steps."""

import logging

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.site.error_urls")]


@pytest.fixture(autouse=True)
def _production_errors(settings):
    settings.DEBUG = False


@pytest.fixture
def quiet_request_log():
    """The failing views log errors on purpose; keep the test output readable."""
    loggers = [logging.getLogger("django.request"), logging.getLogger("django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def test_404_page_uses_our_template_with_next_steps(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "errors/404.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Page not found" in html
    assert 'href="#main-content"' in html
    assert 'id="error-search-q"' in html
    assert 'href="/conditions/"' in html
    assert 'rel="canonical"' not in html


@pytest.mark.parametrize("page", ["4", "0", "abc", "1e3"])
def test_listing_page_that_does_not_exist_is_our_404(client, page):
    response = client.get("/test-errors/listing/", {"page": page, "q": "x"})
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_listing_pages_that_exist(client):
    response = client.get("/test-errors/listing/", {"page": "3", "q": "x"})
    assert response.status_code == 200
    assert response.content.decode() == "3 of 3: q=x"


def test_403_page(client, quiet_request_log):
    response = client.get("/test-errors/403/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You do not have permission to see this page" in html
    assert 'href="/accounts/login/?next=/test-errors/403/"' in html


def test_400_page(client, quiet_request_log):
    response = client.get("/test-errors/400/")
    assert response.status_code == 400
    assert "Sorry, we could not understand that request" in response.content.decode()


def test_500_handler_renders_our_page(client, quiet_request_log):
    client.raise_request_exception = False
    response = client.get("/test-errors/500/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong" in html
    assert html.count("<h1") == 1
    assert 'href="#main-content"' in html
    assert "/static/css/site.css" in html
    assert "a bug in a view" not in html


@pytest.mark.parametrize("error", ["OperationalError", "InterfaceError"])
def test_unreachable_database_is_a_503_with_retry_after(client, quiet_request_log, error):
    client.raise_request_exception = False
    response = client.get(f"/test-errors/database/{error}/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    html = response.content.decode()
    assert "Sorry, the site is busy" in html
    assert "Nothing you sent was saved" in html
    assert "connection refused" not in html
