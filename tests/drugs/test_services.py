"""Review rules: one per reader, moderation of new accounts, votes, reports, hiding,
averages from published reviews only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from drugs import selectors, services
from drugs.models import Review, ReviewReport
from drugs.services import reviews as review_services
from tests.drugs.factories import make_drug, make_review
from tests.factories import make_condition, make_user

pytestmark = pytest.mark.django_db


def trusted_user(**extra):
    user = make_user(**extra)
    user.email_confirmed_at = timezone.now()
    user.date_joined = timezone.now() - timedelta(days=30)
    user.save()
    return user


def review_values(**overrides):
    values = {
        "effectiveness": 4,
        "ease_of_use": 3,
        "satisfaction": 5,
        "body": "Worked well for me with few side effects.",
    }
    values.update(overrides)
    return values


def test_new_account_review_waits_for_moderation():
    drug = make_drug()
    review = review_services.review_save(drug=drug, author=make_user(), **review_values())
    assert review.status == Review.Status.PENDING
    assert selectors.review_summary(drug=drug).count == 0


def test_trusted_reader_is_published_at_once():
    drug = make_drug()
    review = review_services.review_save(drug=drug, author=trusted_user(), **review_values())
    assert review.status == Review.Status.PUBLISHED


def test_unconfirmed_email_is_not_trusted_even_when_old():
    user = make_user()
    user.date_joined = timezone.now() - timedelta(days=90)
    user.save()
    assert not review_services.review_author_is_trusted(user)


def test_one_review_per_reader_editing_replaces_it():
    drug = make_drug()
    user = trusted_user()
    first = review_services.review_save(drug=drug, author=user, **review_values())
    second = review_services.review_save(
        drug=drug, author=user, **review_values(satisfaction=1, body="Changed my mind later.")
    )
    assert first.pk == second.pk
    assert Review.objects.filter(drug=drug, author=user).count() == 1
    assert Review.objects.get(pk=first.pk).satisfaction == 1


def test_database_refuses_a_second_review():
    drug = make_drug()
    user = make_user()
    make_review(drug=drug, author=user)
    with pytest.raises(IntegrityError):
        Review.objects.create(
            drug=drug, author=user, effectiveness=1, ease_of_use=1, satisfaction=1, body="x"
        )


def test_review_text_is_sanitised():
    drug = make_drug()
    review = review_services.review_save(
        drug=drug,
        author=trusted_user(),
        **review_values(body="**Good** <script>alert(1)</script> overall for my knee."),
    )
    assert "<strong>Good</strong>" in review.body_html
    assert "<script>" not in review.body_html


def test_ratings_outside_1_to_5_are_rejected():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        review_services.review_save(
            drug=make_drug(), author=make_user(), **review_values(ease_of_use=6)
        )


def test_averages_and_distribution_count_published_only_overall_and_per_condition():
    drug = make_drug()
    knee, hip = make_condition(name="Knee pain"), make_condition(name="Hip pain")
    make_review(drug=drug, author=make_user(), condition=knee, effectiveness=5, satisfaction=5)
    make_review(drug=drug, author=make_user(), condition=knee, effectiveness=3, satisfaction=4)
    make_review(drug=drug, author=make_user(), condition=hip, effectiveness=1, satisfaction=1)
    make_review(drug=drug, author=make_user(), effectiveness=1, status=Review.Status.PENDING)
    make_review(drug=drug, author=make_user(), effectiveness=1, status=Review.Status.HIDDEN)
    overall = selectors.review_summary(drug=drug)
    assert overall.count == 3
    assert overall.averages["effectiveness"] == 3.0
    assert overall.distributions["effectiveness"] == [
        (5, 1, 33),
        (4, 0, 0),
        (3, 1, 33),
        (2, 0, 0),
        (1, 1, 33),
    ]
    per_knee = selectors.review_summary(drug=drug, condition_id=knee.pk)
    assert per_knee.count == 2
    assert per_knee.averages["satisfaction"] == 4.5
    assert {c.name: n for c, n in selectors.review_conditions(drug=drug)} == {
        "Knee pain": 2,
        "Hip pain": 1,
    }


def test_helpful_votes_once_per_reader_never_own():
    drug = make_drug()
    author, reader = make_user(), make_user()
    review = make_review(drug=drug, author=author)
    assert review_services.review_vote_helpful(review=review, voter=reader) is True
    assert review_services.review_vote_helpful(review=review, voter=reader) is False
    review.refresh_from_db()
    assert review.helpful_count == 1
    with pytest.raises(review_services.ReviewNotAllowed):
        review_services.review_vote_helpful(review=review, voter=author)


def test_sort_by_most_helpful():
    drug = make_drug()
    older = make_review(drug=drug, author=make_user())
    newer = make_review(drug=drug, author=make_user())
    review_services.review_vote_helpful(review=older, voter=make_user())
    assert list(selectors.review_list(drug=drug, sort="helpful")) == [older, newer]
    assert list(selectors.review_list(drug=drug, sort="newest")) == [newer, older]


def test_report_and_staff_hide():
    drug = make_drug()
    review = make_review(drug=drug, author=make_user())
    reader = make_user()
    review_services.review_report(review=review, reporter=reader, reason="Advertising")
    review_services.review_report(review=review, reporter=reader, reason="Advertising again")
    assert ReviewReport.objects.filter(review=review).count() == 1
    with pytest.raises(review_services.ReviewNotAllowed):
        review_services.review_hide(review=review, by=reader)
    staff = make_user(is_staff=True)
    review_services.review_hide(review=review, by=staff, reason="Spam")
    review.refresh_from_db()
    assert review.status == Review.Status.HIDDEN
    assert ReviewReport.objects.get(review=review).resolved
    # editing a hidden review does not bring it back
    review_services.review_save(drug=drug, author=review.author, **review_values())
    review.refresh_from_db()
    assert review.status == Review.Status.HIDDEN


def test_privacy_export_and_delete_keep_counts_right():
    from drugs import privacy

    drug = make_drug()
    reader = make_user()
    other = make_review(drug=drug, author=make_user())
    make_review(drug=drug, author=reader)
    review_services.review_vote_helpful(review=other, voter=reader)
    exported = privacy.export_user_data(reader)
    assert len(exported["drug_reviews"]) == 1
    assert len(exported["drug_review_helpful_votes"]) == 1
    privacy.delete_user_data(reader)
    other.refresh_from_db()
    assert other.helpful_count == 0
    assert not Review.objects.filter(author=reader).exists()


def test_demo_load_is_idempotent():
    import io

    from drugs import demo
    from drugs.models import Drug

    demo.load(stdout=io.StringIO())
    counts = (Drug.objects.count(), Review.objects.count())
    assert counts[0] >= 30
    assert Drug.objects.get(slug="ibuprofen").monograph_origin == "editorial"
    demo.load(stdout=io.StringIO())
    assert counts == (Drug.objects.count(), Review.objects.count())


def test_a_condition_created_from_drug_data_is_in_site_search():
    from search.models import SearchDocument

    condition, created = services.condition_find_or_create(name="Zebra fever")
    assert created
    assert SearchDocument.objects.filter(kind="condition", key=str(condition.pk)).exists()
