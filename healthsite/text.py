"""Markdown for editors and readers, rendered once and sanitised with nh3.

Two profiles:
- `render_editorial` for staff-written articles and monographs: headings, tables, images
  from our own media, links.
- `render_user` for community posts and reviews: a small subset, no raw HTML, no headings
  above h3, links get rel="nofollow ugc noopener", images only from our own uploads.
"""

from __future__ import annotations

import re
import threading
from urllib.parse import urlsplit

import markdown
import nh3
from django.conf import settings

_EDITORIAL_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
_USER_TAGS = {
    "a",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "ul",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"scope"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
}
_URL_SCHEMES = {"http", "https", "mailto"}


_converters = threading.local()


def _markdown(text: str) -> str:
    # Raw HTML in the source is escaped by nh3 afterwards; Markdown itself is trusted.
    # Building a Markdown object (loading its extensions) costs ~2 ms, more than most
    # conversions: each thread keeps one and resets it between texts.
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = markdown.Markdown(
            extensions=["extra", "sane_lists", "smarty"], output_format="html"
        )
        _converters.markdown = converter
    return converter.reset().convert(text or "")


def _own_media_only(tag: str, attribute: str, value: str) -> str | None:
    """Keep image sources that point at our own uploads; drop every other src."""
    if tag == "img" and attribute == "src":
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not value.startswith(settings.MEDIA_URL):
            return None
    return value


def render_editorial(text: str) -> str:
    """Markdown written by staff → safe HTML (headings start at h2: the page owns the h1)."""
    html = _markdown(text)
    html = re.sub(r"<(/?)h1\b", r"<\1h2", html)
    return nh3.clean(
        html,
        tags=_EDITORIAL_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener",
    )


def render_user(text: str) -> str:
    """Markdown written by readers → safe HTML in our small subset."""
    # Any HTML the reader typed is shown as text, never interpreted. Escaping "<" is enough
    # to stop a tag from starting; ">" stays so that "> quoted text" is a Markdown quote.
    escaped = (text or "").replace("&", "&amp;").replace("<", "&lt;")
    html = _markdown(escaped)
    return nh3.clean(
        html,
        tags=_USER_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        attribute_filter=_own_media_only,
        strip_comments=True,
    )


def contains_link(text: str) -> bool:
    """True when reader text carries a web address (new members may not post links)."""
    return bool(re.search(r"(https?://|www\.|\]\()", text or "", re.IGNORECASE))


def plain_text(html: str) -> str:
    """Strip tags from rendered HTML, for search bodies and meta descriptions."""
    return re.sub(r"\s+", " ", nh3.clean(html, tags=set())).strip()
