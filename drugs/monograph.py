"""Our monograph as the drug page shows it: sections of stored HTML (rendered when the
monograph was saved, `Drug.monograph_html`), never rendered per request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _lazy

from drugs.models import Drug

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# (anchor, heading, [(Drug field, subheading or None)])
MONOGRAPH_SECTIONS: list[tuple[str, StrOrPromise, list[tuple[str, StrOrPromise | None]]]] = [
    (
        "uses",
        _lazy("Uses"),
        [
            ("uses", None),
            ("how_to_take", _lazy("How to take it")),
            ("missed_dose", _lazy("If you miss a dose")),
            ("storage", _lazy("Storage")),
        ],
    ),
    (
        "side-effects",
        _lazy("Side effects"),
        [
            ("side_effects_common", _lazy("Common side effects")),
            ("side_effects_serious", _lazy("Serious side effects")),
        ],
    ),
    (
        "precautions",
        _lazy("Precautions"),
        [
            ("precautions_pregnancy", _lazy("Pregnancy")),
            ("precautions_breastfeeding", _lazy("Breastfeeding")),
            ("precautions_alcohol", _lazy("Alcohol")),
            ("precautions_other", _lazy("Other health conditions")),
        ],
    ),
    ("interactions", _lazy("Interactions"), [("interactions", None)]),
    ("overdose", _lazy("Overdose"), [("overdose", None)]),
]


def monograph_sections(drug: Drug) -> list[dict]:
    """The drug page's sections, each with an anchor and its parts' HTML, rendered when the
    monograph was saved (`Drug.monograph_html`)."""
    sections = []
    for anchor, title, fields in MONOGRAPH_SECTIONS:
        parts = [
            {"title": subtitle, "html": drug.monograph_html[name]}
            for name, subtitle in fields
            if drug.monograph_html.get(name)
        ]
        sections.append({"id": anchor, "title": title, "parts": parts})
    return sections
