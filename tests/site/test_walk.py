"""Walk every page in the sitemap and every parameterless named URL, as DESIGN.md asks.

Each HTML page must answer 200 (or send an anonymous visitor to log in), have exactly one
<h1>, a skip link, alt text on every image, a label on every form field, and stay under a
query ceiling.
"""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.site.html import check_page

pytestmark = pytest.mark.django_db

QUERY_CEILING = 40
# Not pages: POST-only actions, machine endpoints and the admin (Django's own).
SKIP_PREFIXES = ("/admin/", "/api/", "/feeds/", "/static/", "/media/")
SKIP_NAMES = {"font_size", "healthz", "robots_txt", "django.contrib.sitemaps.views.sitemap"}
POST_ONLY_HINTS = ("logout", "delete", "unsubscribe", "confirm", "cancel")


def _named_parameterless_urls() -> list[str]:
    urls: set[str] = set()

    def walk(patterns, namespace=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace == "admin":
                    continue
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, ns)
            elif isinstance(entry, URLPattern) and entry.name:
                if entry.name in SKIP_NAMES or entry.pattern.regex.groups:
                    continue
                try:
                    urls.add(reverse(namespace + entry.name))
                except Exception:  # noqa: S112 - a name needing kwargs is not parameterless
                    continue

    walk(get_resolver().url_patterns)
    return sorted(
        url
        for url in urls
        if not url.startswith(SKIP_PREFIXES) and not any(h in url for h in POST_ONLY_HINTS)
    )


def _sitemap_paths(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    paths = []
    for chunk in body.split("<loc>")[1:]:
        paths.append(urlsplit(chunk.split("</loc>")[0]).path)
    return paths


def _assert_good_page(client, url, django_assert_max_num_queries, *, login_ok=True):
    with django_assert_max_num_queries(QUERY_CEILING):
        response = client.get(url)
    if response.status_code == 302 and login_ok:
        assert "/accounts/login/" in response["Location"], f"{url} redirects elsewhere"
        return
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    if not response["Content-Type"].startswith("text/html"):
        return
    report = check_page(response.content.decode())
    assert report.h1_count == 1, f"{url} has {report.h1_count} <h1>"
    assert report.skip_link, f"{url} has no skip link"
    assert not report.images_without_alt, f"{url} images without alt: {report.images_without_alt}"
    assert not report.unlabelled_fields, f"{url} fields without label: {report.unlabelled_fields}"


def test_every_parameterless_named_url_is_a_good_page(
    client, demo_site, django_assert_max_num_queries
):
    urls = _named_parameterless_urls()
    assert "/" in urls
    for url in urls:
        _assert_good_page(client, url, django_assert_max_num_queries)


def test_every_named_url_is_a_good_page_when_signed_in(
    client, demo_site, django_assert_max_num_queries
):
    user = get_user_model().objects.create_user(
        email="walker@example.org", password="walk the site 123", display_name="Walker"
    )
    client.force_login(user)
    for url in _named_parameterless_urls():
        _assert_good_page(client, url, django_assert_max_num_queries, login_ok=False)


def test_every_sitemap_page_is_a_good_page(client, demo_site, django_assert_max_num_queries):
    for path in _sitemap_paths(client):
        _assert_good_page(client, path, django_assert_max_num_queries, login_ok=False)


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: " in response.content.decode()
    assert "Disallow: /my-medicine/" in response.content.decode()
