"""The community index counts threads in one query over all groups, kept in the cache until
content changes: the count never runs per group, and a new thread is counted at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.community.factories import make_group, make_thread
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _count_queries(client) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/community/")
    assert response.status_code == 200
    return len(queries), [q["sql"] for q in queries.captured_queries]


def test_thread_counts_are_one_cached_query_and_follow_edits(client):
    author = make_user()
    groups = [make_group(name=f"Group {n}") for n in range(5)]
    for group in groups:
        for _ in range(3):
            make_thread(group=group, author=author)
    client.force_login(make_user())
    cold, sql = _count_queries(client)
    counting = [q for q in sql if "COUNT(" in q.upper() and "community_thread" in q]
    assert len(counting) == 1, "one query counts the threads of every group"
    warm, sql = _count_queries(client)
    assert warm == cold - 1
    assert not [q for q in sql if "COUNT(" in q.upper() and "community_thread" in q]
    assert "3 discussions" in client.get("/community/").content.decode()
    # Five more groups with threads cost no more queries.
    for n in range(5):
        make_thread(group=make_group(name=f"More {n}"), author=author)
    assert _count_queries(client)[0] == cold
    make_thread(group=groups[0], author=author)
    assert "4 discussions" in client.get("/community/").content.decode()


def test_group_page_takes_its_thread_count_from_the_cached_counts(client):
    from community.selectors import THREADS_PER_PAGE

    group = make_group()
    author = make_user()
    for _ in range(THREADS_PER_PAGE + 1):
        make_thread(group=group, author=author)
    client.force_login(make_user())
    client.get(group.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        html = client.get(group.get_absolute_url()).content.decode()
    counting = [
        q["sql"]
        for q in queries.captured_queries
        if "COUNT(" in q["sql"].upper() and "community_thread" in q["sql"]
    ]
    assert not counting, counting
    assert "?page=2" in html
    assert client.get(group.get_absolute_url() + "?page=2").status_code == 200
    assert client.get(group.get_absolute_url() + "?page=3").status_code == 404
    make_thread(group=group, author=author)
    assert client.get(group.get_absolute_url() + "?page=2").status_code == 200
