"""Every community URL for every kind of visitor: anonymous, a member, a signed-in
non-member of the private group, the author, a group moderator and staff."""

import pytest
from django.urls import reverse

from community import services
from community.models import Answer, Follow, Perspective, Question, Report
from tests.community.factories import join, make_expert, make_group, make_thread, make_topic
from tests.factories import make_user

pytestmark = pytest.mark.django_db

NOTICE = "Not medical advice"
ROLES = ["anonymous", "member", "outsider", "author", "moderator", "staff"]
LOGIN = "login"  # a redirect to the login page


@pytest.fixture
def world():
    author = make_user(display_name="Author")
    member = make_user(display_name="Member")
    outsider = make_user(display_name="Outsider")
    moderator = make_user(display_name="Moderator")
    staff = make_user(display_name="Staff", is_staff=True)
    open_group = make_group(name="Open")
    closed = make_group(name="Closed", private=True)
    for user in (author, member):
        join(user, open_group)
        join(user, closed)
    join(moderator, closed, moderator=True)
    public_thread = make_thread(group=open_group, author=author, title="Open talk")
    private_thread = make_thread(
        group=closed,
        author=author,
        title="Secret talk",
        body="Private words",
        replies=1,
        reply_author=member,
    )
    first = private_thread.posts.get(number=1)
    report = Report.objects.create(reporter=member, post=first, reason="abuse")
    expert = make_expert()
    topic = make_topic()
    question = Question.objects.create(
        topic=topic, asker=author, title="A question", slug="a-question", is_answered=True
    )
    Answer.objects.create(question=question, expert=expert, body="An answer", body_html="<p>x</p>")
    perspective = Perspective.objects.create(
        expert=expert, title="A view", slug="a-view", summary="S", body="B", body_html="<p>B</p>"
    )
    follow = Follow.objects.create(user=member, thread=public_thread)
    return {
        "users": {
            "anonymous": None,
            "member": member,
            "outsider": outsider,
            "author": author,
            "moderator": moderator,
            "staff": staff,
        },
        "open": open_group,
        "closed": closed,
        "public_thread": public_thread,
        "private_thread": private_thread,
        "first": first,
        "report": report,
        "topic": topic,
        "question": question,
        "perspective": perspective,
        "token": services.unsubscribe_token_for(follow),
    }


def _urls(w):
    pt, first = w["private_thread"], w["first"]
    return {
        "index": reverse("community:index"),
        "feed": reverse("community:feed"),
        "open_group": w["open"].get_absolute_url(),
        "closed_group": w["closed"].get_absolute_url(),
        "public_thread": w["public_thread"].get_absolute_url(),
        "private_thread": pt.get_absolute_url(),
        "private_reply": reverse("community:thread_reply", args=[w["closed"].slug, pt.pk, pt.slug]),
        "private_new_thread": reverse("community:thread_create", args=[w["closed"].slug]),
        "post_link": reverse("community:post_link", args=[first.pk]),
        "post_edit": reverse("community:post_edit", args=[first.pk]),
        "post_history": reverse("community:post_history", args=[first.pk]),
        "post_delete": reverse("community:post_delete", args=[first.pk]),
        "post_report": reverse("community:post_report", args=[first.pk]),
        "my_reports": reverse("community:my_reports"),
        "follows": reverse("community:follows"),
        "unsubscribe": reverse("community:unsubscribe", args=[w["token"]]),
        "group_propose": reverse("community:group_propose"),
        "moderation_queue": reverse("community:moderation_queue"),
        "moderation_log": reverse("community:moderation_log"),
        "moderation_report": reverse("community:moderation_report", args=[w["report"].pk]),
        "moderation_thread": reverse("community:moderation_thread", args=[pt.pk]),
        "suspend": reverse("community:suspend", args=[w["users"]["author"].pk]),
        "experts": reverse("community:experts"),
        "expert_apply": reverse("community:expert_apply"),
        "answers": reverse("community:answers_index"),
        "topic": w["topic"].get_absolute_url(),
        "question": w["question"].get_absolute_url(),
        "ask": reverse("community:question_ask"),
        "perspectives": reverse("community:perspectives"),
        "perspective": w["perspective"].get_absolute_url(),
        "perspective_new": reverse("community:perspective_create"),
    }


