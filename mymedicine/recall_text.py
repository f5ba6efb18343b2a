"""What a recall's free text says: the NDCs it names, whether it is a bulk chemical or a
medical gas, which routes its dosage form words mean, and (narrowly) its active ingredients.

Pure functions, no database: `mymedicine.matching` applies them to our drugs.

**NDC rule.** An NDC has a labeler, a product and a package segment. Printed with dashes it
comes in three 10-digit shapes, 4-4-2, 5-3-2 and 5-4-1, and the 11-digit 5-4-2 form pads the
short segment with a leading zero: 0409-4888-10 → 00409-4888-10, 63323-262-01 →
63323-0262-01, 71285-9000-1 → 71285-9000-01. The product (what matters for a recall: the same
medicine, strength and form; packages differ only in size) is the first two segments, as 9
digits 5-4: 004094888, 633230262, 712859000. Only the dashes say which segment is short, so
an undashed 10-digit number ("NDC 7025001001") is ambiguous and never read; an undashed
11-digit number is the 5-4-2 form when "NDC" labels it. Two-segment product codes
("NDC 0187-0006") are read only after an "NDC" label, as dashed pairs such as ZIP+4 codes
look the same.
"""

from __future__ import annotations

import re

from drugs.services import base_name
from drugs.text import normalize_name

# 10-digit shapes with dashes, and the padded 11-digit 5-4-2 shape.
_PACKAGE_SHAPES = {(4, 4, 2), (5, 3, 2), (5, 4, 1), (5, 4, 2)}
_PRODUCT_SHAPES = {(4, 4), (5, 3), (5, 4)}

_DASHED_PACKAGE = re.compile(r"(?<![\d-])(\d{4,5})-(\d{3,4})-(\d{1,2})(?![\d-])")
# "NDC", "NDC#", "NDC #'s", "NDC:", "NDC/UPC", "NDC No." then the code(s) it labels.
_LABEL = r"\bNDC(?:\s*(?:#|#'s|No\.?|/UPC|:|s))*[\s:#.]*"
_LABELLED_PRODUCT = re.compile(_LABEL + r"(\d{4,5})-(\d{3,4})(?![\d-])", re.IGNORECASE)
_LABELLED_UNDASHED = re.compile(_LABEL + r"(\d{11})(?!\d)", re.IGNORECASE)


def ndc_product_code(printed: str) -> str:
    """The 9-digit labeler-product code (5-4) of an NDC as printed, or "" when the text is
    not an NDC we can read without guessing.

    >>> ndc_product_code("0409-4888-10"), ndc_product_code("63323-262-01")
    ('004094888', '633230262')
    >>> ndc_product_code("71285-9000-1"), ndc_product_code("0187-0006")
    ('712859000', '001870006')
    >>> ndc_product_code("7025001001")  # undashed 10 digits: which segment is short?
    ''
    """
    text = (printed or "").strip()
    parts = text.split("-")
    if not all(part.isdigit() for part in parts):
        return ""
    shape = tuple(len(part) for part in parts)
    if len(parts) == 1:
        return text[:9] if len(text) == 11 else ""
    if len(parts) == 2 and shape in _PRODUCT_SHAPES:
        return parts[0].zfill(5) + parts[1].zfill(4)
    if len(parts) == 3 and shape in _PACKAGE_SHAPES:
        return parts[0].zfill(5) + parts[1].zfill(4)
    return ""


def ndcs_in_text(text: str) -> tuple[str, ...]:
    """The NDCs printed in a recall's description or code list, as printed, in order, each
    once: dashed package codes anywhere, product codes and undashed 11-digit codes after an
    "NDC" label."""
    found: list[tuple[int, str]] = []
    for match in _DASHED_PACKAGE.finditer(text):
        printed = "-".join(match.groups())
        if ndc_product_code(printed):
            found.append((match.start(), printed))
    for pattern in (_LABELLED_PRODUCT, _LABELLED_UNDASHED):
        for match in pattern.finditer(text):
            printed = "-".join(match.groups())
            if ndc_product_code(printed):
                found.append((match.start(1), printed))
    return tuple(dict.fromkeys(printed for _start, printed in sorted(found)))


