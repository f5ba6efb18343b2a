"""DailyMed Structured Product Labeling (HL7 v3 SPL XML), one document per file.

From each label:
- products (48780-1 "SPL product data elements"): the brand and generic names, active
  ingredients (with UNII and strength), dosage form, route, marketing status, application
  number and each package NDC → `Drug`, `DrugName`, `Ingredient`, `Product`;
- the label's sections by LOINC code, rendered once to sanitised HTML
  (`drugs.importers.spl_sections`) → `LabelSection`, shown on the drug page as "Full
  prescribing information". Label text no longer fills the monograph fields (ours);
- versions: a label (set id) is replaced by a later version or effective time, and an older
  version met later (in another archive) is reported and skipped;
- pill characteristics (SPLIMPRINT, SPLCOLOR, SPLSHAPE, SPLSIZE, SPLSCORE) → sent as
  `drugs.signals.spl_product_appearance` for the pills app to store.

Files are parsed one at a time, so memory stays flat however many labels are imported.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse as parse_xml
from django.core.exceptions import ValidationError
from django.db import transaction

from drugs import services
from drugs.importers.spl_sections import SplSection, label_sections
from drugs.models import Drug, DrugName, DrugSource, Product
from drugs.services import labels as label_services
from drugs.signals import spl_product_appearance
from drugs.text import normalize_name, normalize_ndc
from healthsite.importing import (
    Importer,
    ImportRun,
    Rejected,
    count_inputs,
    open_inputs,
    run_import,
)

NS = "{urn:hl7-org:v3}"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"

DOCUMENT_KINDS = {
    "34391-3": Drug.Kind.PRESCRIPTION,  # human prescription drug label
    "34390-5": Drug.Kind.OTC,  # human OTC drug label
    "58476-0": Drug.Kind.SUPPLEMENT,  # dietary supplement label
}
ACTIVE_CLASS_CODES = {"ACTIB", "ACTIM", "ACTIR"}

DEA_SCHEDULES = {"CI", "CII", "CIII", "CIV", "CV"}


class SplFormatError(ValueError):
    """The file is not an SPL document we can read."""


@dataclass
class SplIngredient:
    name: str  # the substance as listed ("ATORVASTATIN CALCIUM TRIHYDRATE")
    moiety: str  # the active moiety ("ATORVASTATIN"), or the name when absent
    unii: str
    strength: str  # "10 mg" or "10 mg/5 mL"


@dataclass
class SplPackage:
    ndc_printed: str
    ndc: str  # 11 digits


@dataclass
class SplProduct:
    product_ndc: str  # as printed, e.g. "0071-0155"
    name: str
    generic_name: str
    dosage_form: str
    route: str
    ingredients: list[SplIngredient]
    packages: list[SplPackage]
    application_number: str
    marketing_status: str
    dea_schedule: str
    imprint: str = ""
    color_codes: list[str] = field(default_factory=list)
    shape_code: str = ""
    size_mm: int | None = None
    score: int | None = None

    @property
    def has_appearance(self) -> bool:
        return bool(self.imprint or self.color_codes or self.shape_code or self.size_mm)


@dataclass
class SplDocument:
    path: str
    set_id: str
    version: str
    effective_date: date | None
    title: str
    kind: str
    labeler: str
    products: list[SplProduct]
    sections: list[SplSection]


# --- parsing -------------------------------------------------------------------------------


def _text(element: ET.Element | None) -> str:
    if element is None:
        return ""
    for line_break in element.iter(f"{NS}br"):  # "for oral use<br/>Initial U.S. Approval"
        line_break.tail = " " + (line_break.tail or "")
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _date(value: str | None) -> date | None:
    if value and len(value) >= 8 and value[:8].isdigit():
        try:
            return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
        except ValueError:
            return None
    return None


def _quantity(ingredient: ET.Element) -> str:
    numerator = ingredient.find(f"{NS}quantity/{NS}numerator")
    denominator = ingredient.find(f"{NS}quantity/{NS}denominator")
    if numerator is None or not numerator.get("value"):
        return ""
    text = f"{numerator.get('value')} {numerator.get('unit', '')}".strip()
    if denominator is not None and denominator.get("unit") not in (None, "", "1"):
        value = denominator.get("value", "1")
        unit = denominator.get("unit")
        text += f"/{unit}" if value == "1" else f"/{value} {unit}"
    return text


def _characteristics(product: ET.Element, record: SplProduct) -> None:
    for characteristic in product.iter(f"{NS}characteristic"):
        code = characteristic.find(f"{NS}code")
        value = characteristic.find(f"{NS}value")
        if code is None or value is None:
            continue
        kind = code.get("code")
        if kind == "SPLIMPRINT":
            record.imprint = _text(value)
        elif kind == "SPLCOLOR" and (color := value.get("code")):
            record.color_codes.append(color)
        elif kind == "SPLSHAPE":
            record.shape_code = value.get("code", "")
        elif kind == "SPLSIZE" and (size := value.get("value")):
            try:
                record.size_mm = round(float(size))
            except ValueError:
                record.size_mm = None
        elif kind == "SPLSCORE" and (score := value.get("value")):
            try:
                record.score = int(score)
            except ValueError:
                record.score = None


def _product(outer: ET.Element) -> SplProduct | None:
    inner = outer.find(f"{NS}manufacturedProduct")
    if inner is None:
        return None
    code = inner.find(f"{NS}code")
    ingredients = []
    # iter(): kits list their ingredients inside part/partProduct
    for ingredient in inner.iter(f"{NS}ingredient"):
        if ingredient.get("classCode") not in ACTIVE_CLASS_CODES:
            continue
        substance = ingredient.find(f"{NS}ingredientSubstance")
        if substance is None:
            continue
        name = _text(substance.find(f"{NS}name"))
        if not name:
            continue
        moiety = _text(substance.find(f"{NS}activeMoiety/{NS}activeMoiety/{NS}name"))
        unii_code = substance.find(f"{NS}code")
        ingredients.append(
            SplIngredient(
                name=name,
                moiety=moiety or name,
                unii=unii_code.get("code", "") if unii_code is not None else "",
                strength=_quantity(ingredient),
            )
        )
    packages = []
    for package_code in inner.iter(f"{NS}containerPackagedProduct"):
        code_element = package_code.find(f"{NS}code")
        printed = code_element.get("code", "") if code_element is not None else ""
        ndc = normalize_ndc(printed)
        if ndc and len(ndc) == 11:
            packages.append(SplPackage(ndc_printed=printed, ndc=ndc))
    approval = outer.find(f"{NS}subjectOf/{NS}approval/{NS}id")
    status = outer.find(f"{NS}subjectOf/{NS}marketingAct/{NS}statusCode")
    route = outer.find(f"{NS}consumedIn/{NS}substanceAdministration/{NS}routeCode")
    form = inner.find(f"{NS}formCode")
    dea = ""
    for policy in inner.iter(f"{NS}policy"):
        if policy.get("classCode") == "DEADrugSchedule":
            policy_code = policy.find(f"{NS}code")
            schedule = policy_code.get("displayName", "") if policy_code is not None else ""
            if schedule in DEA_SCHEDULES:
                dea = schedule
    record = SplProduct(
        product_ndc=code.get("code", "") if code is not None else "",
        name=_text(inner.find(f"{NS}name")),
        generic_name=_text(inner.find(f"{NS}asEntityWithGeneric/{NS}genericMedicine/{NS}name")),
        dosage_form=(form.get("displayName", "") if form is not None else "").lower(),
        route=(route.get("displayName", "") if route is not None else "").lower(),
        ingredients=ingredients,
        packages=packages,
        application_number=approval.get("extension", "") if approval is not None else "",
        marketing_status=status.get("code", "") if status is not None else "",
        dea_schedule=dea,
    )
    _characteristics(outer, record)
    return record


# The sentence every PLR label's title starts with; the product's name follows it.
_HIGHLIGHTS_NOTICE = re.compile(
    r"^these highlights do not include all the information needed to use .*? safely and "
    r"effectively\.\s*see full prescribing information for .*?\.\s*",
    re.IGNORECASE,
)


def _label_title(title: str) -> str:
    """ "These highlights do not include … LIPITOR. LIPITOR® (atorvastatin calcium) Tablets
    …" → "LIPITOR® (atorvastatin calcium) Tablets …"."""
    return _HIGHLIGHTS_NOTICE.sub("", title).strip() or title


