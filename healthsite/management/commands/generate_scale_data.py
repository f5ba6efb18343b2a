"""Top the database up with generated data at scale, for benchmarks.

    manage.py generate_scale_data --size small            # about 1/20 of large
    manage.py generate_scale_data --size large --seed 7   # 10,000 articles, 1,000,000 posts ...

Generated rows say they are generated (see healthsite/scale); members cannot sign in.
Refuses to run on a production configuration (DEBUG off outside tests) without
--allow-production, so benchmark data never lands on the real site by accident.
"""

from __future__ import annotations

import argparse
import io
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from healthsite.scale import SIZES, Targets, generate


class Command(BaseCommand):
    help = "Generate data at scale (articles, drugs, pills, members, posts, reviews)."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), required=True)
        parser.add_argument("--seed", type=int, default=1, help="same seed, same rows")
        # Tests run a tiny fraction of large; not part of the documented interface.
        parser.add_argument("--scale", type=float, default=None, help=argparse.SUPPRESS)
        parser.add_argument("--allow-production", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument("--quiet", action="store_true", help="no progress bars")

    def handle(self, *args, size, seed, scale, allow_production, quiet, **options):
        if not (settings.DEBUG or settings.TESTING or allow_production):
            raise CommandError(
                "This fills the database with generated content. Run it with DJANGO_DEBUG=1 "
                "on a scratch database."
            )
        targets = Targets.for_size(size, scale=scale)
        started = time.monotonic()
        out = io.StringIO() if quiet else self.stdout
        added = generate(targets=targets, seed=seed, stdout=out, quiet=quiet)  # type: ignore[arg-type]
        per_step = ", ".join(f"{count} {name}" for name, count in added.items())
        self.stdout.write(
            self.style.SUCCESS(f"Added {per_step} in {time.monotonic() - started:.0f} s.")
        )
