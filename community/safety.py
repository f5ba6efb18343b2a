"""Safety helpers: crisis words, and cleaning invisible Unicode tricks from reader text."""

from __future__ import annotations

import re
import unicodedata

# Direction overrides and isolates flip how text reads (e.g. "moc.elpmaxe" shown reversed);
# zero-width characters hide words from filters and make look-alike titles.
_INVISIBLE = re.compile("[\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

CRISIS_PATTERN = re.compile(
    r"\b("
    r"suicid\w*|kill(?:ing)? myself|end(?:ing)? (?:it all|my life)|want(?:ed)? to die|"
    r"self[- ]?harm\w*|hurt(?:ing)? myself|cut(?:ting)? myself|"
    r"overdos\w*|od'?d|"
    r"emergenc\w*|can'?t breathe|chest pain"
    r")\b",
    re.IGNORECASE,
)


def clean_user_text(text: str) -> str:
    """Normalise reader text: NFC, no control characters, no invisible direction tricks."""
    text = unicodedata.normalize("NFC", text or "")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return text.replace("\r\n", "\n").strip()


def clean_title(text: str) -> str:
    return re.sub(r"\s+", " ", clean_user_text(text)).strip()


def mentions_crisis(*texts: str) -> bool:
    return any(CRISIS_PATTERN.search(clean_user_text(text)) for text in texts if text)
