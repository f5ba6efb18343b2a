"""The one rule every importing service follows to stay idempotent: write only what changed."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import models

# What an upsert did, as services answer it and import runs count it.
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def assign_changed(instance: models.Model, values: Mapping[str, object]) -> list[str]:
    """Set the values that differ on `instance`; return the names of the fields that did.

    An empty list means nothing changed, so a re-import saves nothing; a non-empty one is
    the `update_fields` for the save.
    """
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed
