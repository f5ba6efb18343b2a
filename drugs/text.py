"""Text helpers for drug names and NDCs, shared by importers, search and other apps."""

from __future__ import annotations

import re
from collections.abc import Mapping

from healthsite.names import normalize_name, trigrams  # noqa: F401  (drugs' name folding)
from healthsite.text import render_editorial

_NDC_SHAPES = {(4, 4, 2), (5, 3, 2), (5, 4, 1), (5, 4, 2)}


def normalize_ndc(printed: str) -> str:
    """An NDC as printed (10 digits in 4-4-2, 5-3-2 or 5-4-1, or already 11 digits; or a
    9-digit product code 4-4 / 5-3 / 5-4) → the 11-digit 5-4-2 form (9 digits for a product
    code). Returns "" when the text is not an NDC."""
    text = (printed or "").strip()
    parts = text.split("-")
    if len(parts) == 1:
        digits = re.sub(r"\D", "", text)
        return digits if len(digits) == 11 else ""
    if not all(p.isdigit() for p in parts):
        return ""
    if len(parts) == 2:  # product NDC (labeler-product) → 9 digits 5-4
        labeler, product = parts
        if (len(labeler), len(product)) not in {(4, 4), (5, 3), (5, 4)}:
            return ""
        return labeler.zfill(5) + product.zfill(4)
    if len(parts) != 3:
        return ""
    shape = tuple(len(p) for p in parts)
    if shape not in _NDC_SHAPES:
        return ""
    return parts[0].zfill(5) + parts[1].zfill(4) + parts[2].zfill(2)


# --- salts, esters and hydrates: the one base-name rule -------------------------------------
#
# A drug is known by its active moiety, which the FDA defines as the molecule "excluding those
# appended portions of the molecule that cause the drug to be an ester, salt ..., or other
# noncovalent derivative (such as a complex, chelate, or clathrate)" (21 CFR 314.3). So
# "sertraline hydrochloride", "clopidogrel bisulfate", "hydrocortisone sodium succinate" and
# "estradiol valerate" are sertraline, clopidogrel, hydrocortisone and estradiol: the same
# substance for drug identity (`Drug.ingredient_key`), for interactions and for drug classes.
# The DailyMed SPL importer already keys drugs by the label's active moiety; this rule gives
# the same key from the names Drugs@FDA, RxImage and the interaction lists use.
#
# Esters are stripped too (decision): an ester of a drug is that drug's prodrug or depot form
# with its interactions and class (the FDA class file classes ESTRADIOL, not ESTRADIOL
# VALERATE), and the SPL moiety key already treats them as one drug.
#
# Words are stripped only from the end of a name, and only when what remains is still a
# substance: a name made only of these words is an inorganic salt and the drug itself
# ("sodium chloride", "magnesium sulfate"); a remainder that is one of CATION_WORDS is not a
# drug without its anion ("silver nitrate", "ferrous sulfate"); a remainder that is a word for
# the salt's form (FORM_WORDS) or a locant is no substance either. Organic nitrates are the
# drug: "mononitrate" and "dinitrate" are not salt words ("isosorbide mononitrate" stays;
# isosorbide alone is another drug).

HYDRATE_WORDS = frozenset(
    {
        "anhydrous",
        "hydrate",
        "hemihydrate",
        "monohydrate",
        "sesquihydrate",
        "dihydrate",
        "trihydrate",
        "tetrahydrate",
        "pentahydrate",
        "hexahydrate",
        "heptahydrate",
    }
)

# Pharmacopoeia grade, not part of the substance ("thyroid usp", "sennosides usp").
GRADE_WORDS = frozenset({"usp"})

