"""Every write to drug reviews: saving (held for moderation when the author is new),
publishing, hiding, helpful votes and reports. Keyword-only, typed, in transactions."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from drugs.models import Drug, Review, ReviewReport, ReviewVote
from healthsite.text import render_user

# Reviews by accounts younger than this, or without a confirmed email, wait for a moderator.
REVIEW_TRUSTED_AFTER = timedelta(days=7)


class ReviewNotAllowed(Exception):
    """The reader may not do this (vote on their own review, hide without being staff...)."""


def review_author_is_trusted(user: User) -> bool:
    if user.is_staff:
        return True
    if not user.email_confirmed_at:
        return False
    return timezone.now() - user.date_joined >= REVIEW_TRUSTED_AFTER


REVIEW_FIELDS = (
    "condition",
    "effectiveness",
    "ease_of_use",
    "satisfaction",
    "age_band",
    "sex",
    "time_on",
    "role",
    "body",
)


@transaction.atomic
def review_save(*, drug: Drug, author: User, **values: object) -> Review:
    """Write or edit the reader's one review of a drug.

    New accounts' reviews (and their edits) wait for moderation; a hidden review stays
    hidden when edited."""
    unknown = set(values) - set(REVIEW_FIELDS)
    if unknown:
        raise TypeError(f"unknown review fields: {sorted(unknown)}")
    review = Review.objects.select_for_update().filter(drug=drug, author=author).first()
    if review is None:
        review = Review(drug=drug, author=author)
    for name, value in values.items():
        setattr(review, name, value)
    review.body_html = render_user(review.body)
    if review.status != Review.Status.HIDDEN:
        trusted = review_author_is_trusted(author)
        review.status = Review.Status.PUBLISHED if trusted else Review.Status.PENDING
    review.full_clean(validate_unique=False)
    review.save()
    return review


@transaction.atomic
def review_publish(*, review: Review) -> Review:
    """A moderator approves a waiting review (or restores a hidden one)."""
    review.status = Review.Status.PUBLISHED
    review.hidden_reason = ""
    review.save(update_fields=["status", "hidden_reason", "updated_at"])
    return review


@transaction.atomic
def review_hide(*, review: Review, by: User, reason: str = "") -> Review:
    if not by.is_staff:
        raise ReviewNotAllowed("only staff can hide reviews")
    review.status = Review.Status.HIDDEN
    review.hidden_reason = reason[:255]
    review.save(update_fields=["status", "hidden_reason", "updated_at"])
    ReviewReport.objects.filter(review=review, resolved=False).update(resolved=True)
    return review


@transaction.atomic
def review_vote_helpful(*, review: Review, voter: User) -> bool:
    """Count the reader's "helpful" vote once. False when they had already voted."""
    if review.author_id == voter.pk:
        raise ReviewNotAllowed("you cannot vote on your own review")
    if review.status != Review.Status.PUBLISHED:
        raise ReviewNotAllowed("only published reviews take votes")
    _vote, created = ReviewVote.objects.get_or_create(review=review, voter=voter)
    if created:
        Review.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") + 1)
        review.refresh_from_db(fields=["helpful_count"])
    return created


@transaction.atomic
def review_report(*, review: Review, reporter: User, reason: str) -> ReviewReport:
    """Tell moderators about a review; a second report by the same reader updates the first."""
    report, _created = ReviewReport.objects.update_or_create(
        review=review, reporter=reporter, defaults={"reason": reason[:500], "resolved": False}
    )
    return report
