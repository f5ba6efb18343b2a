"""Our editorial interaction rules: the TOML files in `interactions/rules/`, read and checked.

The format is described for editors in `interactions/rules/README.md`. A file defines
groups (a reader-facing label, FDA classes and/or base ingredient names, exclusions) and
rules (two sides, each a base ingredient name or "group:<name>", with severity, effect,
advice and the public source that states the fact). Group names and rule ids are global.

`load_rules(folder)` reads and validates every file without touching the database: each
problem is reported with its file, item and reason, and a bad rule (or a rule using a bad
group) is left out while the rest load. `expand_rules(rules, index=...)` turns the rules
into ingredient pairs (see its docstring for the merge rule); the importer in
`importers/editorial.py` stores them.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from drugs.selectors import ingredient_ids_by_class

from .matching import IngredientIndex, name_keys
from .models import Interaction, Severity

RULES_DIR = Path(settings.BASE_DIR) / "interactions" / "rules"
GROUP_PREFIX = "group:"
SEVERITIES = ("contraindicated", "major", "moderate", "minor")
GROUP_KEYS = {"label", "classes", "ingredients", "exclude"}
RULE_KEYS = {"id", "a", "b", "severity", "effect", "advice", "source", "url"}
RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Stored lengths (Interaction.class_*, citation, citation_url, source_reference).
MAX_LABEL = Interaction._meta.get_field("class_a").max_length or 200
MAX_SOURCE = Interaction._meta.get_field("citation").max_length or 300
MAX_URL = Interaction._meta.get_field("citation_url").max_length or 500
MAX_ID = Interaction._meta.get_field("source_reference").max_length or 300


@dataclass(frozen=True)
class Problem:
    """Something wrong in a rule file: where, which group or rule, and why."""

    file: str
    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item}: {self.reason}"


@dataclass(frozen=True)
class Group:
    name: str
    label: str
    file: str
    classes: tuple[str, ...] = ()
    ingredients: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    a: str
    b: str
    severity: str
    effect: str
    advice: str
    source: str
    url: str
    file: str

    @property
    def sides(self) -> tuple[str, str]:
        return (self.a, self.b)


@dataclass
class RuleSet:
    """What the files hold: valid groups and rules, and every problem found."""

    files: list[str] = field(default_factory=list)
    groups: dict[str, Group] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rules_read: int = 0

    @property
    def rules_skipped(self) -> int:
        return self.rules_read - len(self.rules)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _names(value: object) -> list[str] | None:
    """A list of non-empty strings, stripped; None when it is anything else."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return None
    return [v.strip() for v in value]


def _unknown_keys(table: dict, allowed: set[str]) -> list[str]:
    return [f"unknown key {key!r}" for key in sorted(set(table) - allowed)]


def _group_problems(table: object, *, name: str, file: str) -> tuple[Group | None, list[str]]:
    """The group a table defines, or None and the reasons it cannot be used."""
    if not isinstance(table, dict):
        return None, ["a group must be a table ([groups.<name>])"]
    reasons = _unknown_keys(table, GROUP_KEYS)
    label = _text(table.get("label"))
    if not label:
        reasons.append("label is missing or empty")
    elif len(label) > MAX_LABEL:
        reasons.append(f"label is longer than {MAX_LABEL} characters")
    lists: dict[str, list[str]] = {}
    for key in ("classes", "ingredients", "exclude"):
        names = _names(table.get(key, []))
        if names is None:
            reasons.append(f"{key} must be a list of names")
        lists[key] = names or []
    if not lists["classes"] and not lists["ingredients"] and not reasons:
        reasons.append("a group needs classes or ingredients")
    if reasons:
        return None, reasons
    group = Group(
        name=name,
        label=label,
        file=file,
        classes=tuple(lists["classes"]),
        ingredients=tuple(n.lower() for n in lists["ingredients"]),
        exclude=tuple(n.lower() for n in lists["exclude"]),
    )
    return group, []


def _rule_problems(table: dict) -> list[str]:
    """What is wrong with a rule by itself (group names are checked once all files are read)."""
    reasons = _unknown_keys(table, RULE_KEYS)
    for side in ("a", "b"):
        value = _text(table.get(side))
        if not value:
            reasons.append(f"{side} is missing or empty")
        elif value.startswith(GROUP_PREFIX) and not value[len(GROUP_PREFIX) :].strip():
            reasons.append(f"{side} names no group")
    severity = table.get("severity")
    if severity not in SEVERITIES:
        reasons.append(f"severity {severity!r} is not one of {', '.join(SEVERITIES)}")
    for key in ("effect", "advice", "source"):
        if not _text(table.get(key)):
            reasons.append(f"{key} is missing or empty")
    if len(_text(table.get("source"))) > MAX_SOURCE:
        reasons.append(f"source is longer than {MAX_SOURCE} characters")
    url = _text(table.get("url"))
    if not url.startswith("https://"):
        reasons.append("url must start with https://")
    else:
        try:
            URLValidator(schemes=["https"])(url)
        except ValidationError:
            reasons.append("url is not a valid web address")
        if len(url) > MAX_URL:
            reasons.append(f"url is longer than {MAX_URL} characters")
    a, b = _text(table.get("a")), _text(table.get("b"))
    single = a and b and not a.startswith(GROUP_PREFIX) and not b.startswith(GROUP_PREFIX)
    if single and name_keys(a) and name_keys(a)[-1:] == name_keys(b)[-1:]:
        reasons.append("a and b are the same ingredient")
    return reasons