_STRENGTH = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?\s*(?:mg|mcg|g|units?|%|meq|iu)(?!\w)"
    r"(?:\s*(?:/|per)\s*(?:\d+(?:\.\d+)?\s*)?"
    r"(?:ml|g|l|tablet|capsule|vial|actuation|spray|hr|hour)(?!\w))?",
    re.IGNORECASE,
)


def strengths_in_text(text: str, *, limit: int = 4) -> list[str]:
    """The strengths a recall's description prints ("40 mg", "2.5 mg/mL", "0.9%"), as
    printed, in order, each once.

    >>> strengths_in_text("Simvastatin Tablets, USP 40 mg. Rx Only 1000 Count Bottles")
    ['40 mg']
    >>> strengths_in_text("0.9% Sodium Chloride Injection USP, 250 mL bag")
    ['0.9%']
    >>> strengths_in_text("Semaglutide Injection, 10 mg/4 mL (2.5 mg/mL)")
    ['10 mg/4 mL', '2.5 mg/mL']
    """
    found = [match.group(0) for match in _STRENGTH.finditer(text or "")]
    return list(dict.fromkeys(found))[:limit]


# -- Bulk chemicals and medical gases --------------------------------------------------------

_BULK_SIGNS = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\bCAS\b[\s#:.No-]*\d+-\d+-\d\b",  # a chemical's CAS registry number
        r"\bactive pharmaceutical ingredient\b|\bAPI\b",
        r"\bbulk (?:pharmaceutical )?(?:chemical|drug substance|substance)\b",
        r"\bfor (?:further )?(?:manufacturing|processing|repackaging)\b",
        r"\bmedical gas\b|\bcylinders?\b|\bmedical air\b|\bcompressed air\b|\bair,? compressed\b",
        r"\b(?:oxygen|nitrogen|nitrous oxide|carbon dioxide|helium)\b,?\s*(?:USP|NF)\b",
    )
]
_WEIGHT = re.compile(r"(?<![/\w.])\d+(?:\.\d+)?\s*(?:lbs?|pounds?|kgs?|kilograms?)\b", re.I)
_BULK_PACKAGE = re.compile(r"\b(?:bags?|drums?|sacks?|pails?|powder|granular)\b", re.I)
_BULK_WORD = re.compile(r"\bbulk\b", re.I)
_BULK_WORD_CONTEXT = re.compile(
    r"\b(?:powder|drums?|sacks?|micronized|for (?:prescription )?compounding)\b", re.I
)
_PHARMACY_BULK_PACKAGE = re.compile(r"\bpharmacy bulk package\b", re.I)


def is_bulk(description: str) -> bool:
    """A bulk chemical, active ingredient for manufacturers or compounders, or a medical gas:
    not a medicine a reader takes from a pack. "Pharmacy Bulk Package" vials and finished
    tablets in "bulk" bottles are medicines, not bulk chemicals.

    >>> is_bulk("Sodium Bicarbonate Powder, CAS-144-55-8, Net Wt. 50 lbs. per bag")
    True
    >>> is_bulk("Ceftriaxone for Injection, USP 10 grams per Pharmacy Bulk Package")
    False
    """
    text = description or ""
    if any(sign.search(text) for sign in _BULK_SIGNS):
        return True
    if _WEIGHT.search(text) and _BULK_PACKAGE.search(text):
        return True
    plain = _PHARMACY_BULK_PACKAGE.sub(" ", text)
    return bool(_BULK_WORD.search(plain) and _BULK_WORD_CONTEXT.search(plain))


# -- Routes from dosage form words -----------------------------------------------------------

