"""Load the project's own demo content: a small, complete site for a first run.

Idempotent: each app's demo loader (`healthsite.registry.demo_loaders`) looks things up by
slug or natural key before creating them, so a second run adds nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from healthsite import registry
from healthsite.cache import content_changes_deferred


class Command(BaseCommand):
    help = "Load demo health centers, articles, drugs, pills and community content."

    def handle(self, *args, **options):
        with content_changes_deferred():  # one new cache generation, not one per row
            for loader in registry.demo_loaders:
                self.stdout.write(f"Demo content: {loader.app} ...")
                with transaction.atomic():
                    loader.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
