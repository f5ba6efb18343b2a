"""A sample newsletter edition for the demo site. Idempotent: the edition is keyed by slug."""

from __future__ import annotations

from typing import TextIO

from django.utils import timezone

from .models import Edition

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


def load(*, stdout: TextIO) -> None:
    if Edition.objects.filter(slug=DEMO_EDITION["slug"]).exists():
        return
    edition = Edition(**DEMO_EDITION, status=Edition.Status.SENT, sent_at=timezone.now())
    edition.full_clean()
    edition.save()
    stdout.write("  Newsletter: 1 demo edition added")
