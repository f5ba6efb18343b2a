"""A posting form sent twice (the reader's connection dropped after the write and they pressed
the button again) writes once and sends both requests to the same place."""

import re

import pytest
from django.urls import reverse

from community.models import Question, Thread
from community.models.threads import Post
from healthsite.idempotency import FIELD
from healthsite.models import SubmittedForm
from mymedicine.models import Profile, SavedMedicine
from tests.community.factories import join, make_established, make_group, make_thread, make_topic
from tests.drugs.factories import make_drug
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def form_token(client, url: str) -> str:
    """The one-time token of the (first) posting form on the page at `url`."""
    html = client.get(url).content.decode()
    found = re.search(rf'name="{FIELD}" value="([^"]+)"', html)
    assert found, f"{url} renders a submission token"
    return found[1]


def post_twice(client, url: str, data: dict, *, form_page: str | None = None):
    token = form_token(client, form_page or url)
    first = client.post(url, {**data, FIELD: token})
    again = client.post(url, {**data, FIELD: token})
    assert first.status_code == 302, first.content.decode()[:2000]
    assert again.status_code == 302
    assert again["Location"] == first["Location"]
    return first


@pytest.fixture
def member_in_group(client):
    member = make_established()
    group = make_group()
    join(member, group)
    client.force_login(member)
    return member, group


def test_a_retried_reply_is_posted_once(client, member_in_group):
    member, group = member_in_group
    thread = make_thread(group=group, author=member)
    reply_url = f"{thread.get_absolute_url()}reply/"
    post_twice(
        client,
        reply_url,
        {"body": "Ice helped me", "action": "post"},
        form_page=thread.get_absolute_url(),
    )
    assert Post.objects.filter(thread=thread, body="Ice helped me").count() == 1


def test_a_new_form_posts_again(client, member_in_group):
    """The token stops retries only: a second form sent is a second post."""
    member, group = member_in_group
    thread = make_thread(group=group, author=member)
    reply_url = f"{thread.get_absolute_url()}reply/"
    for words in ("Me too", "And me"):
        post_twice(client, reply_url, {"body": words, "action": "post"})
    assert Post.objects.filter(thread=thread, body__in=["Me too", "And me"]).count() == 2
    assert SubmittedForm.objects.filter(user=member).count() == 2


def test_a_retried_thread_is_started_once(client, member_in_group):
    _, group = member_in_group
    url = reverse("community:thread_create", args=[group.slug])
    post_twice(client, url, {"title": "Knee after running", "body": "Any tips?", "action": "post"})
    assert Thread.objects.filter(group=group, title="Knee after running").count() == 1


def test_a_retried_question_is_asked_once(client, member_in_group):
    topic = make_topic()
    url = reverse("community:question_ask")
    post_twice(client, url, {"topic": topic.pk, "title": "Is ice or heat better?", "body": ""})
    assert Question.objects.filter(title="Is ice or heat better?").count() == 1


def test_a_form_with_errors_records_nothing_and_can_be_sent_again(client, member_in_group):
    _, group = member_in_group
    url = reverse("community:thread_create", args=[group.slug])
    token = form_token(client, url)
    assert client.post(url, {"title": "", "body": "x", FIELD: token}).status_code == 200
    assert not SubmittedForm.objects.exists()
    response = client.post(url, {"title": "Fixed", "body": "x", "action": "post", FIELD: token})
    assert response.status_code == 302
    assert Thread.objects.filter(title="Fixed").count() == 1


def test_a_token_belongs_to_its_member(client, member_in_group):
    member, group = member_in_group
    thread = make_thread(group=group, author=member)
    reply_url = f"{thread.get_absolute_url()}reply/"
    token = form_token(client, reply_url)
    client.post(reply_url, {"body": "Mine", "action": "post", FIELD: token})
    other = make_established()
    join(other, group)
    client.force_login(other)
    client.post(reply_url, {"body": "Theirs", "action": "post", FIELD: token})
    assert Post.objects.filter(thread=thread, body__in=["Mine", "Theirs"]).count() == 2


def test_retried_my_medicine_saves_write_once(client):
    user = make_user()
    client.force_login(user)
    make_drug(name="Warfarin")
    post_twice(
        client,
        reverse("mymedicine:profile_add"),
        {"name": "Mum", "relationship": "parent", "birth_year": "1950"},
    )
    profile = Profile.objects.get(owner=user, name="Mum")
    post_twice(client, profile.get_absolute_url(), {"medicine": "warfarin"})
    assert SavedMedicine.objects.filter(profile=profile).count() == 1


def test_the_review_form_carries_a_token(client):
    """A review is one per member and drug (a retry edits it); the form still has its token."""
    client.force_login(make_user())
    drug = make_drug(name="Atorvastatin")
    assert form_token(client, reverse("drugs:review_write", args=[drug.slug]))


def test_a_copy_committed_meanwhile_wins_and_this_write_is_undone(rf, monkeypatch):
    """Two copies of one submission at once: both find no token, both write; the one whose
    token row comes second is rolled back, write and all, and gets the first one's result."""
    from django.http import HttpResponseRedirect

    from healthsite import idempotency

    member = make_established()
    group = make_group()
    join(member, group)
    thread = make_thread(group=group, author=member)
    token = "t" * 32
    # The first copy committed its token just after this one looked for it.
    SubmittedForm.objects.create(user=member, token=token, result_url="/first/")
    looked = []
    real_lookup = idempotency._first_result

    def lookup(**kwargs):
        looked.append(kwargs)
        return None if len(looked) == 1 else real_lookup(**kwargs)

    monkeypatch.setattr(idempotency, "_first_result", lookup)

    @idempotency.submit_once
    def view(request):
        Post.objects.create(thread=thread, number=99, author=member, body="copy 2", body_html="")
        return HttpResponseRedirect("/second/")

    request = rf.post("/", {FIELD: token})
    request.user = member
    response = view(request)
    assert response["Location"] == "/first/"
    assert not Post.objects.filter(body="copy 2").exists()
