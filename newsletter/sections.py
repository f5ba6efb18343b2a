"""Gather the week's new content for a newsletter draft.

Apps register in `healthsite.registry.newsletter_sources` a
`weekly_items(*, since) -> list[tuple[str, list[dict]]]`: section headings with items
`{"title": ..., "url": ...}` (site paths) of public content published since `since`
(articles: new articles; My Medicine: recalls; community: expert perspectives and answered
questions). Apps are asked in INSTALLED_APPS order; empty sections are left out.
"""

from __future__ import annotations

import datetime as dt

from healthsite import registry


def weekly_items(*, since: dt.datetime) -> list[tuple[str, list[dict]]]:
    sections: list[tuple[str, list[dict]]] = []
    for source in registry.newsletter_sources:
        sections += [
            (heading, items) for heading, items in source.weekly_items(since=since) if items
        ]
    return sections
