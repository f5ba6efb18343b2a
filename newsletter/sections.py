"""Gather the week's new content for a newsletter draft.

Any app may offer `<app>/newsletter.py` with
`def weekly_items(*, since) -> list[tuple[str, list[dict]]]`: section headings with items
`{"title": ..., "url": ...}` (site paths) of public content published since `since`
(articles: new articles; My Medicine: recalls; community: expert perspectives and answered
questions). Apps are asked in settings.HEALTHSITE_APPS order; empty sections are left out.
"""

from __future__ import annotations

import datetime as dt

from healthsite.registry import app_modules


def weekly_items(*, since: dt.datetime) -> list[tuple[str, list[dict]]]:
    sections: list[tuple[str, list[dict]]] = []
    for _app, module in app_modules("newsletter"):
        offer = getattr(module, "weekly_items", None)
        if offer:
            sections += [(heading, items) for heading, items in offer(since=since) if items]
    return sections
