"""A plain-language check for editors: the Flesch-Kincaid reading grade of a text.

grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

Syllables are counted with a small English heuristic (vowel groups, a silent final "e",
"-le" endings), which is close enough to steer writing towards grade 6-8.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def count_syllables(word: str) -> int:
    word = word.lower().strip("'")
    if len(word) <= 3:
        return 1
    if word.endswith("'s"):
        word = word[:-2]
    groups = len(_VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    if word.endswith(("ed", "es")) and not word.endswith(("ted", "ded", "ses", "zes", "ces")):
        groups = max(1, groups - 1) if groups > 1 else groups
    return max(1, groups)


def reading_grade(text: str) -> float | None:
    """The US school grade needed to follow `text`; None when there is nothing to score."""
    words = _WORD.findall(text or "")
    if not words:
        return None
    sentences = max(1, len(_SENTENCE_END.findall(text.strip() + " ")))
    syllables = sum(count_syllables(word) for word in words)
    grade = 0.39 * (len(words) / sentences) + 11.8 * (syllables / len(words)) - 15.59
    return round(max(0.0, grade), 1)


def grade_label(grade: float | None) -> str:
    """A short verdict editors can act on."""
    if grade is None:
        return "no text yet"
    if grade <= 8:
        return f"grade {grade:.1f}: plain language"
    if grade <= 11:
        return f"grade {grade:.1f}: fairly hard, try shorter sentences and words"
    return f"grade {grade:.1f}: hard to read, shorten sentences and use everyday words"
