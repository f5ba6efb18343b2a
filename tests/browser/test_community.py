"""The community in a real browser: join, post, reply, report, moderate; an expert answers
and the asker marks the answer; axe on every community page type."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core import mail
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from community import services
from community.models import Follow, Perspective, Post, Question, Report, Thread, Topic
from tests.community.factories import join, make_established, make_expert, make_group
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = live_server.url
    mail.outbox = []
    return live_server.url


def _login_through_form_available() -> bool:
    try:
        reverse("accounts:login")
    except NoReverseMatch:
        return False
    return True


@pytest.fixture
def contexts(browser, site):
    """Browser contexts opened by a test, closed before the live server stops (an open
    context keeps connections that the server's threads would close too late)."""
    opened = []

    def new_page():
        context = browser.new_context()
        opened.append(context)
        return context.new_page()

    yield new_page
    for context in opened:
        context.close()


def signed_in_page(new_page, site, user):
    """A fresh browser context signed in as `user`: through the login form when the accounts
    app provides it, otherwise with a session made on the server (same cookie)."""
    page = new_page()
    context = page.context
    if _login_through_form_available():
        page.goto(f"{site}{reverse('accounts:login')}")
        page.get_by_label("Email address").fill(user.email)
        page.get_by_label("Password").fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.locator(".site-header")).to_contain_text(user.display_name)
    else:
        from importlib import import_module

        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.save()
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": store.session_key, "url": site}]
        )
    return page


def confirmed(user):
    from django.utils import timezone

    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["email_confirmed_at"])
    return user


def test_join_post_reply_report_and_moderate(contexts, site, assert_accessible):
    group = make_group(name="Knee Pain", slug="knee-pain", is_official=True)
    alice = confirmed(make_established(email="alice@example.org", display_name="Alice"))
    bob = confirmed(make_established(email="bob@example.org", display_name="Bob"))
    moderator = confirmed(make_user(email="mod@example.org", display_name="Mod"))
    join(moderator, group, moderator=True)

    # Alice joins the group and starts a discussion.
    page = signed_in_page(contexts, site, alice)
    page.goto(f"{site}/community/")
    assert_accessible(page)
    page.get_by_role("link", name="Knee Pain").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Knee Pain")
    page.get_by_role("button", name="Join group").click()
    expect(page.get_by_text("You joined Knee Pain")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Start a discussion").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Stairs after a long walk")
    page.get_by_label("Your message").fill("Going down stairs hurts after a long walk.")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stairs after a long walk")
    thread = Thread.objects.get(title="Stairs after a long walk")

    # Bob joins and replies.
    bob_page = signed_in_page(contexts, site, bob)
    bob_page.goto(f"{site}{group.get_absolute_url()}")
    bob_page.get_by_role("button", name="Join group").click()
    bob_page.get_by_role("link", name="Stairs after a long walk").click()
    bob_page.get_by_label("Your reply").fill("Buy my miracle knee cream today!")
    bob_page.get_by_role("button", name="Post", exact=True).click()
    expect(bob_page.locator("#post-2")).to_contain_text("miracle knee cream")
    assert_accessible(bob_page)

    # Alice reports Bob's reply.
    page.goto(f"{site}{thread.get_absolute_url()}")
    expect(page.locator("#post-2")).to_contain_text("miracle knee cream")
    page.locator("#post-2").get_by_role("link", name=re.compile("Report")).click()
    assert_accessible(page)
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("A moderator will look at it")).to_be_visible()
    report = Report.objects.get()

    # The moderator acts on it from the queue.
    mod_page = signed_in_page(contexts, site, moderator)
    mod_page.goto(f"{site}/community/moderation/")
    assert_accessible(mod_page)
    mod_page.get_by_role("link", name=re.compile("Stairs after a long walk #2")).click()
    assert_accessible(mod_page)
    mod_page.get_by_label("Hide the post").check()
    mod_page.get_by_label("Message to the person who reported it").fill(
        "Thanks: we removed the advert."
    )
    mod_page.get_by_role("button", name="Save decision").click()
    expect(mod_page.get_by_text("Decision saved")).to_be_visible()
    report.refresh_from_db()
    assert report.status == "actioned"
    assert Post.objects.get(thread=thread, number=2).status == "hidden"
    assert [m.to for m in mail.outbox if "report" in m.subject] == [["alice@example.org"]]

    # Readers now see a placeholder; the moderation log has the action.
    page.goto(f"{site}{thread.get_absolute_url()}")
    expect(page.locator("#post-2")).to_contain_text("hidden by a moderator")
    expect(page.locator("#post-2")).not_to_contain_text("miracle")
    mod_page.goto(f"{site}/community/moderation/log/")
    expect(mod_page.get_by_role("cell", name="Hid a post")).to_be_visible()
    assert_accessible(mod_page)
    page.goto(f"{site}/community/reports/")
    expect(page.get_by_text("we removed the advert")).to_be_visible()


