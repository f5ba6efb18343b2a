"""Demo interactions: our editorial rules (`interactions/rules/`, as `import_interaction_rules`
loads them) applied to the demo drugs, then a few demo pairs written by us in plain language
for pairs no rule names. Idempotent: interactions are keyed by ingredient pair and source.
Pairs whose ingredients the drugs demo did not create are skipped."""

from __future__ import annotations

from typing import TextIO

from django.db.models import Q

from drugs.models import Ingredient
from healthsite.importing import run_import

from . import services
from .importers.editorial import EditorialRulesImporter
from .matching import IngredientIndex
from .models import Interaction, Severity

DEMO_INTERACTIONS = [
    (
        "ibuprofen",
        "diclofenac",
        Severity.MAJOR,
        "Both are anti-inflammatory painkillers (NSAIDs). Taking two at once adds up the risk "
        "of stomach bleeding and kidney problems without easing pain any better.",
        "Take only one of them. Ask your pharmacist which to keep and how far apart to leave "
        "the last dose of one and the first of the other.",
    ),
    (
        "lisinopril",
        "losartan",
        Severity.MAJOR,
        "Both lower blood pressure in similar ways. Together they can raise potassium in the "
        "blood and harm the kidneys.",
        "Check with your doctor: most people should not take both. Do not stop either on your own.",
    ),
    (
        "sertraline",
        "escitalopram",
        Severity.MAJOR,
        "Two antidepressants of the same kind can raise serotonin too far, causing shaking, "
        "sweating, confusion or a fast heartbeat.",
        "Only take both if your doctor planned it, for example while switching from one to the "
        "other. Get help at once if you feel agitated or feverish.",
    ),
    (
        "ibuprofen",
        "aspirin",
        Severity.MODERATE,
        "Ibuprofen can stop low-dose aspirin from protecting your heart, and together they "
        "make stomach bleeding more likely.",
        "If you take aspirin for your heart, ask your pharmacist before using ibuprofen. "
        "Paracetamol may suit you better.",
    ),
    (
        "ibuprofen",
        "lisinopril",
        Severity.MODERATE,
        "Ibuprofen can make blood pressure medicine work less well and, in some people, strain "
        "the kidneys.",
        "An occasional dose is usually fine. If you need a painkiller for more than a few days, "
        "ask your pharmacist.",
    ),
    (
        "naproxen",
        "lisinopril",
        Severity.MODERATE,
        "Naproxen can make blood pressure medicine work less well and strain the kidneys.",
        "Ask your pharmacist before taking naproxen for more than a few days.",
    ),
    (
        "sertraline",
        "ibuprofen",
        Severity.MODERATE,
        "Both can make bleeding more likely, especially from the stomach.",
        "Use the lowest dose for the shortest time, and tell your doctor about black stools or "
        "unusual bruising.",
    ),
    (
        "simvastatin",
        "amlodipine",
        Severity.MODERATE,
        "Amlodipine raises the amount of simvastatin in the blood, which can cause muscle pain "
        "or damage.",
        "Your simvastatin dose should be no more than 20 mg a day. Tell your doctor about "
        "unexplained muscle aches.",
    ),
    (
        "levothyroxine",
        "omeprazole",
        Severity.MINOR,
        "Omeprazole lowers stomach acid, so the body may take up a little less levothyroxine.",
        "Keep taking both as prescribed. Your doctor may check your thyroid levels after you "
        "start or stop omeprazole.",
    ),
    (
        "metformin",
        "hydrochlorothiazide",
        Severity.MINOR,
        "Hydrochlorothiazide can raise blood sugar a little, working against metformin.",
        "Usually nothing to do. Your blood sugar checks will show if a dose needs changing.",
    ),
]


def load(*, stdout: TextIO) -> None:
    # The demo drugs exist by now (the drugs app's loader runs first), so the rules reach them.
    # The demo has few drugs, so most rule names match nothing: not listed here.
    run = run_import(EditorialRulesImporter(list_gaps=False))
    for item in run.rejected:
        stdout.write(f"  rejected {item.reference}: {item.reason}")
    for line in run.lines():
        stdout.write(f"  {line}")
    added = 0
    index = IngredientIndex()  # folds salts: "metformin" is "metformin hydrochloride"
    for first, second, severity, effect, advice in DEMO_INTERACTIONS:
        a = Ingredient.objects.filter(pk__in=index.resolve(first)).first()
        b = Ingredient.objects.filter(pk__in=index.resolve(second)).first()
        if a is None or b is None:
            stdout.write(f"  demo interaction {first} + {second}: ingredient missing, skipped")
            continue
        # "diclofenac" resolves to the salt "diclofenac sodium" until an import adds the plain
        # ingredient, then to that: a pair between any forms of the two substances counts,
        # or each load after an import would add the pair again.
        first_ids, second_ids = index.forms_of(first), index.forms_of(second)
        if Interaction.objects.filter(
            Q(ingredient_a_id__in=first_ids, ingredient_b_id__in=second_ids)
            | Q(ingredient_a_id__in=second_ids, ingredient_b_id__in=first_ids),
            source=Interaction.Source.EDITORIAL,
        ).exists():
            continue
        services.interaction_upsert(
            ingredient_a_id=a.pk,
            ingredient_b_id=b.pk,
            severity=severity,
            source=Interaction.Source.EDITORIAL,
            source_version="Healthsite demo content",
            effect=effect,
            advice=advice,
        )
        added += 1
    stdout.write(f"  Interactions: {added} demo interactions added")
