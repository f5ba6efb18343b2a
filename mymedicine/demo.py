"""Demo interactions between the demo drugs, written by us in plain language, and a sample
newsletter edition. Idempotent: interactions are keyed by ingredient pair and source, the
edition by slug. Pairs whose ingredients the drugs demo did not create are skipped."""

from __future__ import annotations

from django.utils import timezone

from drugs.models import Ingredient
from drugs.text import normalize_name

from . import services
from .models import Edition, Interaction, Severity

DEMO_INTERACTIONS = [
    (
        "warfarin",
        "ibuprofen",
        Severity.MAJOR,
        "Both make bleeding more likely. Together they can cause bleeding in the stomach "
        "or elsewhere.",
        "Use paracetamol for pain instead if you can, and ask your pharmacist first. Get help "
        "at once if you notice black stools, blood in your urine or unusual bruising.",
    ),
    (
        "warfarin",
        "aspirin",
        Severity.MAJOR,
        "Aspirin thins the blood too. With warfarin the risk of serious bleeding goes up.",
        "Only take both if your doctor has told you to. Do not buy aspirin for pain while you "
        "take warfarin.",
    ),
    (
        "lisinopril",
        "ibuprofen",
        Severity.MODERATE,
        "Ibuprofen can make blood pressure medicine work less well and, in some people, "
        "strain the kidneys.",
        "An occasional dose is usually fine. If you need a painkiller for more than a few "
        "days, ask your pharmacist.",
    ),
    (
        "sertraline",
        "tramadol",
        Severity.MAJOR,
        "Together they can raise serotonin too far, causing shaking, sweating, confusion or a "
        "fast heartbeat. Tramadol with sertraline also makes fits more likely.",
        "Tell your doctor you take both. Get medical help at once if you feel agitated, "
        "feverish or your muscles twitch.",
    ),
    (
        "simvastatin",
        "clarithromycin",
        Severity.CONTRAINDICATED,
        "Clarithromycin stops the body clearing simvastatin, which can build up and damage "
        "muscles.",
        "Do not take them together. Your doctor may pause simvastatin during the antibiotic "
        "course or choose another antibiotic.",
    ),
    (
        "metformin",
        "ibuprofen",
        Severity.MINOR,
        "Regular ibuprofen can affect the kidneys, which clear metformin.",
        "Short courses are usually fine. Drink enough fluids and ask your pharmacist if you "
        "need a painkiller for long.",
    ),
]

DEMO_EDITION = {
    "slug": "welcome-to-the-healthsite-newsletter",
    "subject": "Welcome to the Healthsite newsletter",
    "body": (
        "This is a sample edition written for the demo site.\n\n"
        "## New this week\n\n"
        "- Check your medicines for interactions with the [interaction checker](/interactions/).\n"
        "- Keep a list for your family in [My Medicine](/my-medicine/).\n"
    ),
}


def _ingredient(name: str) -> Ingredient | None:
    return Ingredient.objects.filter(normalized=normalize_name(name)).first()


def load(*, stdout) -> None:
    added = 0
    for first, second, severity, effect, advice in DEMO_INTERACTIONS:
        a, b = _ingredient(first), _ingredient(second)
        if a is None or b is None:
            stdout.write(f"  demo interaction {first} + {second}: ingredient missing, skipped")
            continue
        low, high = sorted((a.pk, b.pk))
        if Interaction.objects.filter(
            ingredient_a_id=low, ingredient_b_id=high, source=Interaction.Source.EDITORIAL
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
    if not Edition.objects.filter(slug=DEMO_EDITION["slug"]).exists():
        edition = Edition(**DEMO_EDITION, status=Edition.Status.SENT, sent_at=timezone.now())
        edition.full_clean()
        edition.save()
        added += 1
    stdout.write(f"  My Medicine: {added} demo items added")
