"""What the community gives site-wide features: demo content, privacy export and deletion,
home page and health center sections, template tags."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model

from community import demo, home, privacy, services
from community.health_center import health_center_section
from community.models import (
    ExpertProfile,
    Follow,
    Perspective,
    Post,
    Question,
    SupportGroup,
    Thread,
)
from search.models import SearchDocument
from tests.community.factories import join, make_established, make_expert, make_group, make_topic
from tests.factories import make_condition, make_user

pytestmark = pytest.mark.django_db
IP = "203.0.113.40"


def test_demo_content_is_complete_and_idempotent():
    demo.load(stdout=StringIO())
    counts = (
        SupportGroup.objects.count(),
        Thread.objects.count(),
        Post.objects.count(),
        Question.objects.count(),
        Perspective.objects.count(),
    )
    demo.load(stdout=StringIO())
    assert counts == (
        SupportGroup.objects.count(),
        Thread.objects.count(),
        Post.objects.count(),
        Question.objects.count(),
        Perspective.objects.count(),
    )
    assert SupportGroup.objects.count() >= 5
    assert SupportGroup.objects.filter(name="Knee Pain").exists()
    assert Thread.objects.filter(reply_count__gt=0).count() >= 3
    assert ExpertProfile.objects.filter(status="verified").count() >= 3
    assert Question.objects.answered().count() >= 3
    assert Perspective.objects.published().count() >= 2
    demo_users = get_user_model().objects.filter(email__startswith="demo-")
    assert demo_users.exists()
    for user in demo_users:
        assert user.email.endswith("@example.org")
        assert not user.has_usable_password()
    # Private demo content stays out of search.
    private = SupportGroup.objects.get(visibility="private")
    titles = set(SearchDocument.objects.values_list("title", flat=True))
    assert not titles & set(private.threads.values_list("title", flat=True))
    assert "Knee Pain" in titles


def test_demo_people_are_realistic_samples_and_perspectives_have_substance():
    demo.load(stdout=StringIO())
    for user in get_user_model().objects.filter(email__startswith="demo-"):
        assert "(demo)" not in user.display_name
    for profile in ExpertProfile.objects.all():
        assert "sample expert profile" in profile.credentials
        assert "Example" not in profile.organisation
        assert "not a real person" in profile.bio
    for perspective in Perspective.objects.all():
        assert len(perspective.body.split()) >= 150, perspective.slug
        assert perspective.body_html.count("<p>") >= 3


def test_demo_load_relabels_members_and_experts_an_earlier_load_made():
    user = make_expert(email="demo-dr-okafor@example.org", display_name="Dr Okafor (demo)")
    demo.load(stdout=StringIO())
    user.refresh_from_db()
    assert user.display_name == "Dr. Amara Okafor"
    assert user.expert_profile.organisation == "Sample profile for the Healthsite demo"
    assert user.expert_profile.name == "Amara Okafor"


def test_export_contains_what_the_member_wrote():
    author = make_established()
    group = make_group()
    join(author, group)
    thread = services.thread_create(group=group, author=author, title="Mine", body="v1", ip=IP)
    services.post_edit(post=thread.posts.get(), editor=author, body="v2")
    services.follow_set(user=author, group=group, frequency="daily")
    data = privacy.export_user_data(author)
    post = next(p for p in data["posts"] if p["thread"] == "Mine")
    assert post["text"] == "v2" and post["earlier_versions"] == ["v1"]
    assert {"group": group.name, "thread": None, "frequency": "daily"} in data["follows"]
    assert any(m["group"] == group.name for m in data["memberships"])


def test_delete_removes_text_and_keeps_discussions_readable(django_capture_on_commit_callbacks):
    author = make_established(email="leaving@example.org")
    other = make_established()
    group = make_group()
    join(author, group)
    join(other, group)
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.thread_create(
            group=group, author=author, title="Leaving soon", body="My story", ip=IP
        )
        services.post_reply(thread=thread, author=other, body="Thanks for sharing", ip=IP)
        question = services.question_ask(
            topic=make_topic(), asker=author, title="Asked before leaving", body="", ip=IP
        )
        services.answer_create(question=question, expert=make_expert(), body="Answer")
    assert SearchDocument.objects.filter(title="Asked before leaving").exists()
    with django_capture_on_commit_callbacks(execute=True):
        privacy.delete_user_data(author)
    first = thread.posts.get(number=1)
    assert first.body == "" and first.author is None and first.status == "deleted"
    assert thread.posts.get(number=2).body == "Thanks for sharing"
    assert not Question.objects.filter(pk=question.pk).exists()
    assert not SearchDocument.objects.filter(title="Asked before leaving").exists()
    assert not Follow.objects.filter(user=author).exists()
    assert not author.community_memberships.exists()
    assert "My story" not in str(privacy.export_user_data(author))


def test_home_section_shows_perspectives_and_answers(client):
    assert home.home_section(None) is None
    demo.load(stdout=StringIO())
    section = home.home_section(None)
    assert section is not None
    assert section["template"] == "community/_home.html"
    html = client.get("/").content.decode()
    assert "Second Opinion" in html
    perspective = Perspective.objects.first()
    assert perspective is not None
    assert perspective.get_absolute_url() in html


def test_health_center_section_uses_its_conditions_and_direct_links(client):
    from tests.articles.factories import make_health_center

    condition = make_condition(name="Knee pain")
    center = make_health_center()
    center.conditions.add(condition)
    by_condition = make_group(name="Knee group")
    by_condition.conditions.add(condition)
    linked = make_group(name="Linked group")
    linked.health_centers.add(center)
    private = make_group(name="Private knees", private=True)
    private.conditions.add(condition)
    private.health_centers.add(center)
    expert = make_expert()
    topic = make_topic()
    topic.conditions.add(condition)
    via_topic = services.perspective_publish(
        expert=expert, title="Move more", summary="s", body="b", topic=topic
    )
    direct = services.perspective_publish(expert=expert, title="Direct", summary="s", body="b")
    direct.health_centers.add(center)
    section = health_center_section(None, center)
    assert section is not None
    assert {g.name for g in section["context"]["groups"]} == {"Knee group", "Linked group"}
    assert set(section["context"]["perspectives"]) == {via_topic, direct}
    assert health_center_section(None, make_health_center()) is None
    html = client.get(center.get_absolute_url()).content.decode()
    assert "Linked group" in html and "Move more" in html and "Private knees" not in html


def test_condition_page_shows_groups_answers_and_perspectives(client):
    condition = make_condition(name="Runner's knee")
    group = make_group(name="Runners")
    group.conditions.add(condition)
    topic = make_topic()
    topic.conditions.add(condition)
    asker = make_established()
    question = services.question_ask(topic=topic, asker=asker, title="Run again?", body="", ip=IP)
    services.answer_create(question=question, expert=make_expert(), body="Often, yes.")
    html = client.get(condition.get_absolute_url()).content.decode()
    assert "Runners" in html and "Run again?" in html


def test_quoting_a_post_from_the_reply_page(client):
    author = make_established(display_name="Quoted")
    replier = make_established()
    group = make_group()
    join(author, group)
    join(replier, group)
    thread = services.thread_create(group=group, author=author, title="Q", body="Original", ip=IP)
    first = thread.posts.get()
    client.force_login(replier)
    url = f"{thread.get_absolute_url()}reply/"
    assert "Original" in client.get(f"{url}?quote={first.pk}").content.decode()
    client.post(url, {"body": "I agree", "quote": first.pk, "action": "post"})
    reply = thread.posts.get(number=2)
    assert reply.quote_of == first
    assert "<blockquote>" in reply.body_html and "Quoted" in reply.body_html


def test_editing_from_the_page_keeps_history_visible(client):
    author = make_established()
    group = make_group()
    join(author, group)
    thread = services.thread_create(group=group, author=author, title="E", body="Before", ip=IP)
    post = thread.posts.get()
    client.force_login(author)
    client.post(f"/community/posts/{post.pk}/edit/", {"body": "After"})
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "After" in html and "edited" in html
    history = client.get(f"/community/posts/{post.pk}/history/").content.decode()
    assert "Before" in history and "After" in history


def test_lock_and_move_from_the_moderation_page(client):
    staff = make_user(is_staff=True)
    author = make_established()
    group = make_group()
    other = make_group(name="Other place")
    join(author, group)
    thread = services.thread_create(group=group, author=author, title="Heated", body="x", ip=IP)
    client.force_login(staff)
    url = f"/community/moderation/threads/{thread.pk}/"
    client.post(url, {"action": "lock", "reason": "Cooling off"})
    thread.refresh_from_db()
    assert thread.is_locked
    client.post(url, {"action": "move", "group": other.pk, "reason": "Better fit"})
    thread.refresh_from_db()
    assert thread.group == other
    log = client.get("/community/moderation/log/").content.decode()
    assert "Locked a thread" in log and "Moved a thread" in log and "Cooling off" in log


def test_suspend_from_the_moderation_page(client):
    staff = make_user(is_staff=True)
    member = make_user()
    client.force_login(staff)
    response = client.post(
        f"/community/moderation/members/{member.pk}/suspend/", {"days": "0", "reason": "x"}
    )
    assert response.status_code == 200  # the form shows the error
    assert "There is a problem" in response.content.decode()
    client.post(f"/community/moderation/members/{member.pk}/suspend/", {"days": 7, "reason": "x"})
    assert member.community_suspensions.exists()


def test_expert_application_and_verification(client):
    applicant = make_user()
    staff = make_user(is_staff=True)
    client.force_login(applicant)
    client.post(
        "/community/experts/apply/",
        {"name": "Dr A", "credentials": "MD", "specialty": "Knees", "organisation": "Clinic"},
    )
    profile = ExpertProfile.objects.get(user=applicant)
    assert profile.status == "pending"
    assert "Dr A" not in client.get("/community/experts/").content.decode()
    client.force_login(staff)
    client.post(f"/community/moderation/expert/{profile.pk}/", {"approve": "1"})
    profile.refresh_from_db()
    assert profile.status == "verified"
    assert "Dr A" in client.get("/community/experts/").content.decode()
