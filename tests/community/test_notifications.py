"""Follower emails: immediate or daily digest, each post told to each follower exactly once,
with a signed one-click unsubscribe."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from community import services
from community.models import Follow, Notification
from community.tasks import send_daily_digests, send_post_notifications
from tests.community.factories import join, make_established, make_group, make_thread
from tests.factories import make_user

pytestmark = pytest.mark.django_db
IP = "203.0.113.20"


@pytest.fixture
def setup():
    group = make_group()
    author = make_established(email="author@example.org")
    join(author, group)
    thread = make_thread(group=group, author=author, title="Walking")
    immediate = make_user(email="now@example.org")
    daily = make_user(email="daily@example.org")
    join(immediate, group)
    join(daily, group)
    services.follow_set(user=immediate, thread=thread, frequency="immediate")
    services.follow_set(user=daily, group=group, frequency="daily")
    mail.outbox = []
    return group, author, thread


def _reply(thread, author, body, capture):
    with capture(execute=True):
        return services.post_reply(thread=thread, author=author, body=body, ip=IP)


def test_immediate_followers_get_one_email_per_post_exactly_once(
    setup, django_capture_on_commit_callbacks
):
    _group, author, thread = setup
    post = _reply(thread, author, "New reply here", django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["now@example.org"]]
    message = mail.outbox[0]
    assert "Walking" in message.subject
    assert "author@example.org" not in message.body  # pseudonymous
    assert "/community/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert isinstance(message, EmailMultiAlternatives)
    html, kind = message.alternatives[0]
    assert isinstance(html, str)
    assert kind == "text/html"
    assert post.get_absolute_url() in html
    assert message.extra_headers["List-Unsubscribe"][1:-1] in html
    # The task running again (a retry, a second worker) sends nothing more.
    assert send_post_notifications.call(post.pk) == 0
    assert len(mail.outbox) == 1


def test_the_author_is_not_told_about_their_own_post(setup, django_capture_on_commit_callbacks):
    group, author, thread = setup
    services.follow_set(user=author, group=group, frequency="immediate")
    _reply(thread, author, "Mine", django_capture_on_commit_callbacks)
    assert "author@example.org" not in [m.to[0] for m in mail.outbox]


def test_daily_digest_collects_posts_once(setup, django_capture_on_commit_callbacks):
    _group, author, thread = setup
    _reply(thread, author, "First of the day", django_capture_on_commit_callbacks)
    _reply(thread, author, "Second of the day", django_capture_on_commit_callbacks)
    mail.outbox = []
    assert send_daily_digests.call() == 1
    [digest] = mail.outbox
    assert digest.to == ["daily@example.org"]
    assert digest.body.count("Walking") == 2
    assert send_daily_digests.call() == 0
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(sent_at__isnull=True).count() == 0


def test_a_notification_row_is_made_once_per_follower_and_post(
    setup, django_capture_on_commit_callbacks
):
    group, author, thread = setup
    immediate = Follow.objects.get(thread=thread).user
    # Following both the thread and its group still means one email per post.
    services.follow_set(user=immediate, group=group, frequency="daily")
    post = _reply(thread, author, "Both ways", django_capture_on_commit_callbacks)
    assert Notification.objects.filter(recipient=immediate, post=post).count() == 1
    assert [m.to[0] for m in mail.outbox].count("now@example.org") == 1


def test_held_posts_notify_only_after_approval(setup, django_capture_on_commit_callbacks):
    group, _author, thread = setup
    newcomer = make_user()
    join(newcomer, group)
    post = _reply(thread, newcomer, "My first words", django_capture_on_commit_callbacks)
    assert post.status == "held"
    assert mail.outbox == []
    moderator = make_user(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_approve(post=post, moderator=moderator)
    assert [m.to for m in mail.outbox] == [["now@example.org"]]
    with django_capture_on_commit_callbacks(execute=True):
        services.post_approve(post=post, moderator=moderator)
    assert len(mail.outbox) == 1


def test_private_group_followers_who_left_are_not_told(django_capture_on_commit_callbacks):
    group = make_group(private=True)
    author = make_established()
    join(author, group)
    leaver = make_user(email="leaver@example.org")
    join(leaver, group)
    thread = make_thread(group=group, author=author)
    services.follow_set(user=leaver, thread=thread, frequency="immediate")
    services.group_leave(group=group, user=leaver)
    _reply(thread, author, "Private news", django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_signed_one_click_unsubscribe(client, setup, django_capture_on_commit_callbacks):
    _group, author, thread = setup
    follow = Follow.objects.get(thread=thread)
    token = services.unsubscribe_token_for(follow)
    # A tampered token changes nothing.
    client.post(f"/community/unsubscribe/{token[:-2]}xx/")
    assert Follow.objects.filter(pk=follow.pk).exists()
    # GET only asks (mail scanners follow links); POST, as mail clients do, stops the emails.
    response = client.get(f"/community/unsubscribe/{token}/")
    assert response.status_code == 200
    assert Follow.objects.filter(pk=follow.pk).exists()
    response = client.post(f"/community/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Follow.objects.filter(pk=follow.pk).exists()
    _reply(thread, author, "After unsubscribing", django_capture_on_commit_callbacks)
    assert "now@example.org" not in [m.to[0] for m in mail.outbox]


def test_follow_from_the_page(client, setup):
    group, _author, thread = setup
    reader = make_user()
    join(reader, group)
    client.force_login(reader)
    client.post("/community/follows/", {"thread": thread.pk, "frequency": "daily"})
    assert Follow.objects.get(user=reader, thread=thread).frequency == "daily"
    client.post("/community/follows/", {"thread": thread.pk, "stop": "1"})
    assert not Follow.objects.filter(user=reader).exists()


def test_digest_command(setup, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    _group, author, thread = setup
    _reply(thread, author, "Digest me", django_capture_on_commit_callbacks)
    out = StringIO()
    call_command("send_community_digests", stdout=out)
    assert "Sent 1 digest" in out.getvalue()


@pytest.mark.parametrize(
    "target",
    [
        {"thread": "abc"},
        {"thread": "-3"},
        {"thread": "9" * 30},
        {"thread": "1.5"},
        {},
        {"group": "a b"},
    ],
)
def test_a_malformed_follow_request_is_refused_and_changes_nothing(client, setup, target):
    group, _author, _thread = setup
    reader = make_user()
    join(reader, group)
    client.force_login(reader)
    response = client.post("/community/follows/", {**target, "frequency": "daily"})
    assert response.status_code == 400
    assert not Follow.objects.filter(user=reader).exists()
