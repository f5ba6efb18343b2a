"""The ONC non-interruptive list as published, class by class (`.xlsx`).

Sheet columns: `ID, Object_Class, Object_Drug, Obj_DrugbankID, Preciptiant_Class,
Precipitant_Drug, Pre_DrugbankID` (spelling as in the file). An interaction is a group of
rows sharing one ID: the first row names the classes, continuation rows list more member
drugs of each class. We expand every class to its member ingredients and yield each
object-by-precipitant pair, remembering the class names.

Read with the standard library (an .xlsx file is a zip of XML parts), streaming the sheet.
The legacy `.xls` of the high-priority list is not read: its pairs are in
`ONC_High_Priority_Mapped.csv` next to it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from itertools import product
from pathlib import Path
from xml.etree import ElementTree as ET

from .records import MINOR, ONC_NON_INTERRUPTIVE, SOURCE_VERSIONS, InteractionRecord, Rejected

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
HEADER = {
    "id": "ID",
    "object_class": "Object_Class",
    "object_drug": "Object_Drug",
    "precipitant_class": "Preciptiant_Class",
    "precipitant_drug": "Precipitant_Drug",
}


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    strings = []
    with book.open("xl/sharedStrings.xml") as part:
        for _event, element in ET.iterparse(part):  # noqa: S314 - the steward's own data file
            if element.tag == f"{NS}si":
                strings.append("".join(t.text or "" for t in element.iter(f"{NS}t")))
                element.clear()
    return strings


def _first_sheet(book: zipfile.ZipFile) -> str:
    workbook = ET.fromstring(book.read("xl/workbook.xml"))  # noqa: S314 - local data file
    sheet = workbook.find(f"{NS}sheets/{NS}sheet")
    rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    if sheet is not None:
        rel_id = sheet.get(f"{REL_NS}id")
        for rel in rels:
            if rel.get("Id") == rel_id:
                target = rel.get("Target", "").lstrip("/")
                return target if target.startswith("xl/") else f"xl/{target}"
    return "xl/worksheets/sheet1.xml"


def _column(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref or "A")
    number = 0
    for char in letters.group(0) if letters else "A":
        number = number * 26 + ord(char) - 64
    return number - 1


def iter_rows(path: Path) -> Iterator[list[str]]:
    """Each sheet row as a list of cell texts (blank cells as "")."""
    with zipfile.ZipFile(path) as book:
        strings = _shared_strings(book)
        with book.open(_first_sheet(book)) as part:
            for _event, element in ET.iterparse(part):  # noqa: S314 - the steward's own data file
                if element.tag != f"{NS}row":
                    continue
                cells: dict[int, str] = {}
                for cell in element.iter(f"{NS}c"):
                    kind = cell.get("t")
                    value = cell.find(f"{NS}v")
                    if kind == "inlineStr":
                        text = "".join(t.text or "" for t in cell.iter(f"{NS}t"))
                    elif value is None:
                        text = ""
                    elif kind == "s":
                        text = strings[int(value.text or 0)]
                    else:
                        text = value.text or ""
                    cells[_column(cell.get("r", ""))] = _clean(text)
                element.clear()
                width = max(cells, default=-1) + 1
                yield [cells.get(i, "") for i in range(width)]


def _expand(group_id: str, rows: list[dict], where: str) -> Iterator[InteractionRecord | Rejected]:
    objects: list[tuple[str, str]] = []
    precipitants: list[tuple[str, str]] = []
    object_class = precipitant_class = ""
    for row in rows:
        object_class = row["object_class"] or object_class
        precipitant_class = row["precipitant_class"] or precipitant_class
        if row["object_drug"]:
            objects.append((object_class, row["object_drug"]))
        if row["precipitant_drug"]:
            precipitants.append((precipitant_class, row["precipitant_drug"]))
    # A class with no listed member stands for itself (it may be one ingredient's name).
    if not objects and object_class:
        objects.append(("", object_class))
    if not precipitants and precipitant_class:
        precipitants.append(("", precipitant_class))
    if not objects or not precipitants:
        yield Rejected(where, f"interaction {group_id} lists no drugs on one side")
        return
    seen = set()
    for (o_class, o_drug), (p_class, p_drug) in product(objects, precipitants):
        if (o_drug.lower(), p_drug.lower()) in seen:
            continue
        seen.add((o_drug.lower(), p_drug.lower()))
        yield InteractionRecord(
            object_name=o_drug,
            precipitant_name=p_drug,
            severity=MINOR,
            source=ONC_NON_INTERRUPTIVE,
            source_version=SOURCE_VERSIONS[ONC_NON_INTERRUPTIVE],
            object_class=o_class if o_class.lower() != o_drug.lower() else "",
            precipitant_class=p_class if p_class.lower() != p_drug.lower() else "",
        )


def parse_onc_class_table(path: Path) -> Iterator[InteractionRecord | Rejected]:
    try:
        rows = iter_rows(path)
        header = next(rows, [])
    except (zipfile.BadZipFile, KeyError, ET.ParseError) as error:
        yield Rejected(path.name, f"not a readable .xlsx workbook ({error})")
        return
    index = {}
    for key, title in HEADER.items():
        if title not in header:
            yield Rejected(path.name, f"missing column {title!r}")
            return
        index[key] = header.index(title)
    group_id, group, start = "", [], 2
    for number, cells in enumerate(rows, start=2):
        row = {key: (cells[i] if i < len(cells) else "") for key, i in index.items()}
        if not any(row.values()):
            continue
        row_id = row["id"].removesuffix(".0")
        if row_id and row_id != group_id and group:
            yield from _expand(group_id, group, f"{path.name}:{start}")
            group = []
        if not group:
            start = number
        group_id = row_id or group_id
        group.append(row)
    if group:
        yield from _expand(group_id, group, f"{path.name}:{start}")
