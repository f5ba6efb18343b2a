"""Drug uses land on the consumer condition that covers them (issue 14).

Data sets name diseases their own way ("Gastroesophageal reflux disease", "Hypertension,
essential"): a name no page of ours carried became a condition of its own, beside our page
for the same thing, and its drugs were missing from that page. `condition_duplicates_fold`
folds each such condition into the consumer condition its name means (its address redirects
there for good), and moves to the consumer condition the drug uses and reviews held by any
condition that leads to one (folded names and covered ICD-10-CM entries alike).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from articles.condition_services import condition_fold_into, consumer_condition_meant
from articles.models import Condition
from drugs.models import DrugCondition, Review

EXAMPLES = 10


@dataclass
class FoldSummary:
    folded: int = 0  # conditions now leading to a consumer condition
    links_moved: int = 0
    links_merged: int = 0  # the consumer condition had the same link already: dropped
    reviews_moved: int = 0
    examples: list[tuple[str, str]] = field(default_factory=list)  # (old slug, consumer slug)


def consumer_for(condition: Condition) -> Condition | None:
    """The consumer condition a condition without a page means: by its name, else by one
    of its other names (all agreeing)."""
    found = consumer_condition_meant(name=condition.name, exclude=condition)
    if found is not None:
        return found
    meant = {
        c.pk: c
        for name in condition.synonyms or []
        if (c := consumer_condition_meant(name=name, exclude=condition)) is not None
    }
    return next(iter(meant.values())) if len(meant) == 1 else None


@transaction.atomic
def condition_duplicates_fold() -> FoldSummary:
    """Fold conditions that data sets created beside our pages, then move every drug use
    and review of a condition that leads to a consumer condition onto that condition.
    Idempotent: a second run changes nothing."""
    summary = FoldSummary()
    plain = Condition.objects.filter(
        kind=Condition.Kind.ICD10, icd10_code__isnull=True, consumer__isnull=True
    ).only("pk", "name", "slug", "synonyms", "kind", "consumer")
    for condition in plain:
        consumer = consumer_for(condition)
        if consumer is not None and condition_fold_into(condition=condition, consumer=consumer):
            summary.folded += 1
            if len(summary.examples) < EXAMPLES:
                summary.examples.append((condition.slug, consumer.slug))
    links = DrugCondition.objects.filter(condition__consumer__isnull=False).select_related(
        "condition"
    )
    for link in links:
        target = link.condition.consumer_id
        if target is None:  # the filter above leaves none
            continue
        twin = DrugCondition.objects.filter(
            drug_id=link.drug_id, condition_id=target, link_kind=link.link_kind, source=link.source
        ).exists()
        if twin:
            link.delete()
            summary.links_merged += 1
        else:
            link.condition_id = target
            link.save(update_fields=["condition"])
            summary.links_moved += 1
    for review in Review.objects.filter(condition__consumer__isnull=False).select_related(
        "condition"
    ):
        if review.condition is None or review.condition.consumer_id is None:
            continue
        review.condition_id = review.condition.consumer_id
        review.save(update_fields=["condition"])
        summary.reviews_moved += 1
    return summary
