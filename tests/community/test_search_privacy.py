"""Private groups never reach search, feeds or the sitemap; public content does."""

import pytest
from django.contrib import admin

from community import services
from community.admin import SupportGroupAdmin
from community.models import SupportGroup
from community.search import PROVIDERS, THREAD_KIND
from search.models import SearchDocument
from tests.community.factories import join, make_established, make_expert, make_group, make_topic

pytestmark = pytest.mark.django_db
IP = "203.0.113.30"


@pytest.fixture
def content(django_capture_on_commit_callbacks):
    author = make_established()
    public = make_group(name="Open Knees")
    private = make_group(name="Hidden Circle", private=True)
    join(author, public)
    join(author, private)
    with django_capture_on_commit_callbacks(execute=True):
        shown = services.thread_create(
            group=public, author=author, title="Public walking tips", body="Walk daily", ip=IP
        )
        secret = services.thread_create(
            group=private, author=author, title="Secret worries", body="Only members", ip=IP
        )
    return {
        "author": author,
        "public": public,
        "private": private,
        "shown": shown,
        "secret": secret,
    }


def _indexed_titles():
    return set(SearchDocument.objects.values_list("title", flat=True))


def test_only_public_threads_are_indexed(content):
    titles = _indexed_titles()
    assert "Public walking tips" in titles
    assert "Secret worries" not in titles
    assert "Hidden Circle" not in titles


def test_providers_rebuild_only_public_content(content):
    documents = [doc for provider in PROVIDERS for doc in provider.documents()]
    titles = {doc.title for doc in documents}
    assert "Public walking tips" in titles and "Open Knees" in titles
    assert "Secret worries" not in titles and "Hidden Circle" not in titles
    assert all(doc.visibility == "public" for doc in documents)


def test_making_a_group_private_removes_its_threads(content):
    group = content["public"]
    group.visibility = "private"  # staff change it in the admin
    SupportGroupAdmin(SupportGroup, admin.site).save_model(None, group, None, True)
    assert "Public walking tips" not in _indexed_titles()
    assert "Open Knees" not in _indexed_titles()


def test_moving_a_thread_into_a_private_group_removes_it(
    content, django_capture_on_commit_callbacks
):
    staff = make_established(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.thread_move(thread=content["shown"], to_group=content["private"], moderator=staff)
    assert not SearchDocument.objects.filter(kind=THREAD_KIND, key=str(content["shown"].pk))


def test_hidden_threads_leave_the_index(content, django_capture_on_commit_callbacks):
    staff = make_established(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_hide(post=content["shown"].posts.get(), moderator=staff)
    assert "Public walking tips" not in _indexed_titles()


def test_held_threads_are_not_indexed(django_capture_on_commit_callbacks):
    group = make_group()
    newcomer = make_established()
    newcomer.community_posts.all().delete()
    join(newcomer, group)
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.thread_create(
            group=group, author=newcomer, title="Held one", body="x", ip=IP
        )
    assert thread.is_held
    assert "Held one" not in _indexed_titles()


def test_answered_questions_are_indexed(django_capture_on_commit_callbacks):
    asker = make_established()
    expert = make_expert()
    with django_capture_on_commit_callbacks(execute=True):
        question = services.question_ask(
            topic=make_topic(), asker=asker, title="Ice or heat for knees?", body="", ip=IP
        )
    assert "Ice or heat for knees?" not in _indexed_titles()  # not answered yet
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_create(question=question, expert=expert, body="Ice first.")
    assert "Ice or heat for knees?" in _indexed_titles()


def test_feed_and_sitemap_leave_out_private_groups(client, content):
    feed = client.get("/community/feed/").content.decode()
    assert "Public walking tips" in feed
    assert "Secret worries" not in feed and "Only members" not in feed
    sitemap = client.get("/sitemap.xml").content.decode()
    assert content["shown"].get_absolute_url() in sitemap
    assert content["secret"].get_absolute_url() not in sitemap
    assert content["private"].get_absolute_url() not in sitemap


def test_community_index_and_home_leave_out_private_threads(client, content):
    for url in ("/community/", "/"):
        html = client.get(url).content.decode()
        assert "Secret worries" not in html


def test_answered_questions_tag_on_condition_pages(client, django_capture_on_commit_callbacks):
    from django.template import Context, Template

    from tests.factories import make_condition

    condition = make_condition(name="Runner's knee")
    topic = make_topic()
    topic.conditions.add(condition)
    asker = make_established()
    with django_capture_on_commit_callbacks(execute=True):
        question = services.question_ask(
            topic=topic, asker=asker, title="Can I still run?", body="", ip=IP
        )
        services.answer_create(question=question, expert=make_expert(), body="Often, yes.")
    html = Template(
        "{% load community_tags %}{% answered_questions condition %}"
        "{% expert_perspectives condition=condition %}"
    ).render(Context({"condition": condition}))
    assert "Can I still run?" in html
    assert question.get_absolute_url() in html
