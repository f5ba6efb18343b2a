"""Community rules, through the services: held first posts, trust, duplicates, rate limits,
suspensions, editing with history, author deletes, locks and moves, reports and outcomes."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from community import services
from community.models import ModerationAction, Post, PostRevision, Report, Thread
from tests.community.factories import join, make_established, make_group, make_thread
from tests.factories import make_user

pytestmark = pytest.mark.django_db
IP = "203.0.113.7"


@pytest.fixture
def group():
    return make_group(name="Knee Pain")


@pytest.fixture
def moderator(group):
    user = make_user(display_name="Mod")
    join(user, group, moderator=True)
    return user


def _established(group):
    user = make_established()
    join(user, group)
    return user


def test_a_new_accounts_first_post_is_held_until_a_moderator_approves(
    group, moderator, django_capture_on_commit_callbacks
):
    newcomer = make_user()
    join(newcomer, group)
    thread = services.thread_create(
        group=group, author=newcomer, title="Hello", body="My first post", ip=IP
    )
    assert thread.is_held
    assert not Thread.objects.listed().filter(pk=thread.pk).exists()
    post = thread.posts.get()
    assert post.status == Post.Status.HELD
    with django_capture_on_commit_callbacks(execute=True):
        services.post_approve(post=post, moderator=moderator)
    thread.refresh_from_db()
    assert not thread.is_held
    assert ModerationAction.objects.filter(kind="approve_post", post=post).exists()
    # The second post is not held.
    reply = services.post_reply(thread=thread, author=newcomer, body="And another", ip=IP)
    assert reply.status == Post.Status.PUBLISHED


def test_new_accounts_may_not_post_links_until_trusted(group):
    newcomer = make_user()
    join(newcomer, group)
    with pytest.raises(services.CommunityError) as error:
        services.thread_create(
            group=group, author=newcomer, title="Look", body="see https://example.com", ip=IP
        )
    assert error.value.code == "links_not_allowed"
    trusted = _established(group)
    thread = services.thread_create(
        group=group, author=trusted, title="Look", body="see [the site](https://example.com)", ip=IP
    )
    html = thread.posts.get().body_html
    assert 'href="https://example.com"' in html
    assert 'rel="nofollow ugc noopener"' in html


def test_the_same_text_again_within_minutes_is_refused(group):
    author = _established(group)
    thread = make_thread(group=group, author=author)
    services.post_reply(thread=thread, author=author, body="Same words here", ip=IP)
    with pytest.raises(services.CommunityError) as error:
        services.post_reply(thread=thread, author=author, body="same   WORDS here", ip=IP)
    assert error.value.code == "duplicate"
    Post.objects.filter(author=author, body="Same words here").update(
        created_at=timezone.now() - timedelta(minutes=30)
    )
    services.post_reply(thread=thread, author=author, body="Same words here", ip=IP)


def test_replies_are_rate_limited_per_member(group):
    author = _established(group)
    thread = make_thread(group=group, author=author)
    limit = services.RATE_LIMITS["reply"]["member"][0]
    for n in range(limit):
        services.post_reply(thread=thread, author=author, body=f"Reply number {n}", ip=IP)
    with pytest.raises(services.CommunityError) as error:
        services.post_reply(thread=thread, author=author, body="One too many", ip=IP)
    assert error.value.code == "rate_limited"


def test_new_threads_are_rate_limited_per_address(group):
    """Several members behind one address share its limit (each stays under their own)."""
    ip_limit = services.RATE_LIMITS["thread"]["ip"][0]
    per_member = services.RATE_LIMITS["thread"]["member"][0] - 1
    authors = [_established(group) for _ in range(ip_limit // per_member + 1)]
    for n in range(ip_limit):
        services.thread_create(
            group=group,
            author=authors[n // per_member],
            title=f"T{n}",
            body=f"Body {n}",
            ip="198.51.100.1",
        )
    with pytest.raises(services.CommunityError) as error:
        services.thread_create(
            group=group, author=authors[-1], title="One more", body="Body", ip="198.51.100.1"
        )
    assert error.value.code == "rate_limited"
    # Another address is not affected.
    services.thread_create(
        group=group, author=authors[-1], title="Elsewhere", body="Body", ip="198.51.100.2"
    )


def test_reports_are_rate_limited(group):
    reporter = make_user()
    author = _established(group)
    post = make_thread(group=group, author=author).posts.get()
    limit = services.RATE_LIMITS["report"]["member"][0]
    for _ in range(limit):
        services.report_create(reporter=reporter, post=post, reason="spam", details="", ip=IP)
    with pytest.raises(services.CommunityError):
        services.report_create(reporter=reporter, post=post, reason="spam", details="", ip=IP)
    assert Report.objects.count() == limit


def test_rate_limited_view_shows_an_error_not_a_500(client, group):
    author = _established(group)
    thread = make_thread(group=group, author=author)
    client.force_login(author)
    url = f"{thread.get_absolute_url()}reply/"
    limit = services.RATE_LIMITS["reply"]["member"][0]
    for n in range(limit):
        assert client.post(url, {"body": f"reply {n}", "action": "post"}).status_code == 302
    response = client.post(url, {"body": "again", "action": "post"})
    assert response.status_code == 200
    assert "too many times" in response.content.decode()


def test_a_suspended_member_cannot_post_until_the_suspension_ends(group):
    staff = make_user(is_staff=True)
    author = _established(group)
    thread = make_thread(group=group, author=author)
    services.member_suspend(member=author, moderator=staff, days=3, reason="Spam")
    with pytest.raises(services.CommunityError) as error:
        services.post_reply(thread=thread, author=author, body="Let me in", ip=IP)
    assert error.value.code == "suspended"
    assert ModerationAction.objects.filter(kind="suspend", member=author).exists()
    author.community_suspensions.update(until=timezone.now() - timedelta(minutes=1))
    services.post_reply(thread=thread, author=author, body="I am back", ip=IP)


def test_group_moderators_cannot_suspend(group, moderator):
    with pytest.raises(PermissionDenied):
        services.member_suspend(member=make_user(), moderator=moderator, days=1, reason="x")


def test_editing_keeps_the_history(group):
    author = _established(group)
    post = make_thread(group=group, author=author, body="First words").posts.get()
    services.post_edit(post=post, editor=author, body="Second words")
    services.post_edit(post=post, editor=author, body="Third words")
    post.refresh_from_db()
    assert post.body == "Third words" and post.edited_at
    assert list(PostRevision.objects.filter(post=post).values_list("body", flat=True)) == [
        "Second words",
        "First words",
    ]
    with pytest.raises(PermissionDenied):
        services.post_edit(post=post, editor=make_user(), body="Vandal")


def test_author_delete_leaves_a_placeholder_when_replies_exist(client, group):
    author = _established(group)
    other = _established(group)
    thread = make_thread(group=group, author=author, replies=1, reply_author=other)
    first = thread.posts.get(number=1)
    assert services.post_delete(post=first, user=author) == "placeholder"
    first.refresh_from_db()
    assert first.status == Post.Status.DELETED and first.body == ""
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "deleted by its author" in html
    # The last reply with nothing after it simply goes.
    reply = thread.posts.get(number=2)
    assert services.post_delete(post=reply, user=other) == "post"
    assert not Post.objects.filter(pk=reply.pk).exists()
    # Now nothing follows the placeholder, so the page no longer shows it.
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "deleted by its author" not in html


def test_deleting_a_thread_without_replies_removes_it(group):
    author = _established(group)
    thread = make_thread(group=group, author=author)
    assert services.post_delete(post=thread.posts.get(), user=author) == "thread"
    assert not Thread.objects.listed().filter(pk=thread.pk).exists()


def test_post_numbers_are_never_reused(group):
    author = _established(group)
    thread = make_thread(group=group, author=author, replies=2)
    services.post_delete(post=thread.posts.get(number=3), user=author)
    post = services.post_reply(thread=thread, author=author, body="New one", ip=IP)
    assert post.number == 4  # number 3 stays retired: old links must not change target
    thread.refresh_from_db()
    assert thread.last_number == post.number


def test_locked_threads_take_no_replies_except_from_moderators(group, moderator):
    author = _established(group)
    thread = make_thread(group=group, author=author)
    services.thread_lock(thread=thread, moderator=moderator, locked=True, reason="heated")
    with pytest.raises(services.CommunityError) as error:
        services.post_reply(thread=thread, author=author, body="Wait", ip=IP)
    assert error.value.code == "locked"
    assert ModerationAction.objects.filter(kind="lock", thread=thread, reason="heated").exists()


def test_moving_a_thread_needs_a_site_moderator_and_is_logged(group, moderator):
    author = _established(group)
    thread = make_thread(group=group, author=author)
    other = make_group(name="Elsewhere")
    with pytest.raises(PermissionDenied):
        services.thread_move(thread=thread, to_group=other, moderator=moderator)
    staff = make_user(is_staff=True)
    services.thread_move(thread=thread, to_group=other, moderator=staff)
    thread.refresh_from_db()
    assert thread.group == other
    assert ModerationAction.objects.filter(kind="move", thread=thread).exists()


def test_acting_on_a_report_hides_the_post_logs_it_and_tells_the_reporter_once(
    group, moderator, django_capture_on_commit_callbacks
):
    author = _established(group)
    reporter = make_user(email="reporter@example.org")
    second = make_user(email="second@example.org")
    post = make_thread(group=group, author=author).posts.get()
    report = services.report_create(
        reporter=reporter, post=post, reason="abuse", details="rude", ip=IP
    )
    services.report_create(reporter=second, post=post, reason="spam", details="", ip=IP)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.report_resolve(report=report, moderator=moderator, action="hide", outcome="")
    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN
    assert set(Report.objects.values_list("status", flat=True)) == {"actioned"}
    assert ModerationAction.objects.filter(kind="hide", post=post).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["reporter@example.org", "second@example.org"]
    assert "hid the post" in mail.outbox[0].body
    # Sending again tells nobody twice.
    from community.tasks import send_report_outcome

    assert send_report_outcome.call(report.pk) is False
    assert len(mail.outbox) == 2


def test_dismissing_a_report_is_logged_and_the_reporter_told(
    client, group, moderator, django_capture_on_commit_callbacks
):
    author = _established(group)
    reporter = make_user()
    post = make_thread(group=group, author=author).posts.get()
    report = services.report_create(reporter=reporter, post=post, reason="spam", details="", ip=IP)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_resolve(
            report=report, moderator=moderator, action="dismiss", outcome="It is fine."
        )
    assert ModerationAction.objects.filter(kind="dismiss").exists()
    assert len(mail.outbox) == 1
    client.force_login(reporter)
    assert "It is fine." in client.get("/community/reports/").content.decode()


def test_restoring_a_hidden_post(group, moderator):
    author = _established(group)
    post = make_thread(group=group, author=author).posts.get()
    services.post_hide(post=post, moderator=moderator)
    services.post_restore(post=post, moderator=moderator)
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED
    assert list(ModerationAction.objects.filter(post=post).values_list("kind", flat=True)) == [
        "restore",
        "hide",
    ]


def test_crisis_words_show_resources_and_need_a_preview_before_posting(client, group):
    author = _established(group)
    client.force_login(author)
    url = f"/community/{group.slug}/new/"
    data = {"title": "Bad night", "body": "I have been thinking about suicide", "action": "post"}
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "988" in html and "Check your post" in html
    assert not Thread.objects.filter(title="Bad night").exists()
    response = client.post(url, {**data, "confirmed": "1"})
    assert response.status_code == 302
    thread = Thread.objects.get(title="Bad night")
    assert thread.posts.get().mentions_crisis
    assert "988" in client.get(thread.get_absolute_url()).content.decode()


def test_expert_answers_say_they_are_general_information(client):
    from tests.community.factories import make_expert, make_topic

    asker = make_established()
    expert = make_expert()
    question = services.question_ask(
        topic=make_topic(), asker=asker, title="Ice or heat?", body="", ip=IP
    )
    services.answer_create(question=question, expert=expert, body="Try ice first.")
    html = client.get(question.get_absolute_url()).content.decode()
    assert "general information" in html
    assert "Verified expert" in html
    with pytest.raises(PermissionDenied):
        services.answer_create(question=question, expert=asker, body="Me too")
