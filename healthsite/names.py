"""Folding names for lookup, shared by apps that match what readers type against names.

`normalize_name` is the folding drug names use (lower case, no accents, punctuation to
single spaces); `fold` is the same except that apostrophes vanish rather than split a word, so
"Alzheimer's" and "alzheimers" fold alike. `word_key` adds what a name index needs for
people's words: plurals to singular, filler words dropped, word order ignored.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

_APOSTROPHES = re.compile("['\u2018\u2019\u00b4`]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Words that change nothing about which condition is meant ("pain in the knee").
FILLER_WORDS = frozenset({"a", "an", "and", "by", "for", "in", "my", "of", "on", "or", "the"})


def normalize_name(text: str) -> str:
    """Fold a name for matching: lower case, no accents, punctuation to single spaces.

    >>> normalize_name("Acetaminophen / Codeine-Phosphate®")
    'acetaminophen codeine phosphate'
    """
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub(" ", folded.lower()).strip()


def fold(text: str) -> str:
    """`normalize_name` with apostrophes dropped rather than splitting a word.

    >>> fold("Sjögren's  Syndrome!")
    'sjogrens syndrome'"""
    return normalize_name(_APOSTROPHES.sub("", text or ""))


def singular(word: str) -> str:
    """A crude English singular, applied alike to names and queries (only equality matters):
    "allergies" -> "allergy", "migraines" -> "migraine", "stress" and "virus" stay."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def word_key(folded: str) -> str:
    """The folded name's words, singular, without filler words, sorted and distinct:
    "pains in the knees" and "knee pain" share the key "knee pain"."""
    words = {singular(word) for word in folded.split() if word not in FILLER_WORDS}
    return " ".join(sorted(words))


def trigrams(folded: str) -> set[str]:
    """Distinct trigrams of a folded name, each word padded like pg_trgm (two spaces
    before, one after)."""
    grams: set[str] = set()
    for word in folded.split():
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity(query: str, name: str) -> float:
    """pg_trgm-style trigram similarity blended with an edit-distance ratio (the measure
    `drugs.selectors.drug_search` uses for close spellings)."""
    a, b = trigrams(query), trigrams(name)
    if not a or not b:
        return 0.0
    shared = len(a & b)
    trigram = shared / (len(a) + len(b) - shared)
    ratio = SequenceMatcher(None, query, name).ratio()
    head = SequenceMatcher(None, query, name[: len(query) + 1]).ratio()
    return max(trigram, (ratio + head) / 2 * 0.95)