def parse_spl(source: str | Path | IO[bytes], *, name: str = "") -> SplDocument:
    """One SPL document, from a file path or a binary stream (`name` says where it was)."""
    try:
        root = parse_xml(source).getroot()
    except ET.ParseError as error:
        raise SplFormatError(f"not well-formed XML ({error})") from error
    except DefusedXmlException as error:
        raise SplFormatError(f"refused unsafe XML ({error})") from error
    if root is None or root.tag != f"{NS}document":
        raise SplFormatError("not an HL7 SPL document")
    set_id_element = root.find(f"{NS}setId")
    set_id = set_id_element.get("root", "") if set_id_element is not None else ""
    if not set_id:
        raise SplFormatError("no setId")
    version_element = root.find(f"{NS}versionNumber")
    time_element = root.find(f"{NS}effectiveTime")
    code_element = root.find(f"{NS}code")
    doc_code = code_element.get("code", "") if code_element is not None else ""
    labeler = _text(
        root.find(f"{NS}author/{NS}assignedEntity/{NS}representedOrganization/{NS}name")
    )

    products: list[SplProduct] = []
    for section in root.iter(f"{NS}section"):
        section_code = section.find(f"{NS}code")
        if section_code is not None and section_code.get("code") == "48780-1":
            for outer in section.findall(f"{NS}subject/{NS}manufacturedProduct"):
                product = _product(outer)
                if product is not None:
                    products.append(product)
    return SplDocument(
        path=name or str(source),
        set_id=set_id,
        version=version_element.get("value", "") if version_element is not None else "",
        effective_date=_date(time_element.get("value") if time_element is not None else None),
        title=_label_title(_text(root.find(f"{NS}title")))[:500],
        kind=DOCUMENT_KINDS.get(doc_code, Drug.Kind.PRESCRIPTION),
        labeler=labeler,
        products=products,
        sections=label_sections(root),
    )


