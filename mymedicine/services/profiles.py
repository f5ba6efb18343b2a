"""Writes to a reader's profiles and saved medicines. Keyword-only, typed, in transactions."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from accounts.models import User
from drugs.models import Drug, Product
from healthsite.upsert import assign_changed

from ..models import Profile, RecallAlert, SavedMedicine
from .recalls import recall_alerts_queue_for_profile


@transaction.atomic
def profile_create(
    *,
    owner: User,
    name: str,
    relationship: str = Profile.Relationship.SELF,
    birth_year: int | None = None,
    recall_alerts: bool = False,
) -> Profile:
    profile = Profile(
        owner=owner,
        name=name.strip(),
        relationship=relationship,
        birth_year=birth_year,
        recall_alerts=recall_alerts,
    )
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def profile_update(
    *, profile: Profile, name: str, relationship: str, birth_year: int | None
) -> Profile:
    fields = {"name": name.strip(), "relationship": relationship, "birth_year": birth_year}
    if assign_changed(profile, fields):
        profile.full_clean()
        profile.save(update_fields=list(fields))
    return profile


@transaction.atomic
def profile_delete(*, profile: Profile) -> None:
    profile.delete()


def profile_for_me(*, owner: User) -> Profile:
    """The reader's own profile, made on first use so "Save to My Medicine" needs no setup."""
    profile = Profile.objects.filter(owner=owner).order_by("created_at", "pk").first()
    if profile is None:
        profile = profile_create(owner=owner, name=str(owner.public_name))
    return profile


@transaction.atomic
def profile_set_recall_alerts(*, profile: Profile, enabled: bool) -> Profile:
    if profile.recall_alerts != enabled:
        profile.recall_alerts = enabled
        profile.save(update_fields=["recall_alerts"])
    if enabled:
        recall_alerts_queue_for_profile(profile=profile)
    return profile


@transaction.atomic
def saved_medicine_add(
    *,
    profile: Profile,
    drug: Drug,
    product: Product | None = None,
    strength: str = "",
    dose_note: str = "",
    started_on: dt.date | None = None,
    prescriber: str = "",
) -> SavedMedicine:
    if product is not None and product.drug_id != drug.pk:
        raise ValueError("the product is not a product of this drug")
    medicine = SavedMedicine(
        profile=profile,
        drug=drug,
        product=product,
        strength=strength.strip() or (product.strength if product else ""),
        dose_note=dose_note.strip(),
        started_on=started_on,
        prescriber=prescriber.strip(),
    )
    medicine.full_clean()
    medicine.save()
    if profile.recall_alerts:
        recall_alerts_queue_for_profile(profile=profile, drug_ids=[drug.pk])
    return medicine


@transaction.atomic
def saved_medicine_remove(*, medicine: SavedMedicine) -> None:
    medicine.delete()


def delete_all_for_user(*, user: User) -> None:
    """Account deletion: every profile, saved medicine and alert of this reader."""
    with transaction.atomic():
        RecallAlert.objects.filter(user=user).delete()
        Profile.objects.filter(owner=user).delete()
