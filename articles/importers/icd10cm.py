"""CMS/NCHS ICD-10-CM Tabular List XML (`.xml` or `.xml.gz`) -> condition records.

The file nests `<diag>` elements (chapter -> section -> category -> subcategory -> code). Each
`<diag>` has `<name>` (the code, e.g. "I10"), `<desc>` (the title) and optional
`<inclusionTerm>` and `<includes>` notes, which are other names for the same condition
("high blood pressure" under I10). We stream with iterparse and clear each finished element,
so memory stays flat however large the file is.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import iterparse

# Instructional notes rather than names: they point at other codes ("any condition in I50.-")
_CODE_REFERENCE = re.compile(r"\b[A-Z]\d{2}(\.[0-9A-Z-]*)?\b|classified elsewhere|\bcode\b", re.I)
SYNONYM_PARENTS = {"inclusionTerm", "includes"}


@dataclass(frozen=True)
class ConditionRecord:
    code: str
    name: str
    synonyms: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class RejectedRecord:
    code: str
    reason: str


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def is_synonym(note: str) -> bool:
    return bool(note) and not _CODE_REFERENCE.search(note) and len(note) <= 255


class Icd10cmReader:
    """Iterate over a tabular file's codes; `fraction_read()` reports progress for a bar."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.total_bytes = self.path.stat().st_size
        self._raw = None

    def fraction_read(self) -> float:
        if self._raw is None or self._raw.closed or not self.total_bytes:
            return 0.0
        return min(1.0, self._raw.tell() / self.total_bytes)

    def __iter__(self) -> Iterator[ConditionRecord | RejectedRecord]:
        with open(self.path, "rb") as raw:
            self._raw = raw
            is_gzip = raw.read(2) == b"\x1f\x8b"
            raw.seek(0)
            stream = gzip.GzipFile(fileobj=raw) if is_gzip else raw
            yield from self._parse(stream)

    def _parse(self, stream) -> Iterator[ConditionRecord | RejectedRecord]:
        tags: list[str] = []
        diags: list[dict] = []
        for event, elem in iterparse(stream, events=("start", "end")):  # noqa: S314
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
                    yield RejectedRecord(code="?", reason="a <diag> without a <name> code")
                elif not diag["name"]:
                    yield RejectedRecord(code=diag["code"], reason="no <desc> title")
                else:
                    synonyms = tuple(
                        dict.fromkeys(
                            s for s in diag["synonyms"] if s.lower() != diag["name"].lower()
                        )
                    )
                    yield ConditionRecord(code=diag["code"], name=diag["name"], synonyms=synonyms)
            elif elem.tag in ("section", "chapter"):
                elem.clear()