def _read_file(path: Path, rule_set: RuleSet, groups: dict, rules: dict) -> None:
    """Collect one file's group and rule tables (checked for themselves) by name and id."""
    name = path.name
    try:
        with path.open("rb") as stream:
            data = tomllib.load(stream)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        rule_set.problems.append(Problem(name, "(file)", f"not valid TOML: {error}"))
        return
    for key in sorted(set(data) - {"groups", "rules"}):
        rule_set.problems.append(Problem(name, "(file)", f"unknown top-level key {key!r}"))
    group_tables = data.get("groups", {})
    if not isinstance(group_tables, dict):
        rule_set.problems.append(Problem(name, "(file)", "groups must be tables"))
        group_tables = {}
    for group_name, table in group_tables.items():
        groups[group_name].append((name, table))
    rule_tables = data.get("rules", [])
    if not isinstance(rule_tables, list):
        rule_set.problems.append(Problem(name, "(file)", "rules must be [[rules]] tables"))
        rule_tables = []
    for position, table in enumerate(rule_tables, start=1):
        rule_set.rules_read += 1
        if not isinstance(table, dict):
            rule_set.problems.append(Problem(name, f"rule {position}", "not a table"))
            continue
        rule_id = _text(table.get("id"))
        if not rule_id:
            rule_set.problems.append(Problem(name, f"rule {position}", "id is missing or empty"))
            continue
        rules[rule_id].append((name, table))


def load_rules(folder: Path | None = None) -> RuleSet:
    """Read and validate every `*.toml` in `folder` (default: the repository's rules)."""
    folder = Path(folder) if folder is not None else RULES_DIR
    rule_set = RuleSet()
    groups: dict[str, list[tuple[str, object]]] = defaultdict(list)
    tables: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for path in sorted(folder.glob("*.toml")):
        rule_set.files.append(path.name)
        _read_file(path, rule_set, groups, tables)
    bad_groups: set[str] = set()
    for group_name, definitions in sorted(groups.items()):
        files = ", ".join(file for file, _table in definitions)
        for file, group_table in definitions:
            item = f"{GROUP_PREFIX}{group_name}"
            if len(definitions) > 1:
                rule_set.problems.append(Problem(file, item, f"defined more than once ({files})"))
                bad_groups.add(group_name)
                continue
            group, reasons = _group_problems(group_table, name=group_name, file=file)
            rule_set.problems.extend(Problem(file, item, reason) for reason in reasons)
            if group is None:
                bad_groups.add(group_name)
            else:
                rule_set.groups[group_name] = group
    for rule_id, rule_definitions in sorted(tables.items()):
        files = ", ".join(file for file, _table in rule_definitions)
        for file, table in rule_definitions:
            reasons = []
            if len(rule_definitions) > 1:
                reasons.append(f"id is used more than once ({files})")
            if not RULE_ID.match(rule_id) or len(rule_id) > MAX_ID:
                reasons.append("id must be kebab-case (lower-case letters, digits and hyphens)")
            reasons += _rule_problems(table)
            for side in ("a", "b"):
                value = _text(table.get(side))
                group_name = value[len(GROUP_PREFIX) :].strip()
                if not value.startswith(GROUP_PREFIX) or not group_name:
                    continue
                if group_name in bad_groups:
                    reasons.append(f"{side} uses group {group_name!r}, which has errors")
                elif group_name not in rule_set.groups:
                    reasons.append(f"{side} uses group {group_name!r}, which no file defines")
            if reasons:
                rule_set.problems.extend(Problem(file, rule_id, reason) for reason in reasons)
                continue
            rule_set.rules.append(
                Rule(
                    id=rule_id,
                    a=_side(table["a"]),
                    b=_side(table["b"]),
                    severity=table["severity"],
                    effect=_text(table["effect"]),
                    advice=_text(table["advice"]),
                    source=_text(table["source"]),
                    url=_text(table["url"]),
                    file=file,
                )
            )
    return rule_set


