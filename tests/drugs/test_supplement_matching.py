"""Which supplement page a DSLD product is about (drugs/supplement_matching.py).

The names are real product names from the NIH Dietary Supplement Label Database; the
supplement names come from our own monograph files (drugs/supplements/*.toml), so the table
checks the matcher with the names it really runs on. No database needed.
"""

from __future__ import annotations

import pytest

from drugs.importers.supplements import SUPPLEMENTS_DIR, SupplementFile, read_supplements
from drugs.supplement_matching import (
    SupplementNames,
    product_own_name,
    supplement_for_product,
    supplement_names,
)

VITAMIN = "Vitamin"
MINERAL = "Mineral (or Element)"
HERB = "Herb/botanical"
OIL = "Fatty Acid or Fat/Oil Supplement"
COMBINATION = "Dietary Supplements, Combination, Other"
MVM = "Multi-vitamin and mineral (MVM)"
PROTEIN = "Amino acid/protein"
OTHER = "Non-Nutrient/Non-Botanical"


@pytest.fixture(scope="module")
def index() -> tuple[SupplementNames, dict[int, str]]:
    files = [f for f in read_supplements(SUPPLEMENTS_DIR) if isinstance(f, SupplementFile)]
    slugs = dict(enumerate(f.stem for f in files))
    names = supplement_names(
        supplements=[(i, f.kind, [f.name, *f.other_names]) for i, f in enumerate(files)],
        multivitamin=next(i for i, slug in slugs.items() if slug == "multivitamin"),
    )
    return names, slugs


# (brand, product name as DSLD gives it, LanguaL product type) -> our supplement file, or None
PRODUCTS = [
    ("CVS Health", "CVS Health Fish Oil 1200 mg", OIL, "fish-oil"),
    ("Vitamin World", "Vitamin World Omega-3 Fish Oil 1,290 mg", OIL, "fish-oil"),
    ("Bronson", "Bronson Cod Liver Oil", OIL, "fish-oil"),
    ("Schiff", "Schiff MegaRed Omega-3 Krill Oil 350 mg", OIL, "fish-oil"),
    ("Reliable-1 Laboratories", "Reliable-1 Laboratories Vitamin D3 2000 IU", VITAMIN, "vitamin-d"),
    ("Vitabase", "Vitabase Vitamin D-3 5,000 IU", VITAMIN, "vitamin-d"),
    (
        "Spring Valley",
        "Spring Valley Vitamin D3 Supplement 25 mcg (1,000 IU)",
        VITAMIN,
        "vitamin-d",
    ),
    ("Nature Made", "Nature Made Calcium 500 mg", MINERAL, "calcium"),
    ("NOW", "NOW Magnesium Citrate 200 mg", MINERAL, "magnesium"),
    ("Equaline", "Equaline Ferrous Sulfate", MINERAL, "iron"),
    ("NOW", "NOW Zinc Picolinate 50 mg", MINERAL, "zinc"),
    ("Natrol", "Natrol DHEA 25 mg", OTHER, "dhea"),
    ("Natural Factors", "Natural Factors Coenzyme Q10 200 mg", OTHER, "coenzyme-q10"),
    ("Solgar", "Solgar Korean Ginseng", HERB, "ginseng"),
    ("Nature's Way", "Nature's Way St. John's Wort Standardized", COMBINATION, "st-johns-wort"),
    ("NOW", "NOW Green Tea Extract 400 mg", COMBINATION, "green-tea-extract"),
    ("NOW", "NOW Cinnamon Bark 600 mg", HERB, "cinnamon"),
    ("Biotics Research", "Biotics Research Saccharomyces Boulardii", OTHER, "probiotics"),
    ("alpha betic", "alpha betic Multivitamin", COMBINATION, "multivitamin"),
    ("Healthy Accents", "Healthy Accents Complete Multi", MVM, "multivitamin"),
    ("Nature's Way", "Nature's Way Completia Prenatal Multi-Vitamin", COMBINATION, "multivitamin"),
    # Combinations: no single page says what they are.
    ("Citracal", "Citracal Calcium + D", MINERAL, None),
    ("Testbrand", "Testbrand Calcium with Vitamin D3 600 mg", MINERAL, None),
    (
        "ZyCal Bioceuticals Healthcare",
        "ZyCal Bioceuticals Healthcare Vitamin D3/K2",
        COMBINATION,
        None,
    ),
    ("Nature's Bounty", "Nature's Bounty Glucosamine Chondroitin Complex", COMBINATION, None),
    ("Nature's Bounty", "Nature's Bounty Glucosamine & Chondroitin", COMBINATION, None),
    ("Solgar", "Solgar Calcium Magnesium Zinc", MINERAL, None),
    ("Spring Valley", "Spring Valley Omega 3-6-9", OIL, None),
    ("NOW", "NOW Super B-Complex", VITAMIN, None),
    ("Rexall", "Rexall Fish Oil + Vitamin D", OIL, None),
    # Not the supplement at all: what it lacks, a flavour, another substance, a pack.
    ("VitaCeutical Labs", "VitaCeutical Labs Iron Free Multi Super Daily", COMBINATION, None),
    ("Bronson", "Bronson Mature Formula Without Iron", COMBINATION, None),
    ("GNC", "GNC Total Lean Breakfast Squares Iced Cinnamon Bun", COMBINATION, None),
    ("Dr. Mercola", "Dr. Mercola Vegan Protein Sweet Cinnamon", PROTEIN, None),
    ("Designs For Health", "Designs For Health Calcium D-Glucarate", OTHER, None),
    ("PureBulk.com", "PureBulk.com Potassium Iodate", MINERAL, None),
    (
        "Spring Valley",
        "Spring Valley Daily Vitamin Pack Women's Cranberry",
        "Botanical supplement with nutrients",
        None,
    ),
    ("Organic India", "Organic India Tulsi Cinnamon Rose", HERB, None),
    ("Nature's Sunshine", "Nature's Sunshine Elderberry D3fense", COMBINATION, None),
    ("Planetary Herbals", "Planetary Herbals Hawthorn Heart 900 mg", COMBINATION, None),
    # Names that say nothing we can match.
    ("'Merica Labz", "'Merica Labz Liberty Ballz", COMBINATION, None),
    ("1 Up Nutrition", "1 Up Nutrition 1 Up Whey Cinnamon French Toast", PROTEIN, None),
]


