"""ONC interaction lists already expanded to drug pairs ("Mapped" CSV files).

Format (dbmi-pitt/public-PDDI-analysis): UTF-8 with a BOM, CR or CRLF line ends,
`$`-delimited, no header:
`object_drug$object_drugbank_id$precipitant_drug$precipitant_drugbank_id$`.
The file name says which list it is: `ONC_High_Priority_Mapped.csv` (contraindicated level)
or `ONC_Non_Interuptive_Mapped.csv` (minor, "should not interrupt").
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from healthsite.importing import InputFile, Rejected

from .records import (
    CONTRAINDICATED,
    MINOR,
    ONC_HIGH_PRIORITY,
    ONC_NON_INTERRUPTIVE,
    SOURCE_VERSIONS,
    InteractionRecord,
)

SEVERITY = {ONC_HIGH_PRIORITY: CONTRAINDICATED, ONC_NON_INTERRUPTIVE: MINOR}


def source_for(file_name: str) -> str | None:
    """Which ONC list a file holds, from its name (None when it is neither)."""
    name = file_name.lower().replace(" ", "_").replace("-", "_")
    if "high_priority" in name:
        return ONC_HIGH_PRIORITY
    if "non_interuptive" in name or "non_interruptive" in name:
        return ONC_NON_INTERRUPTIVE
    return None


def parse_onc_mapped(member: InputFile) -> Iterator[InteractionRecord | Rejected]:
    source = source_for(member.basename)
    if source is None:
        yield Rejected(member.name, "file name does not say which ONC list it is")
        return
    handle = member.text(encoding="utf-8-sig")
    for number, row in enumerate(csv.reader(handle, delimiter="$"), start=1):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{member.basename}:{number}"
        if len(row) < 4:
            yield Rejected(where, f"expected 4 $-separated fields, found {len(row)}")
            continue
        object_name, precipitant_name = row[0].strip(), row[2].strip()
        if not object_name or not precipitant_name:
            yield Rejected(where, "a drug name is empty")
            continue
        yield InteractionRecord(
            object_name=object_name,
            precipitant_name=precipitant_name,
            severity=SEVERITY[source],
            source=source,
            source_version=SOURCE_VERSIONS[source],
        )
