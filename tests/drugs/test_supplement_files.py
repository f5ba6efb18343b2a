"""Every supplement monograph in drugs/supplements/ is complete, valid and unambiguous."""

from __future__ import annotations

import pytest

from drugs.importers.supplements import (
    REQUIRED_FIELDS,
    SUPPLEMENT_KINDS,
    SUPPLEMENTS_DIR,
    SupplementFile,
    parse_supplement,
    read_supplements,
)

FILES = sorted(SUPPLEMENTS_DIR.glob("*.toml"))


def test_there_are_monographs():
    assert len(FILES) >= 2


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_file_is_complete(path):
    parsed = parse_supplement(path)
    assert isinstance(parsed, SupplementFile), getattr(parsed, "reason", "")
    assert parsed.kind in SUPPLEMENT_KINDS
    for field in REQUIRED_FIELDS:
        assert parsed.monograph[field].strip(), field
    assert parsed.ingredients and all(i == i.lower() for i in parsed.ingredients)
    assert any(url.startswith("https://") for _title, url in parsed.sources)
    assert path.stem == path.stem.lower() and " " not in path.stem


def test_names_and_other_names_lead_to_one_file_each():
    rejected = [
        item for item in read_supplements(SUPPLEMENTS_DIR) if not isinstance(item, SupplementFile)
    ]
    assert rejected == []