@pytest.mark.parametrize(("brand", "name", "product_type", "expected"), PRODUCTS)
def test_real_product_names_link_to_the_right_page_or_none(
    index, brand, name, product_type, expected
):
    names, slugs = index
    drug_id = supplement_for_product(name=name, brand=brand, product_type=product_type, index=names)
    assert (slugs[drug_id] if drug_id is not None else None) == expected


def test_the_longest_name_wins_where_names_overlap(index):
    # "Indian ginseng" is ashwagandha, not ginseng.
    names, slugs = index
    drug_id = supplement_for_product(
        name="Testbrand Indian Ginseng 500 mg", brand="Testbrand", product_type=HERB, index=names
    )
    assert slugs[drug_id] == "ashwagandha"


def test_a_name_two_pages_share_identifies_neither():
    names = supplement_names(
        supplements=[(1, "supplement", ["Alpha", "shared"]), (2, "supplement", ["Beta", "Shared"])],
        multivitamin=None,
    )
    assert "shared" not in names.phrases
    assert (
        supplement_for_product(name="Shared 10 mg", brand="", product_type="", index=names) is None
    )
    assert supplement_for_product(name="Alpha 10 mg", brand="", product_type="", index=names) == 1


def test_without_a_multivitamin_page_a_multivitamin_links_to_nothing():
    names = supplement_names(supplements=[(1, "vitamin", ["Vitamin C"])], multivitamin=None)
    assert (
        supplement_for_product(name="Daily Multivitamin", brand="", product_type=MVM, index=names)
        is None
    )


def test_the_brand_in_front_of_the_name_is_left_out():
    assert product_own_name("Garden of Life Vitamin C", "Garden of Life") == "Vitamin C"
    assert product_own_name("Vitamin C", "Other") == "Vitamin C"
    assert product_own_name("Brand", "Brand") == "Brand"
