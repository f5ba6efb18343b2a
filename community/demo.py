"""Demo community content, written by us for a first run: sample members, expert profiles,
groups, discussions, expert answers and perspectives, from `community/demo_content.toml`.

Every person is fictional and labelled as a sample (see the file's header). Idempotent: a
second run adds nothing. Demo members have example.org addresses and passwords that cannot
be used; their names and expert labels are brought up to date on each run.
"""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Condition, HealthCenter
from community import search as community_search
from community.models import (
    Answer,
    ExpertProfile,
    Membership,
    Perspective,
    Post,
    Question,
    SupportGroup,
    Thread,
    Topic,
)
from community.safety import mentions_crisis
from healthsite.text import render_user

CONTENT = Path(__file__).resolve().parent / "demo_content.toml"
EXPERT_FIELDS = ("name", "credentials", "specialty", "organisation", "bio")


def read_content(path: Path = CONTENT) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _user(key: str, display_name: str):
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        email=f"demo-{key}@example.org",
        defaults={"display_name": display_name, "email_confirmed_at": timezone.now()},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    elif user.display_name != display_name:  # earlier demo loads named them "... (demo)"
        user.display_name = display_name
        user.save(update_fields=["display_name"])
    return user


@transaction.atomic
def load(*, stdout) -> None:
    content = read_content()
    members = {key: _user(key, name) for key, name in content["members"].items()}
    experts = {}
    for key, data in content["experts"].items():
        user = _user(key, data["display_name"])
        profile, created = ExpertProfile.objects.get_or_create(
            user=user,
            defaults={
                **{field: data[field] for field in EXPERT_FIELDS},
                "status": ExpertProfile.Status.VERIFIED,
                "verified_at": timezone.now(),
            },
        )
        # The sample label must stay on the profile, also one an earlier demo load made.
        changed = [f for f in EXPERT_FIELDS if getattr(profile, f) != data[f]]
        if not created and changed:
            for field in changed:
                setattr(profile, field, data[field])
            profile.save(update_fields=changed)
        experts[key] = user
    everyone = {**members, **experts}

    groups = {}
    for spec in content["groups"]:
        group, _created = SupportGroup.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "is_official": spec["official"],
                "visibility": SupportGroup.Visibility.PRIVATE
                if spec.get("private")
                else SupportGroup.Visibility.PUBLIC,
            },
        )
        # add() links what exists now (articles' demo runs first) and adds nothing twice.
        group.conditions.add(*Condition.objects.filter(slug__in=spec["conditions"]))
        group.health_centers.add(*HealthCenter.objects.filter(slug__in=spec.get("centers", [])))
        groups[spec["slug"]] = group
        for user in members.values():
            Membership.objects.get_or_create(group=group, user=user)
        if spec.get("moderator"):
            Membership.objects.filter(group=group, user=members[spec["moderator"]]).update(
                role=Membership.Role.MODERATOR
            )

    base = timezone.now() - timedelta(days=10)
    new_threads = 0
    for index, spec in enumerate(content["threads"]):
        group, title, author = groups[spec["group"]], spec["title"], spec["author"]
        started = base + timedelta(days=index)
        thread, created = Thread.objects.get_or_create(
            group=group,
            slug=slugify(title),
            defaults={
                "title": title,
                "author": everyone[author],
                "created_at": started,
                "last_post_at": started,
            },
        )
        if not created:
            continue
        new_threads += 1
        texts = [(author, spec["body"]), *(tuple(reply) for reply in spec["replies"])]
        for number, (who, text) in enumerate(texts, start=1):
            Post.objects.create(
                thread=thread,
                number=number,
                author=everyone[who],
                body=text,
                body_html=render_user(text),
                mentions_crisis=mentions_crisis(text),
                created_at=started + timedelta(hours=number),
            )
        Thread.objects.filter(pk=thread.pk).update(
            last_number=len(texts),
            reply_count=len(texts) - 1,
            last_post_at=started + timedelta(hours=len(texts)),
        )

    topics = {}
    for spec in content["topics"]:
        topic, _created = Topic.objects.get_or_create(
            slug=spec["slug"], defaults={"name": spec["name"]}
        )
        topic.conditions.add(*Condition.objects.filter(slug__in=spec["conditions"]))
        topics[spec["slug"]] = topic

    new_questions = 0
    for spec in content["questions"]:
        question, created = Question.objects.get_or_create(
            topic=topics[spec["topic"]],
            slug=slugify(spec["title"]),
            defaults={
                "title": spec["title"],
                "asker": everyone[spec["asker"]],
                "body": spec["body"],
                "body_html": render_user(spec["body"]),
                "is_answered": True,
            },
        )
        if not created:
            continue
        new_questions += 1
        answer_text = spec["answer"].strip()
        answer = Answer.objects.create(
            question=question,
            expert=experts[spec["expert"]],
            body=answer_text,
            body_html=render_user(answer_text),
        )
        Question.objects.filter(pk=question.pk).update(most_helpful=answer)

    for spec in content["perspectives"]:
        body = spec["body"].strip()
        perspective, _created = Perspective.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "expert": experts[spec["expert"]],
                "title": spec["title"],
                "summary": spec["summary"],
                "body": body,
                "body_html": render_user(body),
                "topic": topics[spec["topic"]],
            },
        )
        perspective.health_centers.add(*HealthCenter.objects.filter(slug__in=spec["centers"]))
        community_search.sync_perspective(perspective.pk)

    for group in groups.values():
        community_search.sync_group(group, with_threads=True)
    for question in Question.objects.answered():
        community_search.sync_question(question.pk)
    stdout.write(
        f"community: {len(groups)} groups, {new_threads} new threads, "
        f"{new_questions} new answered questions"
    )
