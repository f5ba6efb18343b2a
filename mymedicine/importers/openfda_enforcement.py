"""openFDA drug enforcement (recall) reports.

Input: the API's `results` array saved as a JSON array, or a full API response
(`{"meta": ..., "results": [...]}`). Either is streamed with ijson, object by object
(`item` or `results.item`), so memory stays flat however large the download is. Dates are
`YYYYMMDD` strings; `openfda` holds arrays of `rxcui`, `product_ndc`, `package_ndc`,
`brand_name`, `generic_name`, `substance_name`, `route` (empty for most records). NDCs printed
in the description or the lot codes are read as `mymedicine.recall_text.ndcs_in_text` says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import IO

import ijson

from healthsite.importing import InputFile, Rejected

from ..recall_text import ndcs_in_text
from .records import RecallRecord

CHUNK = 64 * 1024


class _Prefixed:
    """A binary stream with the bytes already read put back in front."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self.head = head
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        if self.head and size != 0:  # ijson reads 0 bytes first to learn the stream's type
            data, self.head = self.head, b""
            return data
        return self.stream.read(size)


def _iter_items(stream: IO[bytes]) -> Iterator[object]:
    """Yield the items of a top-level JSON array, or of an API envelope's `results`."""
    head = stream.read(CHUNK)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"{"):
        prefix = "results.item"
    elif text.startswith(b"["):
        prefix = "item"
    else:
        raise ValueError("expected a JSON array of recall reports, or an API response")
    yield from ijson.items(_Prefixed(text, stream), prefix, use_float=True, buf_size=CHUNK)


def _date(value: object) -> dt.date | None:
    # Most records have no termination date: no exception (and its frames) for those.
    if not (isinstance(value, str) and len(value) == 8 and value.isdigit()):
        return None
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
    found = item.get("openfda")
    openfda: dict = found if isinstance(found, dict) else {}
    ndcs = _list(openfda, "product_ndc") + _list(openfda, "package_ndc")
    text_ndcs = ndcs_in_text(description) + ndcs_in_text(_text(item, "code_info"))
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
        ndcs=ndcs,
        text_ndcs=tuple(dict.fromkeys(text_ndcs)),
        routes=_list(openfda, "route"),
        brand_names=_list(openfda, "brand_name"),
        generic_names=_list(openfda, "generic_name"),
        substance_names=_list(openfda, "substance_name"),
    )


def parse_enforcement(member: InputFile) -> Iterator[RecallRecord | Rejected]:
    name = member.basename
    try:
        for number, item in enumerate(_iter_items(member.stream), start=1):
            yield record_from_item(item, f"{name}[{number}]")
    except (ValueError, ijson.JSONError) as error:
        yield Rejected(name, f"not readable openFDA JSON ({error})")
