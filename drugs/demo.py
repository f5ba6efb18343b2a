"""Demo drugs with monographs written by us, our supplement monographs, and a few reviews.

Supplements come from the real editorial files (drugs/supplements/, `import_supplements`),
loaded first so the sample reviews can find them. Idempotent: drugs are found by their
ingredients (so imported data and demo data meet in one drug) or slug; a second run adds
nothing.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Condition
from drugs import services
from drugs.demo_monographs import DEMO_REVIEWS, MONOGRAPHS
from drugs.importers.supplements import import_supplements
from drugs.labels import SAMPLE_MONOGRAPH_REFERENCE
from drugs.models import Drug, DrugCondition, DrugName, DrugSource, Review
from drugs.services import reviews as review_services
from drugs.text import normalize_name

DEMO_REVIEWERS = [
    ("demo-reviewer-1@example.org", "Maria (sample)"),
    ("demo-reviewer-2@example.org", "Sam (sample)"),
    ("demo-reviewer-3@example.org", "Ade (sample)"),
]


def _consumer_conditions() -> dict[str, Condition]:
    """Our consumer conditions by every folded name and other name."""
    index: dict[str, Condition] = {}
    for condition in Condition.objects.consumer().only("pk", "name", "slug", "synonyms"):
        for name in (condition.name, *condition.synonyms):
            index.setdefault(normalize_name(name), condition)
    return index


def _condition_for(name: str, consumer: dict[str, Condition]) -> Condition:
    """The reader's condition page for `name` first: once ICD-10-CM is imported, a name such
    as "Obsessive-compulsive disorder" also matches a coded entry, and linking to whichever
    came first made every load after an import add a second link."""
    found = consumer.get(normalize_name(name))
    return found if found is not None else services.condition_find_or_create(name=name)[0]


def _drug_for(entry: dict) -> tuple[Drug, bool]:
    key = services.ingredient_key(entry["ingredients"])
    drug = (
        Drug.objects.filter(ingredient_key=key).first()
        or Drug.objects.filter(slug=slugify(entry["name"])).first()
    )
    if drug is not None:
        return drug, False
    drug = services.drug_create(
        name=entry["name"],
        kind=entry["kind"],
        ingredient_names=entry["ingredients"],
        slug=slugify(entry["name"]),
        link_ingredients=False,  # load() links them, for new and existing drugs alike
    )
    return drug, True


def load(*, stdout) -> None:
    supplements = import_supplements()
    stdout.write(supplements.summary())
    created = 0
    consumer = _consumer_conditions()
    for entry in MONOGRAPHS:
        drug, was_created = _drug_for(entry)
        created += was_created
        monograph = {field: entry.get(field, "") for field in Drug.MONOGRAPH_FIELDS}
        services.drug_update(
            drug=drug,
            name=entry["name"],
            kind=entry["kind"],
            drug_class=entry.get("drug_class", ""),
            monograph_origin=Drug.MonographOrigin.EDITORIAL,
            **monograph,
        )
        for brand in entry.get("brands", []):
            services.drug_name_add(drug=drug, name=brand, kind=DrugName.Kind.BRAND)
        for other in entry.get("other_names", []):
            services.drug_name_add(drug=drug, name=other, kind=DrugName.Kind.OTHER)
        for position, ingredient_name in enumerate(entry["ingredients"]):
            ingredient, _new = services.ingredient_get_or_create(name=ingredient_name)
            services.drug_ingredient_set(drug=drug, ingredient=ingredient, position=position)
        for condition_name in entry.get("conditions", []):
            condition = _condition_for(condition_name, consumer)
            services.drug_condition_link(
                drug=drug,
                condition=condition,
                link_kind=DrugCondition.LinkKind.LABELLED,
                source=DrugCondition.Source.EDITORIAL,
            )
        services.drug_source_upsert(
            drug=drug,
            kind=DrugSource.Kind.EDITORIAL,
            reference=SAMPLE_MONOGRAPH_REFERENCE,
            title="Healthsite sample monograph",
        )
        services.drug_reindex(drug=drug)

    reviewers = []
    user_model = get_user_model()
    for email, display_name in DEMO_REVIEWERS:
        user = user_model.objects.filter(email=email).first()
        if user is None:
            user = user_model.objects.create_user(
                email=email, password=None, display_name=display_name
            )
            user.email_confirmed_at = timezone.now()
            user.save(update_fields=["email_confirmed_at"])
        reviewers.append(user)

    reviews = 0
    for number, entry in enumerate(DEMO_REVIEWS):
        reviewed_drug = Drug.objects.filter(slug=entry["drug"]).first()
        author = reviewers[number % len(reviewers)]
        if (
            reviewed_drug is None
            or Review.objects.filter(drug=reviewed_drug, author=author).exists()
        ):
            continue
        condition = _condition_for(entry["condition"], consumer)
        effectiveness, ease_of_use, satisfaction = entry["ratings"]
        review = review_services.review_save(
            drug=reviewed_drug,
            author=author,
            condition=condition,
            effectiveness=effectiveness,
            ease_of_use=ease_of_use,
            satisfaction=satisfaction,
            role=entry["role"],
            age_band=entry["age_band"],
            time_on=entry["time_on"],
            sex="",
            body=entry["body"],
        )
        review_services.review_publish(review=review)  # sample reviews are pre-approved
        reviews += 1
    stdout.write(f"drugs: {created} drugs and {reviews} reviews added")
