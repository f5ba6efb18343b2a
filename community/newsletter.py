"""The community's part of the weekly newsletter draft (mymedicine collects
`<app>/newsletter.py`): Second Opinion posts published since `since`, and questions an
expert answered since then. Two queries."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import Perspective, Question

NEWSLETTER_ITEMS = 10


def weekly_items(*, since: dt.datetime) -> list[tuple[str, list[dict]]]:
    perspectives = (
        Perspective.objects.published()
        .filter(published_at__gte=since)
        .order_by("-published_at", "-pk")[:NEWSLETTER_ITEMS]
    )
    questions = (
        Question.objects.answered()
        .filter(
            answers__is_hidden=False,
            answers__created_at__gte=since,
            answers__created_at__lte=timezone.now(),
        )
        .select_related("topic")
        .distinct()
        .order_by("-created_at", "-pk")[:NEWSLETTER_ITEMS]
    )
    sections = [
        (
            _("Second Opinion: expert perspectives"),
            [{"title": p.title, "url": p.get_absolute_url()} for p in perspectives],
        ),
        (
            _("Questions answered by experts"),
            [{"title": q.title, "url": q.get_absolute_url()} for q in questions],
        ),
    ]
    return [(heading, items) for heading, items in sections if items]
