"""The ONC non-interruptive list as published, class by class (`.xlsx`).

Sheet columns: `ID, Object_Class, Object_Drug, Obj_DrugbankID, Preciptiant_Class,
Precipitant_Drug, Pre_DrugbankID` (spelling as in the file). An interaction is a group of
rows sharing one ID: the first row names the classes, continuation rows list more member
drugs of each class. We expand every class to its member ingredients and yield each
object-by-precipitant pair, remembering the class names.

Read with openpyxl in read-only mode (rows streamed from the sheet).
The legacy `.xls` of the high-priority list is not read: its pairs are in
`ONC_High_Priority_Mapped.csv` next to it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from itertools import product

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from healthsite.importing import InputFile, Rejected

from .records import MINOR, ONC_NON_INTERRUPTIVE, SOURCE_VERSIONS, InteractionRecord

HEADER = {
    "id": "ID",
    "object_class": "Object_Class",
    "object_drug": "Object_Drug",
    "precipitant_class": "Preciptiant_Class",
    "precipitant_drug": "Precipitant_Drug",
}


def _clean(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def iter_rows(member: InputFile) -> Iterator[list[str]]:
    """Each row of the first sheet as a list of cell texts (blank cells as "")."""
    book = load_workbook(member.stream, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [_clean(value) for value in row]
    finally:
        book.close()


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


def parse_onc_class_table(member: InputFile) -> Iterator[InteractionRecord | Rejected]:
    name = member.basename
    try:
        rows = iter_rows(member)
        header = next(rows, [])
    except (zipfile.BadZipFile, InvalidFileException, KeyError, IndexError) as error:
        yield Rejected(name, f"not a readable .xlsx workbook ({error})")
        return
    index = {}
    for key, title in HEADER.items():
        if title not in header:
            yield Rejected(name, f"missing column {title!r}")
            return
        index[key] = header.index(title)
    group_id, start = "", 2
    group: list[dict[str, str]] = []
    for number, cells in enumerate(rows, start=2):
        row = {key: (cells[i] if i < len(cells) else "") for key, i in index.items()}
        if not any(row.values()):
            continue
        row_id = row["id"].removesuffix(".0")
        if row_id and row_id != group_id and group:
            yield from _expand(group_id, group, f"{name}:{start}")
            group = []
        if not group:
            start = number
        group_id = row_id or group_id
        group.append(row)
    if group:
        yield from _expand(group_id, group, f"{name}:{start}")
