"""CMS/NCHS ICD-10-CM Tabular List XML (`.xml`, `.xml.gz`, in an archive) -> conditions.

The file nests `<diag>` elements (chapter -> section -> category -> subcategory -> code). Each
`<diag>` has `<name>` (the code, e.g. "I10"), `<desc>` (the title) and optional
`<inclusionTerm>` and `<includes>` notes, which are other names for the same condition
("high blood pressure" under I10). We stream with defusedxml's iterparse and clear each
finished element, so memory stays flat however large the file is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from defusedxml.ElementTree import iterparse

from articles.services import conditions_sync
from healthsite.importing import (
    CREATED,
    UNCHANGED,
    UPDATED,
    Importer,
    ImportRun,
    Rejected,
    open_inputs,
)

# Instructional notes rather than names: they point at other codes ("any condition in I50.-")
_CODE_REFERENCE = re.compile(r"\b[A-Z]\d{2}(\.[0-9A-Z-]*)?\b|classified elsewhere|\bcode\b", re.I)
SYNONYM_PARENTS = {"inclusionTerm", "includes"}


@dataclass(frozen=True)
class ConditionRecord:
    code: str
    name: str
    synonyms: tuple[str, ...] = field(default_factory=tuple)


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def is_synonym(note: str) -> bool:
    return bool(note) and not _CODE_REFERENCE.search(note) and len(note) <= 255


def read_icd10cm(path: str | Path) -> Iterator[ConditionRecord | Rejected]:
    """Every code in the tabular file(s) at `path` (`.xml`, `.xml.gz`, or an archive)."""
    for member in open_inputs(path, suffixes=[".xml"]):
        yield from _parse(member.stream)


def _parse(stream: IO[bytes]) -> Iterator[ConditionRecord | Rejected]:
    tags: list[str] = []
    diags: list[dict] = []
    for event, elem in iterparse(stream, events=("start", "end")):
        if event == "start":
            tags.append(elem.tag)
            if elem.tag == "diag":
                diags.append({"code": "", "name": "", "synonyms": []})
            continue
        tags.pop()
        parent = tags[-1] if tags else ""
        if elem.tag in ("name", "desc") and parent == "diag" and diags:
            diags[-1]["code" if elem.tag == "name" else "name"] = _clean(elem.text)
        elif (
            elem.tag == "note"
            and parent in SYNONYM_PARENTS
            and len(tags) >= 2
            and tags[-2] == "diag"
            and diags
        ):
            note = _clean(elem.text)
            if is_synonym(note):
                diags[-1]["synonyms"].append(note)
        elif elem.tag == "diag":
            diag = diags.pop()
            elem.clear()
            if not diag["code"]:
                yield Rejected(reference="?", reason="a <diag> without a <name> code")
            elif not diag["name"]:
                yield Rejected(reference=diag["code"], reason="no <desc> title")
            else:
                synonyms = tuple(
                    dict.fromkeys(s for s in diag["synonyms"] if s.lower() != diag["name"].lower())
                )
                yield ConditionRecord(code=diag["code"], name=diag["name"], synonyms=synonyms)
        elif elem.tag in ("section", "chapter"):
            elem.clear()


class Icd10cmImporter(Importer[ConditionRecord]):
    """Codes become conditions through `articles.services.conditions_sync`, in batches."""

    label = "Conditions (ICD-10-CM)"
    unit = "codes"
    batch_size = 2000

    def __init__(self, path: str | Path) -> None:
        self.path = path

    def read(self) -> Iterator[ConditionRecord | Rejected]:
        seen: set[str] = set()
        for record in read_icd10cm(self.path):
            if isinstance(record, ConditionRecord):
                if record.code in seen:
                    yield Rejected(
                        reference=record.code, reason="the code appears twice in the file"
                    )
                    continue
                seen.add(record.code)
            yield record

    def save(self, records: list[ConditionRecord], run: ImportRun) -> None:
        summary = conditions_sync(records=records)
        run.add("condition", CREATED, summary.created)
        run.add("condition", UPDATED, summary.updated)
        run.add("condition", UNCHANGED, summary.unchanged)
        for code, reason in summary.rejected or []:
            run.reject(code, reason)

    def finish(self, run: ImportRun) -> None:
        # Bulk writes bypass Condition.save: the lookup's terms are rebuilt once at the end.
        # (import_conditions, which runs next, links new codes to consumer conditions.)
        if run.changed:
            from articles.lookup import terms_rebuild

            terms_rebuild()
