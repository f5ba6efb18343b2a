"""The interaction check: every pair, severities, class expansion, constant queries."""

import pytest

from interactions import selectors
from interactions.models import Severity

from .factories import make_drug, make_interaction

pytestmark = pytest.mark.django_db


def check(*drugs):
    found, missing = selectors.drugs_for_check([d.slug for d in drugs])
    assert missing == []
    return selectors.interaction_check(drugs=found)


def test_every_pair_of_thirty_medicines_is_checked(django_assert_num_queries):
    drugs = [make_drug(f"Medicine {n:02d}") for n in range(30)]
    # An interaction between drugs far apart in the list and one between neighbours.
    make_interaction(drugs[0], drugs[29], severity=Severity.CONTRAINDICATED)
    make_interaction(drugs[14], drugs[15], severity=Severity.MINOR)
    make_interaction(drugs[3], drugs[27], severity=Severity.MODERATE)
    with django_assert_num_queries(3):
        found, _missing = selectors.drugs_for_check([d.slug for d in drugs])
        result = selectors.interaction_check(drugs=found)
    assert result.pairs_checked == 435
    pairs = {
        (pair.drug_a.name, pair.drug_b.name, group.severity)
        for group in result.groups
        for pair in group.pairs
    }
    assert pairs == {
        ("Medicine 00", "Medicine 29", Severity.CONTRAINDICATED),
        ("Medicine 03", "Medicine 27", Severity.MODERATE),
        ("Medicine 14", "Medicine 15", Severity.MINOR),
    }
    # Grouped worst first.
    assert [g.severity for g in result.groups] == [
        Severity.CONTRAINDICATED,
        Severity.MODERATE,
        Severity.MINOR,
    ]


def test_query_count_does_not_grow_with_pairs(django_assert_num_queries):
    drugs = [make_drug(f"Thing {n}") for n in range(12)]
    for i in range(11):
        make_interaction(drugs[i], drugs[i + 1])
    for size in (2, 12):
        with django_assert_num_queries(3):
            found, _ = selectors.drugs_for_check([d.slug for d in drugs[:size]])
            selectors.interaction_check(drugs=found)


def test_severities_are_ordered_and_worst_finding_leads():
    a, b = make_drug("Alpha"), make_drug("Beta")
    make_interaction(a, b, severity=Severity.MINOR, source="onc-non-interruptive")
    make_interaction(a, b, severity=Severity.MAJOR, source="ndf-rt")
    result = check(a, b)
    assert result.worst == Severity.MAJOR
    [group] = result.groups
    [pair] = group.pairs
    assert [f.severity for f in pair.findings] == [Severity.MAJOR, Severity.MINOR]
    assert Severity.CONTRAINDICATED > Severity.MAJOR > Severity.MODERATE > Severity.MINOR
    # Plain-language wording per severity when the source gives none.
    assert "doctor or pharmacist" in pair.advice


def test_combination_products_interact_through_any_ingredient():
    combo = make_drug("Combo Cold", ingredients=["Paracetamol", "Pseudoephedrine"])
    other = make_drug("Selegiline")
    single = make_drug("Paracetamol Tablets", ingredients=["Paracetamol"])
    make_interaction(make_drug("Pseudo", ingredients=["Pseudoephedrine"]), other)
    result = check(combo, other, single)
    names = [(p.drug_a.name, p.drug_b.name) for g in result.groups for p in g.pairs]
    assert names == [("Combo Cold", "Selegiline")]
    # The same ingredient twice is flagged.
    assert [(a.name, b.name, ing) for a, b, ing in result.duplicates] == [
        ("Combo Cold", "Paracetamol Tablets", "Paracetamol")
    ]


def test_no_interactions_and_monograph_warnings():
    a = make_drug(
        "Metronidazole",
        precautions_alcohol="Do not drink alcohol while taking it and for 2 days after.",
    )
    b = make_drug("Levothyroxine", how_to_take="Take it on an empty stomach. Swallow whole.")
    result = check(a, b)
    assert result.groups == []
    assert result.pairs_checked == 1
    assert result.alcohol == [(a, "Do not drink alcohol while taking it and for 2 days after.")]
    assert result.food == [(b, "Take it on an empty stomach.")]


def test_unknown_and_unpublished_slugs_are_left_out():
    a = make_drug("Known")
    make_drug("Hidden", is_published=False)
    found, missing = selectors.drugs_for_check(["known", "hidden", "nope", "known"])
    assert found == [a]
    assert missing == ["hidden", "nope"]


def test_result_says_which_medicines_our_sources_cover():
    covered, partner = make_drug("Covered"), make_drug("Partner")
    make_interaction(covered, partner)
    bare = make_drug("Bare")  # an ingredient no interaction row names
    empty = make_drug("Empty", ingredients=[])
    result = check(covered, bare, empty)
    assert [d.name for d in result.covered] == ["Covered"]
    assert [d.name for d in result.not_covered] == ["Bare"]
    assert [d.name for d in result.no_ingredients] == ["Empty"]
    assert result.is_partial
    assert not result.groups
    full = check(covered, partner)
    assert [d.name for d in full.covered] == ["Covered", "Partner"]
    assert not full.is_partial


def test_coverage_without_the_annotated_prefetch_costs_one_query(django_assert_num_queries):
    covered, partner, bare = make_drug("Covered"), make_drug("Partner"), make_drug("Bare")
    make_interaction(covered, partner)
    from django.db.models import Prefetch

    from drugs.models import Drug, DrugIngredient

    drugs = list(
        Drug.objects.filter(pk__in=[covered.pk, bare.pk])
        .order_by("name")
        .prefetch_related(
            Prefetch(
                "drug_ingredients", queryset=DrugIngredient.objects.select_related("ingredient")
            )
        )
    )
    with django_assert_num_queries(2):  # interactions among them, and coverage
        result = selectors.interaction_check(drugs=drugs)
    assert [d.name for d in result.not_covered] == ["Bare"]
    assert [d.name for d in result.covered] == ["Covered"]