# --- applying ------------------------------------------------------------------------------


def _apply_document(document: SplDocument, report: ImportRun) -> None:
    """A label's products, names and sections. A label (set id) is replaced by a later
    version or effective time; an older version never overwrites a newer one."""
    older = _is_older_than_stored(document)
    if older:
        report.reject(document.path, older)
        return
    drugs_seen: dict[int, Drug] = {}
    # A label may list one ingredient (in another order) or one package NDC under several
    # products: the first wins, so a second run finds nothing to change.
    ingredients_seen: set[tuple[int, int]] = set()
    ndcs_seen: set[str] = set()
    for product in document.products:
        reference = f"{document.path} product {product.product_ndc or product.name}"
        if not product.ingredients:
            report.reject(reference, "no active ingredient")
            continue
        if not product.packages and not normalize_ndc(product.product_ndc):
            report.reject(reference, "no NDC")
            continue
        moieties = [i.moiety for i in product.ingredients]
        key = services.ingredient_key(moieties)
        # A product stays with its current drug while that drug has its key; else the
        # oldest drug with the key (several may share one since the salt rule was fixed).
        ndcs = [f"ndc:{p.ndc}" for p in product.packages] or [
            f"ndc:{normalize_ndc(product.product_ndc)}"
        ]
        drug = (
            Drug.objects.filter(ingredient_key=key, products__source_key__in=ndcs)
            .order_by("pk")
            .first()
            or Drug.objects.filter(ingredient_key=key).order_by("pk").first()
        )
        if drug is None:
            drug = services.drug_create(
                name=services.display_name(moieties),
                kind=document.kind,
                ingredient_names=moieties,
                link_ingredients=False,  # the product's own ingredients are linked below
            )
            report.add("drug", services.CREATED)
        if product.dea_schedule and drug.dea_schedule != product.dea_schedule:
            report.add("drug", services.drug_update(drug=drug, dea_schedule=product.dea_schedule))
        drugs_seen[drug.pk] = drug

        names = [(product.generic_name.lower(), DrugName.Kind.GENERIC)]
        names += [(i.name.lower(), DrugName.Kind.GENERIC) for i in product.ingredients]
        generic_forms = {normalize_name(n) for n, _k in names} | {
            normalize_name(m) for m in moieties
        }
        brand = services.brand_display(product.name)
        if brand and normalize_name(brand) not in generic_forms:
            names.append((brand, DrugName.Kind.BRAND))
        for name, kind in names:
            if name:
                added = services.drug_name_add(drug=drug, name=name, kind=kind)
                report.add("name", services.CREATED if added else services.UNCHANGED)

        for position, ingredient in enumerate(product.ingredients):
            record, created = services.ingredient_get_or_create(
                name=ingredient.name, unii=ingredient.unii
            )
            if created:
                report.add("ingredient", services.CREATED)
            if (drug.pk, record.pk) in ingredients_seen:
                continue
            ingredients_seen.add((drug.pk, record.pk))
            report.add(
                "active ingredient",
                services.drug_ingredient_set(drug=drug, ingredient=record, position=position),
            )

        strength = ", ".join(i.strength for i in product.ingredients if i.strength)
        packages = product.packages or [
            SplPackage(ndc_printed=product.product_ndc, ndc=normalize_ndc(product.product_ndc))
        ]
        for package in packages:
            if package.ndc in ndcs_seen:
                continue
            ndcs_seen.add(package.ndc)
            if _owned_by_a_newer_label(f"ndc:{package.ndc}", document):
                report.add("product", "kept from a newer label")
                continue
            saved, outcome = services.product_upsert(
                drug=drug,
                source_key=f"ndc:{package.ndc}",
                ndc=package.ndc,
                ndc_printed=package.ndc_printed,
                name=brand or product.generic_name,
                labeler=document.labeler,
                strength=strength,
                dosage_form=product.dosage_form,
                route=product.route,
                marketing_status=product.marketing_status,
                application_number=product.application_number,
                spl_set_id=document.set_id,
            )
            report.add("product", outcome)
            if product.has_appearance:
                spl_product_appearance.send(
                    sender=Drug,
                    product=saved,
                    ndc=package.ndc,
                    imprint=product.imprint,
                    color_codes=list(product.color_codes),
                    shape_code=product.shape_code,
                    size_mm=product.size_mm,
                    score=product.score,
                    source_id=document.set_id,
                )
                report.add("pill appearance", "sent")

    for drug in drugs_seen.values():
        outcome = services.drug_source_upsert(
            drug=drug,
            kind=DrugSource.Kind.SPL,
            reference=document.set_id,
            title=document.title or ", ".join(p.name for p in document.products)[:500],
            version=document.version,
            url=f"https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid={document.set_id}",
            effective_date=document.effective_date,
        )
        report.add("source", outcome)
        source = DrugSource.objects.get(
            drug=drug, kind=DrugSource.Kind.SPL, reference=document.set_id
        )
        report.add(
            "label section",
            label_services.label_sections_replace(
                source=source, sections=[asdict(section) for section in document.sections]
            ),
        )
        # The label is shown as it is, section by section, under "Full prescribing
        # information": its raw text no longer fills the monograph, which is ours.
        report.add("monograph", label_services.drug_label_monograph_clear(drug=drug))
        if not report.dry_run:  # a dry run is rolled back: indexing would be wasted
            services.drug_reindex(drug=drug)


