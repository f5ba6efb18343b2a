"""Demo pills for the demo drugs, with generated pictures (no photos).

The imprints start with "HS" (Healthsite) so they are plainly sample content and never
mistaken for a real identification. Drugs are looked up by the drugs demo's slugs; a
missing drug is skipped. Idempotent: pills are keyed by "demo:<slug>:<n>".
"""

from __future__ import annotations

from drugs.models import Drug
from pills.services import pill_upsert

WHITE, YELLOW, PINK, ORANGE, BLUE, BROWN, RED = (
    "C48325", "C48330", "C48328", "C48331", "C48333", "C48332", "C48326",
)  # fmt: skip
ROUND, OVAL, CAPSULE = "C48348", "C48345", "C48336"

DEMO_PILLS = {
    "ibuprofen": [
        ("IBUPROFEN 200 MG ORAL TABLET", "200 MG", "HS;I2", ROUND, [BROWN], 11),
        ("IBUPROFEN 400 MG ORAL TABLET", "400 MG", "HS;I4", OVAL, [WHITE], 15),
    ],
    "atorvastatin": [
        ("ATORVASTATIN 10 MG ORAL TABLET", "10 MG", "HS;A10", OVAL, [WHITE], 10),
        ("ATORVASTATIN 20 MG ORAL TABLET", "20 MG", "HS;A20", OVAL, [WHITE], 12),
    ],
    "metformin": [
        ("METFORMIN HYDROCHLORIDE 500 MG ORAL TABLET", "500 MG", "HS;M500", ROUND, [WHITE], 13),
    ],
    "amoxicillin": [
        ("AMOXICILLIN 500 MG ORAL CAPSULE", "500 MG", "HS;AMX;500", CAPSULE, [RED, YELLOW], 21),
    ],
    "naproxen": [
        ("NAPROXEN SODIUM 220 MG ORAL TABLET", "220 MG", "HS;N220", OVAL, [BLUE], 14),
    ],
    "acetaminophen": [
        ("ACETAMINOPHEN 500 MG ORAL TABLET", "500 MG", "HS;P500", CAPSULE, [WHITE], 18),
    ],
    "amlodipine": [
        ("AMLODIPINE 5 MG ORAL TABLET", "5 MG", "HS;AM5", ROUND, [WHITE], 8),
    ],
    "levothyroxine": [
        ("LEVOTHYROXINE SODIUM 0.05 MG ORAL TABLET", "0.05 MG", "HS;T50", ROUND, [WHITE], 9),
    ],
    "lisinopril": [
        ("LISINOPRIL 10 MG ORAL TABLET", "10 MG", "HS;L10", ROUND, [PINK], 8),
    ],
    "sertraline": [
        ("SERTRALINE 50 MG ORAL TABLET", "50 MG", "HS;S50", OVAL, [BLUE], 10),
    ],
    "omeprazole": [
        (
            "OMEPRAZOLE 20 MG DELAYED RELEASE ORAL CAPSULE",
            "20 MG",
            "HS;O20",
            CAPSULE,
            [ORANGE, WHITE],
            18,
        ),
    ],
}


def load(*, stdout) -> None:
    created = skipped = 0
    for slug, pills in DEMO_PILLS.items():
        drug = Drug.objects.filter(slug=slug).first()
        if drug is None:
            skipped += 1
            continue
        for n, (name, strength, imprint, shape, colors, size) in enumerate(pills, start=1):
            result = pill_upsert(
                source="editorial",
                source_key=f"demo:{slug}:{n}",
                name=name,
                strength=strength,
                dosage_form="ORAL CAPSULE" if shape == CAPSULE else "ORAL TABLET",
                labeler="Healthsite sample pills",
                imprint=imprint,
                shape=shape,
                colors=colors,
                size_mm=size,
                score=1,
                drug=drug,
            )
            created += result.status == "created"
    stdout.write(f"pills: {created} demo pills added, {skipped} demo drugs not found (skipped)")
