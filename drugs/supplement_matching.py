"""Which supplement page a supplement product is about, read from its name, conservatively.

A product is linked to a supplement only when its name says so plainly: "Fish Oil 1000 mg"
is fish oil, "Vitamin D3 2000 IU" is vitamin D. A name that speaks of more than one thing
("Calcium + D", "Glucosamine & Chondroitin", "Vitamin D3/K2", "B-Complex") is linked to no
page: showing a combination under one of its parts would tell the reader something wrong
about what they take. Multivitamins are recognised by name and linked to the multivitamin
page. Herbs are not matched in protein powders or in flavoured products, where "cinnamon"
or "peppermint" is a taste, not the supplement.

The names come from the supplement pages (their name and other names, folded as
`healthsite.names.fold` does); a few other names are too broad to identify a product by
(`NOT_PRODUCT_NAMES`), and a name two pages share is not used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from healthsite.names import fold

# Other names that are right for a reader's search but do not identify a product: they
# name a mixture ("areds2", "eye vitamins"), a class with other members ("fiber supplement":
# most are not psyllium; "carotene": mixed carotenoids), a part of several products ("epa",
# "dha": algal oils are not fish oil), or are short letters that stand for other things.
NOT_PRODUCT_NAMES = frozenset(
    {
        "areds2",
        "areds 2",
        "eye vitamins",
        "macular degeneration vitamins",
        "fiber supplement",
        "fibre supplement",
        "sleep hormone",
        "good bacteria",
        "daily vitamin",
        "one a day vitamin",
        "carotene",
        "epa",
        "dha",
        "epo",
        "sjw",
        "awa",
        "dgl",
        "may tree",
        "all heal",
        "mint oil",
        "iodized salt",
        "kelp iodine",
        "flax",
        "aloe",
        "peppermint",
        "licorice",
        "liquorice",
        "green tea",
        "cranberry juice",
        "kava tea",
        "chamomile tea",
        "glucosamine chondroitin",
        "lutein zeaxanthin",
    }
)
# A raw name with one of these joins two things ("calcium with vitamin d").
_JOINED = re.compile(r"[+&/]|\b(?:and|with|plus|w)\b", re.IGNORECASE)
# In a product name (folded): it holds more than one thing.
_COMBINATION = re.compile(
    r"\b(?:and|with|plus|w|complex|blend|omega 6|omega 9|3 6 9|multi ?strain)\b"
    # "Iron Free", "Without Iron", "No Iron": the product is what it does not contain.
    r"|\b(?:without|free|no|non|less|hold)\b"
    # Packs and kits hold several products.
    r"|\b(?:pack|packs|packets|kit|system)\b"
    # A mineral bound to another active substance is that substance's product:
    # "Calcium D-Glucarate", "Calcium HMB", "Potassium Iodide" (an iodine product).
    r"|\b(?:glucarate|hmb|pyruvate|iodide|iodate|hydroxycitrate|hca|butyrate|caprylate|orotate)\b"
)
# "+" and "&" join; a slash does unless units follow it ("1,000 IU/25 mcg", "mg/mL").
_COMBINATION_SIGNS = re.compile(
    r"[+&]|/\s*(?!(?:mg|mcg|g|iu|ml|oz|kg|serving|day|dose|tab|cap|softgel|\d)\b|\d)",
    re.IGNORECASE,
)
_MULTIVITAMIN = re.compile(
    r"\b(?:multi ?vitamins?|multivits?|multi ?vits?|multiple vitamins?|multi ?minerals?"
    r"|multi ?vitamin|multivitamin mineral|prenatal vitamins?|prenatal multi\w*)\b"
)
_AMOUNT = re.compile(r"\d+(?:mg|mcg|g|iu|ml|x|k|s)?")
_FLAVOUR = re.compile(r"\bflavou?r(?:ed|s)?\b")
# LanguaL product types where a herb's name is a flavour, not the product.
NOT_HERBAL_TYPES = frozenset({"Amino acid/protein", "Multi-vitamin and mineral (MVM)"})
MULTIVITAMIN_TYPE = "Multi-vitamin and mineral (MVM)"
# DSLD's own word for a product of several ingredients. Such a product is linked only when
# the rest of its name is plain words of amount, form and strength ("NOW Green Tea Extract
# 400 mg"), never when it has a name of its own ("Elderberry D3fense", "Hawthorn Heart").
COMBINATION_TYPE = "Dietary Supplements, Combination, Other"
PLAIN_WORDS = frozenset(
    [
        "mg",
        "mcg",
        "g",
        "iu",
        "ml",
        "oz",
        "kg",
        "ug",
        "capsule",
        "capsules",
        "caps",
        "cap",
        "softgel",
        "softgels",
        "soft",
        "gel",
        "gels",
        "tablet",
        "tablets",
        "tabs",
        "tab",
        "gummy",
        "gummies",
        "chewable",
        "chewables",
        "chews",
        "chew",
        "liquid",
        "drops",
        "powder",
        "lozenge",
        "lozenges",
        "vegcaps",
        "vcaps",
        "veggie",
        "vegetable",
        "vegetarian",
        "vegan",
        "extra",
        "high",
        "super",
        "maximum",
        "max",
        "ultra",
        "double",
        "triple",
        "strength",
        "potency",
        "natural",
        "naturals",
        "organic",
        "certified",
        "pure",
        "premium",
        "standardized",
        "standardised",
        "extract",
        "extracts",
        "root",
        "leaf",
        "leaves",
        "seed",
        "oil",
        "oils",
        "fruit",
        "berry",
        "berries",
        "bark",
        "herb",
        "herbal",
        "whole",
        "concentrate",
        "concentrated",
        "supplement",
        "dietary",
        "fast",
        "release",
        "time",
        "timed",
        "sustained",
        "extended",
        "quick",
        "dissolve",
        "sublingual",
        "children",
        "childrens",
        "kids",
        "adult",
        "adults",
        "women",
        "womens",
        "men",
        "mens",
        "s",
        "cold",
        "pressed",
        "raw",
        "fermented",
        "liquid",
        "phyto",
        "caps",
        "pill",
        "pills",
        "brand",
        "single",
        "herbs",
        "full",
        "spectrum",
        "crystals",
        "tincture",
        "tea",
        "glycerite",
    ]
)
HERBAL = "herbal"
MAX_PHRASE_WORDS = 6


@dataclass
class SupplementNames:
    """Folded name → the supplement page (drug id) it identifies, for product names."""

    phrases: dict[str, int] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)
    multivitamin: int | None = None
    longest: int = 0  # words in the longest phrase


def supplement_names(
    *, supplements: Iterable[tuple[int, str, Iterable[str]]], multivitamin: int | None
) -> SupplementNames:
    """The lookup for `supplement_for_product`, from (drug id, kind, names) of each
    supplement page and the multivitamin page's id. A name two pages share is dropped: it
    identifies neither."""
    owners: dict[str, set[int]] = {}
    index = SupplementNames(multivitamin=multivitamin)
    for drug_id, kind, names in supplements:
        index.kinds[drug_id] = kind
        for name in names:
            if _JOINED.search(name):
                continue
            phrase = fold(name)
            if len(phrase) < 2 or phrase in NOT_PRODUCT_NAMES:
                continue
            if len(phrase.split()) > MAX_PHRASE_WORDS:
                continue
            owners.setdefault(phrase, set()).add(drug_id)
    index.phrases = {p: next(iter(ids)) for p, ids in owners.items() if len(ids) == 1}
    index.longest = max((len(p.split()) for p in index.phrases), default=0)
    return index


def product_own_name(name: str, brand: str) -> str:
    """The product's name without the brand DSLD puts in front of it."""
    if brand and name.lower().startswith(brand.lower()):
        rest = name[len(brand) :].strip()
        if rest:
            return rest
    return name


