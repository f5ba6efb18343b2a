"""What drugs adds to other apps' pages (registered in `drugs/apps.py`)."""

from __future__ import annotations

from healthsite.registry import Section


def condition_section(request, condition) -> Section:
    """On a condition page: a link to the drugs and supplements used for it."""
    return {
        "template": "drugs/_condition_link.html",
        "context": {"condition": condition},
        "order": 20,
    }
