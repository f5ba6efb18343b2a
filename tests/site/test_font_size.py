"""The text-size control: a plain GET form that remembers the size in a cookie, so pages
carry no CSRF token for it and anonymous pages set no cookie."""

import gzip

import pytest
from django.test import Client

from healthsite.preferences import FONT_SIZE_COOKIE, FONT_SIZE_MAX_AGE

pytestmark = pytest.mark.django_db

URL = "/preferences/font-size/"


def test_post_sets_cookie_and_goes_back_to_the_same_page(client):
    response = client.get(URL, {"size": "large", "next": "/about/?x=1"})
    assert response.status_code == 302
    assert response["Location"] == "/about/?x=1"
    cookie = response.cookies[FONT_SIZE_COOKIE]
    assert cookie.value == "large"
    assert cookie["max-age"] == FONT_SIZE_MAX_AGE
    assert cookie["samesite"] == "Lax"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/path",
        "http://evil.example",
        "javascript:alert(1)",
        "",
    ],
)
def test_redirects_only_to_pages_on_this_site(client, target):
    response = client.get(URL, {"size": "larger", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[FONT_SIZE_COOKIE].value == "larger"


@pytest.mark.parametrize("size", ["huge", "", "LARGE", "normal; path=/"])
def test_unknown_size_falls_back_to_normal(client, size):
    response = client.get(URL, {"size": size, "next": "/terms/"})
    assert response["Location"] == "/terms/"
    assert response.cookies[FONT_SIZE_COOKIE].value == "normal"


def test_json_variant_for_the_script(client):
    response = client.get(
        URL, {"size": "larger", "next": "/about/"}, headers={"accept": "application/json"}
    )
    assert response.status_code == 200
    assert response.json() == {"size": "larger"}
    assert response.cookies[FONT_SIZE_COOKIE].value == "larger"


def test_post_is_not_allowed(client):
    assert client.post(URL, {"size": "large"}).status_code == 405


def test_the_answer_is_never_cached(client):
    response = client.get(URL, {"size": "large", "next": "/"})
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/", "/about/", "/drugs/", "/conditions/", "/community/"])
def test_anonymous_pages_set_no_cookie_and_answer_304_when_unchanged(client, path):
    first = client.get(path)
    assert first.status_code == 200
    assert not first.cookies, f"{path} set {list(first.cookies)}"
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert "public" in first["Cache-Control"]
    again = client.get(path, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_cookie_is_respected_on_the_next_page(client):
    client.get(URL, {"size": "larger", "next": "/"})
    html = client.get("/about/").content.decode()
    assert '<html lang="en" class="font-larger">' in html
    assert (
        'value="larger" class="font-size__option font-size__option--larger" aria-pressed="true"'
        in html
    )
    assert (
        'value="normal" class="font-size__option font-size__option--normal" aria-pressed="false"'
        in html
    )


def test_no_cookie_means_normal_size(client):
    html = client.get("/").content.decode()
    assert 'class="font-normal"' in html
    assert (
        'value="normal" class="font-size__option font-size__option--normal" aria-pressed="true"'
        in html
    )


def test_tampered_cookie_is_ignored(client):
    client.cookies[FONT_SIZE_COOKIE] = '"><script>'
    html = client.get("/").content.decode()
    assert 'class="font-normal"' in html
    assert "<script>" not in html.split("<head>", 1)[0]


def test_form_sends_the_current_page_and_no_csrf_token(client):
    html = client.get("/privacy/?a=1&b=2").content.decode()
    assert 'name="next" value="/privacy/?a=1&amp;b=2"' in html
    assert 'name="csrfmiddlewaretoken"' not in html


def test_a_post_without_csrf_token_elsewhere_is_still_refused_with_our_403_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/newsletter/", {"email": "reader@example.org"})
    assert response.status_code == 403


def test_pages_are_sent_compressed_to_browsers_that_accept_it(client):
    response = client.get("/about/", headers={"accept-encoding": "gzip, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"</html>" in gzip.decompress(response.content)