# Coarse routes: a recall and a drug are compatible when they share one. Words are matched
# whole, in normalised text (lower case, punctuation to spaces).
ROUTE_WORDS: dict[str, tuple[str, ...]] = {
    "oral": (
        "oral",
        "orally",
        "tablet",
        "tablets",
        "caplet",
        "caplets",
        "capsule",
        "capsules",
        "syrup",
        "elixir",
        "lozenge",
        "lozenges",
        "chewable",
        "gummies",
        "softgel",
        "softgels",
        "sublingual",
        "buccal",
    ),
    "injection": (
        "injection",
        "injectable",
        "intravenous",
        "iv",
        "intramuscular",
        "subcutaneous",
        "intradermal",
        "intrathecal",
        "epidural",
        "intravitreal",
        "intra articular",
        "intravesical",
        "infusion",
        "parenteral",
        "syringe",
        "syringes",
        "vial",
        "vials",
        "ampule",
        "ampules",
        "ampoule",
    ),
    "topical": (
        "topical",
        "cutaneous",
        "cream",
        "ointment",
        "gel",
        "lotion",
        "foam",
        "shampoo",
        "paste",
    ),
    "transdermal": ("transdermal", "patch", "patches"),
    "ophthalmic": ("ophthalmic", "eye"),
    "otic": ("otic", "ear"),
    "nasal": ("nasal", "intranasal"),
    "inhalation": ("inhalation", "inhaler", "inhalant", "nebulizer", "respiratory"),
    "rectal": ("rectal", "suppository", "suppositories", "enema"),
    "vaginal": ("vaginal", "intravaginal"),
    "intraperitoneal": ("intraperitoneal", "peritoneal dialysis"),
    "irrigation": ("irrigation",),
    "dental": ("dental", "toothpaste", "periodontal"),
}
_ROUTE_PATTERNS = {
    route: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
    for route, words in ROUTE_WORDS.items()
}
# Negations printed on labels ("Not for Oral, Ophthalmic or Intravaginal Use").
_NOT_FOR = re.compile(r"\bnot for ((?:\w+ ){0,3}(?:or|and) \w+|\w+) use\b")


def routes_in_text(text: str) -> set[str]:
    """Coarse routes named by route or dosage form words in `text` ("Topical Gel" →
    {"topical"}; "250 mL IV bag" → {"injection"}), ignoring "not for ... use" phrases."""
    normalized = _NOT_FOR.sub(" ", normalize_name(text))
    return {route for route, pattern in _ROUTE_PATTERNS.items() if pattern.search(normalized)}


# -- Active ingredients from a description ---------------------------------------------------

# Words a description puts after the ingredients to name the form ("Simvastatin Tablets, USP"),
# and salt words that may stand between ("Warfarin Sodium Tablets").
_FORM_WORDS = frozenset(
    [
        "tablets",
        "tablet",
        "capsules",
        "capsule",
        "caplets",
        "injection",
        "injectable",
        "cream",
        "ointment",
        "gel",
        "lotion",
        "solution",
        "suspension",
        "syrup",
        "spray",
        "patch",
        "patches",
        "suppositories",
    ]
)
_FORM_MODIFIERS = frozenset(
    [
        "film",
        "coated",
        "extended",
        "delayed",
        "release",
        "orally",
        "disintegrating",
        "chewable",
        "oral",
        "topical",
        "for",
        "ophthalmic",
        "otic",
        "nasal",
        "usp",
        "er",
        "xl",
        "sr",
        "dr",
        "hcl",
        "hydrochloride",
        "sodium",
        "potassium",
        "calcium",
    ]
)
_ADMIXTURE = re.compile(r"\b(?:in|with)\b", re.IGNORECASE)
# A medicine mixed into a carrier ("... in 0.9% Sodium Chloride", "added to 250 mL"): which
# parts are active is not certain from the words.
_CARRIER = re.compile(
    r"\badded to\b|\bin (?:\d+(?:\.\d+)?\s*%\s*)?(?:sodium chloride|dextrose|water|lactated)\b",
    re.IGNORECASE,
)


def ingredients_in_description(description: str, known: set[str]) -> frozenset[str]:
    """The active ingredients (base names) of a description that starts with them and a
    dosage form ("Simvastatin Tablets, USP 40 mg"; "Ezetimibe and Simvastatin Tablets").
    Empty unless every part is certain: the lead must be only known ingredient names joined
    by "and", followed by a dosage form word; brands, admixtures ("... in 0.9% Sodium
    Chloride", "added to") and anything unrecognised give nothing."""
    lead = re.split(r"[\d,(;:]", description or "", maxsplit=1)[0]
    if _ADMIXTURE.search(lead) or _CARRIER.search(description or ""):
        return frozenset()
    words = normalize_name(lead).split()
    end, has_form = len(words), False
    while end and words[end - 1] in _FORM_WORDS | _FORM_MODIFIERS:
        has_form = has_form or words[end - 1] in _FORM_WORDS
        end -= 1
    if not has_form or end == 0:
        return frozenset()
    found = set()
    for name in " ".join(words[:end]).split(" and "):
        base = base_name(name)
        if base not in known:
            return frozenset()
        found.add(base)
    return frozenset(found)
