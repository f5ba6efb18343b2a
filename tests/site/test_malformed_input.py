"""Malformed input is a 400, never a 500 and never stored: invalid UTF-8 in a form body or a
query string, NUL bytes in a form body; a NUL in a link's parameter reads as a space
(issue 16, item 4)."""

from urllib.parse import quote_plus

import pytest
from django.test import Client

from community.models.threads import Post
from tests.community.factories import join, make_established, make_group, make_thread

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
BAD_BODIES = [
    b"\xff\xfe",
    b"body=\xff\xfe&title=\xff&email=\xff",
    b"body=%ff%fe&title=%ff&email=%ff",
    b"body=a%00b&title=x%00&email=a%00@example.org&thread=%00",
    b"body=ok&title=ok\x00",
]
BAD_QUERIES = [
    "q=%ff%fe",
    "q=a%ffb",
    "q=%C3",  # a truncated sequence
    "q=%ED%A0%80",  # a UTF-16 surrogate, not UTF-8
    "page=%ff",
    "drugs=%00,%ff",
    "imprint=%ff%00",
]
NUL_QUERIES = ["q=%00", "q=knee%00pain", "page=%00", "drugs=%00,a", "imprint=%00&shape=%00"]


@pytest.fixture
def member_client():
    member = make_established()
    group = make_group()
    join(member, group)
    thread = make_thread(group=group, author=member)
    client = Client()
    client.force_login(member)
    return client, group, thread


def test_malformed_form_bodies_are_refused(member_client):
    client, group, thread = member_client
    anonymous = Client()
    targets = [
        (anonymous, "/accounts/login/"),
        (anonymous, "/accounts/signup/"),
        (anonymous, "/accounts/password-reset/"),
        (anonymous, "/newsletter/"),
        (client, f"{thread.get_absolute_url()}reply/"),
        (client, f"/community/{group.slug}/new/"),
        (client, "/community/follows/"),
        (client, "/community/answers/ask/"),
        (client, "/my-medicine/profiles/add/"),
    ]
    statuses = {
        (url, body): who.post(url, body, content_type=FORM).status_code
        for who, url in targets
        for body in BAD_BODIES
    }
    assert {key: status for key, status in statuses.items() if status != 400} == {}
    assert Post.objects.filter(thread=thread).count() == 1  # nothing was posted


def test_malformed_query_strings_are_refused(client):
    paths = ["/search/", "/drugs/", "/conditions/", "/pills/", "/interactions/", "/community/"]
    paths += ["/api/drugs/suggest", "/api/pills/", "/accounts/login/"]
    statuses = {
        (path, query): client.get(f"{path}?{query}").status_code
        for path in paths
        for query in BAD_QUERIES
    }
    assert {key: status for key, status in statuses.items() if status != 400} == {}


def test_nul_in_a_link_parameter_reads_as_a_space(client):
    paths = ["/search/", "/drugs/", "/conditions/", "/pills/", "/interactions/", "/community/"]
    paths += ["/api/drugs/suggest", "/api/pills/", "/accounts/login/"]
    statuses = {
        (path, query): client.get(f"{path}?{query}").status_code
        for path in paths
        for query in NUL_QUERIES
    }
    assert {key: status for key, status in statuses.items() if status >= 500} == {}
    html = client.get("/conditions/?q=knee%00pain").content.decode()
    assert 'value="knee pain"' in html


def test_the_refusal_is_our_page(client):
    response = client.get("/search/?q=%ff")
    assert response.status_code == 400
    assert b"skip-link" in response.content


def test_well_formed_text_in_any_script_still_posts(member_client):
    client, _, thread = member_client
    body = "Café, naïve, 日本語, emoji 👍, 100%+ sure & more".encode()
    response = client.post(
        f"{thread.get_absolute_url()}reply/",
        b"action=post&body=" + quote_plus(body).encode(),
        content_type=FORM,
    )
    assert response.status_code == 302
    assert Post.objects.filter(thread=thread, body=body.decode()).exists()
    assert client.get("/search/?q=caf%C3%A9+%E6%97%A5").status_code == 200
