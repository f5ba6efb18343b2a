"""Demo community content, written by us for a first run. Idempotent: a second run adds
nothing. Demo members have example.org addresses and passwords that cannot be used."""

from __future__ import annotations

from datetime import timedelta
from typing import NotRequired, TypedDict

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

MEMBERS = {
    "maria": "Maria (demo)",
    "tom": "Tom the walker (demo)",
    "priya": "Priya (demo)",
    "sam": "Sam (demo)",
    "lee": "Lee, carer (demo)",
}

EXPERTS = {
    "dr-okafor": {
        "display_name": "Dr Okafor (demo)",
        "name": "Dr Ada Okafor",
        "credentials": "MD, sports medicine",
        "specialty": "Knees and sports injuries",
        "organisation": "Example Teaching Hospital",
        "bio": "Helps runners and walkers get back on their feet after knee trouble.",
    },
    "nurse-jensen": {
        "display_name": "Nurse Jensen (demo)",
        "name": "Karin Jensen",
        "credentials": "RN, diabetes educator",
        "specialty": "Diabetes care",
        "organisation": "Example Community Clinic",
        "bio": "Teaches people how to live well with diabetes day to day.",
    },
    "pharmacist-ruiz": {
        "display_name": "Pharmacist Ruiz (demo)",
        "name": "Luis Ruiz",
        "credentials": "PharmD",
        "specialty": "Medicines and side effects",
        "organisation": "Example Pharmacy Network",
        "bio": "Answers questions about taking medicines safely.",
    },
}


class GroupSpec(TypedDict):
    slug: str
    name: str
    description: str
    conditions: list[str]  # condition slugs, linked when the articles' demo made them
    centers: NotRequired[list[str]]  # health center slugs
    official: bool
    private: NotRequired[bool]


GROUPS: list[GroupSpec] = [
    {
        "slug": "knee-pain",
        "name": "Knee Pain",
        "description": "For anyone living with sore, stiff or injured knees: share what helps, "
        "ask about exercises and talk about getting back to the things you enjoy.",
        "conditions": ["knee-pain", "runners-knee", "knee-osteoarthritis"],
        "centers": ["knee-pain"],
        "official": True,
    },
    {
        "slug": "living-with-diabetes",
        "name": "Living with Diabetes",
        "description": "Everyday life with type 1 or type 2 diabetes: food, checks, "
        "medicines and the ups and downs.",
        "conditions": ["type-2-diabetes", "type-1-diabetes", "diabetes"],
        "centers": ["diabetes"],
        "official": True,
    },
    {
        "slug": "migraine-and-headache",
        "name": "Migraine and Headache",
        "description": "Talk about triggers, what you do during an attack and how you "
        "plan around bad days.",
        "conditions": ["migraine"],
        "official": True,
    },
    {
        "slug": "heart-health",
        "name": "Heart Health",
        "description": "Blood pressure, cholesterol and life after a heart scare.",
        "conditions": ["high-blood-pressure", "heart-attack"],
        "centers": ["heart-health"],
        "official": False,
    },
    {
        "slug": "carers-circle",
        "name": "Carers' Circle",
        "description": "A private group for people who look after a family member or friend. "
        "Only members can read the discussions.",
        "conditions": [],
        "official": True,
        "private": True,
    },
]

THREADS = [
    (
        "knee-pain",
        "Stairs are the hardest part: what helps you?",
        "maria",
        "My knee is fine on flat ground but going down stairs really hurts. "
        "Has anyone found something that makes stairs easier?",
        [
            (
                "tom",
                "I lead with my good leg going up and my sore leg going down. "
                "*Up with the good, down with the bad*, my physio said. It helps a lot.",
            ),
            ("priya", "A handrail on both sides made a big difference at home."),
            ("maria", "Thank you both, I will try the good-leg-first trick today."),
        ],
    ),
    (
        "knee-pain",
        "Getting back to running after runner's knee",
        "sam",
        "I had to stop running for two months. How did you build back up without "
        "the pain coming back?",
        [
            (
                "tom",
                "I started with walk-run intervals: one minute running, two walking, "
                "three times a week. I added a little each week.",
            ),
            ("maria", "Strength work for my hips and thighs helped more than I expected."),
        ],
    ),
    (
        "living-with-diabetes",
        "Ideas for a quick breakfast that keeps me steady",
        "priya",
        "Mornings are rushed and I often skip breakfast, then feel shaky by eleven. "
        "What do you eat when there is no time?",
        [
            ("sam", "Plain yoghurt with a handful of nuts and some berries. Two minutes."),
            ("lee", "Overnight oats made the evening before work well for my dad."),
        ],
    ),
    (
        "migraine-and-headache",
        "Keeping a headache diary: is it worth it?",
        "lee",
        "My doctor suggested a headache diary. Did it help you find triggers?",
        [
            ("maria", "Yes. After a month I saw that my attacks followed short nights."),
        ],
    ),
    (
        "carers-circle",
        "Finding time for yourself",
        "lee",
        "Caring for my dad takes most of my week. How do you make a little time for you?",
        [
            ("priya", "A neighbour sits with my mum for an hour on Sundays. It is my walk time."),
        ],
    ),
]

