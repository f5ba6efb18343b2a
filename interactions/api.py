"""The interaction check as JSON (`/api/interactions/?drugs=a,b`): everything the checker page
says, so the JSON never says less than the page: each pair with severity, effect, advice and
every source with its link, grouped by severity worst first; what could not be checked
(coverage), the same ingredient twice, alcohol and food notes, and the page's own sentences
for "no interactions found" and coverage, as plain text."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from drugs.models import Drug
from healthsite.text import plain_text

from . import selectors
from .selectors import CheckResult, PairResult

Absolute = Callable[[str], str]


def _text(template: str, result: CheckResult) -> str:
    """A partial of the page as the plain sentences a reader sees."""
    return html.unescape(plain_text(render_to_string(template, {"result": result})))


def _drug(drug: Drug, absolute: Absolute) -> dict[str, str]:
    return {"slug": drug.slug, "name": drug.name, "url": absolute(drug.get_absolute_url())}


def _pair(pair: PairResult, absolute: Absolute) -> dict[str, Any]:
    return {
        "drugs": [_drug(pair.drug_a, absolute), _drug(pair.drug_b, absolute)],
        "severity": pair.severity.name.lower(),
        "severity_label": str(pair.severity.label),
        "effect": pair.effect,
        "advice": pair.advice,
        "sources": [
            {
                "name": str(source.name),
                "citation": source.citation,
                "url": source.url or None,
                "severity": source.severity.name.lower(),
            }
            for source in pair.sources
        ],
        "findings": [
            {
                "ingredients": [finding.ingredient_a, finding.ingredient_b],
                "severity": finding.severity.name.lower(),
                "effect": finding.effect,
                "advice": finding.advice,
                "source": str(finding.source),
                "listed_as": finding.classes,
                "citation": finding.citation,
                "url": finding.citation_url or None,
            }
            for finding in pair.findings
        ],
    }


def check_data(
    *, drugs: list[Drug], unknown: list[str], result: CheckResult | None, absolute: Absolute
) -> dict[str, Any]:
    """The JSON body for a check of `drugs` (None `result`: too few or too many to check)."""
    data: dict[str, Any] = {
        "drugs": [_drug(drug, absolute) for drug in drugs],
        "unknown": unknown,
        "checked": result is not None,
        "disclaimer": _(
            "This checker gives general information. It does not replace advice from your "
            "doctor or pharmacist."
        ),
    }
    if result is None:
        if len(drugs) > selectors.MAX_DRUGS:
            data["message"] = _("You can check up to %(max)d medicines at once.") % {
                "max": selectors.MAX_DRUGS
            }
        else:
            data["message"] = _("Add at least %(min)d medicines to check them.") % {
                "min": selectors.MIN_DRUGS
            }
        return data
    if result.groups:
        # Two sentences, each with its own plural ("1 pair", "3 pairs").
        summary = (
            ngettext(
                "We found %(count)d interaction.",
                "We found %(count)d interactions.",
                result.interaction_count,
            )
            % {"count": result.interaction_count}
            + " "
            + ngettext(
                "We checked %(pairs)d pair of medicines.",
                "We checked %(pairs)d pairs of medicines.",
                result.pairs_checked,
            )
            % {"pairs": result.pairs_checked}
        )
    else:
        summary = (
            _text("interactions/_no_pairs.html", result)
            + " "
            + _(
                "This is not proof that they are safe together: our lists do not cover every "
                "medicine or every interaction."
            )
        )
    data.update(
        {
            "pairs_checked": result.pairs_checked,
            "interaction_count": result.interaction_count,
            "worst": result.worst.name.lower() if result.worst else None,
            "summary": summary,
            "groups": [
                {
                    "severity": group.key,
                    "label": str(group.severity.label),
                    "pairs": [_pair(pair, absolute) for pair in group.pairs],
                }
                for group in result.groups
            ],
            "coverage": {
                "covered": [drug.slug for drug in result.covered],
                "not_covered": [drug.slug for drug in result.not_covered],
                "no_ingredients": [drug.slug for drug in result.no_ingredients],
                "is_partial": result.is_partial,
                "notice": _text("interactions/_coverage.html", result),
            },
            "duplicates": [
                {"drugs": [first.slug, second.slug], "ingredient": ingredient}
                for first, second, ingredient in result.duplicates
            ],
            "alcohol": [{"drug": drug.slug, "text": text} for drug, text in result.alcohol],
            "food": [{"drug": drug.slug, "text": text} for drug, text in result.food],
        }
    )
    return data
