"""The NIH Dietary Supplement Label Database product list (DSLD "lstProducts" export).

The export is a CSV file, usually inside a zip (`all_lstProducts_csv.zip/lstProducts.csv`):
a few comment lines starting with "#", a quoted header

    "DSLD ID","Brand Name","Product Name","Net Contents","Net Content Unit",
    "Serving Size Quantity","Serving Size Unit","LanguaL - Product Type",
    "LanguaL - Supplement Form","LanguaL - Dietary Claim(s) or Use(s)",
    "LanguaL - Intended Target Group(s)","Database","Tracking History"

and one row per product. The "Tracking History" column is two fields in the data rows: the
market status ("On Market in DSLD", "Off Market in DSLD and NHANES") and the date the label
was entered ("Date - Entered into DSLD: April 25, 2019"). LanguaL terms carry their code in
brackets ("Capsule [E0159]"); several terms are separated by "; ". We keep the terms without
their codes.

Rows are read one at a time (memory stays flat whatever the file's size) and saved in
batches; each product is linked to the supplement page its name plainly names
(`drugs.supplement_matching`), or to none. A row without a numeric DSLD id or a product
name, with the wrong number of fields, or repeating an id already read is rejected with
its line. Run twice, the second run changes nothing.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from drugs.services.supplement_products import supplement_products_bulk_upsert
from drugs.supplement_matching import (
    SupplementNames,
    supplement_for_product,
    supplement_names_from_db,
)
from healthsite.importing import Importer, ImportRun, Rejected, open_inputs, run_import

HEADER = (
    "DSLD ID",
    "Brand Name",
    "Product Name",
    "Net Contents",
    "Net Content Unit",
    "Serving Size Quantity",
    "Serving Size Unit",
    "LanguaL - Product Type",
    "LanguaL - Supplement Form",
    "LanguaL - Dietary Claim(s) or Use(s)",
    "LanguaL - Intended Target Group(s)",
    "Database",
    "Tracking History",
)
ON_MARKET = "On Market"
OFF_MARKET = "Off Market"
_CODE = re.compile(r"\s*\[[A-Z]\d+\]\s*$")
_ENTERED = re.compile(r"Entered into DSLD:\s*(\w+ \d{1,2}, \d{4})")
# csv refuses fields over 128 kB by default; a DSLD field is far shorter, so a longer one
# means a stray quote swallowed the lines after it: the row is rejected.
MAX_FIELD = 100_000


@dataclass(frozen=True)
class ProductRow:
    dsld_id: int
    values: dict[str, Any]  # SupplementProduct fields, without the supplement page


def langual_terms(value: str) -> str:
    """ "Capsule [E0159]" -> "Capsule"; several terms stay separated by "; "."""
    terms = [_CODE.sub("", term).strip() for term in value.split(";")]
    return "; ".join(t for t in terms if t)


def entered_on(value: str) -> date | None:
    match = _ENTERED.search(value)
    return _date(match.group(1)) if match else None


@functools.lru_cache(maxsize=4096)
def _date(text: str) -> date | None:
    # Cached: the ~100,000 rows share a few thousand dates, and strptime is slow.
    try:
        return datetime.strptime(text, "%B %d, %Y").date()
    except ValueError:
        return None


def _amount(quantity: str, unit: str) -> str:
    return " ".join(p for p in (quantity.strip(), unit.strip()) if p)


def parse_row(row: Sequence[str], reference: str) -> ProductRow | Rejected:
    """One data row (14 fields: the header's 13 with "Tracking History" split in two)."""
    if len(row) not in (len(HEADER), len(HEADER) + 1):
        return Rejected(
            reference=reference,
            reason=f"expected {len(HEADER) + 1} fields, found {len(row)}",
        )
    cells = [cell.strip() for cell in row]
    raw_id, brand, name = cells[0], cells[1], cells[2]
    if not raw_id.isdigit():
        return Rejected(reference=reference, reason=f"DSLD ID is not a number: {raw_id[:40]!r}")
    if not name:
        return Rejected(reference=reference, reason="no product name")
    if any(len(cell) > MAX_FIELD for cell in cells):
        return Rejected(reference=reference, reason="a field is far too long (a stray quote?)")
    status, history = cells[12], " ".join(cells[13:])
    if not status.startswith((ON_MARKET, OFF_MARKET)):
        return Rejected(reference=reference, reason=f"unknown market status: {status[:60]!r}")
    return ProductRow(
        dsld_id=int(raw_id),
        values={
            "name": name,
            "brand": brand,
            "net_contents": _amount(cells[3], cells[4]),
            "serving_size": _amount(cells[5], cells[6]),
            "product_type": langual_terms(cells[7]),
            "form": langual_terms(cells[8]),
            "claims": langual_terms(cells[9]),
            "target_groups": langual_terms(cells[10]),
            "on_market": status.startswith(ON_MARKET),
            "entered_on": entered_on(history),
        },
    )


def _blank(row: Sequence[str]) -> bool:
    """Empty lines and lines holding only a byte-order mark or spaces (the export ends so)."""
    return not any(cell.strip().strip("\ufeff") for cell in row)


def read_products(*paths: str | Path) -> Iterator[ProductRow | Rejected]:
    """Every product row in the CSV files (or zips of them) under `paths`."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD + 1))
    seen: set[int] = set()  # ids only: a few MB for the whole database
    for member in open_inputs(*paths, suffixes=(".csv",)):
        reader = csv.reader(member.text(encoding="utf-8-sig", errors="replace"))
        header_found = False
        for row in reader:
            reference = f"{member.basename} line {reader.line_num}"
            if _blank(row):
                continue
            if not header_found:
                if row[0].lstrip("\ufeff").startswith("#"):
                    continue
                if tuple(cell.strip() for cell in row[: len(HEADER)]) != HEADER:
                    yield Rejected(
                        reference=reference,
                        reason="not a DSLD product list (the header does not match); file skipped",
                    )
                    break
                header_found = True
                continue
            item = parse_row(row, reference)
            if isinstance(item, ProductRow):
                if item.dsld_id in seen:
                    item = Rejected(reference=reference, reason=f"DSLD ID {item.dsld_id} repeated")
                else:
                    seen.add(item.dsld_id)
            yield item


class SupplementProductsImporter(Importer[ProductRow]):
    label = "Supplement products (DSLD)"
    unit = "products"
    batch_size = 1000

    def __init__(self, paths: Sequence[str | Path]) -> None:
        self.paths = list(paths)
        self.names = SupplementNames()
        self.linked: Counter[int] = Counter()
        self.drug_names: dict[int, str] = {}

    def read(self) -> Iterator[ProductRow | Rejected]:
        yield from read_products(*self.paths)

    def start(self, run: ImportRun) -> None:
        self.names, self.drug_names = supplement_names_from_db()

    def save(self, records: list[ProductRow], run: ImportRun) -> None:
        rows = []
        for record in records:
            drug_id = supplement_for_product(
                name=record.values["name"],
                brand=record.values["brand"],
                product_type=record.values["product_type"],
                index=self.names,
            )
            if drug_id is not None:
                self.linked[drug_id] += 1
            rows.append((record.dsld_id, {**record.values, "drug_id": drug_id}))
        for outcome, n in supplement_products_bulk_upsert(rows=rows).items():
            run.add("product", outcome, n)

    def finish(self, run: ImportRun) -> None:
        if not run.records:
            return
        linked = sum(self.linked.values())
        share = 100 * linked / run.records
        top = ", ".join(
            f"{self.drug_names.get(drug_id, drug_id)} {n:,}"
            for drug_id, n in self.linked.most_common(10)
        )
        run.note(
            f"{linked:,} of {run.records:,} products ({share:.1f}%) linked to a supplement "
            f"page by their name; most linked: {top or 'none'}"
        )


def import_supplement_products(*paths: str | Path, dry_run: bool = False) -> ImportRun:
    return run_import(SupplementProductsImporter(paths), dry_run=dry_run)
