"""site_search: ranking, prefixes, near matches, grouping and pagination."""

import pytest

from search.selectors import site_search
from tests.search.conftest import add, doc

pytestmark = pytest.mark.django_db


def keys(results) -> list[str]:
    return [hit.url for group in results.groups for hit in group.hits]


def test_a_title_match_outranks_a_body_match():
    add(
        doc("body", "Living well", "Tips for people with arthritis and their carers."),
        doc("title", "Arthritis", "A long-term condition of the joints."),
    )
    assert keys(site_search(query="arthritis")) == ["/articles/title/", "/articles/body/"]


def test_the_document_weight_multiplies_relevance():
    add(
        doc("light", "Asthma", "Breathing and inhalers.", weight=1.0),
        doc("heavy", "Asthma", "Breathing and inhalers.", weight=3.0),
    )
    assert keys(site_search(query="asthma")) == ["/articles/heavy/", "/articles/light/"]


def test_the_last_word_matches_as_the_start_of_a_word():
    add(doc("1", "Metformin", "Lowers blood sugar in type 2 diabetes."))
    assert keys(site_search(query="metfor")) == ["/articles/1/"]
    assert keys(site_search(query="blood sug")) == ["/articles/1/"]
    results = site_search(query="diabe")
    assert not results.approximate
    assert "<mark>" in results.groups[0].hits[0].snippet


def test_stemming_finds_other_forms_of_a_word():
    add(doc("1", "Running injuries", "What to do about sore shins."))
    assert keys(site_search(query="injury run ")) == ["/articles/1/"]


def test_accents_do_not_matter():
    add(doc("1", "Café au lait spots", "Flat, light brown patches on the skin."))
    assert keys(site_search(query="cafe ")) == ["/articles/1/"]


def test_a_misspelling_gives_near_matches_marked_as_such():
    add(doc("1", "Type 2 diabetes", "High blood sugar."), doc("2", "Gout", "Joint pain."))
    results = site_search(query="diabetis ")
    assert results.approximate
    assert keys(results) == ["/articles/1/"]


def test_exclusions_and_alternatives():
    add(
        doc("1", "Ibuprofen", "Pain relief; take with food."),
        doc("2", "Paracetamol", "Pain relief for most people."),
        doc("3", "Codeine", "Pain relief on prescription."),
    )
    assert keys(site_search(query="pain -food -prescription ")) == ["/articles/2/"]
    assert sorted(keys(site_search(query="ibuprofen OR codeine "))) == [
        "/articles/1/",
        "/articles/3/",
    ]


def test_results_are_grouped_by_kind_with_counts(register_provider):
    register_provider("article", "Articles")
    register_provider("drug", "Drugs & supplements")
    add(
        doc("1", "Eczema", "Dry, itchy skin."),
        doc("2", "Eczema in babies", "Itchy skin in the first year."),
        doc("3", "Emollient cream", "Soothes itchy skin.", kind="drug"),
    )
    results = site_search(query="itchy")
    assert results.total == 3
    assert [(k.kind, k.label, k.count) for k in results.kinds] == [
        ("article", "Articles", 2),
        ("drug", "Drugs & supplements", 1),
    ]
    groups = {group.kind: group for group in results.groups}
    assert groups["article"].count == 2 and len(groups["article"].hits) == 2
    assert groups["drug"].label == "Drugs & supplements"

    only_drugs = site_search(query="itchy", kind="drug")
    assert only_drugs.total == 1
    assert [group.kind for group in only_drugs.groups] == ["drug"]
    assert [k.count for k in only_drugs.kinds] == [2, 1]  # the filter links keep all counts


def test_pagination_pages_through_every_result():
    add(*(doc(str(n), f"Back pain exercise {n}", "Gentle stretches.") for n in range(25)))
    seen = []
    for page in (1, 2, 3):
        results = site_search(query="stretches", page=page, per_page=10)
        seen += keys(results)
        assert results.page_obj.number == page
    assert len(seen) == 25 and len(set(seen)) == 25
    assert results.page_obj.paginator.num_pages == 3
    # Out of range or nonsense page numbers give a real page, not an error.
    assert site_search(query="stretches", page=99, per_page=10).page_obj.number == 3
    assert site_search(query="stretches", page="x", per_page=10).page_obj.number == 1


def test_an_unknown_or_malformed_kind_matches_nothing_or_is_ignored():
    add(doc("1", "Shingles", "A painful rash."))
    assert site_search(query="rash", kind="nothing").total == 0
    assert site_search(query="rash", kind="<script>").total == 1


def test_swapped_letters_still_find_the_word():
    add(doc("1", "Metformin", "Lowers blood sugar."), doc("2", "Methotrexate", "For arthritis."))
    results = site_search(query="metfromin ")
    assert results.approximate
    assert keys(results)[0] == "/articles/1/"
