"""Builders for drugs test data; they go through the services like the importers do."""

from __future__ import annotations

from itertools import count

from drugs import services
from drugs.models import Drug, DrugCondition, DrugName, Review
from drugs.services import reviews as review_services

_seq = count(1)


def make_drug(
    *,
    name: str | None = None,
    kind: str = Drug.Kind.PRESCRIPTION,
    brands: tuple[str, ...] = (),
    ingredients: tuple[str, ...] = (),
    **fields,
) -> Drug:
    name = name or f"Testdrug{next(_seq)}"
    drug = services.drug_create(
        name=name, kind=kind, ingredient_names=ingredients or (name,), **fields
    )
    for brand in brands:
        services.drug_name_add(drug=drug, name=brand, kind=DrugName.Kind.BRAND)
    return drug


def link_condition(drug, condition, link_kind=DrugCondition.LinkKind.LABELLED):
    return services.drug_condition_link(
        drug=drug, condition=condition, link_kind=link_kind, source="editorial"
    )


def make_review(*, drug, author, status: str = Review.Status.PUBLISHED, **values) -> Review:
    defaults = {
        "effectiveness": 4,
        "ease_of_use": 5,
        "satisfaction": 4,
        "body": "It helped with my pain and I had no side effects at all.",
    }
    defaults.update(values)
    review = review_services.review_save(drug=drug, author=author, **defaults)
    if review.status != status:
        Review.objects.filter(pk=review.pk).update(status=status)
        review.refresh_from_db()
    return review
