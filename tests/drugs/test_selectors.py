"""Finding drugs: brand and generic names, prefixes, spelling mistakes, conditions."""

from __future__ import annotations

import pytest

from drugs import selectors, services
from drugs.models import Drug, DrugCondition, DrugName
from tests.drugs.factories import link_condition, make_drug
from tests.factories import make_condition

pytestmark = pytest.mark.django_db


@pytest.fixture
def formulary():
    drugs = {
        "ibuprofen": make_drug(name="Ibuprofen", kind="otc", brands=("Advil", "Motrin IB")),
        "acetaminophen": make_drug(
            name="Acetaminophen", kind="otc", brands=("Tylenol",), ingredients=("ACETAMINOPHEN",)
        ),
        "metformin": make_drug(
            name="Metformin", brands=("Glucophage",), ingredients=("METFORMIN HYDROCHLORIDE",)
        ),
        "atorvastatin": make_drug(
            name="Atorvastatin", brands=("Lipitor",), ingredients=("ATORVASTATIN CALCIUM",)
        ),
        "ibuprofen-famotidine": make_drug(
            name="Famotidine and ibuprofen", brands=("Duexis",), ingredients=("A", "B")
        ),
        "metoprolol": make_drug(name="Metoprolol", brands=("Lopressor",)),
        "methotrexate": make_drug(name="Methotrexate"),
    }
    for n in range(30):
        make_drug(name=f"Placebotine {n}")
    return drugs


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ibuprofin", "Ibuprofen"),
        ("acetominophen", "Acetaminophen"),
        ("metformine", "Metformin"),
        ("Lipitor", "Atorvastatin"),
        ("lipitr", "Atorvastatin"),
        ("tylenol", "Acetaminophen"),
        ("ibu", "Ibuprofen"),
        ("ATORVASTATIN", "Atorvastatin"),
        ("glucophag", "Metformin"),
    ],
)
def test_best_match_comes_first(formulary, query, expected):
    matches = selectors.drug_search(query=query)
    assert matches, query
    assert matches[0].drug.name == expected


def test_brand_match_says_which_name_matched(formulary):
    match = selectors.drug_search(query="Lipitor")[0]
    assert match.matched_name == "Lipitor"
    assert match.matched_kind == "brand"
    assert match.via_synonym


def test_exact_match_of_one_drug_is_a_redirect_target(formulary):
    target = selectors.drug_search_exact_target(selectors.drug_search(query="advil"))
    assert target is not None and target.drug.name == "Ibuprofen"
    assert selectors.drug_search_exact_target(selectors.drug_search(query="ibupro")) is None


def test_exact_name_shared_by_two_drugs_is_not_a_redirect(formulary):
    from drugs import services

    services.drug_name_add(drug=formulary["metoprolol"], name="Shared", kind="brand")
    services.drug_name_add(drug=formulary["methotrexate"], name="Shared", kind="brand")
    matches = selectors.drug_search(query="shared")
    assert len([m for m in matches if m.how == "exact"]) == 2
    assert selectors.drug_search_exact_target(matches) is None


def test_prefix_lists_shorter_names_first(formulary):
    names = [m.drug.name for m in selectors.drug_search(query="ibuprofen")]
    assert names[:2] == ["Ibuprofen", "Famotidine and ibuprofen"]


def test_nonsense_and_empty_queries_find_nothing(formulary):
    assert selectors.drug_search(query="") == []
    assert selectors.drug_search(query="   !!! ") == []
    assert selectors.drug_search(query="qqqqzzzz") == []


def test_unpublished_drugs_are_not_found(formulary):
    Drug.objects.filter(name="Metformin").update(is_published=False)
    assert all(m.drug.name != "Metformin" for m in selectors.drug_search(query="metformin"))


