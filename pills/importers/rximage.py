"""NLM RxImage pill appearance CSV (`image_filename, pill_name, shape, color, imprint`).

One row per image file; files repeat rows, so rows are grouped by `image_filename` and each
distinct file is one pill. The package NDC (5-4-2) starts the file name; colors are RxImage
names joined with ", "; imprint segments are joined with ";" (SPL style). `pill_name` is an
RxNorm name ("ATORVASTATIN 10 MG ORAL TABLET [LIPITOR]") from which we take ingredients,
strength, dose form and brand.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from healthsite.importing import Importer, ImportRun, Rejected, open_inputs
from pills import codes
from pills.names import parse_pill_name
from pills.search import index_imprints
from pills.services import pill_drug_resolve, pill_upsert

_NDC_IN_NAME = re.compile(r"^(\d{4,5})-(\d{3,4})-(\d{1,2})_")


@dataclass
class PillRecord:
    line: int
    source_key: str
    image_filename: str
    package_ndc: str  # 11 digits
    product_ndc: str  # 9 digits
    name: str
    ingredients: list[str]
    strength: str
    dosage_form: str
    brand: str
    imprint: str
    shape: str
    colors: list[str]
    copies: int = 1


def package_ndc_from_filename(filename: str) -> str:
    """ "00071-0155-23_RXNAVIMAGE10_....jpg" -> "00071015523" (11 digits), "" if absent."""
    match = _NDC_IN_NAME.match(filename or "")
    if not match:
        return ""
    labeler, product, package = match.groups()
    return labeler.zfill(5) + product.zfill(4) + package.zfill(2)


def read_pills(path: Path) -> Iterator[PillRecord | Rejected]:
    """Stream the CSV; yield one record per distinct image file, or a Rejected row.

    Repeated rows (the same file again) are counted on the first record seen (`copies`) only
    when they follow it; records are yielded as soon as a file name is first seen, so memory
    holds just the set of names already yielded.
    """
    seen: dict[str, tuple] = {}
    for member in open_inputs(path, suffixes=[".csv"]):
        reader = csv.DictReader(member.text())
        missing = {"image_filename", "pill_name", "shape", "color", "imprint"} - set(
            reader.fieldnames or []
        )
        if missing:
            yield Rejected(member.name, f"missing column(s): {', '.join(sorted(missing))}")
            continue
        for row in reader:
            line = reader.line_num
            filename = (row.get("image_filename") or "").strip()
            key = filename.rsplit(".", 1)[0].upper()
            content = (row["pill_name"], row["shape"], row["color"], row["imprint"])
            if key in seen:
                if seen[key] != content:
                    yield Rejected(
                        f"line {line} {filename}", "same image file with different values"
                    )
                continue
            seen[key] = content
            package_ndc = package_ndc_from_filename(filename)
            if not package_ndc:
                yield Rejected(
                    f"line {line} {filename or '(empty)'}", "no NDC at the start of image_filename"
                )
                continue
            shape_text = (row.get("shape") or "").strip()
            shape = codes.shape_code(shape_text) if shape_text else ""
            if shape is None:
                yield Rejected(f"line {line} {filename}", f"unknown shape {shape_text!r}")
                continue
            color_names = [c.strip() for c in (row.get("color") or "").split(",") if c.strip()]
            colors = [codes.color_code(c) for c in color_names]
            if any(c is None for c in colors):
                yield Rejected(f"line {line} {filename}", f"unknown color in {row.get('color')!r}")
                continue
            name = (row.get("pill_name") or "").strip()
            parsed = parse_pill_name(name)
            yield PillRecord(
                line=line,
                source_key=f"rximage:{key}",
                image_filename=filename,
                package_ndc=package_ndc,
                product_ndc=package_ndc[:9],
                name=name,
                ingredients=parsed.ingredients,
                strength=parsed.strength,
                dosage_form=parsed.dosage_form,
                brand=parsed.brand,
                imprint=(row.get("imprint") or "").strip(),
                shape=shape,
                colors=[c for c in colors if c],
            )


class RxImageImporter(Importer[PillRecord]):
    """Pills from the RxImage CSV, each linked to (or creating) its drug and product."""

    label = "Pills (RxImage)"
    unit = "pills"
    batch_size = 500

    def __init__(self, path: Path, *, create_drugs: bool = True) -> None:
        self.path = path
        self.create_drugs = create_drugs

    def read(self) -> Iterator[PillRecord | Rejected]:
        return read_pills(self.path)

    def save(self, records: list[PillRecord], run: ImportRun) -> None:
        touched: list[str] = []  # imprints indexed once for the batch, not once per pill
        for record in records:
            try:
                drug, product = pill_drug_resolve(
                    product_ndc=record.product_ndc,
                    ingredient_names=record.ingredients,
                    brand=record.brand,
                    create=self.create_drugs,
                    source_key=record.source_key,
                )
                result = pill_upsert(
                    source="rximage",
                    source_key=record.source_key,
                    product_ndc=record.product_ndc,
                    package_ndcs=[record.package_ndc],
                    name=record.name,
                    strength=record.strength,
                    dosage_form=record.dosage_form,
                    labeler=product.labeler if product else "",
                    imprint=record.imprint,
                    shape=record.shape,
                    colors=record.colors,
                    drug=drug,
                    product=product,
                    index=False,
                )
            except ValueError as error:
                run.reject(f"line {record.line} {record.image_filename}", str(error))
                continue
            run.add("pill", result.status)
            touched += result.imprint_keys
            if result.pill.drug_id is not None:
                run.add("pill", "linked to a drug")
        index_imprints(touched)