TOPICS = [
    ("joints-and-bones", "Joints and bones", ["knee-pain", "runners-knee", "knee-osteoarthritis"]),
    ("diabetes", "Diabetes", ["type-2-diabetes", "type-1-diabetes", "diabetes"]),
    ("medicines", "Medicines", []),
]

QUESTIONS = [
    (
        "joints-and-bones",
        "Should I use ice or heat on a sore knee?",
        "maria",
        "My knee gets sore after a long walk. Which is better?",
        "dr-okafor",
        "For a fresh ache or swelling after activity, many people find a cold pack "
        "wrapped in a cloth for 15 to 20 minutes eases it. For stiffness that is not swollen, "
        "warmth can feel better. If the knee is hot, very swollen or you cannot put weight on "
        "it, see a doctor.",
    ),
    (
        "diabetes",
        "How often should I check my feet?",
        "priya",
        "",
        "nurse-jensen",
        "Looking at your feet every day is a good habit with diabetes: check for cuts, "
        "blisters, colour changes or sore spots, and ask your care team to check them at "
        "least once a year.",
    ),
    (
        "medicines",
        "Can I take a painkiller with my blood pressure tablets?",
        "tom",
        "I take a tablet for blood pressure every morning.",
        "pharmacist-ruiz",
        "Some painkillers, such as ibuprofen, can raise blood pressure or interact with "
        "blood pressure medicines. Ask your pharmacist which painkiller suits you, and bring "
        "the names of everything you take.",
    ),
]

PERSPECTIVES = [
    (
        "dr-okafor",
        "rest-is-not-always-best-for-knee-pain",
        "Rest is not always best for knee pain",
        "Gentle movement often helps sore knees more than complete rest.",
        "joints-and-bones",
        "Many people stop moving when a knee hurts. A few days of rest can help after an "
        "injury, but long rest makes the muscles that support the knee weaker.\n\n"
        "Gentle, regular movement, such as walking on flat ground or cycling, keeps the joint "
        "working. Build up slowly and stop if the pain gets much worse.",
        ["knee-pain"],
    ),
    (
        "pharmacist-ruiz",
        "bring-your-medicines-to-appointments",
        "Bring your medicines to your appointments",
        "A bag of your medicine boxes can prevent mix-ups.",
        "medicines",
        "People often forget a medicine when asked what they take. Bringing the boxes, "
        "including vitamins and remedies bought without a prescription, helps your doctor or "
        "pharmacist spot doubles and interactions.",
        ["heart-health", "diabetes"],
    ),
]


def _user(key: str, display_name: str):
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        email=f"demo-{key}@example.org",
        defaults={"display_name": display_name, "email_confirmed_at": timezone.now()},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load(*, stdout) -> None:
    members = {key: _user(key, name) for key, name in MEMBERS.items()}
    experts = {}
    for key, data in EXPERTS.items():
        user = _user(key, data["display_name"])
        ExpertProfile.objects.get_or_create(
            user=user,
            defaults={
                "name": data["name"],
                "credentials": data["credentials"],
                "specialty": data["specialty"],
                "organisation": data["organisation"],
                "bio": data["bio"],
                "status": ExpertProfile.Status.VERIFIED,
                "verified_at": timezone.now(),
            },
        )
        experts[key] = user
    everyone = {**members, **experts}

    groups = {}
    for spec in GROUPS:
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
    Membership.objects.filter(group=groups["knee-pain"], user=members["tom"]).update(
        role=Membership.Role.MODERATOR
    )

    base = timezone.now() - timedelta(days=10)
    new_threads = 0
    for index, (group_slug, title, author, body, replies) in enumerate(THREADS):
        group = groups[group_slug]
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
        texts = [(author, body), *replies]
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
    for slug, name, condition_slugs in TOPICS:
        topic, _created = Topic.objects.get_or_create(slug=slug, defaults={"name": name})
        topic.conditions.add(*Condition.objects.filter(slug__in=condition_slugs))
        topics[slug] = topic

    new_questions = 0
    for topic_slug, title, asker, body, expert, answer_text in QUESTIONS:
        question, created = Question.objects.get_or_create(
            topic=topics[topic_slug],
            slug=slugify(title),
            defaults={
                "title": title,
                "asker": everyone[asker],
                "body": body,
                "body_html": render_user(body),
                "is_answered": True,
            },
        )
        if not created:
            continue
        new_questions += 1
        answer = Answer.objects.create(
            question=question,
            expert=experts[expert],
            body=answer_text,
            body_html=render_user(answer_text),
        )
        Question.objects.filter(pk=question.pk).update(most_helpful=answer)

    for expert, slug, title, summary, topic_slug, body, center_slugs in PERSPECTIVES:
        perspective, _created = Perspective.objects.get_or_create(
            slug=slug,
            defaults={
                "expert": experts[expert],
                "title": title,
                "summary": summary,
                "body": body,
                "body_html": render_user(body),
                "topic": topics[topic_slug],
            },
        )
        perspective.health_centers.add(*HealthCenter.objects.filter(slug__in=center_slugs))
        community_search.sync_perspective(perspective.pk)

    for group in groups.values():
        community_search.sync_group(group, with_threads=True)
    for question in Question.objects.answered():
        community_search.sync_question(question.pk)
    stdout.write(
        f"community: {len(groups)} groups, {new_threads} new threads, "
        f"{new_questions} new answered questions"
    )