SALT_WORDS = frozenset(
    {
        # acids' anions and bases' cations
        "acetate",
        "benzoate",
        "besilate",
        "besylate",
        "bisulfate",
        "bitartrate",
        "bromide",
        "calcium",
        "carbonate",
        "chloride",
        "citrate",
        "diacetate",
        "dihydrochloride",
        "dimaleate",
        "dimeglumine",
        "dimesylate",
        "dipotassium",
        "disodium",
        "ditosylate",
        "edisylate",
        "embonate",
        "erbumine",
        "fumarate",
        "gluceptate",
        "gluconate",
        "hcl",
        "hemifumarate",
        "hemisulfate",
        "hyclate",
        "hydrobromide",
        "hydrochloride",
        "iodide",
        "isethionate",
        "lactate",
        "lactobionate",
        "magnesium",
        "malate",
        "maleate",
        "meglumine",
        "mesilate",
        "mesylate",
        "methylbromide",
        "methylsulfate",
        "monohydrochloride",
        "napsylate",
        "nitrate",
        "olamine",
        "oxalate",
        "pamoate",
        "phosphate",
        "polistirex",
        "potassium",
        "sodium",
        "succinate",
        "sulfate",
        "tannate",
        "tartrate",
        "tosylate",
        "trifenatate",
        "trisodium",
        "tromethamine",
        "xinafoate",
        "zinc",
        # esters (prodrug and depot forms of the same moiety)
        "axetil",
        "caproate",
        "cilexetil",
        "cypionate",
        "decanoate",
        "dipropionate",
        "enanthate",
        "etexilate",
        "ethylsuccinate",
        "furoate",
        "medoxomil",
        "palmitate",
        "pivalate",
        "pivoxil",
        "propionate",
        "proxetil",
        "stearate",
        "undecanoate",
        "valerate",
    }
)

# Cations whose salt is the drug itself, and that alone would name something else or no
# substance ("silver nitrate" is not silver; "ferrous" is an adjective). Lithium, lanthanum and
# manganese are not here: their salts are those metals as drugs ("lithium carbonate" and
# "lithium citrate" are lithium, which the interaction rules name).
CATION_WORDS = frozenset(
    {
        "aluminum",
        "ammonium",
        "chromic",
        "cobalt",
        "copper",
        "barium",
        "bismuth",
        "cupric",
        "ferric",
        "ferrous",
        "gallium",
        "mercuric",
        "silver",
        "strontium",
    }
)


# Words that describe a form of an inorganic salt rather than name a substance:
# "microencapsulated potassium chloride" and "monobasic potassium phosphate" are the salt.
FORM_WORDS = frozenset(
    {"buffered", "dibasic", "dried", "exsiccated", "microencapsulated", "monobasic", "tribasic"}
)


# Medicines that share an active moiety but are not the same medicine for a reader: their salt
# or form is part of what they are, so they keep their whole name as their identity (and get a
# page each). Every entry says why; tests/drugs/test_twins.py checks each stays apart.
DISTINCT_MEDICINES: dict[str, str] = {
    # Ca-DTPA and Zn-DTPA are two antidotes for internal radioactive contamination, given at
    # different times (calcium first, within 24 hours; zinc after, and in pregnancy) with
    # different harms (Ca-DTPA depletes zinc and manganese). "pentetate" alone is neither.
    "pentetate calcium trisodium": "Ca-DTPA and Zn-DTPA are used differently (FDA labels)",
    "pentetate zinc trisodium": "Ca-DTPA and Zn-DTPA are used differently (FDA labels)",
    # Cyclosporine "modified" (Neoral, Gengraf: a microemulsion) is absorbed differently from
    # unmodified cyclosporine (Sandimmune): the labels say they are not bioequivalent and must
    # not be switched without monitoring. The salt rule already keeps it; listed so no later
    # rule folds it in.
    "cyclosporine modified": "not bioequivalent with unmodified cyclosporine (FDA labels)",
    # Edetate calcium disodium (lead poisoning) and edetate disodium (hypercalcaemia) were
    # confused for each other, and children died (FDA alerts, 2008): never one page.
    "edetate calcium disodium": "confused with edetate disodium, with deaths (FDA alert)",
    "edetate disodium": "confused with edetate calcium disodium, with deaths (FDA alert)",
    # Benzathine and procaine penicillin G are depot injections for the muscle only; given
    # into a vein they can kill, unlike penicillin G potassium or sodium (FDA labels).
    "penicillin g benzathine": "intramuscular depot only, unlike penicillin G (FDA labels)",
    "penicillin g procaine": "intramuscular depot only, unlike penicillin G (FDA labels)",
    # Mycophenolate mofetil (CellCept) and mycophenolic acid (Myfortic) are one moiety, but the
    # labels say they must not be switched for each other without a doctor's supervision.
    "mycophenolate mofetil": "not interchangeable with mycophenolic acid (FDA labels)",
}

