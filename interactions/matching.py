"""Mapping the names external interaction lists use to our ingredients.

The index is built once per import run from the drugs tables, then consulted in memory, so an
import does a fixed number of lookups however many records it reads. `name_keys` is also how
My Medicine matches recalls to drugs by name.
"""

from __future__ import annotations

from collections import defaultdict

from drugs.models import Ingredient
from drugs.text import base_name, normalize_name


def name_keys(name: str) -> list[str]:
    """Keys a name is known by: its normalised form, and its base substance without salt,
    ester or hydrate words (`drugs.text.base_name`, the one rule the drugs app keys by)."""
    normalized = normalize_name(name)
    if not normalized:
        return []
    keys = [normalized]
    stripped = base_name(normalized)
    if stripped and stripped != normalized:
        keys.append(stripped)
    return keys


class IngredientIndex:
    """Ingredient ids by name key; a name may stand for several salts of one ingredient."""

    def __init__(self) -> None:
        self.exact: dict[str, set[int]] = defaultdict(set)
        self.base: dict[str, set[int]] = defaultdict(set)
        for pk, name, normalized in Ingredient.objects.values_list("pk", "name", "normalized"):
            keys = name_keys(name)
            self.exact[normalized or (keys[0] if keys else "")].add(pk)
            for key in keys:
                self.base[key].add(pk)

    def resolve(self, name: str) -> set[int]:
        keys = name_keys(name)
        if not keys:
            return set()
        if keys[0] in self.exact:
            return set(self.exact[keys[0]])
        for key in keys:
            if key in self.base:
                return set(self.base[key])
        return set()

    def forms_of(self, name: str) -> set[int]:
        """Every ingredient that is this substance in any salt or ester form ("clopidogrel" →
        clopidogrel and clopidogrel bisulfate): how editorial rules, which name the base
        substance, reach every product's ingredient."""
        keys = name_keys(name)
        if not keys:
            return set()
        return set(self.base.get(keys[-1], ())) | set(self.exact.get(keys[0], ()))