def _owned_by_a_newer_label(source_key: str, document: SplDocument) -> bool:
    """Two labels list one NDC: the later label (then the larger set id) describes it."""
    owner = (
        Product.objects.filter(source_key=source_key).values_list("spl_set_id", flat=True).first()
    )
    if not owner or owner == document.set_id:
        return False
    owner_date = (
        DrugSource.objects.filter(kind=DrugSource.Kind.SPL, reference=owner)
        .values_list("effective_date", flat=True)
        .first()
    )
    return (owner_date or date.min, owner) > (document.effective_date or date.min, document.set_id)


def _is_older_than_stored(document: SplDocument) -> str:
    """Why the document must not be applied: a newer version of its label is stored."""
    stored = (
        DrugSource.objects.filter(kind=DrugSource.Kind.SPL, reference=document.set_id)
        .values_list("version", "effective_date")
        .first()
    )
    if stored is None:
        return ""
    incoming = label_services.version_key(document.version, document.effective_date)
    if label_services.version_key(*stored) > incoming:
        return f"version {document.version} is older than the stored version {stored[0]}"
    return ""


class SplImporter(Importer[SplDocument]):
    """Each label file (in folders, zips, zips of zips) is parsed, then applied in its own
    transaction; a file that cannot be read or saved is reported and skipped."""

    label = "DailyMed SPL labels"
    unit = "labels"

    def __init__(self, paths: Iterable[Path]) -> None:
        self.paths = [Path(p) for p in paths]

    def total(self) -> int | None:
        return count_inputs(*self.paths, suffixes=[".xml"])

    def read(self) -> Iterator[SplDocument | Rejected]:
        for member in open_inputs(*self.paths, suffixes=[".xml"]):
            try:
                yield parse_spl(member.stream, name=member.name)
            except (SplFormatError, OSError) as error:
                yield Rejected(member.name, str(error))

    def save(self, records: list[SplDocument], run: ImportRun) -> None:
        for document in records:
            try:
                with transaction.atomic():
                    _apply_document(document, run)
            except ValidationError as error:
                run.reject(document.path, "; ".join(error.messages)[:300])


def import_spl(paths: Iterable[Path], *, dry_run: bool = False) -> ImportRun:
    """Import every SPL file; a file that cannot be read is reported and skipped."""
    return run_import(SplImporter(paths), dry_run=dry_run)
