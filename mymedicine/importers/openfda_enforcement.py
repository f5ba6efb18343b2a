"""openFDA drug enforcement (recall) reports.

Input: the API's `results` array saved as a JSON array, or a full API response
(`{"meta": ..., "results": [...]}`). Arrays are read object by object so a large download is
never held in memory at once. Dates are `YYYYMMDD` strings; `openfda` holds arrays of
`rxcui`, `product_ndc`, `package_ndc`, `brand_name`, `generic_name`, `substance_name`
(often empty, then we fall back on NDCs written in the product description).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .records import RecallRecord, Rejected

CHUNK = 64 * 1024
NDC_IN_TEXT = re.compile(r"\b(\d{4,5}-\d{3,4}(?:-\d{1,2})?)\b")
_decoder = json.JSONDecoder()


def _iter_array(handle: IO[str]) -> Iterator[object]:
    """Yield the items of a top-level JSON array (or of an envelope's `results`)."""
    buffer = handle.read(CHUNK).lstrip("\ufeff").lstrip()
    if buffer.startswith("{"):
        data = json.loads(buffer + handle.read())
        yield from data.get("results", []) if isinstance(data, dict) else []
        return
    if not buffer.startswith("["):
        raise ValueError("expected a JSON array of recall reports")
    position = 1
    while True:
        # Skip whitespace and commas between items; refill the buffer as needed.
        while True:
            while position < len(buffer) and buffer[position] in " \t\r\n,":
                position += 1
            if position < len(buffer):
                break
            more = handle.read(CHUNK)
            if not more:
                raise ValueError("the JSON array is not closed")
            buffer, position = more, 0
        if buffer[position] == "]":
            return
        while True:
            try:
                item, end = _decoder.raw_decode(buffer, position)
                break
            except json.JSONDecodeError:
                more = handle.read(CHUNK)
                if not more:
                    raise
                buffer, position = buffer[position:] + more, 0
        yield item
        buffer, position = buffer[end:], 0


def _date(value: object) -> dt.date | None:
    try:
        return dt.datetime.strptime(str(value), "%Y%m%d").date()
    except ValueError:
        return None


def _list(openfda: dict, key: str) -> tuple[str, ...]:
    values = openfda.get(key) or []
    if isinstance(values, str):
        values = [values]
    return tuple(dict.fromkeys(str(v).strip() for v in values if str(v).strip()))


def _text(item: dict, key: str) -> str:
    value = item.get(key)
    return "" if value in (None, "N/A") else str(value).strip()


def record_from_item(item: object, where: str) -> RecallRecord | Rejected:
    if not isinstance(item, dict):
        return Rejected(where, "not a JSON object")
    number = _text(item, "recall_number")
    if not number:
        return Rejected(where, "no recall_number")
    description = _text(item, "product_description")
    if not description:
        return Rejected(f"{where} ({number})", "no product_description")
    openfda = item.get("openfda") if isinstance(item.get("openfda"), dict) else {}
    ndcs = _list(openfda, "product_ndc") + _list(openfda, "package_ndc")
    text_ndcs = tuple(NDC_IN_TEXT.findall(description + " " + _text(item, "code_info")))
    return RecallRecord(
        recall_number=number,
        event_id=_text(item, "event_id"),
        status=_text(item, "status"),
        classification=_text(item, "classification"),
        product_description=description,
        reason=_text(item, "reason_for_recall"),
        recalling_firm=_text(item, "recalling_firm"),
        code_info=_text(item, "code_info"),
        distribution_pattern=_text(item, "distribution_pattern"),
        voluntary_mandated=_text(item, "voluntary_mandated"),
        report_date=_date(item.get("report_date")),
        initiated_on=_date(item.get("recall_initiation_date")),
        terminated_on=_date(item.get("termination_date")),
        rxcuis=_list(openfda, "rxcui"),
        ndcs=tuple(dict.fromkeys(ndcs + text_ndcs)),
        brand_names=_list(openfda, "brand_name"),
        generic_names=_list(openfda, "generic_name"),
        substance_names=_list(openfda, "substance_name"),
    )


def parse_enforcement(path: Path) -> Iterator[RecallRecord | Rejected]:
    with path.open(encoding="utf-8") as handle:
        try:
            for number, item in enumerate(_iter_array(handle), start=1):
                yield record_from_item(item, f"{path.name}[{number}]")
        except ValueError as error:
            yield Rejected(path.name, f"not readable openFDA JSON ({error})")
