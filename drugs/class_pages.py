"""Reads for the drug class pages and for finding a class by the words readers use.

A class page lists the published drugs with an ingredient in one FDA Established Pharmacologic
Class (EPC). A search for a class name ("beta-adrenergic blocker", "benzodiazepines") or for a
word in our synonym table (`drugs/class_synonyms.toml`: "statin", "SSRI", "blood thinner")
offers the class pages before the drugs whose names merely contain the word.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from django.db.models import Count, Q

from drugs.models import Drug, DrugClass
from drugs.text import normalize_name

SYNONYMS_FILE = Path(__file__).with_name("class_synonyms.toml")
CLASS_MEMBERS_LIMIT = 500  # the largest FDA class has far fewer published drugs


class ClassLabel(str):
    """A class label as the drug page shows it ("HMG-CoA reductase inhibitor"), with the
    address of its class page ("" when there is none). A str, so code that shows or serialises
    labels (the JSON-LD drugClass) keeps working."""

    url: str

    def __new__(cls, label: str, url: str = "") -> ClassLabel:
        text = super().__new__(cls, label)
        text.url = url
        return text


@cache
def class_synonyms() -> dict[str, tuple[str, ...]]:
    """Normalised reader's word → the FDA class names it means, from the TOML table."""
    with SYNONYMS_FILE.open("rb") as file:
        data = tomllib.load(file)
    table: dict[str, list[str]] = {}
    for entry in data["class"]:
        for word in entry["synonyms"]:
            table.setdefault(normalize_name(word), []).append(entry["name"])
    return {word: tuple(names) for word, names in table.items()}


def _label_forms(query: str) -> set[str]:
    """The query as a class label might read: as typed, and without a plural ending."""
    forms = {query}
    if query.endswith("s") and len(query) > 3:
        forms.add(query[:-1])
    return forms


def drug_classes_for_query(*, query: str) -> list[DrugClass]:
    """The established classes a search means: the classes our synonym table gives for the
    words, or the class whose label is the words (singular or plural), each with its count of
    published drugs; classes without a published drug are left out. One query."""
    q = normalize_name(query)[:100]
    if not q:
        return []
    names = class_synonyms().get(q, ())
    wanted = Q(name__in=names) if names else Q(pk__in=[])
    # Labels are compared by their slug ("beta-Adrenergic Blocker" → beta-adrenergic-blocker),
    # which folds case and punctuation as normalize_name does, with hyphens for spaces.
    wanted |= Q(slug__in=[form.replace(" ", "-") for form in _label_forms(q)])
    classes = (
        DrugClass.objects.filter(wanted, kind=DrugClass.Kind.ESTABLISHED)
        .annotate(
            drug_count=Count(
                "ingredients__drugs",
                filter=Q(ingredients__drugs__is_published=True),
                distinct=True,
            )
        )
        .filter(drug_count__gt=0)
        .order_by("-drug_count", "label")
    )
    return list(classes)


def drug_class_page(*, slug: str) -> DrugClass | None:
    """The established class with this address."""
    return DrugClass.objects.filter(kind=DrugClass.Kind.ESTABLISHED, slug=slug).first()


def drug_class_members(*, drug_class: DrugClass) -> list[Drug]:
    """Published drugs with an ingredient in the class, by name (combinations included)."""
    return list(
        Drug.objects.published()
        .filter(drug_ingredients__ingredient__classes=drug_class)
        .distinct()
        .only("pk", "name", "slug", "kind", "summary")
        .order_by("name")[:CLASS_MEMBERS_LIMIT]
    )
