"""RxNorm clinical drug names ("ATORVASTATIN 10 MG ORAL TABLET [LIPITOR]") split into the
parts readers see: ingredients, strength, dose form and brand."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BRAND = re.compile(r"\s*\[([^\]]+)\]\s*$")
_COMPONENT = re.compile(
    r"^(?P<ingredient>.+?)\s+(?P<strength>\d[\d.,]*\s*(?:MG|MCG|G|UNT|MEQ|ML|%|MG/ML|"
    r"MCG/ML|MG/HR|UNT/MG|[A-Z]+)(?:/[A-Z0-9.]+)?)(?:\s+(?P<rest>.*))?$"
)


@dataclass
class ParsedName:
    ingredients: list[str] = field(default_factory=list)
    strength: str = ""
    dosage_form: str = ""
    brand: str = ""


def parse_pill_name(name: str) -> ParsedName:
    """Split an RxNorm clinical drug name into ingredients, strength, dose form and brand.

    >>> parse_pill_name("ATORVASTATIN CALCIUM 10 MG ORAL TABLET [LIPITOR]")
    ParsedName(ingredients=['ATORVASTATIN CALCIUM'], strength='10 MG', dosage_form='ORAL TABLET', brand='LIPITOR')
    """  # noqa: E501
    text = (name or "").strip()
    parsed = ParsedName()
    match = _BRAND.search(text)
    if match:
        parsed.brand = match.group(1).strip()
        text = text[: match.start()].strip()
    if text.startswith("{"):  # a pack: use its first part
        inner = re.search(r"\(([^()]+)\)", text)
        text = inner.group(1).strip() if inner else text.strip("{} ")
        inner_brand = _BRAND.search(text)
        if inner_brand:
            text = text[: inner_brand.start()].strip()
    text = re.sub(r"^\d+\s+HR\s+", "", text)
    strengths = []
    for component in [c.strip() for c in text.split(" / ") if c.strip()]:
        match = _COMPONENT.match(component)
        if not match:
            parsed.ingredients.append(component)
            continue
        parsed.ingredients.append(match.group("ingredient").strip())
        strengths.append(match.group("strength").strip())
        if match.group("rest"):
            parsed.dosage_form = match.group("rest").strip()
    parsed.strength = " / ".join(strengths)
    return parsed


def pill_title(name: str) -> str:
    """A readable title: "Lipitor (atorvastatin)" or "Amlodipine / benazepril hydrochloride"."""
    parsed = parse_pill_name(name)
    generic = " / ".join(parsed.ingredients)
    if parsed.brand:
        brand = parsed.brand.title()
        return f"{brand} ({generic.lower()})" if generic else brand
    return generic.capitalize()


def readable_strength(strength: str) -> str:
    """ "10 MG" -> "10 mg"; "0.025 MG / 50 MCG" -> "0.025 mg / 50 mcg"."""
    return re.sub(r"[A-Z]+", lambda m: m.group(0).lower(), strength or "")