def _matches(words: list[str], index: SupplementNames) -> list[tuple[int, int, int]]:
    """(start, end, drug id) of every name found in `words`, longest first where they
    overlap: "indian ginseng" (ashwagandha) hides the "ginseng" inside it."""
    found = []
    longest = index.longest
    for start in range(len(words)):
        for end in range(min(len(words), start + longest), start, -1):
            drug_id = index.phrases.get(" ".join(words[start:end]))
            if drug_id is not None:
                found.append((start, end, drug_id))
                break
    return [
        (s, e, d)
        for s, e, d in found
        if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _d in found)
    ]


def supplement_for_product(
    *, name: str, brand: str, product_type: str, index: SupplementNames
) -> int | None:
    """The supplement page (drug id) this product is about, or None when its name does not
    say plainly that it is one supplement we have a page for."""
    own = product_own_name(name, brand)
    folded = fold(own)
    if _MULTIVITAMIN.search(folded) or (
        product_type == MULTIVITAMIN_TYPE and re.search(r"\bmulti\b", folded)
    ):
        return index.multivitamin
    if _COMBINATION_SIGNS.search(own) or _COMBINATION.search(folded):
        return None
    words = folded.split()
    found = _matches(words, index)
    drugs = {drug_id for _s, _e, drug_id in found}
    if len(drugs) != 1:
        return None
    drug_id = next(iter(drugs))
    herbal = index.kinds.get(drug_id) == HERBAL
    if herbal or product_type == COMBINATION_TYPE:
        matched = {i for start, end, _d in found for i in range(start, end)}
        rest = [w for i, w in enumerate(words) if i not in matched]
        if any(w not in PLAIN_WORDS and not _AMOUNT.fullmatch(w) for w in rest):
            return None
    if herbal and (product_type in NOT_HERBAL_TYPES or _FLAVOUR.search(folded)):
        return None
    return drug_id


# The multivitamin page is the one our editors' file multivitamin.toml made (its address
# may differ when a medicine already had it).
MULTIVITAMIN_FILE = "multivitamin"


def supplement_names_from_db() -> tuple[SupplementNames, dict[int, str]]:
    """The lookup built from the published supplement pages (vitamins, minerals, herbs and
    other supplements) and their names, and each page's name (for reports)."""
    from drugs.models import KIND_GROUPS, Drug, DrugName, DrugSource
    from drugs.services.supplements import supplement_marker_reference

    pages = {
        pk: (kind, name)
        for pk, kind, name in Drug.objects.published()
        .filter(kind__in=KIND_GROUPS["supplements"])
        .values_list("pk", "kind", "name")
    }
    names: dict[int, list[str]] = {pk: [name] for pk, (_k, name) in pages.items()}
    for drug_id, name in DrugName.objects.filter(drug_id__in=list(pages)).values_list(
        "drug_id", "name"
    ):
        names[drug_id].append(name)
    multivitamin = (
        DrugSource.objects.filter(
            kind=DrugSource.Kind.EDITORIAL,
            reference=supplement_marker_reference(MULTIVITAMIN_FILE),
            drug_id__in=list(pages),
        )
        .values_list("drug_id", flat=True)
        .first()
    )
    index = supplement_names(
        supplements=[(pk, kind, names[pk]) for pk, (kind, _n) in pages.items()],
        multivitamin=multivitamin,
    )
    return index, {pk: name for pk, (_k, name) in pages.items()}
