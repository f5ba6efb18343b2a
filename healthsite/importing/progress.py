"""The one progress bar of every import: tqdm, labelled, drawn only on a terminal."""

from __future__ import annotations

import os
from typing import IO, Any

from tqdm import tqdm


def is_terminal(stream: Any) -> bool:
    """True when `stream` (a file, or Django's OutputWrapper around one) is a terminal."""
    raw = getattr(stream, "_out", stream)
    isatty = getattr(raw, "isatty", None)
    return bool(isatty and isatty())


def progress_bar(*, label: str, unit: str, total: int | None, stream: IO[str] | Any) -> tqdm:
    """A bar with the label, the count (of `total` when known), the rate and the time left.

    Nothing is drawn when `stream` is not a terminal (a log file, a pipe, a test), so logs
    keep only the summary lines. The bar is cleared when closed: the summary replaces it.
    """
    raw = getattr(stream, "_out", stream)
    drawn = is_terminal(stream)
    # A terminal that reports no size (some ptys, `script` without a terminal) gets a
    # fixed width; tqdm would draw nothing at width 0.
    sized = drawn and _columns(raw) > 0
    return tqdm(
        total=total,
        desc=label,
        unit=f" {unit}",
        file=raw,
        disable=not drawn,
        leave=False,
        dynamic_ncols=sized,
        ncols=None if sized else 100,
        mininterval=0.2,
    )


def _columns(raw: Any) -> int:
    try:
        return os.get_terminal_size(raw.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return 0
