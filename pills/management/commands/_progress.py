"""A dependency-free progress line for import commands (only drawn on a terminal)."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, stream, *, label: str, total: int | None = None) -> None:
        self.stream = stream
        self.label = label
        self.total = total
        self.count = 0
        self.enabled = getattr(getattr(stream, "_out", stream), "isatty", lambda: False)()
        self._last = 0.0

    def step(self, n: int = 1) -> None:
        self.count += n
        now = time.monotonic()
        if self.enabled and now - self._last > 0.2:
            self._last = now
            if self.total:
                width = 30
                done = int(width * min(self.count / self.total, 1))
                bar = "#" * done + "-" * (width - done)
                text = f"\r{self.label} [{bar}] {self.count}/{self.total}"
            else:
                text = f"\r{self.label} {self.count}"
            self.stream.write(text, ending="")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 70 + "\r", ending="")
            self.stream.flush()


def report_rejected(stream, rejected: list[tuple[str, str]], *, limit: int = 50) -> None:
    """Print rejected records with their reason (the first `limit` of them)."""
    for key, reason in rejected[:limit]:
        stream.write(f"  rejected {key}: {reason}")
    if len(rejected) > limit:
        stream.write(f"  ... and {len(rejected) - limit} more rejected")
    sys.stdout.flush()
