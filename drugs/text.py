"""Text helpers for drug names and NDCs, shared by importers, search and other apps."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalize_name(text: str) -> str:
    """Fold a drug name for matching: lower case, no accents, punctuation to single spaces.

    >>> normalize_name("Acetaminophen / Codeine-Phosphate®")
    'acetaminophen codeine phosphate'
    """
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub(" ", folded.lower()).strip()


def trigrams(normalized: str) -> set[str]:
    """Distinct trigrams of a normalised name, each word padded like pg_trgm (two spaces
    before, one after)."""
    grams: set[str] = set()
    for word in normalized.split():
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


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