def test_an_expert_answers_and_the_asker_marks_it(contexts, site, assert_accessible):
    Topic.objects.create(name="Joints and bones", slug="joints-and-bones")
    asker = confirmed(make_established(email="asker@example.org", display_name="Asker"))
    expert = confirmed(make_expert(email="expert@example.org", display_name="Expert"))

    page = signed_in_page(contexts, site, asker)
    page.goto(f"{site}/community/answers/")
    assert_accessible(page)
    page.get_by_role("link", name="Ask a question").click()
    assert_accessible(page)
    page.get_by_label("Topic").select_option(label="Joints and bones")
    page.get_by_label("Your question").fill("Ice or heat for a sore knee?")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ice or heat for a sore knee?")
    question = Question.objects.get()

    expert_page = signed_in_page(contexts, site, expert)
    expert_page.goto(f"{site}{question.get_absolute_url()}")
    assert_accessible(expert_page)
    expert_page.get_by_label("Your answer").fill("A cold pack for 15 minutes often helps.")
    expert_page.get_by_role("button", name="Publish answer").click()
    expect(expert_page.get_by_text("Your answer is published")).to_be_visible()
    expect(expert_page.get_by_text("Verified expert").first).to_be_visible()
    expect(expert_page.get_by_text("general information").first).to_be_visible()

    page.goto(f"{site}{question.get_absolute_url()}")
    page.get_by_role("button", name=re.compile("Mark as most helpful")).click()
    expect(page.get_by_text("Most helpful answer", exact=True)).to_be_visible()
    assert_accessible(page)
    question.refresh_from_db()
    assert question.most_helpful_id == question.answers.get().pk
    page.goto(f"{site}{question.topic.get_absolute_url()}")
    expect(page.get_by_role("link", name="Ice or heat for a sore knee?")).to_be_visible()
    assert_accessible(page)


def test_every_community_page_type_passes_axe(contexts, site, assert_accessible):
    group = make_group(name="Knee Pain", slug="knee-pain")
    private = make_group(name="Carers", slug="carers", private=True)
    member = confirmed(make_established(email="member@example.org", display_name="Member"))
    staff = confirmed(make_established(email="staff@example.org", display_name="Staff"))
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    expert = confirmed(make_expert(email="e@example.org", display_name="Expert"))
    join(member, group)
    join(staff, group, moderator=True)
    thread = services.thread_create(
        group=group, author=member, title="Sleep and sore knees", body="*Any* tips?", ip="x"
    )
    services.post_edit(post=thread.posts.get(), editor=member, body="**Any** tips at all?")
    for n in range(25):
        Post.objects.create(
            thread=thread, number=n + 2, author=staff, body=f"Tip {n}", body_html=f"<p>Tip {n}</p>"
        )
    Thread.objects.filter(pk=thread.pk).update(last_number=26)
    crisis = services.post_reply(
        thread=thread, author=staff, body="If this is an emergency, call for help.", ip="y"
    )
    report = Report.objects.create(reporter=member, post=crisis, reason="other")
    topic = Topic.objects.create(name="Sleep", slug="sleep")
    question = services.question_ask(topic=topic, asker=member, title="How long?", body="", ip="z")
    services.answer_create(question=question, expert=expert, body="Seven to nine hours.")
    perspective = services.perspective_publish(
        expert=expert, title="Why sleep matters", summary="Rest helps", body="Text", topic=topic
    )
    follow = Follow.objects.get(user=member, thread=thread)
    token = services.unsubscribe_token_for(follow)
    first = thread.posts.get(number=1)

    anonymous = contexts()
    for path in [
        "/community/",
        group.get_absolute_url(),
        private.get_absolute_url(),
        thread.get_absolute_url(),
        thread.get_absolute_url() + "?page=2",
        "/community/answers/",
        topic.get_absolute_url(),
        question.get_absolute_url(),
        "/community/perspectives/",
        perspective.get_absolute_url(),
        "/community/experts/",
        f"/community/unsubscribe/{token}/",
        f"/community/posts/{first.pk}/history/",
    ]:
        anonymous.goto(f"{site}{path}")
        assert_accessible(anonymous)

    page = signed_in_page(contexts, site, member)
    for path in [
        thread.get_absolute_url(),
        f"{thread.get_absolute_url()}reply/?quote={crisis.pk}",
        f"/community/{group.slug}/new/",
        f"/community/posts/{first.pk}/edit/",
        f"/community/posts/{first.pk}/delete/",
        f"/community/posts/{crisis.pk}/report/",
        "/community/reports/",
        "/community/follows/",
        "/community/groups/new/",
        "/community/answers/ask/",
        "/community/experts/apply/",
        "/community/perspectives/new/",  # not an expert: the explanation page
        "/community/moderation/",  # not a moderator: the explanation page
    ]:
        page.goto(f"{site}{path}")
        assert_accessible(page)

    # A form with errors, and the crisis preview step before posting.
    page.goto(f"{site}/community/{group.slug}/new/")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page)
    page.get_by_label("Title").fill("A hard week")
    page.get_by_label("Your message").fill("I keep thinking about self-harm.")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("heading", name="If you or someone else is in danger")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Post it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A hard week")
    expect(page.get_by_role("heading", name="If you or someone else is in danger")).to_be_visible()

    staff_page = signed_in_page(contexts, site, staff)
    for path in [
        "/community/moderation/",
        "/community/moderation/log/",
        f"/community/moderation/reports/{report.pk}/",
        f"/community/moderation/threads/{thread.pk}/",
        f"/community/moderation/members/{member.pk}/suspend/",
        thread.get_absolute_url(),  # with moderator controls
    ]:
        staff_page.goto(f"{site}{path}")
        assert_accessible(staff_page)

    expert_page = signed_in_page(contexts, site, expert)
    expert_page.goto(f"{site}/community/perspectives/new/")
    assert_accessible(expert_page)
    assert Perspective.objects.count() == 1
