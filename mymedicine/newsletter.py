"""Gather the week's new content for a newsletter draft.

Any app may offer `<app>/newsletter.py` with
`def weekly_items(*, since) -> list[tuple[str, list[dict]]]`: section headings with items
`{"title": ..., "url": ...}` (site paths) of public content published since `since`
(articles: new articles; community: expert perspectives and answered questions). This app
adds the recalls reported in the week. Apps are asked in settings.HEALTHSITE_APPS order.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from healthsite.registry import app_modules


def weekly_items(*, since: dt.datetime) -> list[tuple[str, list[dict]]]:
    sections: list[tuple[str, list[dict]]] = []
    for app, module in app_modules("newsletter"):
        if app == "mymedicine":
            continue
        offer = getattr(module, "weekly_items", None)
        if offer:
            sections += [(heading, items) for heading, items in offer(since=since) if items]
    sections += _recalls(since=since)
    return sections


def _recalls(*, since: dt.datetime) -> list[tuple[str, list[dict]]]:
    from .models import Recall

    recalls = (
        Recall.objects.filter(created_at__gte=since, matches__isnull=False)
        .prefetch_related("matches__drug")
        .distinct()[:10]
    )
    items = [
        {
            "title": f"{recall.product_description[:120]} ({recall.classification})",
            "url": recall.matches.all()[0].drug.get_absolute_url(),
        }
        for recall in recalls
    ]
    return [(_("Medicine recalls"), items)] if items else []
