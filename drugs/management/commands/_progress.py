"""A progress bar for import commands, drawn only when the output is a terminal."""

from __future__ import annotations


class Progress:
    def __init__(self, stream, *, total: int | None = None, label: str = "") -> None:
        self.stream = stream
        self.total = total
        self.label = label
        self.count = 0
        self.enabled = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, step: int = 1) -> None:
        self.count += step
        if self.enabled and (self.count % 250 < step or self.count == self.total):
            self._draw()

    def _draw(self) -> None:
        if self.total:
            width = 30
            done = int(width * self.count / self.total)
            bar = "#" * done + "-" * (width - done)
            self.stream.write(f"\r{self.label} [{bar}] {self.count}/{self.total}", ending="")
        else:
            self.stream.write(f"\r{self.label} {self.count}", ending="")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw()
            self.stream.write("")
