"""The one table `make bench` prints (Markdown, so docs/performance.md can hold it as is)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from bench._wrk import WrkResult


@dataclass
class Row:
    page: str
    url: str
    status: int
    cpu_ms: float
    sql: int
    kb_sent: float
    requests: int
    html_gzip: bool
    page_run: WrkResult | None = None
    floor_run: WrkResult | None = None
    nginx_run: WrkResult | None = None
    cached_run: WrkResult | None = None  # the site's own page cache on
    micro_run: WrkResult | None = None  # deploy/nginx.conf's micro-cache in front of it
    # X-Page-Cache of a request to the cached site after warming ("" when it sent none: the
    # page cache did not consider the request); None when that site was not measured
    cache_state: str | None = None
    small: Row | None = None  # the same page on small data, for the growth factor


def _ratio(a: float | None, b: float | None, digits: int = 3) -> str:
    if not a or not b:
        return "-"
    return f"{a / b:.{digits}f}"


def _rps(run: WrkResult | None) -> float | None:
    return run.requests_per_second if run and run.requests else None


COLUMNS = (
    "page",
    "req/s",
    "p50 ms",
    "p99 ms",
    "÷ floor",
    "÷ nginx",
    "cached ÷ floor",
    "micro ÷ nginx",
    "CPU ms",
    "SQL",
    "KB sent",
    "requests",
    "growth CPU",
    "growth req/s",
)


def cells(row: Row) -> list[str]:
    run = row.page_run if row.page_run and row.page_run.requests else None
    rps = run.requests_per_second if run else None
    small = row.small
    status = "" if row.status == 200 else f" ({row.status})"
    errors = f" ({run.errors} errors)" if run and run.errors else ""
    return [
        row.page + status,
        f"{rps:.0f}{errors}" if rps is not None else "-",
        f"{run.p50_ms:.1f}" if run else "-",
        f"{run.p99_ms:.1f}" if run else "-",
        _ratio(rps, row.floor_run.requests_per_second if row.floor_run else None),
        _ratio(rps, row.nginx_run.requests_per_second if row.nginx_run else None, 4),
        _ratio(_rps(row.cached_run), _rps(row.floor_run))
        + ("" if row.cache_state in {"hit", None} else f" ({row.cache_state or 'not cached'})"),
        _ratio(_rps(row.micro_run), _rps(row.nginx_run)),
        f"{row.cpu_ms:.1f}",
        str(row.sql),
        f"{row.kb_sent:.1f}" + ("" if row.html_gzip else "*"),
        str(row.requests),
        _ratio(row.cpu_ms, small.cpu_ms if small else None, 2),
        _ratio(small.page_run.requests_per_second if small and small.page_run else None, rps, 2),
    ]


def render(rows: list[Row], *, data: str, seconds: float) -> str:
    table = [list(COLUMNS)] + [cells(row) for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]

    def line(values: list[str]) -> str:
        padded = [
            v.ljust(w) if i == 0 else v.rjust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    out = [line(table[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(values) for values in table[1:]]
    floors = [r.floor_run.requests_per_second for r in rows if r.floor_run]
    nginx = [r.nginx_run.requests_per_second for r in rows if r.nginx_run]
    notes = [
        f"{data} data; wrk 2 threads, 32 connections, {seconds:.0f} s a run, on 127.0.0.1.",
    ]
    if floors:
        notes.append(
            f"framework floor: median {statistics.median(floors):.0f} req/s "
            f"({min(floors):.0f}-{max(floors):.0f} over {len(floors)} runs)"
        )
    if nginx:
        notes.append(f"nginx, saved copies: median {statistics.median(nginx):.0f} req/s")
    if any(not r.html_gzip for r in rows):
        notes.append("* HTML sent uncompressed to a browser that accepts gzip")
    notes.append(
        "cached: the site's own page cache on (HEALTHSITE_PAGE_CACHE_SECONDS=300); the other "
        "columns are uncached (0). micro: deploy/nginx.conf (its micro-cache) in front of the "
        "cached site, against nginx serving a saved copy"
    )
    notes.append("growth: large ÷ small data (CPU ms per request; time per request under load)")
    return "\n".join([*out, "", *notes])
