"""Safe HTML for highlighted titles and snippets.

The backends mark matched words with two private-use characters. Here the text is escaped
first, and only then are the markers turned into <mark> tags, so whatever the indexed text
contains (say `<script>`), the only tags in the result are ours.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.backends.base import MARK_END, MARK_START


def marked_html(text: str) -> SafeString:
    parts: list[str] = []
    open_mark = False
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            parts.append(escape("".join(buffer)))
            buffer.clear()

    for char in text or "":
        if char == MARK_START:
            if not open_mark:
                flush()
                parts.append("<mark>")
                open_mark = True
        elif char == MARK_END:
            if open_mark:
                flush()
                parts.append("</mark>")
                open_mark = False
        else:
            buffer.append(char)
    flush()
    if open_mark:
        parts.append("</mark>")
    return mark_safe("".join(parts))
