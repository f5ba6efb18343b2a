"""Helpers the My Medicine services share."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.db import models


def assign_changed(instance: models.Model, values: Mapping[str, object]) -> bool:
    """Set the values that differ on `instance`; True when any did (so it needs saving)."""
    dirty = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            dirty = True
    return dirty


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path
