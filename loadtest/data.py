"""The load test's members and what it finds in the database afterwards.

Runs Django in the load test's own process against the site's database (the site's
environment is installed first); connections are closed after each step so SQLite is never
held while gunicorn writes.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field

PASSWORD = "loadtest-Pa55word-not-common"  # noqa: S105 - throwaway accounts in a temp database
MARKER = re.compile(r"\blt-[a-z]+-\d+-\d+\b")


@dataclass
class World:
    """What the members act on."""

    members: list[str]
    spare: list[str]  # members kept out of the load, for the fault probes
    threads: list[str]  # reply form paths
    drugs: list[str]  # drug slugs (reviews, saving)
    votable: list[tuple[str, int]]  # (drug slug, published review id)


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthsite.settings")
    import django

    django.setup()


def seed(*, members: int, spare: int) -> World:
    from django.contrib.auth.hashers import make_password
    from django.db import connections
    from django.utils import timezone

    from accounts.models import User
    from community.models.groups import Membership, SupportGroup
    from community.models.threads import Post, Thread
    from drugs.models import Drug, Review

    hashed = make_password(PASSWORD)  # once: hashing costs a quarter of a second
    now = timezone.now()
    emails = [f"lt-member-{n}@example.org" for n in range(members + spare)]
    User.objects.bulk_create(
        [
            User(email=email, display_name=f"Load {n}", password=hashed, email_confirmed_at=now)
            for n, email in enumerate(emails)
        ]
    )
    users = list(User.objects.filter(email__in=emails))
    author = User.objects.create(
        email="lt-reviewer@example.org", display_name="Reviewer", password=hashed
    )
    group = SupportGroup.objects.create(
        name="Load test group",
        slug="load-test-group",
        status=SupportGroup.Status.APPROVED,
        visibility=SupportGroup.Visibility.PUBLIC,
    )
    threads = []
    for n in range(5):
        thread = Thread.objects.create(
            group=group,
            title=f"Living with it, part {n}",
            slug=f"living-with-it-{n}",
            author=author,
            last_number=1,
        )
        Post.objects.create(
            thread=thread,
            number=1,
            author=author,
            body="How do you cope?",
            body_html="<p>How do you cope?</p>",
        )
        threads.append(thread)
    Membership.objects.bulk_create(
        [Membership(group=group, user=user, status=Membership.Status.ACTIVE) for user in users]
    )
    drugs = [
        Drug.objects.create(name=f"Loadtestamol {n}", slug=f"loadtestamol-{n}") for n in range(6)
    ]
    votable = []
    for drug in drugs:
        review = Review.objects.create(
            drug=drug,
            author=author,
            effectiveness=4,
            ease_of_use=4,
            satisfaction=4,
            body="Worked for me.",
            body_html="<p>Worked for me.</p>",
            status=Review.Status.PUBLISHED,
        )
        votable.append((drug.slug, review.pk))
    world = World(
        members=emails[:members],
        spare=emails[members:],
        threads=[f"{t.get_absolute_url()}reply/" for t in threads],
        drugs=[drug.slug for drug in drugs],
        votable=votable,
    )
    connections.close_all()
    return world


@dataclass
class Ledger:
    """What the members were told (acknowledged) and what they could not learn (unknown)."""

    replies: list[str] = field(default_factory=list)
    reviews: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # last is current
    saves: list[str] = field(default_factory=list)
    votes: set[tuple[str, int]] = field(default_factory=set)  # (email, review id)
    refused: list[str] = field(default_factory=list)  # markers refused with a form error
    unknown: list[str] = field(default_factory=list)  # markers whose outcome was never seen
    limited: Counter = field(default_factory=Counter)  # (kind) refused by a rate limit


@dataclass
class Findings:
    acknowledged: int = 0
    found: int = 0
    doubled: int = 0
    missing: list[str] = field(default_factory=list)
    refused_but_stored: list[str] = field(default_factory=list)
    vote_counts_wrong: int = 0
    over_limit: list[str] = field(default_factory=list)


def verify(ledger: Ledger, *, reply_limit: int, review_limit: int) -> Findings:
    """Every acknowledged write is in the database once; no refused write is."""
    from django.db import connections

    from community.models.threads import Post
    from drugs.models import Review, ReviewVote
    from mymedicine.models import SavedMedicine

    findings = Findings()

    def occurrences(texts) -> Counter:
        found: Counter = Counter()
        for text in texts:
            found.update(MARKER.findall(text))
        return found

    posts = occurrences(Post.objects.filter(body__contains="lt-").values_list("body", flat=True))
    saves = occurrences(
        SavedMedicine.objects.filter(dose_note__contains="lt-").values_list("dose_note", flat=True)
    )
    reviews = {
        (email, slug): body
        for email, slug, body in Review.objects.filter(
            author__email__startswith="lt-member-"
        ).values_list("author__email", "drug__slug", "body")
    }
    for marker in ledger.replies:
        findings.acknowledged += 1
        findings.found += posts[marker] >= 1
        findings.doubled += posts[marker] > 1
        if not posts[marker]:
            findings.missing.append(marker)
    for marker in ledger.saves:
        findings.acknowledged += 1
        findings.found += saves[marker] >= 1
        findings.doubled += saves[marker] > 1
        if not saves[marker]:
            findings.missing.append(marker)
    unknown = set(ledger.unknown)
    for key, markers in ledger.reviews.items():
        # One review per member and drug, edited in place: it must hold the last
        # acknowledged text (or a later one whose answer was lost).
        findings.acknowledged += len(markers)
        stored = MARKER.findall(reviews.get(key, ""))
        current = stored[0] if stored else ""
        if current == markers[-1] or current in unknown:
            findings.found += len(markers)
        else:
            findings.missing.append(markers[-1])
    votes = set(
        ReviewVote.objects.filter(voter__email__startswith="lt-member-").values_list(
            "voter__email", "review_id"
        )
    )
    for vote in ledger.votes:
        findings.acknowledged += 1
        if vote in votes:
            findings.found += 1
        else:
            findings.missing.append(f"vote {vote}")
    for review in Review.objects.filter(votes__isnull=False).distinct():
        if review.helpful_count != review.votes.count():
            findings.vote_counts_wrong += 1
    stored_refused = (
        set(posts) | set(saves) | {m for b in reviews.values() for m in MARKER.findall(b)}
    )
    findings.refused_but_stored = [m for m in ledger.refused if m in stored_refused]
    # Limits held across workers: no member got more writes through than their limit.
    per_member: Counter = Counter(marker.split("-")[2] for marker in ledger.replies)
    findings.over_limit += [
        f"replies by member {m}: {n}" for m, n in per_member.items() if n > reply_limit
    ]
    reviews_by_member: Counter = Counter()
    for (email, _slug), markers in ledger.reviews.items():
        reviews_by_member[email] += len(markers)
    findings.over_limit += [
        f"reviews by {email}: {n}" for email, n in reviews_by_member.items() if n > review_limit
    ]
    connections.close_all()
    return findings
