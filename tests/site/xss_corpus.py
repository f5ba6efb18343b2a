"""The XSS corpus: vectors x contexts x encodings from `xss_vectors.toml`, and the check
that a rendered page carries none of them as markup."""

from __future__ import annotations

import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

DATA = tomllib.loads((Path(__file__).parent / "xss_vectors.toml").read_text())
MARK = "__xss"


def _mixed_case(text: str) -> str:
    def alternate(match: re.Match) -> str:
        word = match.group(0)
        return "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(word))

    return re.sub(r"(?<=<)\w+|javascript|\bon\w+(?==)", alternate, text, flags=re.IGNORECASE)


ENCODERS = {
    "raw": lambda text: text,
    "mixed_case": _mixed_case,
    "html_entities": lambda text: (
        text.replace("&", "&#38;")
        .replace("<", "&#60;")
        .replace(">", "&#62;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    ),
    "percent": lambda text: text.replace("<", "%3C").replace(">", "%3E").replace('"', "%22"),
    "padded": lambda text: re.sub(r"<(\w+) ", "<\\1\t\n", text).replace(
        "javascript:", "java\tscript:"
    ),
}


def payloads() -> list[str]:
    """Every vector in every context in every encoding, without repeats."""
    run = DATA["run"]
    assert set(ENCODERS) == set(DATA["encodings"])
    seen: dict[str, None] = {}
    for vector in DATA["vectors"]:
        payload = vector.replace("{run}", run)
        for context in DATA["contexts"].values():
            placed = (
                context.replace("{payload_without_lt}", payload.lstrip("<"))
                .replace("{payload}", payload)
                .replace("{run}", run)
            )
            for encode in ENCODERS.values():
                seen[encode(placed)] = None
    return list(seen)


SCHEMES = ("javascript:", "vbscript:", "data:text/html")
C0_AND_SPACE = "".join(map(chr, range(0x21)))
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster"}


class _Audit(HTMLParser):
    """Finds markup that could run: a payload's marker in a tag or in a script or style
    element, any inline event handler, any script URL."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._raw_text: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "style" or (tag == "script" and attributes.get("type") != "application/ld+json"):
            self._raw_text = tag
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            # As a browser reads a URL: C0 controls and spaces trimmed, tabs and newlines
            # removed anywhere ("java\tscript:" is a script URL, "java script:" is not).
            url = re.sub(r"[\t\n\r]", "", value.strip(C0_AND_SPACE)).lower()
            if name in URL_ATTRIBUTES and url.strip().startswith(SCHEMES):
                self.found.append(f"<{tag} {name}={value[:60]!r}>")
            if name == "srcdoc" and MARK in value:
                self.found.append(f"<{tag} srcdoc={value[:60]!r}>")
        if tag == "meta" and any(v and "refresh" in v.lower() for _, v in attrs):
            self.found.append("<meta http-equiv=refresh>")

    def handle_endtag(self, tag):
        if tag == self._raw_text:
            self._raw_text = None

    def handle_data(self, data):
        if self._raw_text and MARK in data:
            self.found.append(f"{MARK} inside <{self._raw_text}>: {data[:80]!r}")


def live_markup(html: str) -> list[str]:
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit.found
