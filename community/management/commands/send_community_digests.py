"""Send the daily digest emails of community posts (run once a day, e.g. from cron).

Each post goes into a member's digest once: running the command twice sends nothing new.
"""

from django.core.management.base import BaseCommand

from community.tasks import send_daily_digests


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the task for the background worker instead of running it now.",
        )

    def handle(self, *args, **options):
        if options["enqueue"]:
            result = send_daily_digests.enqueue()
            self.stdout.write(f"Queued digest task {result.id}.")
            return
        sent = send_daily_digests.call()
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} digest email(s)."))
