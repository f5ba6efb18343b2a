"""Recall parser: small fixture files we wrote in the real format (no database needed)."""

import datetime as dt
import json
import tracemalloc
from pathlib import Path

import pytest

from healthsite.importing import Rejected, open_inputs
from mymedicine.importers import openfda_enforcement
from mymedicine.importers.records import RecallRecord


@pytest.fixture
def here(fixtures_dir):
    return fixtures_dir / "mymedicine"


def parse(parser, path):
    """Everything `parser` reads from the file at `path`."""
    return [item for member in open_inputs(path) for item in parser(member)]


def split(items):
    records = [item for item in items if not isinstance(item, Rejected)]
    rejected = [item for item in items if isinstance(item, Rejected)]
    return records, rejected


@pytest.mark.parametrize("chunk", [7, 64 * 1024])
def test_enforcement_json_streams_records(here, monkeypatch, chunk):
    monkeypatch.setattr(openfda_enforcement, "CHUNK", chunk)
    records, rejected = split(parse(openfda_enforcement.parse_enforcement, here / "recalls.json"))
    assert [r.recall_number for r in records] == ["D-0001-2025", "D-0002-2025", "D-0003-2025"]
    first, second = records[0], records[1]
    assert isinstance(first, RecallRecord)
    assert first.ndcs == ()  # openfda is empty
    assert first.text_ndcs == ("99999-101-90",)  # printed in the description
    assert first.report_date == dt.date(2025, 1, 2)
    assert second.rxcuis == ("855332",)
    assert second.ndcs == ("88888-555", "88888-555-30")
    assert second.routes == ("ORAL",)
    assert second.brand_names == ("WARFEX",)
    assert second.terminated_on == dt.date(2025, 6, 1)
    assert len(rejected) == 1 and "recall_number" in rejected[0].reason


def test_enforcement_json_api_envelope(tmp_path):
    path = tmp_path / "api.json"
    path.write_text(
        '{"meta": {}, "results": [{"recall_number": "D-9", "product_description": "X 1 mg"}]}'
    )
    records, _ = split(parse(openfda_enforcement.parse_enforcement, path))
    assert [r.recall_number for r in records] == ["D-9"]


def test_enforcement_json_truncated_is_rejected_not_raised(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('[{"recall_number": "D-1", "product_description": "X"}, {"recall')
    records, rejected = split(parse(openfda_enforcement.parse_enforcement, path))
    assert [r.recall_number for r in records] == ["D-1"]
    assert rejected and "JSON" in rejected[0].reason


def _enforcement_peak_memory(path: Path, recalls: int) -> tuple[int, int]:
    """Write an openFDA envelope of `recalls` records; (file size, peak bytes traced while
    it is parsed)."""
    item = {
        "recall_number": "D-0000-2025",
        "product_description": "Examplofen 10 mg tablets, NDC 12345-678-90 " + "x" * 300,
        "openfda": {},
    }
    with path.open("w", encoding="utf-8") as handle:
        handle.write(f'{{"meta": {{"results": {{"total": {recalls}}}}}, "results": [')
        handle.write(",".join(json.dumps(item) for _ in range(recalls)))
        handle.write("]}")
    tracemalloc.start()
    try:
        count = 0
        for member in open_inputs(path):
            for record in openfda_enforcement.parse_enforcement(member):
                count += isinstance(record, RecallRecord)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == recalls
    return path.stat().st_size, peak


def test_enforcement_envelope_is_streamed_in_flat_memory(tmp_path):
    # The small file first also warms up what is allocated once (imports, compiled patterns).
    small_size, small_peak = _enforcement_peak_memory(tmp_path / "small.json", 5_000)
    size, peak = _enforcement_peak_memory(tmp_path / "big.json", 20_000)
    assert size > 7_000_000
    assert peak < size / 4  # the envelope is never held whole
    # Four times the records, about the same peak: memory does not grow with the file.
    assert peak - small_peak < (size - small_size) / 20, (small_peak, peak)
