"""Load the project's own demo content: a small, complete site for a first run.

Idempotent: each app's `demo.load()` looks things up by slug or natural key before creating
them, so a second run adds nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from healthsite.registry import app_modules


class Command(BaseCommand):
    help = "Load demo health centers, articles, drugs, pills and community content."

    def handle(self, *args, **options):
        for app, module in app_modules("demo"):
            self.stdout.write(f"Demo content: {app} ...")
            with transaction.atomic():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
