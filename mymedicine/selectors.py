"""Reads My Medicine pages need: a reader's profiles and their checks, recall alerts, and a
drug's recent recalls. A reader's own data is always filtered by owner."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet

from accounts.models import User
from drugs.models import Drug, Product
from interactions.selectors import (
    CheckResult,
    ingredient_links,
    interaction_check,
    interactions_among,
)

from .models import Profile, Recall, RecallAlert, RecallMatch, SavedMedicine
from .recall_text import strengths_in_text


def profiles_for(*, owner: User) -> QuerySet[Profile]:
    """The reader's profiles with their medicines, and the medicines' ingredients for the
    interaction check."""
    medicines = (
        SavedMedicine.objects.select_related("drug", "product")
        .prefetch_related(Prefetch("drug__drug_ingredients", queryset=ingredient_links()))
        .order_by("drug__name", "pk")
    )
    return Profile.objects.filter(owner=owner).prefetch_related(
        Prefetch("medicines", queryset=medicines)
    )


def profile_for(*, owner: User | AnonymousUser, pk: int) -> Profile | None:
    """The profile if this reader owns it; None for anyone else (staff included)."""
    if not owner.is_authenticated:
        return None
    return profiles_for(owner=owner).filter(pk=pk).first()


def _profile_drugs(profile: Profile) -> list[Drug]:
    """The published drugs of a profile from profiles_for (a drug saved twice counts once)."""
    drugs = {m.drug_id: m.drug for m in profile.medicines.all() if m.drug.is_published}
    return list(drugs.values())


def profile_check(*, profile: Profile) -> CheckResult:
    """Interactions across one profile's saved medicines (a profile from profiles_for)."""
    return interaction_check(drugs=_profile_drugs(profile))


def profile_checks(*, profiles: list[Profile]) -> list[tuple[Profile, CheckResult]]:
    """Every profile's check, reading the interactions of all of them in one query."""
    lists = [(profile, _profile_drugs(profile)) for profile in profiles]
    ingredient_ids = {
        link.ingredient_id
        for _profile, drugs in lists
        for drug in drugs
        for link in drug.drug_ingredients.all()
    }
    known = interactions_among(ingredient_ids) if ingredient_ids else []
    return [(profile, interaction_check(drugs=drugs, known=known)) for profile, drugs in lists]


def alerts_for(*, user: User) -> QuerySet[RecallAlert]:
    return (
        RecallAlert.objects.filter(user=user)
        .select_related("recall")
        .prefetch_related("profiles")
        .order_by("-created_at", "-pk")
    )


@dataclass
class DrugRecall:
    """A recall as a drug page shows it: how it concerns the drug (`by_ndc`: its NDC names a
    product or pill of this drug; else it only shares the active ingredients and form), the
    products it names, and the strengths its description gives."""

    recall: Recall
    by_ndc: bool = False
    products: list[Product] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)


# A drug with more recall rows than this shows the most recent of them.
MAX_RECALL_ROWS = 200


def recalls_for_drug(*, drug: Drug, limit: int = 5) -> tuple[list[DrugRecall], int]:
    """The drug's recalls, open ones first, then the most recently reported; at most `limit`
    of them, and how many more there are. One query."""
    rows = (
        RecallMatch.objects.filter(drug=drug)
        .select_related("recall", "product")
        .order_by("-recall__report_date", "recall__recall_number", "pk")[:MAX_RECALL_ROWS]
    )
    found: dict[int, DrugRecall] = {}
    for match in rows:
        item = found.setdefault(match.recall_id, DrugRecall(recall=match.recall))
        item.by_ndc = item.by_ndc or match.matched_by == RecallMatch.MatchedBy.NDC
        if match.product is not None:
            item.products.append(match.product)
    recalls = sorted(found.values(), key=lambda item: not item.recall.is_open)  # stable
    for item in recalls[:limit]:
        item.strengths = strengths_in_text(item.recall.product_description)
    return recalls[:limit], max(0, len(recalls) - limit)
