"""Delete accounts whose email address was never confirmed after a number of days.

Their confirmation links have long expired and nobody can log in to them; keeping them
would only keep personal data (an email address) without a purpose. Each one goes through
`services.user_delete`, so every app's privacy hook runs as for a reader's own deletion.

    manage.py delete_unconfirmed_users --days 14 --dry-run
"""

from django.core.management.base import BaseCommand

from accounts.selectors import users_unconfirmed_since
from accounts.services import user_delete


class Command(BaseCommand):
    help = "Delete accounts that never confirmed their email address (default: after 14 days)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14, help="age in days (default 14)")
        parser.add_argument(
            "--dry-run", action="store_true", help="only count what would be deleted"
        )

    def handle(self, *args, days: int, dry_run: bool, **options):
        users = users_unconfirmed_since(days=days)
        if dry_run:
            self.stdout.write(f"Would delete {users.count()} unconfirmed account(s).")
            return
        deleted = 0
        for user in users.iterator():
            user_delete(user=user)
            deleted += 1
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} unconfirmed account(s)."))
