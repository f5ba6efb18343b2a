"""Drugs@FDA data files (the FDA's `drugsatfda.zip` or the tab-separated files inside it).

`Products.txt` is streamed row by row; the small lookup tables (`Applications.txt`,
`MarketingStatus.txt`, `MarketingStatus_Lookup.txt`) are read first to join sponsor,
application type and marketing status. Each product becomes:

- a `Drug` identified by its active substances without salts ("ATORVASTATIN CALCIUM" →
  atorvastatin), named after them, with the brand (`DrugName` column) as a brand name;
- its `Ingredient`s;
- a `Product` keyed "drugsfda:<ApplNo>:<ProductNo>";
- a `DrugSource` for the application ("NDA020702"), dated with the application's original
  approval when `Submissions.txt` gives it (its first "ORIG" submission with status "AP";
  a tentative approval, a missing date or the placeholder 1900-01-01 leave it undated).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path

from django.core.exceptions import ValidationError

from drugs import services
from drugs.models import Drug, DrugIngredient, DrugName, DrugSource, Ingredient, Product
from drugs.text import normalize_name
from healthsite.importing import Importer, ImportRun, InputError, Rejected, open_inputs, run_import

REQUIRED_PRODUCT_COLUMNS = {
    "ApplNo",
    "ProductNo",
    "Form",
    "Strength",
    "DrugName",
    "ActiveIngredient",
}


class DrugsfdaFormatError(InputError):
    """The input is not the Drugs@FDA format (missing files or columns)."""


@dataclass(frozen=True)
class DrugsfdaProduct:
    appl_no: str
    product_no: str
    application_number: str  # "NDA020702"
    sponsor: str
    brand: str
    ingredients: tuple[str, ...]
    strength: str
    dosage_form: str
    route: str
    marketing_status: str  # "Prescription", "Over-the-counter", "Discontinued", ...
    approved_on: date | None = None  # the application's original approval

    @cached_property
    def ingredient_key(self) -> str:
        """The key of the drug this product belongs to, worked out once per record (the
        batch's new drugs are found with it, then each product's drug)."""
        return services.ingredient_key(self.ingredients)

    @property
    def source_key(self) -> str:
        return f"drugsfda:{self.appl_no}:{self.product_no}"


def _tables_root(path: Path) -> Path:
    """The zip or folder holding the tables (a single table's file stands for its folder)."""
    if path.is_file() and not path.name.lower().endswith(".zip"):
        return path.parent
    return path


def _table_names(path: Path) -> set[str]:
    return {member.basename.lower() for member in open_inputs(_tables_root(path))}


def _rows(path: Path, name: str) -> Iterator[dict[str, str]]:
    """The rows of one tab-separated table, streamed out of the zip or folder."""
    with closing(open_inputs(_tables_root(path))) as members:
        for member in members:
            if member.basename.lower() == name.lower():
                handle = member.text(encoding="cp1252", errors="replace")
                yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                return
    raise DrugsfdaFormatError(f"{name} is missing from {path}")


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())  # runs of whitespace as one space, trimmed


# Drugs@FDA writes this where it does not know an old application's approval date.
UNKNOWN_DATE = date(1900, 1, 1)


def _submission_date(value: str) -> date | None:
    try:
        day = datetime.strptime(value[:10], "%Y-%m-%d").date()
    except ValueError:
        return None
    return None if day <= UNKNOWN_DATE else day


def original_approvals(path: Path) -> dict[str, date]:
    """ApplNo -> the date of its original approval (Submissions.txt: the earliest "ORIG"
    submission with status "AP"). Applications without a known date are left out."""
    approvals: dict[str, date] = {}
    if "submissions.txt" not in _table_names(path):
        return approvals
    for row in _rows(path, "Submissions.txt"):
        if (
            _clean(row.get("SubmissionType")) != "ORIG"
            or _clean(row.get("SubmissionStatus")) != "AP"
        ):
            continue
        day = _submission_date(_clean(row.get("SubmissionStatusDate")))
        appl_no = _clean(row.get("ApplNo"))
        if day is not None and (appl_no not in approvals or day < approvals[appl_no]):
            approvals[appl_no] = day
    return approvals


