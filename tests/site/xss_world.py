"""The XSS corpus stored in every field that keeps a member's or an editor's text, and the
pages that show them (issue 16, item 3).

Long text fields (post, review, question, answer, perspective, article page, health center,
newsletter edition, group description, expert bio, report details) each hold every payload
of the corpus, split over as many rows as their length limit needs, and their HTML is made
by the same renderers the services use. Short fields (names and titles) hold one payload per
row for a sample that fits on one page. Rows are written directly: the test is about what a
page does with whatever is stored, including what a form would have refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from community.models import (
    Answer,
    ExpertProfile,
    Perspective,
    Post,
    Question,
    Report,
    SupportGroup,
)
from drugs.models import Review
from healthsite.text import render_editorial, render_user
from mymedicine import services as mymedicine_services
from mymedicine.models import Profile, SavedMedicine
from newsletter.models import Edition
from tests.articles.factories import make_article, make_health_center
from tests.community.factories import join, make_expert, make_group, make_thread, make_topic
from tests.drugs.factories import make_drug
from tests.factories import make_user
from tests.site.xss_corpus import payloads

SHORT_SAMPLE = 20  # short fields: payloads, one row each, all on one page


@dataclass
class XssWorld:
    reader: object
    pages: list[str] = field(default_factory=list)  # seen by the signed-in reader
    public_pages: list[str] = field(default_factory=list)  # also seen anonymously
    stored: dict[str, int] = field(default_factory=dict)  # field -> payloads stored


def chunks(items: list[str], limit: int) -> list[str]:
    """Payloads joined by blank lines into pieces of at most `limit` characters."""
    out, current = [], ""
    for item in items:
        if current and len(current) + len(item) + 2 > limit:
            out.append(current)
            current = ""
        current = f"{current}\n\n{item}" if current else item
    if current:
        out.append(current)
    return out


def short_sample(corpus: list[str], limit: int) -> list[str]:
    fitting = [p for p in corpus if len(p) <= limit]
    step = max(1, len(fitting) // SHORT_SAMPLE)
    return fitting[::step][:SHORT_SAMPLE]


def build_xss_world() -> XssWorld:
    corpus = payloads()
    reader = make_user(display_name="Reader", is_staff=True, is_superuser=True)
    world = XssWorld(reader=reader)
    stored = world.stored

    # Community: a group whose description, thread titles, posts and member names carry it.
    group = make_group(name="Hostile corpus", description=chunks(corpus, 10**6)[0])
    stored["SupportGroup.description"] = len(corpus)
    join(reader, group, moderator=True)
    authors = []
    for i, name in enumerate(short_sample(corpus, 40)):
        authors.append(make_user(display_name=name, email=f"xss{i}@example.org"))
    stored["User.display_name"] = len(authors)
    thread = make_thread(group=group, author=authors[0], title=short_sample(corpus, 150)[0])
    bodies = chunks(corpus, 10_000)
    Post.objects.bulk_create(
        Post(
            thread=thread,
            number=i + 2,
            author=authors[i % len(authors)],
            body=body,
            body_html=render_user(body),
        )
        for i, body in enumerate(bodies)
    )
    thread.last_number = len(bodies) + 1
    thread.reply_count = len(bodies)
    thread.save(update_fields=["last_number", "reply_count"])
    stored["Post.body"] = len(corpus)
    titles = short_sample(corpus, 150)
    for title in titles:
        make_thread(group=group, author=reader, title=title)
    stored["Thread.title"] = len(titles)
    first_post = thread.posts.get(number=2)
    details = chunks(corpus, 1000)
    Report.objects.bulk_create(
        Report(reporter=reader, post=first_post, reason="abuse", details=text) for text in details
    )
    stored["Report.details"] = len(corpus)
    world.pages += [
        reverse("community:moderation_queue"),
        reverse("community:moderation_report", args=[Report.objects.order_by("pk")[0].pk]),
        reverse("community:post_edit", args=[first_post.pk]),
        reverse("community:moderation_thread", args=[thread.pk]),
    ]
    world.public_pages += [
        group.get_absolute_url(),
        thread.get_absolute_url(),
        f"{thread.get_absolute_url()}?page=2",
        reverse("community:index"),
        reverse("community:feed"),
    ]

    # Experts, questions, answers, perspectives.
    expert = make_expert(display_name="Expert")
    ExpertProfile.objects.filter(user=expert).update(bio=chunks(corpus, 10**6)[0])
    stored["ExpertProfile.bio"] = len(corpus)
    topic = make_topic(name="Hostile topic")
    question = Question.objects.create(
        topic=topic,
        asker=reader,
        title=short_sample(corpus, 200)[0],
        slug="hostile-question",
        body=chunks(corpus, 10**6)[0],
        body_html=render_user(chunks(corpus, 10**6)[0]),
    )
    stored["Question.body"] = len(corpus)
    for body in chunks(corpus, 20_000):
        Answer.objects.create(
            question=question, expert=expert, body=body, body_html=render_user(body)
        )
    stored["Answer.body"] = len(corpus)
    for i, title in enumerate(short_sample(corpus, 200)):
        Question.objects.create(topic=topic, asker=reader, title=title, slug=f"q-{i}")
    stored["Question.title"] = SHORT_SAMPLE
    perspective = Perspective.objects.create(
        expert=expert,
        title=short_sample(corpus, 200)[1],
        slug="hostile-view",
        summary=short_sample(corpus, 300)[2],
        body=chunks(corpus, 10**6)[0],
        body_html=render_user(chunks(corpus, 10**6)[0]),
    )
    stored["Perspective.body"] = len(corpus)
    world.public_pages += [
        reverse("community:experts"),
        question.get_absolute_url(),
        topic.get_absolute_url(),
        perspective.get_absolute_url(),
        reverse("community:perspectives"),
    ]

    # Drug reviews.
    drug = make_drug(name="Corpusol")
    review_bodies = chunks(corpus, 5000)
    Review.objects.bulk_create(
        Review(
            drug=drug,
            author=make_user(display_name=f"Reviewer {i}"),
            effectiveness=3,
            ease_of_use=3,
            satisfaction=3,
            body=body,
            body_html=render_user(body),
            status=Review.Status.PUBLISHED,
        )
        for i, body in enumerate(review_bodies)
    )
    stored["Review.body"] = len(corpus)
    world.public_pages += [
        reverse("drugs:reviews", args=[drug.slug]),
        f"{reverse('drugs:reviews', args=[drug.slug])}?page=2",
        drug.get_absolute_url(),
    ]

    # Editorial text: an article, a health center, a newsletter edition.
    article = make_article(
        slug="hostile-corpus",
        title=short_sample(corpus, 200)[3],
        summary=short_sample(corpus, 300)[4],
        status=Article.Status.PUBLISHED,
    )
    page = article.pages.get()
    page.body = chunks(corpus, 10**6)[0]
    page.body_html = render_editorial(page.body)
    page.save(update_fields=["body", "body_html"])
    stored["ArticlePage.body"] = len(corpus)
    center = make_health_center(slug="hostile-corpus", introduction=chunks(corpus, 10**6)[0])
    stored["HealthCenter.introduction"] = len(corpus)
    edition = Edition.objects.create(
        subject=short_sample(corpus, 200)[5],
        slug="hostile-corpus",
        body=chunks(corpus, 10**6)[0],
        status=Edition.Status.SENT,
        sent_at=timezone.now(),
    )
    stored["Edition.body"] = len(corpus)
    world.public_pages += [
        article.get_absolute_url(),
        center.get_absolute_url(),
        edition.get_absolute_url(),
        reverse("newsletter:index"),
        reverse("articles:health_center_list"),
    ]

    # My Medicine: profile names, notes and prescribers (the owner's pages only).
    names = short_sample(corpus, 80)
    profile = mymedicine_services.profile_create(owner=reader, name="Corpus profile")
    Profile.objects.bulk_create(Profile(owner=reader, name=name) for name in names)
    stored["Profile.name"] = len(names)
    notes = short_sample(corpus, 300)
    SavedMedicine.objects.bulk_create(
        SavedMedicine(profile=profile, drug=drug, dose_note=note, prescriber=note[:120])
        for note in notes
    )
    stored["SavedMedicine.dose_note"] = len(notes)
    stored["SavedMedicine.prescriber"] = len(notes)
    world.pages += [
        reverse("mymedicine:index"),
        reverse("mymedicine:profile", args=[profile.pk]),
        reverse("mymedicine:profile_print", args=[profile.pk]),
        reverse("accounts:export"),
    ]
    assert SupportGroup.objects.filter(pk=group.pk).exists()
    return world
