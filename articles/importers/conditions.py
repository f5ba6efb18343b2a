"""Our consumer conditions (`articles/conditions/*.toml`, format in its README.md).

Each `[[conditions]]` entry is validated here; a bad entry is rejected with its file, slug
and reason while the others load. Related slugs and ICD-10-CM codes that do not exist are
notes, not rejections: the entry is still useful, and an editor fixes the file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

from articles.condition_services import (
    ConsumerConditionInput,
    conditions_reindex,
    consumer_condition_upsert,
    consumer_conditions_set_related,
    icd_links_sync,
)
from articles.models import Condition, ConditionTerm
from articles.services import ICD10_CODE
from healthsite.importing import Importer, ImportRun, Rejected

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "conditions"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REQUIRED = ("slug", "name", "summary", "area")
LISTS = ("also_known_as", "icd10", "related")
KNOWN = {*REQUIRED, *LISTS}


def _problem(entry: object) -> str | None:
    if not isinstance(entry, dict):
        return "an entry is not a table"
    unknown = sorted(set(entry) - KNOWN)
    if unknown:
        return f"unknown field(s): {', '.join(unknown)}"
    for key in REQUIRED:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            return f"{key} is missing or empty"
    for key in LISTS:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return f"{key} must be a list of non-empty strings"
    if not SLUG.match(entry["slug"]) or len(entry["slug"]) > 255:
        return f"slug {entry['slug']!r} is not lower-case kebab-case"
    if len(entry["name"]) > 255:
        return "name longer than 255 characters"
    bad = [code for code in entry.get("icd10", []) if not ICD10_CODE.match(code)]
    if bad:
        return f"not ICD-10-CM code(s): {', '.join(bad)}"
    return None


def read_conditions(folder: Path) -> Iterator[ConsumerConditionInput | Rejected]:
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            with path.open("rb") as stream:
                data = tomllib.load(stream)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            yield Rejected(reference=path.name, reason=f"not valid TOML: {error}")
            continue
        entries = data.get("conditions", [])
        if not isinstance(entries, list):
            yield Rejected(reference=path.name, reason="`conditions` is not an array of tables")
            continue
        for number, entry in enumerate(entries, start=1):
            slug = entry.get("slug") if isinstance(entry, dict) else None
            reference = f"{path.name}: {slug or f'entry {number}'}"
            problem = _problem(entry)
            if problem is None and slug in seen:
                problem = f"slug already used in {seen[slug]}"
            if problem or not isinstance(slug, str):
                yield Rejected(reference=reference, reason=problem or "no slug")
                continue
            seen[slug] = path.name
            yield ConsumerConditionInput(
                slug=slug,
                name=" ".join(entry["name"].split()),
                summary=" ".join(entry["summary"].split()),
                area=entry["area"].strip(),
                also_known_as=tuple(" ".join(s.split()) for s in entry.get("also_known_as", [])),
                icd10=tuple(code.strip() for code in entry.get("icd10", [])),
                related=tuple(entry.get("related", [])),
            )


class ConsumerConditionsImporter(Importer[ConsumerConditionInput]):
    label = "Consumer conditions"
    unit = "conditions"
    batch_size = 100_000  # one batch: related slugs and ICD links need every entry

    def __init__(self, folder: str | Path | None = None) -> None:
        self.folder = Path(folder) if folder else DEFAULT_FOLDER
        self.entries: list[tuple[Condition, ConsumerConditionInput]] = []

    def read(self) -> Iterator[ConsumerConditionInput | Rejected]:
        return read_conditions(self.folder)

    def save(self, records: list[ConsumerConditionInput], run: ImportRun) -> None:
        for entry in records:
            try:
                # Terms and search documents are rebuilt once, in finish().
                condition, outcome = consumer_condition_upsert(entry=entry, reindex=False)
            except ValueError as error:
                run.reject(entry.slug, str(error))
                continue
            run.add("condition", outcome)
            self.entries.append((condition, entry))

    def finish(self, run: ImportRun) -> None:
        unknown = consumer_conditions_set_related(
            related=[(condition, entry.related) for condition, entry in self.entries]
        )
        for slug, missing in unknown:
            run.note(f"{slug}: related condition {missing!r} does not exist")
        links = icd_links_sync()
        for slug, code in links.missing_codes:
            run.note(f"{slug}: ICD-10-CM code {code} is not in the database")
        for code, kept, other in links.shared_codes:
            run.note(f"{code} is listed by {kept} and {other}: it stays with {kept}")
        if links.linked:
            run.add("ICD-10-CM link", "updated", links.linked)
        run.note(f"{links.covered} ICD-10-CM entries are covered by a consumer condition")
        if run.changed or not ConditionTerm.objects.exists():
            conditions_reindex()
