"""Supplement monographs written by our editors, one TOML file each (drugs/supplements/).

The format is described in drugs/supplements/README.md. Each file is checked whole; a file
with any problem is rejected with every reason and skipped, the others still load. A file
gives a supplement page (kind vitamin, supplement or herbal) its monograph, its other names
(searchable), its ingredients (what the interaction checker matches) and its public
sources. Run twice, the second run changes nothing.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from drugs import services
from drugs.models import KIND_GROUPS, Drug, DrugName, DrugSource
from drugs.services import supplements as supplement_services
from drugs.text import normalize_name
from healthsite.importing import CREATED, UNCHANGED, Importer, ImportRun, Rejected, run_import

SUPPLEMENTS_DIR = Path(__file__).resolve().parent.parent / "supplements"

SUPPLEMENT_KINDS = tuple(str(kind) for kind in KIND_GROUPS["supplements"])
# Every supplement page answers these; the other monograph fields are optional.
REQUIRED_FIELDS = (
    "summary",
    "uses",
    "how_to_take",
    "side_effects_common",
    "side_effects_serious",
    "precautions_pregnancy",
    "precautions_other",
    "interactions",
)
OPTIONAL_FIELDS = tuple(f for f in Drug.MONOGRAPH_FIELDS if f not in REQUIRED_FIELDS)
KNOWN_KEYS = {"name", "kind", "other_names", "ingredients", "sources", *Drug.MONOGRAPH_FIELDS}
MAX_NAME = 255
MAX_REFERENCE = 100  # DrugSource.reference holds the URL


@dataclass(frozen=True)
class SupplementFile:
    stem: str  # the file name without .toml: the page's slug
    name: str
    kind: str
    other_names: list[str]
    ingredients: list[str]
    monograph: dict[str, str]
    sources: list[tuple[str, str]] = field(default_factory=list)  # (title, url)

    @property
    def searchable_names(self) -> set[str]:
        return {normalize_name(n) for n in [self.name, *self.other_names]} - {""}


def _text(data: dict, key: str, problems: list[str], *, required: bool) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        problems.append(f"{key} must be text")
        return ""
    if required and not value.strip():
        problems.append(f"{key} is missing or empty")
    return value.strip()


def _names(data: dict, key: str, problems: list[str], *, required: bool) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f"{key} must be a list of names")
        return []
    if required and not value:
        problems.append(f"{key} is missing or empty")
    too_long = [v for v in value if len(v) > MAX_NAME]
    if too_long:
        problems.append(f"{key}: longer than {MAX_NAME} characters: {too_long[0][:40]}...")
    return [v.strip() for v in value]


def _sources(data: dict, problems: list[str]) -> list[tuple[str, str]]:
    value = data.get("sources", [])
    if not isinstance(value, list) or not value:
        problems.append("sources: at least one source is needed")
        return []
    sources = []
    for number, source in enumerate(value, start=1):
        if not isinstance(source, dict) or set(source) != {"title", "url"}:
            problems.append(f"source {number} must have exactly a title and a url")
            continue
        title, url = source["title"], source["url"]
        if not isinstance(title, str) or not title.strip():
            problems.append(f"source {number} has no title")
        elif not isinstance(url, str) or not url.startswith("https://"):
            problems.append(f"source {number}: the url must start with https://")
        elif len(url) > MAX_REFERENCE:
            problems.append(f"source {number}: the url is longer than {MAX_REFERENCE}")
        else:
            sources.append((title.strip(), url))
    return sources


def parse_supplement(path: Path) -> SupplementFile | Rejected:
    """One file, checked whole: a SupplementFile, or Rejected with every problem found."""
    reference = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Rejected(reference=reference, reason=f"cannot be read: {error}")
    problems: list[str] = []
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        problems.append(f"unknown keys: {', '.join(unknown)}")
    name = _text(data, "name", problems, required=True)
    if len(name) > MAX_NAME:
        problems.append(f"name is longer than {MAX_NAME} characters")
    kind = data.get("kind", "")
    if kind not in SUPPLEMENT_KINDS:
        problems.append(f"kind must be one of {', '.join(SUPPLEMENT_KINDS)}")
    other_names = _names(data, "other_names", problems, required=False)
    ingredients = _names(data, "ingredients", problems, required=True)
    if any(i != i.lower() for i in ingredients):
        problems.append("ingredients are written in lower case")
    monograph = {f: _text(data, f, problems, required=True) for f in REQUIRED_FIELDS}
    monograph.update({f: _text(data, f, problems, required=False) for f in OPTIONAL_FIELDS})
    if "\n" in monograph["summary"] or any(m in monograph["summary"] for m in ("**", "](", "`")):
        problems.append("summary is one paragraph of plain text (no Markdown)")
    sources = _sources(data, problems)
    if problems:
        return Rejected(reference=reference, reason="; ".join(problems))
    return SupplementFile(
        stem=path.stem,
        name=name,
        kind=kind,
        other_names=other_names,
        ingredients=ingredients,
        monograph=monograph,
        sources=sources,
    )


def supplement_files(path: Path) -> list[Path]:
    path = Path(path)
    return [path] if path.is_file() else sorted(path.glob("*.toml"))


def read_supplements(path: Path) -> Iterator[SupplementFile | Rejected]:
    """Every file under `path` (a folder or one file); a file whose name or other names
    another file already uses is rejected (a name must lead to one page)."""
    owner: dict[str, str] = {}
    for file in supplement_files(path):
        item = parse_supplement(file)
        if isinstance(item, SupplementFile):
            taken = sorted(n for n in item.searchable_names if owner.get(n, file.name) != file.name)
            if taken:
                clashes = ", ".join(f"{n!r} ({owner[n]})" for n in taken)
                item = Rejected(
                    reference=file.name, reason=f"names used by another file: {clashes}"
                )
            else:
                owner.update(dict.fromkeys(item.searchable_names, file.name))
        yield item


class SupplementsImporter(Importer[SupplementFile]):
    label = "Supplement monographs"
    unit = "files"
    batch_size = 1  # one transaction per file

    def __init__(self, path: Path = SUPPLEMENTS_DIR) -> None:
        self.path = Path(path)

    def total(self) -> int:
        return len(supplement_files(self.path))

    def read(self) -> Iterator[SupplementFile | Rejected]:
        yield from read_supplements(self.path)

    def save(self, records: list[SupplementFile], run: ImportRun) -> None:
        for record in records:
            self.apply(record, run)

    def apply(self, record: SupplementFile, run: ImportRun) -> None:
        drug, outcome, kept = supplement_services.supplement_save(
            stem=record.stem, name=record.name, kind=record.kind, monograph=record.monograph
        )
        run.add("supplement", outcome)
        if kept:
            run.note(
                f"{record.stem}: kept the monograph an editor changed in the admin "
                "(set its monograph origin to none to load the file's text again)"
            )
        changed = outcome != UNCHANGED
        for other in record.other_names:
            if services.drug_name_add(drug=drug, name=other, kind=DrugName.Kind.OTHER):
                run.add("name", CREATED)
                changed = True
        keep_ingredients = []
        for position, ingredient_name in enumerate(record.ingredients):
            ingredient, new = services.ingredient_get_or_create(name=ingredient_name)
            run.add("ingredient", CREATED if new else UNCHANGED)
            keep_ingredients.append(ingredient.pk)
            link = services.drug_ingredient_set(drug=drug, ingredient=ingredient, position=position)
            if link != UNCHANGED:
                run.add("ingredient link", link)
        removed = supplement_services.drug_ingredients_prune(drug=drug, keep=keep_ingredients)
        run.add("ingredient link", "deleted", removed)
        for title, url in record.sources:
            source = services.drug_source_upsert(
                drug=drug, kind=DrugSource.Kind.REFERENCE, reference=url, title=title, url=url
            )
            if source != UNCHANGED:
                run.add("source", source)
        removed_sources = supplement_services.drug_sources_prune(
            drug=drug, kind=DrugSource.Kind.REFERENCE, keep=[url for _t, url in record.sources]
        )
        run.add("source", "deleted", removed_sources)
        if changed or removed or removed_sources:
            services.drug_reindex(drug=drug)


def import_supplements(path: Path = SUPPLEMENTS_DIR, *, dry_run: bool = False) -> ImportRun:
    return run_import(SupplementsImporter(path), dry_run=dry_run)