def _side(value: str) -> str:
    value = value.strip()
    if value.startswith(GROUP_PREFIX):
        return GROUP_PREFIX + value[len(GROUP_PREFIX) :].strip()
    return value.lower()


@dataclass(frozen=True)
class RulePair:
    """What one rule says about one pair of ingredients (`ingredient_a` < `ingredient_b`);
    `label_a`/`label_b` are the labels of the groups each ingredient came from."""

    ingredient_a: int
    ingredient_b: int
    rule: Rule
    label_a: str = ""
    label_b: str = ""

    def precedence(self) -> tuple[int, str, str, str]:
        """Lower wins: the most severe, then the alphabetically first rule id (and labels,
        so a pair reached both ways by one rule is stored the same way every run)."""
        return (-Severity.from_name(self.rule.severity), self.rule.id, self.label_a, self.label_b)


@dataclass
class Expansion:
    pairs: dict[tuple[int, int], RulePair] = field(default_factory=dict)
    # Rule sides (and group members) that reach no ingredient in our database.
    unmatched_sides: list[str] = field(default_factory=list)
    unmatched_names: list[str] = field(default_factory=list)


class _Members:
    """Ingredient ids of each rule side, from the index and the class table (one query)."""

    def __init__(self, rule_set: RuleSet, index: IngredientIndex) -> None:
        self.index = index
        self.groups = rule_set.groups
        wanted = {name for group in rule_set.groups.values() for name in group.classes}
        self.by_class = ingredient_ids_by_class(sorted(wanted)) if wanted else {}
        # Each ingredient's base key (its shortest name key: the name without salt words),
        # so a class member reaches its other salt forms too.
        self.base_of: dict[int, str] = {}
        for key, ids in index.base.items():
            for pk in ids:
                if pk not in self.base_of or len(key) < len(self.base_of[pk]):
                    self.base_of[pk] = key
        self.unmatched: set[str] = set()
        self.cache: dict[str, set[int]] = {}

    def forms(self, name: str) -> set[int]:
        found = self.index.forms_of(name)
        if not found:
            self.unmatched.add(name)
        return found

    def of(self, side: str) -> set[int]:
        if side not in self.cache:
            self.cache[side] = self._expand(side)
        return self.cache[side]

    def _expand(self, side: str) -> set[int]:
        if not side.startswith(GROUP_PREFIX):
            return self.forms(side)
        group = self.groups[side[len(GROUP_PREFIX) :]]
        members: set[int] = set()
        for name in group.ingredients:
            members |= self.forms(name)
        for class_name in group.classes:
            in_class = self.by_class.get(class_name, set())
            if not in_class:
                self.unmatched.add(class_name)
            for pk in in_class:
                members.add(pk)
                if pk in self.base_of:
                    members |= self.index.forms_of(self.base_of[pk])
        for name in group.exclude:
            members -= self.index.forms_of(name)
        return members

    def same_substance(self, first: int, second: int) -> bool:
        """One ingredient, or two salt forms of one substance: not an interaction."""
        base = self.base_of.get(first)
        return first == second or (base is not None and base == self.base_of.get(second))

    def label(self, side: str) -> str:
        if side.startswith(GROUP_PREFIX):
            return self.groups[side[len(GROUP_PREFIX) :]].label
        return ""


def expand_rules(rule_set: RuleSet, *, index: IngredientIndex) -> Expansion:
    """Every unordered ingredient pair the rules name, one rule per pair.

    A side is a base ingredient (all its salt forms: `IngredientIndex.forms_of`) or a group
    (its ingredients' forms, its FDA classes' members and their forms, minus its exclusions'
    forms). Rule a with b gives every pair of one ingredient from each side, except an
    ingredient with itself or with another salt form of itself. When several rules give one
    pair, the most severe wins and, at equal severity, the alphabetically first rule id: the
    result does not depend on file or rule order, so a second import finds every row as it
    would write it.
    """
    members = _Members(rule_set, index)
    expansion = Expansion()
    for rule in rule_set.rules:
        sides = [members.of(side) for side in rule.sides]
        for name, ids in zip(("a", "b"), sides, strict=True):
            if not ids:
                expansion.unmatched_sides.append(f"{rule.id} ({name} = {getattr(rule, name)})")
        labels = [members.label(side) for side in rule.sides]
        for first in sides[0]:
            for second in sides[1]:
                if members.same_substance(first, second):
                    continue
                if first < second:
                    candidate = RulePair(first, second, rule, labels[0], labels[1])
                else:
                    candidate = RulePair(second, first, rule, labels[1], labels[0])
                key = (candidate.ingredient_a, candidate.ingredient_b)
                current = expansion.pairs.get(key)
                if current is None or candidate.precedence() < current.precedence():
                    expansion.pairs[key] = candidate
    expansion.unmatched_names = sorted(members.unmatched)
    return expansion
