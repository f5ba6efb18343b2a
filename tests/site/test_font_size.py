"""The text-size control: a plain form POST that remembers the size in a cookie."""

import pytest
from django.test import Client

from healthsite.preferences import FONT_SIZE_COOKIE, FONT_SIZE_MAX_AGE

pytestmark = pytest.mark.django_db

URL = "/preferences/font-size/"


def test_post_sets_cookie_and_goes_back_to_the_same_page(client):
    response = client.post(URL, {"size": "large", "next": "/about/?x=1"})
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
    response = client.post(URL, {"size": "larger", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[FONT_SIZE_COOKIE].value == "larger"


@pytest.mark.parametrize("size", ["huge", "", "LARGE", "normal; path=/"])
def test_unknown_size_falls_back_to_normal(client, size):
    response = client.post(URL, {"size": size, "next": "/terms/"})
    assert response["Location"] == "/terms/"
    assert response.cookies[FONT_SIZE_COOKIE].value == "normal"


def test_json_variant_for_the_script(client):
    response = client.post(
        URL, {"size": "larger", "next": "/about/"}, headers={"accept": "application/json"}
    )
    assert response.status_code == 200
    assert response.json() == {"size": "larger"}
    assert response.cookies[FONT_SIZE_COOKIE].value == "larger"


def test_get_is_not_allowed(client):
    assert client.get(URL).status_code == 405


def test_cookie_is_respected_on_the_next_page(client):
    client.post(URL, {"size": "larger", "next": "/"})
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


def test_form_sends_the_current_page_and_a_csrf_token(client):
    html = client.get("/privacy/?a=1&b=2").content.decode()
    assert 'name="next" value="/privacy/?a=1&amp;b=2"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_post_without_csrf_token_is_refused_with_our_403_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, {"size": "large", "next": "/"})
    assert response.status_code == 403
    assert FONT_SIZE_COOKIE not in response.cookies