def test_search_query_count_does_not_grow(formulary, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        selectors.drug_search(query="ibuprofin")
    for n in range(40):
        make_drug(name=f"Ibuprofenish {n}")
    with django_assert_max_num_queries(4):
        selectors.drug_search(query="ibuprofin")


def test_names_added_after_a_search_are_found_by_their_spelling_mistakes(formulary):
    """The trigram frequencies a search counted never hide names added afterwards."""
    assert not any(m.drug.name == "Zolpidem" for m in selectors.drug_search(query="zolpidm"))
    make_drug(name="Zolpidem", brands=("Ambien",))
    assert selectors.drug_search(query="zolpidm")[0].drug.name == "Zolpidem"


def test_condition_by_slug_name_or_synonym(formulary):
    knee = make_condition(name="Knee pain", slug="knee-pain", synonyms=["Sore knee"])
    link_condition(formulary["ibuprofen"], knee, DrugCondition.LinkKind.SYMPTOMATIC)
    link_condition(formulary["acetaminophen"], knee)
    for text in ("knee-pain", "Knee Pain", "sore knee"):
        assert selectors.condition_lookup(text=text) == knee
    assert selectors.condition_lookup(text="no such thing") is None
    result = selectors.drugs_for_condition(condition=knee)
    assert result.count == 2
    assert [(key, [e.drug.name for e in entries]) for key, _title, entries in result.groups] == [
        ("labelled", ["Acetaminophen"]),
        ("other", ["Ibuprofen"]),
    ]


def test_condition_drugs_grouped_by_kind_with_sources_and_not_sold_apart(
    formulary, django_assert_max_num_queries
):
    from drugs import services

    af = make_condition(name="Atrial fibrillation", slug="atrial-fibrillation")
    apixaban, warfarin = make_drug(name="Apixaban"), make_drug(name="Warfarin")
    withdrawn = make_drug(name="Oldcoag")
    services.product_upsert(drug=withdrawn, source_key="t:1", marketing_status="Discontinued")
    services.product_upsert(drug=warfarin, source_key="t:2", marketing_status="Discontinued")
    services.product_upsert(drug=warfarin, source_key="t:3", marketing_status="Prescription")
    page = "https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query=apixaban"
    for drug, kind, source, title, url in [
        (apixaban, "first_line", "first_line", "FDA label", page),
        (apixaban, "labelled", "labeledin", "", ""),
        (warfarin, "disease_modifying", "pharmacotherapydb", "", ""),
        (withdrawn, "labelled", "labeledin", "", ""),
    ]:
        services.drug_condition_link(
            drug=drug,
            condition=af,
            link_kind=kind,
            source=source,
            source_title=title,
            source_url=url,
        )
    with django_assert_max_num_queries(2):
        result = selectors.drugs_for_condition(condition=af)
    assert result.count == 3
    groups = {key: entries for key, _title, entries in result.groups}
    assert list(groups) == ["first_line", "other"]  # a drug is listed once, in its best group
    (first,) = groups["first_line"]
    assert first.drug == apixaban
    assert first.kinds == ["First-line treatment", "Labelled use"]
    assert [(s.title, s.url) for s in first.sources] == [
        ("FDA label", page),
        ("LabeledIn (NLM): FDA label indications, 2012", ""),
    ]
    assert groups["other"][0].drug == warfarin  # one product still sold
    assert groups["other"][0].sources[0].url.startswith("https://doi.org/")
    assert [e.drug for e in result.not_sold] == [withdrawn]


def test_a_substance_still_sold_in_another_form_is_not_marked_no_longer_sold(formulary):
    from drugs import services

    eczema = make_condition(name="Eczema", slug="eczema")
    base = make_drug(name="Triamcinolone", ingredients=("triamcinolone",))
    ester = make_drug(name="Triamcinolone acetonide", ingredients=("triamcinolone acetonide",))
    services.product_upsert(drug=base, source_key="t:1", marketing_status="Discontinued")
    services.product_upsert(drug=ester, source_key="t:2", marketing_status="Prescription")
    services.drug_condition_link(
        drug=base, condition=eczema, link_kind="labelled", source="labeledin"
    )
    result = selectors.drugs_for_condition(condition=eczema)
    assert not result.not_sold
    assert result.groups[0][2][0].drug == base


@pytest.fixture
def lookalikes():
    """Real Drugs@FDA brands that names we do not have used to answer with."""
    for generic, brand in [
        ("Emtricitabine and tenofovir alafenamide", "Descovy"),
        ("Ixazomib", "Ninlaro"),
        ("Malathion", "Ovide"),
        ("Copper", "Tatum-T"),
        ("Isosorbide mononitrate", "Ismo"),
        ("Alprazolam", "Xanax"),
        ("Atorvastatin", "Lipitor"),
        ("Zolpidem", "Ambien"),
    ]:
        make_drug(name=generic, brands=(brand,))


@pytest.mark.parametrize("query", ["wegovy", "mounjaro", "paxlovid", "tums", "pepto bismol"])
def test_a_name_we_do_not_have_never_answers_with_an_unrelated_drug(lookalikes, query):
    assert selectors.drug_search(query=query) == []


@pytest.mark.parametrize(
    ("query", "brand"),
    [("xanex", "Xanax"), ("zanax", "Xanax"), ("lipiter", "Lipitor"), ("ambian", "Ambien")],
)
def test_real_typos_still_find_the_drug(lookalikes, query, brand):
    matches = selectors.drug_search(query=query)
    assert [m.matched_name for m in matches][:1] == [brand]
    assert matches[0].how == "fuzzy"


def test_close_spellings_are_offered_as_a_question(client, lookalikes):
    page = client.get("/drugs/", {"q": "xanex"}).content.decode()
    assert "No medicine called “xanex” is in our database." in page
    assert "Did you mean" in page
    assert "Xanax" in page


def test_a_misspelt_substance_ranks_the_drug_of_it_alone_before_its_combinations():
    """Real Drugs@FDA: 70-odd combinations carry "hydrochlorothiazide" as a generic name;
    they must not crowd the plain drug out of the close-spelling candidates."""
    from drugs import services

    plain = make_drug(name="Hydrochlorothiazide")
    for n in range(70):
        combination = make_drug(name=f"Hydrochlorothiazide and partner{n}")
        services.drug_name_add(
            drug=combination, name="hydrochlorothiazide", kind=DrugName.Kind.GENERIC
        )
    matches = selectors.drug_search(query="hydrochlorthiazide")
    assert matches[0].drug == plain
    assert matches[0].how == "fuzzy"


def test_a_release_form_in_the_query_finds_the_drug_and_names_the_form():
    metformin = make_drug(name="Metformin", brands=("Glucophage XR",))
    make_drug(name="Glipizide and metformin")
    for query in ("metformin extended release", "Metformin ER tablets", "metformin xr"):
        first = selectors.drug_search(query=query)[0]
        assert (first.drug, first.how, str(first.form)) == (metformin, "exact", "extended release")
    # a brand named with its form is still an exact match of that brand
    brand = selectors.drug_search(query="glucophage xr")[0]
    assert (brand.drug, brand.how, brand.matched_name) == (metformin, "exact", "Glucophage XR")
    assert selectors.drug_search(query="metformin")[0].form == ""


def test_search_for_a_release_form_opens_the_drug_products(client):
    metformin = make_drug(name="Metformin")
    response = client.get("/drugs/", {"q": "metformin extended release"})
    assert response.status_code == 302
    assert response["Location"] == metformin.get_absolute_url() + "#products"


@pytest.mark.django_db
def test_the_substance_alone_comes_before_combinations_holding_it():
    combination = make_drug(
        name="Alendronate and cholecalciferol", ingredients=("ALENDRONATE", "CHOLECALCIFEROL")
    )
    services.drug_name_add(drug=combination, name="Fosamax Plus D", kind=DrugName.Kind.BRAND)
    vitamin_d = make_drug(name="Vitamin D", kind=Drug.Kind.VITAMIN, ingredients=("VITAMIN D",))
    services.drug_name_add(drug=vitamin_d, name="Cholecalciferol", kind=DrugName.Kind.OTHER)
    found = [m.drug for m in selectors.drug_search(query="cholecalciferol")]
    assert found == [vitamin_d, combination]
    # a combination's own brand still finds it first
    assert selectors.drug_search(query="fosamax plus d")[0].drug == combination


def test_a_conditions_drugs_are_kept_until_content_changes(formulary, django_assert_num_queries):
    knee = make_condition(name="Knee pain", slug="knee-pain")
    link_condition(formulary["acetaminophen"], knee)
    assert selectors.drugs_for_condition(condition=knee).count == 1
    with django_assert_num_queries(0):  # the second reader gets the cached answer
        assert selectors.drugs_for_condition(condition=knee).count == 1
    link_condition(formulary["ibuprofen"], knee)  # an edit shows at once
    assert selectors.drugs_for_condition(condition=knee).count == 2


def test_a_review_summary_is_kept_until_a_review_changes(django_assert_num_queries):
    from drugs.services import reviews as review_services
    from tests.drugs.factories import make_review
    from tests.factories import make_user

    drug = make_drug(name="Examplol")
    make_review(drug=drug, author=make_user(), satisfaction=2)
    assert selectors.review_summary(drug=drug).count == 1
    with django_assert_num_queries(0):
        assert selectors.review_summary(drug=drug).averages["satisfaction"] == 2
    second = make_review(drug=drug, author=make_user(), satisfaction=4)
    assert selectors.review_summary(drug=drug).averages["satisfaction"] == 3
    review_services.review_hide(
        review=second, by=make_user(is_staff=True), reason="spam"
    )  # at once too
    assert selectors.review_summary(drug=drug).count == 1
