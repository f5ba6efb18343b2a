"""The drugs section of the home page: find a drug by name or condition."""

from __future__ import annotations


def home_section(request) -> dict | None:
    return {"template": "drugs/_home.html", "context": {}, "order": 20}
