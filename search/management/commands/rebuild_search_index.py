"""Rebuild the site search index from every registered provider (or one kind).

    manage.py rebuild_search_index             # every registered kind
    manage.py rebuild_search_index --prune     # ... and drop kinds no provider offers
    manage.py rebuild_search_index --kind drug # one kind
    manage.py rebuild_search_index --dry-run   # read and check the documents, write nothing

Each kind is replaced in its own transaction, so readers keep seeing the old documents of a
kind until its new ones are complete. Documents without a title or URL, with another kind or
a key seen before are rejected with the reason, and the run goes on.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from django.core.management.base import BaseCommand, CommandError

from search.backends import get_backend
from search.registry import Document, providers
from search.services import remove_kinds_except, replace_kind

PROGRESS_EVERY = 250
MAX_REJECTS_SHOWN = 20


class Command(BaseCommand):
    help = "Rebuild the site search index from the registered providers."

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", help="only this kind (repeatable)")
        parser.add_argument(
            "--prune",
            action="store_true",
            help="also remove documents of kinds no registered provider offers",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and check documents, write nothing"
        )

    def handle(self, *args, kind=None, dry_run=False, prune=False, **options):
        registered = providers()
        kinds = kind or list(registered)
        unknown = [k for k in kinds if k not in registered]
        if unknown:
            known = ", ".join(sorted(registered)) or "none"
            raise CommandError(f"No search provider for {', '.join(unknown)} (known: {known}).")
        started = time.monotonic()
        self.rejected: list[str] = []
        self.tty = self.stdout.isatty() if hasattr(self.stdout, "isatty") else False
        totals: dict[str, int] = {}
        for name in kinds:
            documents = self._progress(name, self._checked(name, registered[name].documents()))
            if dry_run:
                totals[name] = sum(1 for _ in documents)
            else:
                totals[name] = replace_kind(kind=name, documents=documents)
            self._end_progress(name, totals[name])
        removed = 0
        if prune and not dry_run:
            removed = remove_kinds_except(kinds=list(registered))
        if not dry_run:
            get_backend().optimize()
        for reason in self.rejected[:MAX_REJECTS_SHOWN]:
            self.stderr.write(f"rejected: {reason}")
        if len(self.rejected) > MAX_REJECTS_SHOWN:
            self.stderr.write(f"... and {len(self.rejected) - MAX_REJECTS_SHOWN} more rejected")
        verb = "Would index" if dry_run else "Indexed"
        per_kind = ", ".join(f"{name} {count}" for name, count in totals.items()) or "nothing"
        summary = (
            f"{verb} {sum(totals.values())} documents ({per_kind}) in "
            f"{time.monotonic() - started:.1f}s; {len(self.rejected)} rejected"
        )
        if removed:
            summary += f"; removed {removed} documents of kinds no provider offers"
        self.stdout.write(self.style.SUCCESS(summary + "."))

    def _checked(self, kind: str, documents: Iterable[Document]) -> Iterator[Document]:
        seen: set[str] = set()
        for document in documents:
            key = getattr(document, "key", None)
            if not isinstance(document, Document):
                self.rejected.append(f"{kind}: {document!r} is not a search Document")
            elif document.kind != kind:
                self.rejected.append(f"{kind} {key}: has kind {document.kind!r}")
            elif not document.title or not document.title.strip():
                self.rejected.append(f"{kind} {key}: no title")
            elif not document.url:
                self.rejected.append(f"{kind} {key}: no URL")
            elif document.key in seen:
                self.rejected.append(f"{kind} {key}: key seen twice (first one kept)")
            else:
                seen.add(document.key)
                yield document

    def _progress(self, kind: str, documents: Iterator[Document]) -> Iterator[Document]:
        for count, document in enumerate(documents, start=1):
            if self.tty and count % PROGRESS_EVERY == 0:
                self.stdout.write(f"\r{kind}: {count} documents…", ending="")
                self.stdout.flush()
            yield document

    def _end_progress(self, kind: str, count: int) -> None:
        if self.tty:
            self.stdout.write(f"\r{kind}: {count} documents   ")
        else:
            self.stdout.write(f"{kind}: {count} documents")
