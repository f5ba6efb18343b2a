"""The FDA SPL value sets for pill shape and color (NCI Thesaurus codes).

We keep the SPL codes in the database (C48348 is ROUND, C48325 is WHITE) and map them here,
once, to the names readers use. The table matches the Pillbox fixture `color_shape.json`
(12 colors, 19 shapes); `tests/pills/test_codes.py` checks it against the real file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class SplColor:
    code: str
    spl_name: str
    label: StrOrPromise  # translated when shown
    hex_value: str


@dataclass(frozen=True)
class SplShape:
    code: str
    spl_name: str
    label: StrOrPromise  # translated when shown


COLORS: dict[str, SplColor] = {
    c.code: c
    for c in [
        SplColor("C48325", "WHITE", _("White"), "FFFFFF"),
        SplColor("C48330", "YELLOW", _("Yellow"), "FFFF00"),
        SplColor("C48328", "PINK", _("Pink"), "FFC0CB"),
        SplColor("C48331", "ORANGE", _("Orange"), "FFA500"),
        SplColor("C48333", "BLUE", _("Blue"), "0000FF"),
        SplColor("C48332", "BROWN", _("Brown"), "964B00"),
        SplColor("C48329", "GREEN", _("Green"), "008000"),
        SplColor("C48326", "RED", _("Red"), "FF0000"),
        SplColor("C48327", "PURPLE", _("Purple"), "800080"),
        SplColor("C48324", "GRAY", _("Gray"), "808080"),
        SplColor("C48334", "TURQUOISE", _("Turquoise"), "30D5C8"),
        SplColor("C48323", "BLACK", _("Black"), "000000"),
    ]
}

SHAPES: dict[str, SplShape] = {
    s.code: s
    for s in [
        SplShape("C48348", "ROUND", _("Round")),
        SplShape("C48345", "OVAL", _("Oval")),
        SplShape("C48336", "CAPSULE", _("Capsule")),
        SplShape("C48347", "RECTANGLE", _("Rectangle")),
        SplShape("C48353", "TRIANGLE", _("Triangle")),
        SplShape("C48350", "SQUARE", _("Square")),
        SplShape("C48338", "DIAMOND", _("Diamond")),
        SplShape("C48346", "PENTAGON (5 SIDES)", _("Pentagon (5 sides)")),
        SplShape("C48343", "HEXAGON (6 SIDES)", _("Hexagon (6 sides)")),
        SplShape("C48342", "HEPTAGON (7 SIDES)", _("Heptagon (7 sides)")),
        SplShape("C48344", "OCTAGON (8 SIDES)", _("Octagon (8 sides)")),
        SplShape("C48351", "TEAR", _("Tear")),
        SplShape("C48349", "SEMI-CIRCLE", _("Semi-circle")),
        SplShape("C48352", "TRAPEZOID", _("Trapezoid")),
        SplShape("C48335", "BULLET", _("Bullet")),
        SplShape("C48339", "DOUBLE CIRCLE", _("Double circle")),
        SplShape("C48337", "CLOVER", _("Clover")),
        SplShape("C48341", "GEAR", _("Gear")),
        SplShape("C48340", "FREEFORM", _("Freeform")),
    ]
}

COLOR_CHOICES = [(c.code, c.label) for c in COLORS.values()]
SHAPE_CHOICES = [(s.code, s.label) for s in SHAPES.values()]

_COLOR_BY_NAME = {c.spl_name: c.code for c in COLORS.values()}
_COLOR_BY_NAME.update({"GREY": "C48324", "TAN": "C48332", "BEIGE": "C48332", "CLEAR": "C48325"})
_SHAPE_BY_NAME = {s.spl_name: s.code for s in SHAPES.values()}
# RxImage and older Pillbox files write the polygon names without the "(n SIDES)" part.
_SHAPE_BY_NAME.update(
    {s.spl_name.split(" (")[0]: s.code for s in SHAPES.values() if "(" in s.spl_name}
)
_SHAPE_BY_NAME.update({"SEMICIRCLE": "C48349", "CIRCLE": "C48348", "OBLONG": "C48336"})


def color_code(value: str) -> str | None:
    """The SPL color code for a code ("C48325") or a name ("white", "WHITE"); None if unknown."""
    value = (value or "").strip().upper()
    if value in COLORS:
        return value
    return _COLOR_BY_NAME.get(value)


def shape_code(value: str) -> str | None:
    """The SPL shape code for a code ("C48348") or a name ("round", "PENTAGON"); None if unknown."""
    value = (value or "").strip().upper()
    if value in SHAPES:
        return value
    return _SHAPE_BY_NAME.get(value)


def color_label(code: str) -> str:
    color = COLORS.get(code)
    return str(color.label) if color else code


def shape_label(code: str) -> str:
    shape = SHAPES.get(code)
    return str(shape.label) if shape else code