def count_products(path: Path) -> int | None:
    """Rows in Products.txt (for the progress bar); None when it cannot be known cheaply."""
    try:
        return sum(1 for _ in _rows(Path(path), "Products.txt"))
    except (OSError, InputError):
        return None


def read_products(path: Path) -> Iterator[DrugsfdaProduct | Rejected]:
    """Yield each product, joined with its application and marketing status."""
    path = Path(path)
    names = _table_names(path)
    applications: dict[str, tuple[str, str]] = {}
    if "applications.txt" in names:
        for row in _rows(path, "Applications.txt"):
            applications[_clean(row.get("ApplNo"))] = (
                _clean(row.get("ApplType")),
                _clean(row.get("SponsorName")),
            )
    status_names: dict[str, str] = {}
    if "marketingstatus_lookup.txt" in names:
        for row in _rows(path, "MarketingStatus_Lookup.txt"):
            status_names[_clean(row.get("MarketingStatusID"))] = _clean(
                row.get("MarketingStatusDescription")
            )
    statuses: dict[tuple[str, str], str] = {}
    if "marketingstatus.txt" in names:
        for row in _rows(path, "MarketingStatus.txt"):
            key = (_clean(row.get("ApplNo")), _clean(row.get("ProductNo")))
            statuses[key] = status_names.get(_clean(row.get("MarketingStatusID")), "")
    approvals = original_approvals(path)

    rows = _rows(path, "Products.txt")
    for line, row in enumerate(rows, start=2):
        if line == 2:
            missing = REQUIRED_PRODUCT_COLUMNS - set(row)
            if missing:
                raise DrugsfdaFormatError(
                    f"Products.txt lacks columns: {', '.join(sorted(missing))}"
                )
        appl_no, product_no = _clean(row.get("ApplNo")), _clean(row.get("ProductNo"))
        reference = f"Products.txt line {line} ({appl_no}/{product_no})"
        if not appl_no.isdigit() or not product_no.isdigit():
            yield Rejected(reference, "application or product number is not a number")
            continue
        ingredients = tuple(
            _clean(i) for i in (row.get("ActiveIngredient") or "").split(";") if _clean(i)
        )
        if not ingredients:
            yield Rejected(reference, "no active ingredient")
            continue
        brand = _clean(row.get("DrugName"))
        if not brand:
            yield Rejected(reference, "no drug name")
            continue
        form, _sep, route = _clean(row.get("Form")).partition(";")
        appl_type, sponsor = applications.get(appl_no, ("", ""))
        yield DrugsfdaProduct(
            appl_no=appl_no,
            product_no=product_no,
            application_number=f"{appl_type}{appl_no}" if appl_type else appl_no,
            sponsor=sponsor,
            brand=brand,
            ingredients=ingredients,
            strength=_clean(row.get("Strength")),
            dosage_form=form.strip().lower(),
            route=route.strip().lower(),
            marketing_status=statuses.get((appl_no, product_no), ""),
            approved_on=approvals.get(appl_no),
        )


