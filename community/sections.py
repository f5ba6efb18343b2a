"""What the community adds to other apps' pages (registered in `community/apps.py`)."""

from __future__ import annotations

from healthsite.registry import Section


def condition_section(request, condition) -> Section:
    """On a condition page: its support groups, answered questions and expert perspectives."""
    return {
        "template": "community/_condition.html",
        "context": {"condition": condition},
        "order": 50,
    }
