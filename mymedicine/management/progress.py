"""A dependency-free progress line for import commands: shown only on a terminal."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, label: str, *, stream=None, every: float = 0.5) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.every = every
        self.count = 0
        self._last = 0.0

    def step(self, n: int = 1) -> None:
        self.count += n
        if self.enabled and time.monotonic() - self._last >= self.every:
            self._last = time.monotonic()
            self.stream.write(f"\r{self.label}: {self.count:,} records read")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write(f"\r{self.label}: {self.count:,} records read\n")
            self.stream.flush()
