"""Recalls matched to the right products: NDC reading, bulk chemicals, routes, ingredients
from descriptions, the rule order, and real openFDA records (../shared/data)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from mymedicine import recall_text, services
from mymedicine.importers.openfda_enforcement import record_from_item
from mymedicine.importers.records import RecallRecord
from mymedicine.matching import BULK, INGREDIENTS, NDC, NONE, DrugIndex
from mymedicine.models import RecallMatch
from tests.pills.factories import make_pill

from .factories import make_drug, make_product

# -- NDC reading -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("0409-4888-10", "004094888"),  # 4-4-2: the labeler is padded
        ("63323-262-01", "633230262"),  # 5-3-2: the product is padded
        ("71285-9000-1", "712859000"),  # 5-4-1: the package is short, product as printed
        ("70004-0812-40", "700040812"),  # 5-4-2: already 11 digits
        ("00069420030", "000694200"),  # undashed 11 digits: 5-4-2
        ("0187-0006", "001870006"),  # a product code, 4-4
        ("61553-102", "615530102"),  # a product code, 5-3
        ("7025001001", ""),  # undashed 10 digits: which segment is short is unknowable
        ("877-666-5222", ""),  # a phone number
        ("0409-488-10", ""),  # 4-3-2 is no NDC shape
        ("", ""),
    ],
)
def test_ndc_product_code(printed, code):
    assert recall_text.ndc_product_code(printed) == code


def test_the_three_ten_digit_shapes_are_different_products():
    codes = {recall_text.ndc_product_code(p) for p in ("1234-5678-90", "12345-678-90")}
    codes.add(recall_text.ndc_product_code("12345-6789-0"))
    assert codes == {"012345678", "123450678", "123456789"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Rx Only, NDC 0409-4888-10.", ("0409-4888-10",)),
        ("Vial, NDC# 63323-262-01", ("63323-262-01",)),
        (
            "NDC# 0703-0020-31 (Single Use Bag), NDC # 0703-0020-32 (5 Bags)",
            ("0703-0020-31", "0703-0020-32"),
        ),
        ("30 mL Syringe, NDC: 71286-2010-1", ("71286-2010-1",)),
        ("TABLETS 10-10MG 30; NDC/UPC 68462-321-30; RX", ("68462-321-30",)),
        ("Distributed by: AidaPak Service, LLC, NDC 43386044024", ("43386044024",)),
        ("NDC 0187-0006 all lots", ("0187-0006",)),
        ("Banner Health, Chandler, AZ 95226, NDC 7025001001.", ()),  # ambiguous: skipped
        ("barcode 70004030022", ()),  # not labelled as an NDC
        ("San Diego, CA 92126-1234, call 877-666-5222", ()),
        ("China 44132-007-06", ("44132-007-06",)),
    ],
)
def test_ndcs_in_text(text, found):
    assert recall_text.ndcs_in_text(text) == found


# -- Bulk chemicals, routes, ingredients in descriptions --------------------------------------


@pytest.mark.parametrize(
    ("description", "bulk"),
    [
        (
            "Sodium Bicarbonate Powder, CAS-144-55-8, Arm & Hammer, Sodium Bicarbonate U.S.P. "
            "No. 4 Granular, Net Wt. 50 lbs. (22.68 kg.) per bag",
            True,
        ),
        (
            "Morton, Sodium Chloride, USP, Granular, packaged in kraft paper bags, fiber drums, "
            "and semi-bulk bags. Product is shipped in 80 lb bags",
            True,
        ),
        ("Tolvaptan active pharmaceutical ingredient packaged in varying grams or kg", True),
        ("Carbon Dioxide, USP, Medical Gas, Rx only, in 50 lbs steel cylinders", True),
        ("AIR COMPRESSED, Medical Air, USP, Rx Only.", True),
        ("Thyroid, USP, For Manufacturing, Processing or Repackaging Use only", True),
        ("Estriol Micronized, USP, Bulk, Rx only, For Prescription Compounding", True),
        ("Ceftriaxone for Injection, USP 10 grams per Pharmacy Bulk Package, Rx only", False),
        ("Triamcinolone Acetonide Cream USP, 0.025%, 1 LB (454 g) per jar, Rx Only", False),
        ("LOSARTAN POTASSIUM 50 mg TABLET BULK 90 count bottles, NDC 00591-3746-00", False),
        ("Enoxaparin 40 mg/0.4 mL, dose 1 mg/kg", False),
    ],
)
def test_is_bulk(description, bulk):
    assert recall_text.is_bulk(description) is bulk


@pytest.mark.parametrize(
    ("text", "routes"),
    [
        (
            "CABTREO Topical Gel 1.2%/0.15%/3.1%, Not for Oral, Ophthalmic or Intravaginal Use",
            {"topical"},
        ),
        ("0.9% Sodium Chloride Injection USP, 250 mL VIAFLEX Container bag", {"injection"}),
        ("Simvastatin Tablets, USP 40 mg", {"oral"}),
        ("INTRAVENOUS", {"injection"}),
        ("RESPIRATORY (INHALATION)", {"inhalation"}),
        ("oral-28", {"oral"}),
        ("Rx Only, 1000 count", set()),
    ],
)
def test_routes_in_text(text, routes):
    assert recall_text.routes_in_text(text) == routes


KNOWN = {"simvastatin", "ezetimibe", "phenylephrine", "vancomycin", "milrinone", "warfarin"}


@pytest.mark.parametrize(
    ("description", "ingredients"),
    [
        ("Simvastatin Tablets, USP 40 mg. Rx Only", {"simvastatin"}),
        ("EZETIMIBE AND SIMVASTATIN TABLETS 10-10MG 30", {"ezetimibe", "simvastatin"}),
        ("Warfarin Sodium Tablets USP, 5 mg", {"warfarin"}),
        ("PHENYLephrine 40 mg in 0.9% Sodium Chloride 250 mL", set()),  # no form word
        ("Milrinone Lactate Injection 200 mcg/mL in 5% Dextrose Injection", set()),  # admixture
        ("Vancomycin HCl 750 mg added to 250 mL 0.9% Sodium Chloride", set()),
        ("CABTREO (clindamycin phosphate, adapalene and benzoyl peroxide) Topical Gel", set()),
        ("Simvastatin 40 mg", set()),
        ("Simvastatin and Unknownol Tablets", set()),  # every part must be known
    ],
)
def test_ingredients_in_description(description, ingredients):
    assert recall_text.ingredients_in_description(description, KNOWN) == ingredients


# -- The rule order, on our own small records --------------------------------------------------


def record(**values) -> RecallRecord:
    base = {
        "recall_number": "D-1-2025",
        "event_id": "1",
        "status": "Ongoing",
        "classification": "Class II",
        "product_description": "Simvastatin Tablets, USP 40 mg",
        "reason": "Failed dissolution.",
        "recalling_firm": "Example",
        "code_info": "Lot 1",
        "distribution_pattern": "US",
        "voluntary_mandated": "Voluntary",
        "report_date": None,
        "initiated_on": None,
        "terminated_on": None,
    }
    return RecallRecord(**{**base, **values})


def match(rec: RecallRecord):
    return DrugIndex.build().match_record(rec)


@pytest.mark.django_db
def test_ndc_comes_first_and_names_the_product():
    simvastatin = make_drug("Simvastatin")
    forty = make_product(simvastatin, ndc="65862005399", strength="40 mg")
    make_product(simvastatin, ndc="65862005030", strength="10 mg")
    result = match(record(text_ndcs=("65862-053-99",), substance_names=("SIMVASTATIN",)))
    assert result.rule == NDC
    assert [(h.drug_id, h.product_id) for h in result.hits] == [(simvastatin.pk, forty.pk)]


@pytest.mark.django_db
def test_printed_ndcs_win_over_openfda_siblings():
    """openFDA lists every strength of the label; the description names the recalled one."""
    simvastatin = make_drug("Simvastatin")
    forty = make_product(simvastatin, ndc="65862005399", strength="40 mg")
    make_product(simvastatin, ndc="65862005030", strength="10 mg")
    result = match(record(ndcs=("65862-050", "65862-053"), text_ndcs=("65862-053-99",)))
    assert [h.product_id for h in result.hits] == [forty.pk]
    # Without a printed NDC, openFDA's list is all there is.
    result = match(record(ndcs=("65862-050", "65862-053"), product_description="Simvastatin"))
    assert len(result.hits) == 2 and result.rule == NDC


@pytest.mark.django_db
def test_a_pill_ndc_gives_its_drug():
    drug = make_drug("Fluconazole")
    make_pill(drug=drug, product_ndc="001725413", package_ndcs=["00172541360"])
    result = match(record(text_ndcs=("00172-5413-60",), product_description="FLUCONAZOLE"))
    assert result.rule == NDC
    assert [(h.drug_id, h.product_id) for h in result.hits] == [(drug.pk, None)]


@pytest.mark.django_db
def test_bulk_comes_before_everything():
    drug = make_drug("Sodium bicarbonate")
    make_product(drug, ndc="12345678901", dosage_form="powder", route="oral")
    rec = record(
        product_description="Sodium Bicarbonate Powder, CAS-144-55-8, 50 lbs. per bag",
        text_ndcs=("12345-6789-01",),
        substance_names=("SODIUM BICARBONATE",),
    )
    assert match(rec).rule == BULK and match(rec).hits == []


@pytest.mark.django_db
def test_ingredients_are_an_exact_set_and_the_route_must_agree():
    simvastatin = make_drug("Simvastatin")
    make_product(simvastatin, dosage_form="tablet", route="oral")
    combination = make_drug("Ezetimibe and simvastatin", ingredients=["Ezetimibe", "Simvastatin"])
    make_product(combination, dosage_form="tablet", route="oral")
    single = match(record(substance_names=("SIMVASTATIN",), routes=("ORAL",)))
    assert single.rule == INGREDIENTS
    assert [h.drug_id for h in single.hits] == [simvastatin.pk]
    both = match(record(substance_names=("EZETIMIBE", "SIMVASTATIN"), routes=("ORAL",)))
    assert [h.drug_id for h in both.hits] == [combination.pk]
    # The same ingredients given by injection: nothing of ours is an injection.
    injected = match(
        record(
            substance_names=("SIMVASTATIN",),
            routes=("INTRAVENOUS",),
            product_description="Simvastatin injection",
        )
    )
    assert injected.rule == NONE and injected.hits == []


@pytest.mark.django_db
def test_drugs_sharing_an_ingredient_set_are_linked_only_where_the_route_agrees():
    tablets = make_drug("Levofloxacin")
    make_product(tablets, dosage_form="tablet", route="oral")
    eye = make_drug("Levofloxacin eye drops", ingredients=["Levofloxacin"])
    make_product(eye, dosage_form="solution/drops", route="ophthalmic")
    result = match(record(product_description="Levofloxacin Ophthalmic Solution, 0.5%"))
    assert result.rule == INGREDIENTS and [h.drug_id for h in result.hits] == [eye.pk]


@pytest.mark.django_db
def test_a_reimport_replaces_matches_of_an_earlier_rule():
    simvastatin = make_drug("Simvastatin")
    make_product(simvastatin, dosage_form="tablet", route="oral")
    recall, _status, result = services.recall_upsert(record=record(), index=DrugIndex.build())
    assert result.rule == INGREDIENTS
    RecallMatch.objects.filter(recall=recall).update(matched_by="brand")  # an old name match
    other = make_drug("Other")
    RecallMatch.objects.create(recall=recall, drug=other, matched_by="description")
    services.recall_upsert(record=record(), index=DrugIndex.build())
    assert list(recall.matches.values_list("drug__name", "matched_by")) == [
        ("Simvastatin", "ingredients")
    ]


# -- Real openFDA records -----------------------------------------------------------------------


@cache
def _real_records(path: Path) -> dict[str, dict]:
    return {item["recall_number"]: item for item in json.loads(path.read_text())}


def real_record(shared_data: Path, number: str) -> RecallRecord:
    path = shared_data / "openfda" / "enforcement" / "recalls.json"
    found = record_from_item(_real_records(path)[number], number)
    assert isinstance(found, RecallRecord)
    return found


def import_real(shared_data: Path, number: str):
    rec = real_record(shared_data, number)
    recall, _status, result = services.recall_upsert(record=rec, index=DrugIndex.build())
    return recall, result


@pytest.mark.shared_data
@pytest.mark.django_db
def test_real_cabtreo_combination_lands_on_no_single_ingredient_drug(shared_data):
    """D-0347-2024: CABTREO gel (clindamycin phosphate + adapalene + benzoyl peroxide)."""
    singles = []
    for name, ingredient in [
        ("Clindamycin", "Clindamycin Phosphate"),
        ("Adapalene", "Adapalene"),
        ("Benzoyl peroxide", "Benzoyl Peroxide"),
    ]:
        drug = make_drug(name, ingredients=[ingredient])
        make_product(drug, dosage_form="gel", route="topical")
        singles.append(drug)
    epiduo = make_drug(
        "Adapalene and benzoyl peroxide", ingredients=["Adapalene", "Benzoyl Peroxide"]
    )
    make_product(epiduo, dosage_form="gel", route="topical")
    recall, result = import_real(shared_data, "D-0347-2024")
    assert result.rule == NONE and not recall.matches.exists()
    # Our own CABTREO (the same three ingredients, a topical gel) is the one it concerns.
    cabtreo = make_drug(
        "Clindamycin phosphate, adapalene and benzoyl peroxide",
        ingredients=["Clindamycin Phosphate", "Adapalene", "Benzoyl Peroxide"],
    )
    make_product(cabtreo, dosage_form="gel", route="topical")
    recall, result = import_real(shared_data, "D-0347-2024")
    assert result.rule == INGREDIENTS
    assert list(recall.matches.values_list("drug", flat=True)) == [cabtreo.pk]


@pytest.mark.shared_data
@pytest.mark.django_db
def test_real_bulk_sodium_bicarbonate_is_linked_to_nothing(shared_data):
    """D-800-2013: 50 lb bags of Arm & Hammer sodium bicarbonate (CAS 144-55-8)."""
    bicarbonate = make_drug("Sodium bicarbonate")
    make_product(bicarbonate, dosage_form="tablet", route="oral")
    make_product(bicarbonate, dosage_form="injectable", route="intravenous")
    zegerid = make_drug("Zegerid", ingredients=["Omeprazole", "Sodium Bicarbonate"])
    make_product(zegerid, dosage_form="capsule", route="oral")
    recall, result = import_real(shared_data, "D-800-2013")
    assert result.rule == BULK and recall.is_bulk
    assert not recall.matches.exists()


def _saline_drugs():
    saline = make_drug("Sodium chloride")
    bag = make_product(
        saline,
        ndc="00338004902",
        strength="9 mg/mL",
        dosage_form="injection, solution",
        route="intravenous",
    )
    make_product(saline, ndc="00338004903", dosage_form="injection, solution", route="intravenous")
    make_product(saline, ndc="00409798809", dosage_form="injection, solution", route="intravenous")
    make_product(saline, dosage_form="tablet", route="oral")
    for name, ingredients in [
        ("Dextrose and sodium chloride", ["Dextrose", "Sodium Chloride"]),
        ("Potassium chloride and sodium chloride", ["Potassium Chloride", "Sodium Chloride"]),
        ("Fentanyl citrate", ["Fentanyl Citrate"]),
    ]:
        drug = make_drug(name, ingredients=ingredients)
        make_product(drug, dosage_form="injectable", route="intravenous")
    return saline, bag


@pytest.mark.shared_data
@pytest.mark.django_db
def test_real_saline_bag_links_only_the_product_its_ndc_names(shared_data):
    """D-0957-2017: 0.9% Sodium Chloride Injection, 250 mL VIAFLEX bag, NDC 0338-0049-02."""
    saline, bag = _saline_drugs()
    recall, result = import_real(shared_data, "D-0957-2017")
    assert result.rule == NDC
    # The package printed is 0338-0049-02; 0338-0049-03 is another pack of that product.
    assert sorted(recall.matches.values_list("drug", "product__ndc")) == [
        (saline.pk, "00338004902"),
        (saline.pk, "00338004903"),
    ]
    assert bag.pk in set(recall.matches.values_list("product", flat=True))


@pytest.mark.shared_data
@pytest.mark.django_db
def test_real_saline_bag_without_our_ndc_concerns_plain_saline_only(shared_data):
    saline = make_drug("Sodium chloride")
    make_product(saline, dosage_form="injection, solution", route="intravenous")
    tablets = make_drug("Sodium chloride tablets", ingredients=["Sodium Chloride"])
    make_product(tablets, dosage_form="tablet", route="oral")
    for name, ingredients in [
        ("Dextrose and sodium chloride", ["Dextrose", "Sodium Chloride"]),
        ("Fentanyl citrate", ["Fentanyl Citrate"]),
    ]:
        drug = make_drug(name, ingredients=ingredients)
        make_product(drug, dosage_form="injectable", route="intravenous")
    recall, result = import_real(shared_data, "D-0957-2017")
    assert result.rule == INGREDIENTS
    assert list(recall.matches.values_list("drug", flat=True)) == [saline.pk]


@pytest.mark.shared_data
@pytest.mark.django_db
def test_real_ndc_match_lands_on_exactly_the_recalled_product(shared_data):
    """D-1842-2019: Simvastatin Tablets USP 40 mg, 1000-count, NDC 65862-053-99; openFDA
    lists every Aurobindo simvastatin strength (65862-050 to -054)."""
    simvastatin = make_drug("Simvastatin")
    forty = make_product(simvastatin, ndc="65862005399", strength="40 mg", route="oral")
    make_product(simvastatin, ndc="65862005030", strength="10 mg", route="oral")
    make_product(simvastatin, ndc="65862005430", strength="80 mg", route="oral")
    combination = make_drug("Ezetimibe and simvastatin", ingredients=["Ezetimibe", "Simvastatin"])
    make_product(combination, ndc="68462032130", route="oral")
    recall, result = import_real(shared_data, "D-1842-2019")
    assert result.rule == NDC
    assert list(recall.matches.values_list("drug", "product", "matched_by")) == [
        (simvastatin.pk, forty.pk, "ndc")
    ]
    # D-0484-2021, ezetimibe + simvastatin: never on simvastatin alone.
    recall, result = import_real(shared_data, "D-0484-2021")
    assert list(recall.matches.values_list("drug", flat=True)) == [combination.pk]


@pytest.mark.parametrize(
    ("text", "strengths"),
    [
        ("Simvastatin Tablets, USP 40 mg. Rx Only 1000 Count Bottles", ["40 mg"]),
        ("0.9% Sodium Chloride Injection USP, 250 mL VIAFLEX Container bag", ["0.9%"]),
        ("Semaglutide Injection, 10 mg/4 mL (2.5 mg/mL), 4mL Vial", ["10 mg/4 mL", "2.5 mg/mL"]),
        ("CABTREO Topical Gel 1.2%/0.15%/3.1%, Net Wt. 50g", ["1.2%", "0.15%", "3.1%", "50g"]),
        ("Lot 12345, Rx only", []),
    ],
)
def test_strengths_in_text(text, strengths):
    assert recall_text.strengths_in_text(text) == strengths


def test_recall_text_examples():
    import doctest

    assert doctest.testmod(recall_text).failed == 0
