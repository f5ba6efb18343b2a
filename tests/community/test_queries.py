"""Query ceilings on busy pages that do not grow with the number of posts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.models import Follow, Report
from tests.community.factories import join, make_expert, make_group, make_thread
from tests.factories import make_user

pytestmark = pytest.mark.django_db
CEILING = 20


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("signed_in", [False, True])
def test_thread_page_with_200_replies_stays_under_a_fixed_ceiling(
    client, signed_in, django_assert_max_num_queries
):
    group = make_group()
    author = make_user()
    expert = make_expert()
    join(author, group)
    join(expert, group)
    small = make_thread(group=group, author=author, replies=20, reply_author=expert)
    big = make_thread(group=group, author=author, replies=200, reply_author=expert)
    if signed_in:
        reader = make_user()
        join(reader, group)
        Follow.objects.create(user=reader, thread=big)
        Report.objects.create(reporter=reader, post=big.posts.get(number=5), reason="spam")
        client.force_login(reader)
    with django_assert_max_num_queries(CEILING):
        html = client.get(big.get_absolute_url()).content.decode()
    assert html.count('class="post') >= 20
    assert "Verified expert" in html
    with django_assert_max_num_queries(CEILING):
        client.get(big.get_absolute_url() + "?page=11")
    # The same number of queries for 20 replies and for 200 (both read once already, so
    # neither visit creates the reader's read marker).
    client.get(small.get_absolute_url())
    assert _count(client, small.get_absolute_url()) == _count(client, big.get_absolute_url())
    assert _count(client, big.get_absolute_url() + "?page=3") == _count(
        client, big.get_absolute_url() + "?page=10"
    )


def test_group_page_does_not_grow_with_threads(client, django_assert_max_num_queries):
    group = make_group()
    author = make_user()
    reader = make_user()
    join(author, group)
    join(reader, group)
    client.force_login(reader)
    for _ in range(3):
        make_thread(group=group, author=author)
    few = _count(client, group.get_absolute_url())
    for _ in range(30):
        make_thread(group=group, author=author)
    assert _count(client, group.get_absolute_url()) == few


def test_pages_are_stable_and_anchored(client):
    group = make_group()
    author = make_user()
    thread = make_thread(group=group, author=author, replies=45)
    html = client.get(thread.get_absolute_url() + "?page=2").content.decode()
    assert 'id="post-21"' in html and 'id="post-40"' in html and 'id="post-41"' not in html
    assert 'aria-current="page"' in html
    post = thread.posts.get(number=45)
    response = client.get(f"/community/posts/{post.pk}/")
    assert response["Location"].endswith("?page=3#post-45")


def test_unread_markers_for_signed_in_members(client):
    group = make_group()
    author = make_user()
    reader = make_user()
    join(author, group)
    join(reader, group)
    thread = make_thread(group=group, author=author, replies=2)
    client.force_login(reader)
    assert "New posts" in client.get(group.get_absolute_url()).content.decode()
    html = client.get(thread.get_absolute_url()).content.decode()
    assert html.count("post--new") == 3
    # Read now: nothing new on the next visit, until someone replies.
    assert "post--new" not in client.get(thread.get_absolute_url()).content.decode()
    assert "New posts" not in client.get(group.get_absolute_url()).content.decode()
    from community import services

    established = author
    established.date_joined = established.date_joined.replace(year=2020)
    established.save()
    services.post_reply(thread=thread, author=author, body="Fresh news", ip="203.0.113.1")
    html = client.get(thread.get_absolute_url()).content.decode()
    assert html.count("post--new") == 1


def test_feed_does_not_grow_with_threads(client):
    from django.urls import reverse

    group = make_group()
    author = make_user()
    join(author, group)
    make_thread(group=group, author=author)
    few = _count(client, reverse("community:feed"))
    for _ in range(5):
        make_thread(group=group, author=author)
    assert _count(client, reverse("community:feed")) == few


@pytest.mark.parametrize("page", ["abc", "0", "99"])
def test_listings_answer_a_bad_page_number_with_404_like_every_listing(client, page):
    """Community listings page through healthsite.paginate, as the rest of the site does."""
    assert client.get(reverse("community:perspectives"), {"page": page}).status_code == 404
