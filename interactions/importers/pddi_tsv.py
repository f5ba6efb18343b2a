"""The merged public PDDI dataset (dbmi-pitt/Merged-PDDI `CombinedDatasetNotConservative`),
tab-separated with a header row; missing values are the literal string `None`.

We read the `object`, `precipitant`, `severity`, `source`, `label` and `uri` columns of rows
whose source is NDF-RT (severity Critical or Significant), ONC-HighPriority or
ONC-NonInteruptive; rows from other sources are rejected with a reason.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from healthsite.importing import InputFile, Rejected

from .records import (
    CONTRAINDICATED,
    MAJOR,
    MINOR,
    MODERATE,
    NDF_RT,
    ONC_HIGH_PRIORITY,
    ONC_NON_INTERRUPTIVE,
    SOURCE_VERSIONS,
    InteractionRecord,
)

SOURCES = {
    "NDF-RT": NDF_RT,
    "ONC-HighPriority": ONC_HIGH_PRIORITY,
    "ONC-NonInteruptive": ONC_NON_INTERRUPTIVE,
}
NDF_RT_SEVERITY = {"critical": MAJOR, "significant": MODERATE}
REQUIRED = ("object", "precipitant", "severity", "source")


def _value(row: dict, key: str) -> str:
    value = (row.get(key) or "").strip().lstrip("\ufeff")
    return "" if value == "None" else value


def parse_pddi_tsv(member: InputFile) -> Iterator[InteractionRecord | Rejected]:
    name = member.basename
    reader = csv.DictReader(
        member.text(encoding="utf-8-sig"), delimiter="\t", quoting=csv.QUOTE_NONE
    )
    missing = [column for column in REQUIRED if column not in (reader.fieldnames or [])]
    if missing:
        yield Rejected(name, f"missing columns: {', '.join(missing)}")
        return
    for row in reader:
        where = f"{name}:{reader.line_num}"
        if None in row:
            yield Rejected(where, "more fields than the header")
            continue
        source = SOURCES.get(_value(row, "source"))
        if source is None:
            yield Rejected(where, f"source {_value(row, 'source')!r} is not one we import")
            continue
        object_name, precipitant_name = _value(row, "object"), _value(row, "precipitant")
        if not object_name or not precipitant_name:
            yield Rejected(where, "a drug name is empty")
            continue
        if source == NDF_RT:
            severity = NDF_RT_SEVERITY.get(_value(row, "severity").lower())
            if severity is None:
                yield Rejected(where, f"unknown NDF-RT severity {_value(row, 'severity')!r}")
                continue
        else:
            severity = CONTRAINDICATED if source == ONC_HIGH_PRIORITY else MINOR
        yield InteractionRecord(
            object_name=object_name,
            precipitant_name=precipitant_name,
            severity=severity,
            source=source,
            source_version=SOURCE_VERSIONS[source],
            source_reference=_value(row, "uri") if source == NDF_RT else "",
        )
