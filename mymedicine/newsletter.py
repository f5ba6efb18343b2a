"""My Medicine's part of the weekly newsletter draft (registered in `mymedicine/apps.py` as
a newsletter source): the recalls reported in the week that concern our drugs."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from .models import Recall


def weekly_items(*, since: dt.datetime) -> list[tuple[str, list[dict]]]:
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
