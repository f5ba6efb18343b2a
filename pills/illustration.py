"""Pill illustrations drawn from shape, colors and imprint, as small SVG documents.

Used when no photo of a pill has been imported. Pure function of its inputs, so the result
can be cached forever under a key made of them (see `illustration_key`). No fonts or images
are embedded; text is escaped; no `style` attributes (the site's CSP forbids inline styles).
"""

from __future__ import annotations

import hashlib
import math
from xml.sax.saxutils import escape

from pills.codes import COLORS
from pills.imprint import sides

WIDTH, HEIGHT = 240, 160
_CX, _CY = WIDTH / 2, HEIGHT / 2


def _polygon(n: int, radius: float, rotate: float = -90) -> str:
    points = []
    for i in range(n):
        angle = math.radians(rotate + 360 * i / n)
        points.append(f"{_CX + radius * math.cos(angle):.1f},{_CY + radius * math.sin(angle):.1f}")
    return f'<polygon points="{" ".join(points)}"/>'


def _outline(shape: str) -> str:
    """SVG element(s) for the outline of an SPL shape, centred in the canvas."""
    r = 62
    match shape:
        case "C48345":  # oval
            return f'<ellipse cx="{_CX}" cy="{_CY}" rx="100" ry="55"/>'
        case "C48336":  # capsule
            return f'<rect x="12" y="{_CY - 44}" width="216" height="88" rx="44"/>'
        case "C48347":  # rectangle
            return f'<rect x="22" y="{_CY - 45}" width="196" height="90" rx="10"/>'
        case "C48350":  # square
            return f'<rect x="{_CX - 62}" y="{_CY - 62}" width="124" height="124" rx="12"/>'
        case "C48353":  # triangle
            return _polygon(3, 72, -90).replace(f"{_CY - 72:.1f}", f"{_CY - 62:.1f}")
        case "C48338":  # diamond
            return (
                f'<polygon points="{_CX},{_CY - 66} {_CX + 100},{_CY} {_CX},{_CY + 66} '
                f'{_CX - 100},{_CY}"/>'
            )
        case "C48346":
            return _polygon(5, 70)
        case "C48343":
            return _polygon(6, 68, 0)
        case "C48342":
            return _polygon(7, 68)
        case "C48344":
            return _polygon(8, 66, 22.5)
        case "C48351":  # tear
            return (
                f'<path d="M{_CX - 100},{_CY} C{_CX - 100},{_CY - 70} {_CX + 40},{_CY - 60} '
                f"{_CX + 105},{_CY} C{_CX + 40},{_CY + 60} {_CX - 100},{_CY + 70} "
                f'{_CX - 100},{_CY}Z"/>'
            )
        case "C48349":  # semi-circle
            return f'<path d="M{_CX - 95},{_CY + 40} A95,95 0 0 1 {_CX + 95},{_CY + 40} Z"/>'
        case "C48352":  # trapezoid
            return (
                f'<polygon points="{_CX - 60},{_CY - 55} {_CX + 60},{_CY - 55} '
                f'{_CX + 100},{_CY + 55} {_CX - 100},{_CY + 55}"/>'
            )
        case "C48335":  # bullet
            return (
                f'<path d="M20,{_CY - 45} H{_CX + 20} A80,45 0 0 1 {_CX + 20},{_CY + 45} H20 Z"/>'
            )
        case "C48339":  # double circle
            return (
                f'<circle cx="{_CX - 45}" cy="{_CY}" r="55"/>'
                f'<circle cx="{_CX + 45}" cy="{_CY}" r="55"/>'
            )
        case "C48337":  # clover
            return "".join(
                f'<circle cx="{_CX + dx}" cy="{_CY + dy}" r="36"/>'
                for dx, dy in ((0, -32), (32, 0), (0, 32), (-32, 0))
            )
        case "C48341":  # gear
            return _polygon(16, r + 6, 0) + f'<circle cx="{_CX}" cy="{_CY}" r="{r}"/>'
        case "C48340":  # freeform
            return (
                f'<path d="M{_CX - 90},{_CY - 20} C{_CX - 80},{_CY - 80} {_CX + 70},{_CY - 70} '
                f"{_CX + 95},{_CY - 10} C{_CX + 110},{_CY + 50} {_CX - 20},{_CY + 80} "
                f'{_CX - 70},{_CY + 45} C{_CX - 100},{_CY + 30} {_CX - 95},{_CY} Z"/>'
            )
        case _:  # round and anything unknown
            return f'<circle cx="{_CX}" cy="{_CY}" r="{r + 8}"/>'


def _ink(fill_hex: str) -> str:
    """Dark or light imprint ink, whichever contrasts with the pill's color."""
    red, green, blue = (int(fill_hex[i : i + 2], 16) for i in (0, 2, 4))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#1d1d1b" if luminance > 140 else "#ffffff"


def pill_svg(*, shape: str, colors: list[str] | tuple[str, ...], imprint: str) -> str:
    """An SVG picture of a pill: its outline filled with its color(s), imprint on top.

    Two colors are drawn as halves (capsules: left and right; tablets: top and bottom).
    """
    hexes = [COLORS[c].hex_value for c in colors if c in COLORS] or ["F3F2F1"]
    outline = _outline(shape)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" aria-hidden="true">',
        f'<defs><clipPath id="p">{outline}</clipPath></defs>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#eef0f2"/>',
        f'<g clip-path="url(#p)"><rect width="{WIDTH}" height="{HEIGHT}" fill="#{hexes[0]}"/>',
    ]
    if len(hexes) > 1:
        if shape in ("C48336", "C48335"):
            parts.append(f'<rect x="{_CX}" width="{_CX}" height="{HEIGHT}" fill="#{hexes[1]}"/>')
        else:
            parts.append(f'<rect y="{_CY}" width="{WIDTH}" height="{_CY}" fill="#{hexes[1]}"/>')
    parts.append("</g>")
    parts.append(f'<g fill="none" stroke="#505a5f" stroke-width="3">{outline}</g>')
    lines = sides(imprint)[:3]
    ink = _ink(hexes[0])
    size = 22 if len(lines) <= 2 else 18
    start = _CY - (len(lines) - 1) * size * 0.55
    for i, line in enumerate(lines):
        y = start + i * size * 1.1 + size * 0.35
        parts.append(
            f'<text x="{_CX}" y="{y:.1f}" fill="{ink}" font-family="DejaVu Sans, Arial, '
            f'sans-serif" font-size="{size}" font-weight="bold" text-anchor="middle">'
            f"{escape(line[:14])}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def illustration_key(*, shape: str, colors: list[str] | tuple[str, ...], imprint: str) -> str:
    """A short stable key for caching the drawing of these appearance values."""
    text = f"{shape}|{','.join(colors)}|{imprint}"
    return hashlib.sha256(text.encode()).hexdigest()[:20]
