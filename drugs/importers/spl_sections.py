"""SPL label sections → sanitised HTML, rendered once at import.

Each top-level section of the label body becomes one `SplSection`: its LOINC code, its title
without the section number, our anchor for it, its body as HTML (paragraphs, lists, tables,
sub-headings h4-h5 with anchors) and the "Highlights" excerpts found inside it.

Cross-references: the label refers to its own numbered sections, as links
("[see Warnings and Precautions (<linkHtml href="#S5.1">5.1</linkHtml>)]") or as bare numbers
in the Highlights ("(5.1)"). A reference to a section we show becomes a link named after that
section ("(see Warnings and Precautions: <a href="#label-s5-1">Skeletal Muscle</a>)"); a
reference to a section we do not show is removed, with its "[see …]" when nothing is left.
Numbers inside tables are never read as references ("12 (5.1)" is data there).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field

import nh3
from django.utils.text import slugify
from django.utils.translation import gettext as _

from drugs.labels import NOT_KEPT, SHOWN_SECTIONS

NS = "{urn:hl7-org:v3}"
MAX_SECTION_CHARS = 400_000

ALLOWED_TAGS = {
    "p", "h4", "h5", "ul", "ol", "li", "table", "caption", "thead", "tbody", "tfoot", "tr",
    "th", "td", "strong", "em", "sub", "sup", "a", "br",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "h4": {"id"},
    "h5": {"id"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?(?:\s+|$)")
# A reference placeholder: \ue000<anchor>\ue001 (an empty anchor: a section we do not show).
_REF = "\ue000[^\ue001]*\ue001"
_GROUP = re.compile(rf"\s*\(\s*(?:{_REF})(?:\s*(?:,|;|and|&amp;)\s*(?:{_REF}))*\s*\)")
_GROUP_OR_REF = re.compile(rf"{_GROUP.pattern}|\s*{_REF}")
_SEE = re.compile(r"\s*\[\s*see(?:\s+also)?\s*(?P<inner>[^\[\]]*)\]", re.IGNORECASE)
_BARE_DOTTED = re.compile(r"\((\s*\d+\.\d+(?:\.\d+)*(?:\s*,\s*\d+(?:\.\d+)*)*\s*)\)")
_BARE_ANY = re.compile(r"\((\s*\d+(?:\.\d+)*(?:\s*,\s*\d+(?:\.\d+)*)*\s*)\)")


@dataclass
class SplSection:
    loinc_code: str
    title: str
    anchor: str
    position: int
    html: str
    highlight_html: str


@dataclass
class _Target:
    anchor: str
    title: str
    shown: bool


@dataclass
class _Context:
    by_id: dict[str, _Target] = field(default_factory=dict)
    by_number: dict[str, _Target] = field(default_factory=dict)


def _tag(element: ET.Element) -> str:
    return element.tag.replace(NS, "") if isinstance(element.tag, str) else ""


def _escape(text: str | None) -> str:
    """Label text as HTML, its line breaks and indentation folded to single spaces."""
    return html.escape(re.sub(r"\s+", " ", text or ""), quote=False)


def _plain(element: ET.Element | None) -> str:
    if element is None:
        return ""
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def split_number(title: str) -> tuple[str, str]:
    """ "5.1  Skeletal Muscle" → ("5.1", "Skeletal Muscle")."""
    match = _NUMBER.match(title)
    if match and match.end() < len(title):
        return match.group(1), title[match.end() :].strip()
    return "", title.strip()


def _code(section: ET.Element) -> str:
    code = section.find(f"{NS}code")
    return code.get("code", "") if code is not None else ""


def top_sections(root: ET.Element) -> list[ET.Element]:
    body = root.find(f"{NS}component/{NS}structuredBody")
    if body is None:
        return []
    return [s for s in body.findall(f"{NS}component/{NS}section") if _code(s) not in NOT_KEPT]


def _index(sections: list[ET.Element]) -> tuple[_Context, list[tuple[str, str]]]:
    """Anchors and titles of every section and sub-section, by SPL ID and section number."""
    context = _Context()
    tops: list[tuple[str, str]] = []
    used: set[str] = set()
    for position, top in enumerate(sections):
        code = _code(top)
        number, title = split_number(_plain(top.find(f"{NS}title")))
        shown = code in SHOWN_SECTIONS
        if shown:
            title = str(SHOWN_SECTIONS[code])
        anchor = "label-" + (slugify(title) or f"section-{position}")
        if anchor in used:
            anchor = f"{anchor}-{position}"
        used.add(anchor)
        tops.append((anchor, title))
        target = _Target(anchor, title, shown)
        if top.get("ID"):
            context.by_id[top.get("ID", "")] = target
        if number:
            context.by_number.setdefault(number, target)
        for sub in top.iter(f"{NS}section"):
            if sub is top:
                continue
            sub_number, sub_title = split_number(_plain(sub.find(f"{NS}title")))
            sub_id = sub.get("ID", "")
            sub_anchor = f"{anchor}-{slugify(sub_id.replace('.', '-'))}" if sub_id else ""
            sub_target = _Target(sub_anchor, sub_title or title, shown and bool(sub_anchor))
            if sub_id:
                context.by_id[sub_id] = sub_target
            if sub_number:
                context.by_number.setdefault(sub_number, sub_target)
    return context, tops


class _Renderer:
    def __init__(self, context: _Context, *, highlight: bool = False) -> None:
        self.context = context
        self.highlight = highlight

    # --- inline ---------------------------------------------------------------------------

    def inline(self, element: ET.Element) -> str:
        parts = [_escape(element.text)]
        for child in element:
            parts.append(self.inline_element(child))
            parts.append(_escape(child.tail))
        return "".join(parts)

    def inline_element(self, child: ET.Element) -> str:
        tag = _tag(child)
        if tag == "linkHtml":
            href = child.get("href", "")
            target = self.context.by_id.get(href[1:]) if href.startswith("#") else None
            if target is not None or re.fullmatch(r"[\s\d.,]*", _plain(child)):
                anchor = target.anchor if target is not None and target.shown else ""
                return f"\ue000{anchor}\ue001"
            return self.inline(child)  # an external link: its text only
        if tag == "content":
            style = child.get("styleCode", "").lower()
            inner = self.inline(child)
            if "bold" in style:
                return f"<strong>{inner}</strong>"
            if "italics" in style or "emphasis" in style:
                return f"<em>{inner}</em>"
            return inner
        if tag in {"sub", "sup"}:
            return f"<{tag}>{self.inline(child)}</{tag}>"
        if tag == "br":
            return "<br>"
        if tag in {"footnoteRef", "renderMultiMedia"}:
            return ""
        if tag == "footnote":
            return f" ({self.inline(child).strip()})"
        return self.inline(child)

    def references(self, text: str, *, in_table: bool) -> str:
        def bare_refs(match: re.Match[str]) -> str:
            numbers = [n.strip() for n in match.group(1).split(",")]
            if not all(n in self.context.by_number for n in numbers):
                return match.group(0)
            targets = [self.context.by_number[n] for n in numbers]
            anchors = [t.anchor if t.shown else "" for t in targets]
            return "(" + ", ".join(f"\ue000{a}\ue001" for a in anchors) + ")"

        # Bare numbers are references in the Highlights, and in the body only inside
        # "[see …]"; elsewhere "(2.1)" may be a measurement.
        if self.highlight and not in_table:
            text = _BARE_ANY.sub(bare_refs, text)
        elif not in_table:
            text = _SEE.sub(lambda m: _BARE_DOTTED.sub(bare_refs, m.group(0)), text)
        titles = {t.anchor: t.title for t in self.context.by_id.values() if t.shown}
        titles |= {t.anchor: t.title for t in self.context.by_number.values() if t.shown}

        def links(group: str) -> list[str]:
            anchors = re.findall("\ue000([^\ue001]*)\ue001", group)
            return [
                f'<a href="#{a}">{html.escape(titles.get(a, ""), quote=False)}</a>'
                for a in dict.fromkeys(anchors)
                if a and titles.get(a)
            ]

        def see(match: re.Match[str]) -> str:
            inner = re.sub(r"</?(?:em|strong)>", "", match.group("inner"))
            if not re.search(_REF, inner):  # "[see USP]": no section number, kept as text
                return f" ({_('see')} {inner.strip()})"
            parts = []
            position = 0
            for group in _GROUP_OR_REF.finditer(inner):
                label = inner[position : group.start()]
                position = group.end()
                label = re.sub(r"^[\s,;]*(?:and\s+|&amp;\s+)?", "", label).strip(" ,;")
                found = links(group.group(0))
                if found:
                    parts.append(f"{label}: {', '.join(found)}" if label else ", ".join(found))
            if not parts:
                return ""
            return " (" + _("see") + " " + "; ".join(parts) + ")"

        text = _SEE.sub(see, text)

        def group(match: re.Match[str]) -> str:
            found = links(match.group(0))
            return f" ({_('see')} {', '.join(found)})" if found else ""

        text = _GROUP.sub(group, text)
        # A reference outside brackets ("see section 5.1"): its name, linked, or nothing.
        return re.sub(_REF, lambda m: "".join(links(m.group(0))), text)

    # --- blocks ---------------------------------------------------------------------------

    def blocks(self, element: ET.Element, depth: int, *, in_table: bool = False) -> str:
        """Block content of a section, list item or table cell."""
        out: list[str] = []
        run: list[str] = [_escape(element.text)]

        def flush(wrap: str | None) -> None:
            text = self.references("".join(run), in_table=in_table).strip()
            run.clear()
            if text:
                out.append(f"<{wrap}>{text}</{wrap}>" if wrap else text)

        wrap = None if in_table or _tag(element) == "item" else "p"
        for child in element:
            tag = _tag(child)
            handler = self.block_handlers.get(tag)
            if handler is not None:
                flush(wrap)
                out.append(handler(self, child, depth, in_table))
            elif tag in {"excerpt", "code", "title", "id", "effectiveTime", "subject"}:
                pass
            elif tag in {"text", "component"}:
                flush(wrap)
                out.append(self.blocks(child, depth, in_table=in_table))
            else:
                run.append(self.inline_element(child))
            run.append(_escape(child.tail))
        flush(wrap)
        return "".join(out)

    def paragraph(self, element: ET.Element, _depth: int, in_table: bool) -> str:
        text = self.references(self.inline(element), in_table=in_table).strip()
        caption = _plain(element.find(f"{NS}caption"))
        if caption:
            text = f"<strong>{html.escape(caption, quote=False)}</strong> {text}"
        return f"<p>{text}</p>" if text else ""

    def list_block(self, element: ET.Element, depth: int, in_table: bool) -> str:
        tag = "ol" if element.get("listType") == "ordered" else "ul"
        items = []
        for item in element.findall(f"{NS}item"):
            body = self.blocks(item, depth, in_table=in_table).strip()
            if body:
                items.append(f"<li>{body}</li>")
        caption = _plain(element.find(f"{NS}caption"))
        head = f"<p><strong>{html.escape(caption, quote=False)}</strong></p>" if caption else ""
        return f"{head}<{tag}>{''.join(items)}</{tag}>" if items else head

    def table(self, element: ET.Element, depth: int, _in_table: bool) -> str:
        parts = []
        caption = element.find(f"{NS}caption")
        if caption is not None and _plain(caption):
            parts.append(f"<caption>{self.inline(caption).strip()}</caption>")
        for group in element:
            tag = _tag(group)
            if tag not in {"thead", "tbody", "tfoot"}:
                continue
            rows = []
            for row in group.findall(f"{NS}tr"):
                cells = []
                for cell in row:
                    cell_tag = _tag(cell)
                    if cell_tag not in {"th", "td"}:
                        continue
                    attributes = "".join(
                        f' {name}="{html.escape(cell.get(name, ""))}"'
                        for name in ("colspan", "rowspan")
                        if cell.get(name, "").isdigit()
                    )
                    if cell_tag == "th":
                        scope = "col" if tag == "thead" else "row"
                        attributes = f' scope="{scope}"' + attributes
                    body = self.blocks(cell, depth, in_table=True).strip()
                    cells.append(f"<{cell_tag}{attributes}>{body}</{cell_tag}>")
                rows.append(f"<tr>{''.join(cells)}</tr>")
            parts.append(f"<{tag}>{''.join(rows)}</{tag}>")
        return f"<table>{''.join(parts)}</table>"

    def section(self, element: ET.Element, depth: int, _in_table: bool) -> str:
        _number, title = split_number(_plain(element.find(f"{NS}title")))
        heading = ""
        if title:
            level = min(4 + depth, 5)
            target = self.context.by_id.get(element.get("ID", ""))
            anchor = f' id="{target.anchor}"' if target is not None and target.anchor else ""
            heading = f"<h{level}{anchor}>{html.escape(title, quote=False)}</h{level}>"
        return heading + self.blocks(element, depth + 1)

    def media(self, element: ET.Element, _depth: int, _in_table: bool) -> str:
        text = _plain(element.find(f"{NS}text"))
        return f"<p>{html.escape(text, quote=False)}</p>" if text else ""

    block_handlers: dict[str, Callable[[_Renderer, ET.Element, int, bool], str]] = {
        "paragraph": paragraph,
        "list": list_block,
        "table": table,
        "section": section,
        "observationMedia": media,
    }


def _href_is_ours(_tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href" and not value.startswith("#"):
        return None
    return value


def sanitise(text: str) -> str:
    text = re.sub(r"<p>(?:\s|<br>)*</p>", "", text)
    text = re.sub(r"\s*<br>\s*</(p|li|td|th)>", r"</\1>", text)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_href_is_ours,
        link_rel=None,
        url_schemes=set(),
    )


def label_sections(root: ET.Element) -> list[SplSection]:
    """The label's top-level sections (not product data), rendered."""
    sections = top_sections(root)
    context, tops = _index(sections)
    body = _Renderer(context)
    highlights = _Renderer(context, highlight=True)
    result = []
    for position, (element, (anchor, title)) in enumerate(zip(sections, tops, strict=True)):
        excerpts = [
            highlights.blocks(h, 0)
            for excerpt in element.iter(f"{NS}excerpt")
            for h in excerpt.findall(f"{NS}highlight")
        ]
        result.append(
            SplSection(
                loinc_code=_code(element),
                title=title[:500],
                anchor=anchor[:100],
                position=position,
                html=sanitise(body.blocks(element, 0)[:MAX_SECTION_CHARS]),
                highlight_html=sanitise("".join(excerpts)[:MAX_SECTION_CHARS]),
            )
        )
    return result
