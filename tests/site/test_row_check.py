"""RowCheck answers as full_clean does, for rows importers insert without model instances."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from drugs.models import DrugSource, Product
from healthsite.importing.checks import RowCheck

SOURCE_FIELDS = ["kind", "reference", "title", "version", "url", "effective_date"]
GOOD_SOURCE = {
    "kind": "drugsfda",
    "reference": "NDA020702",
    "title": "NDA020702 (Pfizer)",
    "version": "",
    "url": "https://www.accessdata.fda.gov/scripts/cder/daf/index.cfm?ApplNo=020702",
    "effective_date": datetime.date(1996, 12, 17),
}
SOURCE_CASES: list[dict[str, object]] = [
    {},
    {"url": ""},  # blank is allowed
    {"effective_date": None},
    {"url": "not a web address"},
    {"url": "javascript:alert(1)"},
    {"kind": "made-up"},
    {"kind": ""},
    {"reference": "N" * 101},
    {"title": "T" * 501},
    {"title": "a\x00b"},
    {"effective_date": "17 December 1996"},
    {"effective_date": "1996-12-17"},
]
PRODUCT_CASES: list[dict[str, object]] = [
    {},
    {"source_key": ""},
    {"source_key": "k" * 101},
    {"name": "n" * 256},
    {"strength": "10\x00mg"},
    {"ndc": "123456789012"},
]


def _full_clean_errors(model, fields, values):
    instance = model(**values)
    try:
        instance.full_clean(
            exclude=[f.name for f in model._meta.fields if f.name not in fields],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        return error.message_dict
    return {}


def _check_errors(check, values):
    try:
        check.validate(values)
    except ValidationError as error:
        return error.message_dict
    return {}


@pytest.mark.parametrize("change", SOURCE_CASES, ids=lambda c: repr(c)[:40])
def test_sources_are_judged_as_full_clean_judges_them(change):
    values = {**GOOD_SOURCE, **change}
    want = _full_clean_errors(DrugSource, SOURCE_FIELDS, values)
    assert _check_errors(RowCheck(DrugSource, SOURCE_FIELDS), values) == want


@pytest.mark.parametrize("change", PRODUCT_CASES, ids=lambda c: repr(c)[:40])
def test_products_are_judged_as_full_clean_judges_them(change):
    fields = ["source_key", "ndc", "name", "strength"]
    values = {"source_key": "drugsfda:020702:001", "ndc": "", "name": "Lipitor"}
    values = {**values, "strength": "10 mg", **change}
    want = _full_clean_errors(Product, fields, values)
    assert _check_errors(RowCheck(Product, fields), values) == want


def test_the_table_has_both_answers():
    """The cases above are not all valid (a check that passes everything would agree with
    nothing here) nor all invalid."""
    judged = [
        bool(_full_clean_errors(DrugSource, SOURCE_FIELDS, {**GOOD_SOURCE, **c}))
        for c in SOURCE_CASES
    ]
    assert judged.count(True) >= 6 and judged.count(False) >= 3