class DrugsfdaImporter(Importer[DrugsfdaProduct]):
    """Apply Drugs@FDA products through the services, a batch at a time.

    The caches only avoid asking the database again about rows it has already confirmed;
    every change goes through a service."""

    label = "Drugs@FDA"
    unit = "products"
    batch_size = 1000

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.touched: set[int] = set()
        self.source_rows: dict[tuple[int, str], dict[str, object]] = {}
        self.link_rows: list[tuple[int, int, int]] = []
        self.new_names: list[tuple[int, str, str]] = []

    def total(self) -> int | None:
        return count_products(self.path)

    def read(self) -> Iterator[DrugsfdaProduct | Rejected]:
        return read_products(self.path)

    def start(self, run: ImportRun) -> None:
        self.report = run
        # Several drugs may share a key (keys computed before the salt rule was fixed, then
        # recomputed): the oldest is the key's drug, and a product stays with its current
        # drug while that drug has the product's key (see drug_for), so re-runs move nothing.
        self.by_id = {d.pk: d for d in Drug.objects.exclude(ingredient_key="").order_by("-pk")}
        self.drugs = {d.ingredient_key: d for d in self.by_id.values()}
        self.names = set(DrugName.objects.values_list("drug_id", "normalized"))
        self.ingredients = {i.normalized: i for i in Ingredient.objects.all()}
        self.links = set(DrugIngredient.objects.values_list("drug_id", "ingredient_id"))
        self.sources = {
            (s.drug_id, s.reference): (s.title, s.effective_date)
            for s in DrugSource.objects.filter(kind=DrugSource.Kind.DRUGSFDA)
        }
        self.products = {
            p["source_key"]: p
            for p in Product.objects.filter(source_key__startswith="drugsfda:").values(
                "source_key", "drug_id", *services.PRODUCT_FIELDS
            )
        }
        self.drug_slugs = set(Drug.objects.values_list("slug", flat=True))
        self.ingredient_slugs = set(Ingredient.objects.values_list("slug", flat=True))
        self.new_drugs: dict[str, Drug] = {}
        self.invalid_drugs: dict[str, ValidationError] = {}
        self.invalid_ingredients: dict[str, ValidationError] = {}
        self.touched.clear()

    @staticmethod
    def kind_for(record: DrugsfdaProduct) -> str:
        if record.marketing_status.lower().startswith("over"):
            return Drug.Kind.OTC
        return Drug.Kind.PRESCRIPTION

    def drug_for(self, record: DrugsfdaProduct) -> Drug:
        report = self.report
        key = record.ingredient_key
        drug = self.drugs.get(key)
        existing = self.products.get(record.source_key)
        current = self.by_id.get(existing["drug_id"]) if existing else None
        if current is not None and current.ingredient_key == key:
            drug = current
        kind = self.kind_for(record)
        if drug is None:
            drug = self.new_drugs.get(key)
            if drug is None:
                raise self.invalid_drugs[key]
            self.drugs[key] = drug
            self.by_id[drug.pk] = drug
            self.names.add((drug.pk, normalize_name(drug.name)))
            self.new_names.append((drug.pk, drug.name, DrugName.Kind.GENERIC))
            report.add("drug", services.CREATED)
            self.touched.add(drug.pk)
        elif (
            kind == Drug.Kind.PRESCRIPTION
            and drug.kind == Drug.Kind.OTC
            and record.marketing_status.lower() == "prescription"
            and drug.monograph_origin != Drug.MonographOrigin.EDITORIAL
        ):
            # A drug sold both ways is listed as prescription unless our editors say otherwise.
            report.add("drug", services.drug_update(drug=drug, kind=kind))
            self.touched.add(drug.pk)
        return drug

    def create_new(self, records: list[DrugsfdaProduct]) -> None:
        """Create the batch's new drugs and ingredients, each kind in one insert (one at a
        time they were a third of the import); their names and links follow in `save`."""
        wanted: dict[str, tuple[str, str, list[str]]] = {}
        new_ingredients: list[str] = []
        for record in records:
            key = record.ingredient_key
            if key not in self.drugs and key not in wanted:
                name = services.display_name(record.ingredients)
                wanted[key] = (name, self.kind_for(record), list(record.ingredients))
            new_ingredients += [
                name for name in record.ingredients if normalize_name(name) not in self.ingredients
            ]
        self.new_drugs, self.invalid_drugs = services.drugs_bulk_create(
            entries=wanted, taken_slugs=self.drug_slugs
        )
        created, self.invalid_ingredients = services.ingredients_bulk_create(
            names=new_ingredients, taken_slugs=self.ingredient_slugs
        )
        self.ingredients.update(created)
        if created:
            self.report.add("ingredient", services.CREATED, len(created))

    def save(self, records: list[DrugsfdaProduct], run: ImportRun) -> None:
        report = run
        new_names = self.new_names = []
        self.create_new(records)
        product_rows: list[tuple[int, str, dict]] = []
        for record in records:
            try:
                drug = self.drug_for(record)
                ingredient_names = {normalize_name(i) for i in record.ingredients}
                brand = services.brand_display(record.brand)
                brand_kind = (
                    DrugName.Kind.GENERIC
                    if normalize_name(brand) in ingredient_names
                    else DrugName.Kind.BRAND
                )
                for name, name_kind in [
                    (brand, brand_kind),
                    *((i.lower(), DrugName.Kind.GENERIC) for i in record.ingredients),
                ]:
                    key = (drug.pk, normalize_name(name))
                    if key not in self.names:
                        self.names.add(key)
                        new_names.append((drug.pk, name, name_kind))
                        self.touched.add(drug.pk)
                for position, ingredient_name in enumerate(record.ingredients):
                    self.link_ingredient(drug, ingredient_name, position)
                values = {
                    "name": brand,
                    "labeler": record.sponsor,
                    "strength": record.strength,
                    "dosage_form": record.dosage_form,
                    "route": record.route,
                    "marketing_status": record.marketing_status,
                    "application_number": record.application_number,
                }
                existing = self.products.get(record.source_key)
                if existing is not None and self._same(existing, drug.pk, values):
                    report.add("product", services.UNCHANGED)
                else:
                    product_rows.append((drug.pk, record.source_key, values))
                    self.products[record.source_key] = {"drug_id": drug.pk, **values}
                self.link_source(drug, record)
            except (ValidationError, ValueError) as error:
                # one bad record never stops the run
                report.reject(record.source_key, _message(error))
        self.save_sources()
        if self.link_rows:
            added = services.drug_ingredients_bulk_add(rows=self.link_rows)
            report.add("active ingredient", services.CREATED, added)
            self.link_rows = []
        if new_names:
            added = services.drug_names_bulk_add(entries=new_names)
            report.add("name", services.CREATED, added)
        if product_rows:
            for outcome, n in services.products_bulk_upsert(rows=product_rows).items():
                if n:
                    report.add("product", outcome, n)

    @staticmethod
    def _same(existing: dict, drug_id: int, values: dict) -> bool:
        if existing["drug_id"] != drug_id:
            return False
        return all(
            existing[k] == (v or "")[: services.product_max_length(k)] for k, v in values.items()
        )

    def link_ingredient(self, drug: Drug, ingredient_name: str, position: int) -> None:
        normalized = normalize_name(ingredient_name)
        ingredient = self.ingredients.get(normalized)
        if ingredient is None:
            raise self.invalid_ingredients[normalized]
        if (drug.pk, ingredient.pk) not in self.links:
            self.link_rows.append((drug.pk, ingredient.pk, position))  # written by save
            self.links.add((drug.pk, ingredient.pk))

    def finish(self, run: ImportRun) -> None:
        services.drugs_reindex(drug_ids=self.touched)

    def link_source(self, drug: Drug, record: DrugsfdaProduct) -> None:
        """Queue the drug's Drugs@FDA application as a source (written by `save_sources`)."""
        title = f"{record.application_number} ({record.sponsor})" if record.sponsor else ""
        title = title or record.application_number
        key = (drug.pk, record.application_number)
        if self.sources.get(key) == (title[:500], record.approved_on):
            return
        self.source_rows[key] = {
            "title": title,
            "url": "https://www.accessdata.fda.gov/scripts/cder/daf/index.cfm"
            f"?event=overview.process&ApplNo={record.appl_no}",
            "effective_date": record.approved_on,
        }
        self.sources[key] = (title[:500], record.approved_on)

    def save_sources(self) -> None:
        """Write the queued sources in bulk; when one is invalid, one at a time, so the bad
        one is reported and the rest are saved."""
        rows = [(drug_id, ref, values) for (drug_id, ref), values in self.source_rows.items()]
        self.source_rows.clear()
        kind = DrugSource.Kind.DRUGSFDA
        try:
            outcomes = services.drug_sources_bulk_upsert(kind=kind, rows=rows)
        except ValidationError:
            outcomes = {}
            for drug_id, reference, values in rows:
                try:
                    outcomes.update(
                        services.drug_sources_bulk_upsert(
                            kind=kind, rows=[(drug_id, reference, values)]
                        )
                    )
                except ValidationError as error:
                    self.sources.pop((drug_id, reference), None)
                    self.report.reject(f"{reference} (source)", _message(error))
        for (drug_id, _reference), outcome in outcomes.items():
            self.report.add("source", outcome)
            if outcome != services.UNCHANGED:
                self.touched.add(drug_id)


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)[:300]
    return str(error)[:300]


def import_drugsfda(path: Path, *, dry_run: bool = False) -> ImportRun:
    """Import (or with dry_run, only report) every product in the Drugs@FDA files."""
    return run_import(DrugsfdaImporter(path), dry_run=dry_run)