# Per role: the expected status code, or LOGIN.
Expected = dict[str, int | str]
OK: Expected = dict.fromkeys(ROLES, 200)
SIGNED_IN: Expected = {**OK, "anonymous": LOGIN}
PRIVATE: Expected = {**OK, "anonymous": 404, "outsider": 404}
MODERATORS: Expected = {
    "anonymous": LOGIN,
    "member": 403,
    "outsider": 403,
    "author": 403,
    "moderator": 200,
    "staff": 200,
}
EXPECTED: dict[str, Expected] = {
    "index": OK,
    "feed": OK,
    "open_group": OK,
    "closed_group": OK,  # name and a "private group" notice only: see the content test
    "public_thread": OK,
    "private_thread": PRIVATE,
    "private_reply": {**PRIVATE, "anonymous": LOGIN},
    # staff may read but are not members, so they are sent back to the group page
    "private_new_thread": {**PRIVATE, "anonymous": LOGIN, "staff": 302},
    "post_link": {**PRIVATE, "member": 302, "author": 302, "moderator": 302, "staff": 302},
    "post_edit": {**PRIVATE, "anonymous": LOGIN, "member": 403},
    "post_history": PRIVATE,
    "post_delete": {
        "anonymous": LOGIN,
        "member": 403,
        "outsider": 404,
        "author": 200,
        "moderator": 403,
        "staff": 403,
    },
    "post_report": {**PRIVATE, "anonymous": LOGIN},
    "my_reports": SIGNED_IN,
    "follows": SIGNED_IN,
    "unsubscribe": OK,
    "group_propose": SIGNED_IN,
    "moderation_queue": SIGNED_IN,  # non-moderators see a notice, not the queue
    "moderation_log": SIGNED_IN,
    "moderation_report": MODERATORS,
    "moderation_thread": MODERATORS,
    "suspend": {**MODERATORS, "moderator": 403},  # site moderators (staff) only
    "experts": OK,
    "expert_apply": SIGNED_IN,
    "answers": OK,
    "topic": OK,
    "question": OK,
    "ask": SIGNED_IN,
    "perspectives": OK,
    "perspective": OK,
    "perspective_new": SIGNED_IN,  # non-experts see a notice
}


def test_every_community_url_is_in_the_matrix(world):
    from django.urls import URLPattern, get_resolver

    resolver = get_resolver()
    community = resolver.namespace_dict["community"][1]
    names = set()
    for pattern in community.url_patterns:
        assert isinstance(pattern, URLPattern), "no include() inside the community URLs"
        names.add(pattern.name)
    # POST-only actions are covered by the action tests below.
    post_only = {
        "group_join",
        "group_leave",
        "membership_decide",
        "follow",
        "moderation_post",
        "moderation_decide",
        "answer_mark_helpful",
        "answer_report",
        "thread_reply",
    }
    covered = {
        "index",
        "feed",
        "group_propose",
        "post_link",
        "post_edit",
        "post_history",
        "post_delete",
        "post_report",
        "my_reports",
        "follows",
        "unsubscribe",
        "moderation_queue",
        "moderation_log",
        "moderation_report",
        "moderation_thread",
        "suspend",
        "experts",
        "expert_apply",
        "answers_index",
        "question_ask",
        "topic_detail",
        "question_detail",
        "perspectives",
        "perspective_create",
        "perspective_detail",
        "group_detail",
        "thread_create",
        "thread_detail",
    }
    assert names <= covered | post_only


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_permission_matrix(client, world, role, key):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    url = _urls(world)[key]
    response = client.get(url)
    expected = EXPECTED[key][role]
    if expected == LOGIN:
        assert response.status_code == 302, (key, role, response.status_code)
        assert "/accounts/login/" in response["Location"]
        return
    assert response.status_code == expected, (key, role, response.status_code)
    if expected == 200 and response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        assert NOTICE in html, f"{key} lacks the not-medical-advice notice"
        assert html.count("<h1") == 1
        for u in world["users"].values():
            if u is not None:
                assert u.email not in html, f"{key} shows an email address"


@pytest.mark.parametrize("role", ["anonymous", "outsider"])
def test_private_group_page_shows_no_content_to_non_members(client, world, role):
    if world["users"][role]:
        client.force_login(world["users"][role])
    html = client.get(world["closed"].get_absolute_url()).content.decode()
    assert "Secret talk" not in html
    assert "private group" in html.lower()


