"""The drugs app's part of "download my data" and "delete my account": reviews, helpful
votes and reports a reader made."""

from __future__ import annotations

from django.db import transaction

from drugs.models import Review, ReviewReport, ReviewVote


def export_user_data(user) -> dict:
    reviews = Review.objects.filter(author=user).select_related("drug", "condition")
    return {
        "drug_reviews": [
            {
                "drug": review.drug.name,
                "url": review.get_absolute_url(),
                "condition": review.condition.name if review.condition else None,
                "effectiveness": review.effectiveness,
                "ease_of_use": review.ease_of_use,
                "satisfaction": review.satisfaction,
                "age_band": review.age_band,
                "sex": review.sex,
                "time_on": review.time_on,
                "role": review.role,
                "text": review.body,
                "status": review.status,
                "helpful_votes": review.helpful_count,
                "written": review.created_at.isoformat(),
                "edited": review.updated_at.isoformat(),
            }
            for review in reviews
        ],
        "drug_review_helpful_votes": [
            {"review": vote.review_id, "at": vote.created_at.isoformat()}
            for vote in ReviewVote.objects.filter(voter=user)
        ],
        "drug_review_reports": [
            {"review": r.review_id, "reason": r.reason, "at": r.created_at.isoformat()}
            for r in ReviewReport.objects.filter(reporter=user)
        ],
    }


@transaction.atomic
def delete_user_data(user) -> None:
    """Delete the reader's reviews, votes and reports, keeping others' helpful counts right."""
    from django.db.models import F

    for vote in ReviewVote.objects.filter(voter=user).select_related("review"):
        Review.objects.filter(pk=vote.review_id, helpful_count__gt=0).update(
            helpful_count=F("helpful_count") - 1
        )
    ReviewVote.objects.filter(voter=user).delete()
    ReviewReport.objects.filter(reporter=user).delete()
    Review.objects.filter(author=user).delete()
