"""Our editorial interaction rules (`interactions/rules/*.toml`) into Interaction rows.

`read()` loads and validates the rule files (`interactions.rules.load_rules`): each rule is
a record, each problem a rejected item named "file: rule id" with its reason. `finish`
expands the valid rules to ingredient pairs against the database (salt forms, FDA class
members, exclusions; one rule per pair by the merge rule in `rules.expand_rules`) and hands
the whole set to `services.editorial_interactions_replace`, which also deletes the rules'
rows no longer produced. A second run over the same files changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from healthsite.importing import CREATED, UNCHANGED, UPDATED, Importer, ImportRun, Rejected
from interactions import services
from interactions.matching import IngredientIndex
from interactions.models import Severity
from interactions.rules import RULES_DIR, Rule, RuleSet, expand_rules, load_rules

SHOW_UNMATCHED = 40


class EditorialRulesImporter(Importer[Rule]):
    label = "Interaction rules (editorial)"
    unit = "rules"
    batch_size = 500

    def __init__(self, folder: Path | None = None, *, list_gaps: bool = True) -> None:
        self.folder = Path(folder) if folder is not None else RULES_DIR
        self.list_gaps = list_gaps  # the names matching nothing (not worth it in the demo)
        self.rule_set = RuleSet()

    def read(self) -> Iterator[Rule | Rejected]:
        self.rule_set = load_rules(self.folder)
        for problem in self.rule_set.problems:
            yield Rejected(f"{problem.file}: {problem.item}", problem.reason)
        yield from self.rule_set.rules

    def save(self, records: list[Rule], run: ImportRun) -> None:
        """Nothing per batch: pairs depend on every rule (the merge rule), see finish."""

    def finish(self, run: ImportRun) -> None:
        rule_set = self.rule_set
        expansion = expand_rules(rule_set, index=IngredientIndex())
        counts = services.editorial_interactions_replace(
            interactions=[
                services.EditorialInteraction(
                    ingredient_a_id=pair.ingredient_a,
                    ingredient_b_id=pair.ingredient_b,
                    severity=Severity.from_name(pair.rule.severity),
                    effect=pair.rule.effect,
                    advice=pair.rule.advice,
                    rule_id=pair.rule.id,
                    citation=pair.rule.source,
                    citation_url=pair.rule.url,
                    class_a=pair.label_a,
                    class_b=pair.label_b,
                )
                for pair in expansion.pairs.values()
            ]
        )
        for outcome in (CREATED, UPDATED, UNCHANGED, services.DELETED):
            run.add("interaction", outcome, counts[outcome])
        skipped = rule_set.rules_skipped
        run.note(
            f"Rules: {rule_set.rules_read} read in {len(rule_set.files)} file(s) from "
            f"{self.folder}, {len(rule_set.rules)} loaded, {skipped} skipped"
            + (" (reasons above)" if rule_set.problems else "")
            + f"; {len(rule_set.groups)} groups."
        )
        used = len({pair.rule.id for pair in expansion.pairs.values()})
        run.note(
            f"Pairs: {len(expansion.pairs)} ingredient pairs from {used} rule(s) "
            f"(one rule per pair: the most severe, then the first id)."
        )
        if not self.list_gaps:
            return
        if expansion.unmatched_sides:
            run.note(_listed("Rule sides matching no ingredient", expansion.unmatched_sides))
        if expansion.unmatched_names:
            run.note(_listed("Names and classes matching nothing", expansion.unmatched_names))


def _listed(what: str, items: list[str]) -> str:
    """ "<what> in our database: N: a, b, c and M more" (so editors see the gaps)."""
    more = len(items) - SHOW_UNMATCHED
    listed = ", ".join(items[:SHOW_UNMATCHED]) + (f" and {more} more" if more > 0 else "")
    return f"{what} in our database: {len(items)}: {listed}"
