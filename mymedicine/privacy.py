"""A reader's My Medicine data for "download my data", and its removal with the account."""

from __future__ import annotations

from .models import Profile, RecallAlert


def export_user_data(user) -> dict:
    profiles = Profile.objects.filter(owner=user).prefetch_related("medicines__drug")
    return {
        "profiles": [
            {
                "name": profile.name,
                "relationship": profile.relationship,
                "birth_year": profile.birth_year,
                "recall_alerts": profile.recall_alerts,
                "created_at": profile.created_at.isoformat(),
                "medicines": [
                    {
                        "drug": medicine.drug.name,
                        "drug_slug": medicine.drug.slug,
                        "product_id": medicine.product_id,
                        "strength": medicine.strength,
                        "dose_note": medicine.dose_note,
                        "started_on": medicine.started_on.isoformat()
                        if medicine.started_on
                        else None,
                        "prescriber": medicine.prescriber,
                        "saved_at": medicine.created_at.isoformat(),
                    }
                    for medicine in profile.medicines.all()
                ],
            }
            for profile in profiles
        ],
        "recall_alerts": [
            {
                "recall_number": alert.recall.recall_number,
                "created_at": alert.created_at.isoformat(),
                "sent_at": alert.sent_at.isoformat() if alert.sent_at else None,
            }
            for alert in RecallAlert.objects.filter(user=user).select_related("recall")
        ],
    }


def delete_user_data(user) -> None:
    from .services import delete_all_for_user

    delete_all_for_user(user=user)
