"""A small site where member A owns one of everything, for the access matrix and the fuzz
pass (issue 16, item 3): who may see what, and what every URL does with hostile input.

`build_world()` makes the users and objects; `url_kwargs(world)` gives, for every URL name
that takes arguments, the arguments naming A's objects. A new URL with arguments and no
entry here fails `tests/site/test_access_matrix.py` with its name.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from articles.models import Article
from community import services as community_services
from community.models import Answer, Follow, Membership, Perspective, Question, Report
from drugs.models import DrugClass
from mymedicine import services as mymedicine_services
from mymedicine import tokens as mymedicine_tokens
from newsletter.models import Edition
from tests.articles.factories import make_article, make_health_center
from tests.community.factories import (
    join,
    make_established,
    make_expert,
    make_group,
    make_thread,
    make_topic,
)
from tests.drugs.factories import make_drug, make_review
from tests.factories import make_condition, make_user

ADMIN_NAMESPACE = "admin"
ROLES = ("anonymous", "other", "owner", "moderator", "staff")

# Text only A, and for A's posts in a private group its moderators and staff, may see.
PRIVATE_MARKERS = {
    "mymedicine": ("Zq7 private profile", "Zq7 private dose note", "Zq7 private prescriber"),
    "community": ("Zq7 private thread", "Zq7 private post body"),
}


@dataclass
class World:
    users: dict[str, Any]
    objects: dict[str, Any] = field(default_factory=dict)


def build_world(*, with_clients: bool = True) -> World:
    owner = make_established(display_name="Owner A")
    other = make_established(display_name="Other B")
    moderator = make_user(display_name="Moderator M")
    staff = make_user(display_name="Staff S", is_staff=True, is_superuser=True)
    users = {"anonymous": None, "other": other, "owner": owner, "moderator": moderator}
    users["staff"] = staff

    drug = make_drug(name="Hostilol")
    drug_class = DrugClass.objects.create(
        name="Hostile blockers [EPC]", label="Hostile blockers", slug="hostile-blockers", kind="epc"
    )
    drug_class.ingredients.add(*drug.ingredients.all())
    review = make_review(drug=drug, author=owner)
    condition = make_condition(name="Hostile knee", kind="consumer")
    center = make_health_center(slug="hostile-center")
    article = make_article(slug="hostile-article", pages=2, status=Article.Status.PUBLISHED)
    article.tags.add("hostile-tag")
    edition = Edition.objects.create(
        subject="Hostile news",
        slug="hostile-news",
        body="News",
        status=Edition.Status.SENT,
        sent_at=timezone.now(),
    )

    profile = mymedicine_services.profile_create(owner=owner, name=PRIVATE_MARKERS["mymedicine"][0])
    medicine = mymedicine_services.saved_medicine_add(
        profile=profile,
        drug=drug,
        dose_note=PRIVATE_MARKERS["mymedicine"][1],
        prescriber=PRIVATE_MARKERS["mymedicine"][2],
    )

    open_group = make_group(name="Open hostile")
    closed = make_group(name="Closed hostile", private=True)
    join(owner, open_group)
    join(owner, closed)
    join(other, open_group)
    join(moderator, open_group, moderator=True)
    join(moderator, closed, moderator=True)
    thread = make_thread(
        group=closed,
        author=owner,
        title=PRIVATE_MARKERS["community"][0],
        body=PRIVATE_MARKERS["community"][1],
        replies=1,
    )
    post = thread.posts.get(number=1)
    public_thread = make_thread(group=open_group, author=other, title="Open hostile talk")
    report = Report.objects.create(reporter=owner, post=public_thread.posts.get(), reason="abuse")
    follow = Follow.objects.create(user=owner, thread=public_thread)
    newcomer = make_user(display_name="Newcomer")
    request = Membership.objects.create(
        group=open_group, user=newcomer, status=Membership.Status.PENDING
    )
    proposed = community_services.group_create(
        name="Proposed hostile", description="d", visibility="public", created_by=owner
    )
    expert = make_expert(display_name="Expert E")
    topic = make_topic(name="Hostile topic")
    question = Question.objects.create(
        topic=topic, asker=owner, title="A hostile question", slug="a-hostile-question"
    )
    answer = Answer.objects.create(
        question=question, expert=expert, body="An answer", body_html="<p>An answer</p>"
    )
    perspective = Perspective.objects.create(
        expert=expert, title="A view", slug="a-view", summary="S", body="B", body_html="<p>B</p>"
    )
    world = World(
        users=users,
        objects={
            "drug": drug,
            "drug_class": drug_class,
            "review": review,
            "condition": condition,
            "center": center,
            "article": article,
            "edition": edition,
            "profile": profile,
            "medicine": medicine,
            "open_group": open_group,
            "closed_group": closed,
            "thread": thread,
            "post": post,
            "public_thread": public_thread,
            "report": report,
            "follow": follow,
            "membership_request": request,
            "proposed_group": proposed,
            "topic": topic,
            "question": question,
            "answer": answer,
            "perspective": perspective,
            "follow_token": community_services.unsubscribe_token_for(follow),
            "recall_token": mymedicine_tokens.make_token(
                profile.pk, salt=mymedicine_tokens.RECALL_UNSUBSCRIBE
            ),
        },
    )
    if with_clients:
        for role, user in users.items():
            client = Client(raise_request_exception=False)
            if user is not None:
                client.force_login(user)
            world.objects[f"client:{role}"] = client
    return world


def url_kwargs(world: World) -> dict[str, dict[str, Any]]:
    """Arguments for every URL name that takes some, naming A's objects."""
    o = world.objects
    drug, review, thread, post = o["drug"], o["review"], o["thread"], o["post"]
    profile, closed = o["profile"], o["closed_group"]
    question = o["question"]
    return {
        "accounts:confirm": {"token": "not-a-real-token"},
        "accounts:password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "accounts:email_change_confirm": {"token": "not-a-real-token"},
        "articles:health_center_detail": {"slug": o["center"].slug},
        "articles:article_detail": {"slug": o["article"].slug},
        "articles:article_page": {"slug": o["article"].slug, "page": "2"},
        "articles:condition_detail": {"slug": o["condition"].slug},
        "articles:tag_detail": {"slug": "hostile-tag"},
        "drugs:detail": {"slug": drug.slug},
        "drugs:class": {"slug": o["drug_class"].slug},
        "drugs:supplement_product": {"dsld_id": 1},
        "drugs:supplement_products": {"slug": drug.slug},
        "drugs:reviews": {"slug": drug.slug},
        "drugs:review_write": {"slug": drug.slug},
        "drugs:helpful": {"slug": drug.slug, "pk": review.pk},
        "drugs:report": {"slug": drug.slug, "pk": review.pk},
        "drugs:hide": {"slug": drug.slug, "pk": review.pk},
        "newsletter:confirm": {"token": "not-a-real-token"},
        "newsletter:unsubscribe": {"token": "not-a-real-token"},
        "newsletter:edition": {"slug": o["edition"].slug},
        "mymedicine:profile": {"pk": profile.pk},
        "mymedicine:profile_edit": {"pk": profile.pk},
        "mymedicine:profile_delete": {"pk": profile.pk},
        "mymedicine:profile_print": {"pk": profile.pk},
        "mymedicine:profile_alerts": {"pk": profile.pk},
        "mymedicine:medicine_remove": {"pk": profile.pk, "medicine_pk": o["medicine"].pk},
        "mymedicine:save": {"slug": drug.slug},
        "mymedicine:recall_unsubscribe": {"token": o["recall_token"]},
        "community:post_link": {"post_id": post.pk},
        "community:post_edit": {"post_id": post.pk},
        "community:post_history": {"post_id": post.pk},
        "community:post_delete": {"post_id": post.pk},
        "community:post_report": {"post_id": post.pk},
        "community:unsubscribe": {"token": o["follow_token"]},
        "community:moderation_report": {"report_id": o["report"].pk},
        "community:moderation_post": {"post_id": post.pk, "action": "hide"},
        "community:moderation_thread": {"thread_id": thread.pk},
        "community:suspend": {"user_id": world.users["other"].pk},
        "community:moderation_decide": {"kind": "group", "pk": o["proposed_group"].pk},
        "community:answer_mark_helpful": {"answer_id": o["answer"].pk},
        "community:answer_report": {"answer_id": o["answer"].pk},
        "community:topic_detail": {"topic": o["topic"].slug},
        "community:question_detail": {
            "topic": o["topic"].slug,
            "question_id": question.pk,
            "slug": question.slug,
        },
        "community:perspective_detail": {"slug": o["perspective"].slug},
        "community:group_detail": {"group": closed.slug},
        "community:group_join": {"group": o["open_group"].slug},
        "community:group_leave": {"group": closed.slug},
        "community:membership_decide": {
            "group": o["open_group"].slug,
            "membership_id": o["membership_request"].pk,
        },
        "community:thread_create": {"group": closed.slug},
        "community:thread_detail": {
            "group": closed.slug,
            "thread_id": thread.pk,
            "slug": thread.slug,
        },
        "community:thread_reply": {
            "group": closed.slug,
            "thread_id": thread.pk,
            "slug": thread.slug,
        },
    }


def site_patterns() -> dict[str, str]:
    """Every URL of the site outside the admin: declaration key -> a route for messages.

    The key is the namespaced URL name; an unnamed pattern is keyed by its first path
    segment (only `media` has none today).
    """
    found: dict[str, str] = {}

    def walk(patterns, namespace="", prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace == ADMIN_NAMESPACE:
                    continue
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, ns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                key = (
                    namespace + entry.name if entry.name else re.sub(r"\W.*", "", route.lstrip("^"))
                )
                found[key] = route

    walk(get_resolver().url_patterns)
    return found


def url_for(key: str, w: World) -> str:
    if key == "media":
        return "/media/community/none.png"
    return reverse(key, kwargs=url_kwargs(w).get(key, {}))


def request_as(w: World, role: str, method: str, url: str, *args, client=None, **kwargs):
    """One request as `role` (arguments as the test client's); its writes, and any change
    to its session, are undone."""
    client = client or w.objects[f"client:{role}"]
    cookies = deepcopy(client.cookies)
    with transaction.atomic():
        response = getattr(client, method)(url, *args, **kwargs)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response
