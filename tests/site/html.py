"""A small HTML checker for the site-wide page rules (stdlib parser, no extra dependency)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

LABELLED_INPUT_TYPES_EXEMPT = {"hidden", "submit", "button", "image", "reset"}


@dataclass
class PageReport:
    h1_count: int = 0
    skip_link: bool = False
    images_without_alt: list[str] = field(default_factory=list)
    unlabelled_fields: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.report = PageReport()
        self.label_for: set[str] = set()
        self.fields: list[tuple[str, dict]] = []
        self.label_depth = 0
        self.first_link_seen = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.report.h1_count += 1
        elif tag == "a" and attrs.get("href") == "#main-content":
            self.report.skip_link = True
        elif tag == "img" and "alt" not in attrs:
            self.report.images_without_alt.append(attrs.get("src", "?"))
        elif tag == "label":
            self.label_depth += 1
            if attrs.get("for"):
                self.label_for.add(attrs["for"])
        elif tag in ("input", "select", "textarea"):
            if tag == "input" and attrs.get("type", "text") in LABELLED_INPUT_TYPES_EXEMPT:
                return
            if self.label_depth or attrs.get("aria-label") or attrs.get("aria-labelledby"):
                return
            self.fields.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "label" and self.label_depth:
            self.label_depth -= 1


def check_page(html: str) -> PageReport:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    report = parser.report
    for tag, attrs in parser.fields:
        if attrs.get("id") not in parser.label_for:
            report.unlabelled_fields.append(f"<{tag} name={attrs.get('name')!r}>")
    return report