def test_moderation_queue_shows_reports_only_to_moderators(client, world):
    client.force_login(world["users"]["member"])
    html = client.get(reverse("community:moderation_queue")).content.decode()
    assert "Secret talk" not in html
    client.force_login(world["users"]["moderator"])
    html = client.get(reverse("community:moderation_queue")).content.decode()
    assert "Secret talk" in html


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("member", False),
        ("author", False),
        ("outsider", False),
        ("moderator", True),
        ("staff", True),
    ],
)
def test_only_moderators_can_hide_a_post(client, world, role, allowed):
    client.force_login(world["users"][role])
    first = world["first"]
    response = client.post(reverse("community:moderation_post", args=[first.pk, "hide"]))
    first.refresh_from_db()
    assert (first.status == "hidden") is allowed
    assert response.status_code == (302 if allowed else 403)


def test_join_requests_to_a_private_group_need_a_group_moderator(client, world):
    newcomer = make_user()
    client.force_login(newcomer)
    client.post(reverse("community:group_join", args=[world["closed"].slug]))
    membership = world["closed"].memberships.get(user=newcomer)
    assert membership.status == "pending"
    assert client.get(world["private_thread"].get_absolute_url()).status_code == 404
    url = reverse("community:membership_decide", args=[world["closed"].slug, membership.pk])
    client.force_login(world["users"]["member"])
    assert client.post(url, {"approve": "1"}).status_code == 403
    client.force_login(world["users"]["moderator"])
    client.post(url, {"approve": "1"})
    membership.refresh_from_db()
    assert membership.status == "active"
    client.force_login(newcomer)
    assert client.get(world["private_thread"].get_absolute_url()).status_code == 200


def test_join_and_leave_a_public_group(client, world):
    reader = make_user()
    client.force_login(reader)
    client.post(reverse("community:group_join", args=[world["open"].slug]))
    assert world["open"].memberships.filter(user=reader, status="active").exists()
    client.post(reverse("community:group_leave", args=[world["open"].slug]))
    assert not world["open"].memberships.filter(user=reader).exists()


def test_only_staff_decide_proposed_groups_and_experts(client, world):
    group = services.group_create(
        name="Proposed", description="d", visibility="public", created_by=world["users"]["member"]
    )
    assert group.status == "proposed"
    url = reverse("community:moderation_decide", args=["group", group.pk])
    client.force_login(world["users"]["moderator"])
    assert client.post(url, {"approve": "1"}).status_code == 403
    client.force_login(world["users"]["staff"])
    client.post(url, {"approve": "1"})
    group.refresh_from_db()
    assert group.status == "approved"
    assert not group.is_official


def test_a_proposed_group_is_hidden_from_others_until_approved(client, world):
    group = services.group_create(
        name="Waiting", description="d", visibility="public", created_by=world["users"]["member"]
    )
    client.force_login(world["users"]["outsider"])
    assert client.get(group.get_absolute_url()).status_code == 404
    client.force_login(world["users"]["member"])
    assert client.get(group.get_absolute_url()).status_code == 200


def test_staff_create_official_groups_at_once(world):
    group = services.group_create(
        name="Official", description="d", visibility="public", created_by=world["users"]["staff"]
    )
    assert group.status == "approved" and group.is_official


def test_only_the_asker_marks_the_most_helpful_answer(client, world):
    answer = world["question"].answers.get()
    url = reverse("community:answer_mark_helpful", args=[answer.pk])
    client.force_login(world["users"]["member"])
    assert client.post(url).status_code == 403
    client.force_login(world["users"]["author"])
    client.post(url)
    world["question"].refresh_from_db()
    assert world["question"].most_helpful_id == answer.pk


def test_only_verified_experts_answer(client, world):
    client.force_login(world["users"]["member"])
    response = client.post(world["question"].get_absolute_url(), {"body": "My answer"})
    assert response.status_code == 403
    assert world["question"].answers.count() == 1


def test_groups_cannot_take_the_address_of_a_community_page():
    from django.core.exceptions import ValidationError

    from community.models import SupportGroup

    group = SupportGroup(name="Answers", slug="answers")
    with pytest.raises(ValidationError):
        group.full_clean()
    staff = make_user(is_staff=True)
    created = services.group_create(
        name="Moderation", description="d", visibility="public", created_by=staff
    )
    assert created.slug != "moderation"


def test_index_counts_each_groups_discussions_once(client, world):
    for _ in range(3):
        join(make_user(), world["open"])
    client.force_login(world["users"]["member"])
    html = client.get(reverse("community:index")).content.decode()
    open_card = html.split(">Open</a>", 1)[1].split("</li>", 1)[0]
    assert "1 discussion" in open_card
    closed_card = html.split(">Closed</a>", 1)[1].split("</li>", 1)[0]
    assert "1 discussion" in closed_card
    client.force_login(world["users"]["outsider"])
    assert ">Closed</a>" not in client.get(reverse("community:index")).content.decode()
