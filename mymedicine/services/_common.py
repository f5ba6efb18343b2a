"""Helpers the My Medicine services share."""

from __future__ import annotations

from django.conf import settings


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path