# Two spellings of one substance: the name a data set uses → the name the others use.
# RxNorm (and so RxImage) names cyanocobalamin "vitamin B 12" (RxCUI 11248); Drugs@FDA, DailyMed
# and the FDA class file ("CYANOCOBALAMIN: Vitamin B12 [EPC]") call it cyanocobalamin.
SUBSTANCE_SYNONYMS: dict[str, str] = {"vitamin b12": "cyanocobalamin"}

# "vitamin b 12", "vitamin b-12" and "vitamin b12" are one spelling: a lone letter followed by a
# number is one word ("coenzyme q 10", "vitamin d 3", "iodine i 131").
_LETTER_NUMBER = re.compile(r"\b([a-z]) (\d+)\b")


def base_name(name: str) -> str:
    """The substance without its salt, ester or hydrate, normalised (the active moiety).

    >>> base_name("CLOPIDOGREL BISULFATE")
    'clopidogrel'
    >>> base_name("Hydrocortisone Sodium Succinate")
    'hydrocortisone'
    >>> base_name("silver nitrate"), base_name("isosorbide mononitrate")
    ('silver nitrate', 'isosorbide mononitrate')
    >>> base_name("Vitamin B-12"), base_name("pentetate zinc trisodium")
    ('cyanocobalamin', 'pentetate zinc trisodium')
    """
    normalized = _LETTER_NUMBER.sub(r"\1\2", normalize_name(name))
    if normalized in DISTINCT_MEDICINES:
        return normalized
    stripped = _strip_salt(normalized)
    return SUBSTANCE_SYNONYMS.get(stripped, stripped)


def _strip_salt(normalized: str) -> str:
    words = normalized.split()
    while len(words) > 1 and (words[-1] in HYDRATE_WORDS or words[-1] in GRADE_WORDS):
        words.pop()
    end = len(words)
    while end > 0 and words[end - 1] in SALT_WORDS:
        end -= 1
    # The remainder must still name a substance: not a cation, not a word describing the
    # salt's form, not a locant ("riboflavin 5 phosphate sodium" keeps its phosphate).
    last = words[end - 1] if end else ""
    if 0 < end < len(words) and not (last in CATION_WORDS or last in FORM_WORDS or last.isdigit()):
        words = words[:end]
    return " ".join(words)


_ACID = re.compile(r"^([a-z]+)ic acid$")


def identity_name(name: str) -> str:
    """A substance's name for drug identity (`Drug.ingredient_key`): its base name, with an
    acid named as its anion, so "alendronic acid" (DailyMed's active moiety) and "alendronate
    sodium" (Drugs@FDA) are one drug, as are valproic acid and valproate. Only a one-word
    "-ic acid" is folded ("acetic acid glacial" stays); names shown to readers keep
    `base_name`. A medicine the rule keeps apart keeps its whole name.

    >>> identity_name("ALENDRONIC ACID"), identity_name("alendronate sodium")
    ('alendronate', 'alendronate')
    >>> identity_name("mycophenolic acid"), identity_name("mycophenolate mofetil")
    ('mycophenolate', 'mycophenolate mofetil')
    """
    base = base_name(name)
    if base in DISTINCT_MEDICINES:
        return base
    return _ACID.sub(r"\1ate", base)


def render_monograph(texts: Mapping[str, str]) -> dict[str, str]:
    """Our monograph's Markdown fields rendered to sanitised HTML, once, when they are saved
    (`Drug.save` stores the result in `Drug.monograph_html`; pages read it, never render).
    Empty fields are left out."""
    return {name: render_editorial(text) for name, text in texts.items() if (text or "").strip()}
