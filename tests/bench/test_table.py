"""The bench's reading of wrk's report and the table it prints (the benchmark itself is
not part of the test suite: `make bench`)."""

from __future__ import annotations

import pytest

from bench._table import Row, render
from bench._wrk import WrkResult, parse

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/drugs/metformin/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    41.20ms   12.51ms 180.33ms   80.11%
    Req/Sec   388.54     40.12   470.00     70.00%
  Latency Distribution
     50%   38.70ms
     75%   45.10ms
     90%   55.02ms
     99%    1.02s
  3886 requests in 5.01s, 40.12MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 4
Requests/sec:    775.64
Transfer/sec:      8.01MB
"""


def test_parse_reads_rate_percentiles_and_errors():
    result = parse(WRK_OUTPUT)
    assert result.requests_per_second == 775.64
    assert result.p50_ms == pytest.approx(38.70)
    assert result.p99_ms == pytest.approx(1020.0)  # seconds become milliseconds
    assert result.requests == 3886
    assert result.errors == 2 + 3 + 4


def test_parse_reads_microseconds_and_a_clean_run():
    clean = WRK_OUTPUT.replace("38.70ms", "912.00us").replace("1.02s", "2.50ms")
    clean = "\n".join(
        line for line in clean.splitlines() if "errors" not in line and "Non-2xx" not in line
    )
    result = parse(clean)
    assert result.p50_ms == pytest.approx(0.912)
    assert result.p99_ms == pytest.approx(2.5)
    assert result.errors == 0


def test_parse_refuses_output_it_cannot_read():
    with pytest.raises(ValueError, match="unreadable"):
        parse("unable to connect to 127.0.0.1:8000 Connection refused")


def _row(page: str, rps: float, cpu: float, **extra) -> Row:
    return Row(
        page=page, url="/", status=200, cpu_ms=cpu, sql=4, kb_sent=12.34, requests=6,
        html_gzip=True, page_run=WrkResult(rps, 10.0, 90.0, int(rps * 5), 0), **extra,
    )  # fmt: skip


def test_table_has_ratios_to_floor_and_nginx_and_growth():
    small = _row("home", 200.0, 4.0)
    row = _row(
        "home", 100.0, 6.0,
        floor_run=WrkResult(1000.0, 5.0, 20.0, 5000, 0),
        nginx_run=WrkResult(20000.0, 1.0, 4.0, 100000, 0),
        cached_run=WrkResult(800.0, 2.0, 8.0, 4000, 0),
        micro_run=WrkResult(10000.0, 1.0, 4.0, 50000, 0),
        cache_state="hit",
        small=small,
    )  # fmt: skip
    text = render([row], data="large", seconds=5)
    header, rule, line = text.splitlines()[:3]
    cells = [c.strip() for c in line.strip("|").split("|")]
    assert [c.strip() for c in header.strip("|").split("|")][:6] == [
        "page", "req/s", "p50 ms", "p99 ms", "÷ floor", "÷ nginx",
    ]  # fmt: skip
    assert set(rule) <= {"|", "-"}
    assert cells[:6] == ["home", "100", "10.0", "90.0", "0.100", "0.0050"]
    assert cells[6:8] == ["0.800", "0.500"]  # cached ÷ floor, micro-cache ÷ nginx
    assert cells[8:] == ["6.0", "4", "12.3", "6", "1.50", "2.00"]
    assert "framework floor: median 1000 req/s" in text


def test_table_marks_errors_missing_runs_and_uncompressed_html():
    row = _row("thread", 50.0, 3.0)
    row.page_run = WrkResult(50.0, 10.0, 90.0, 250, 7)
    row.html_gzip = False
    row.cached_run, row.floor_run = WrkResult(60.0, 9.0, 80.0, 300, 0), row.page_run
    row.cache_state = "miss"
    empty = _row("search", 0.0, 3.0)
    empty.page_run = WrkResult(0.0, 0.0, 0.0, 0, 0)
    text = render([row, empty], data="small", seconds=2)
    assert "50 (7 errors)" in text
    assert "12.3*" in text and "uncompressed" in text
    assert "1.200 (miss)" in text  # a page the cache did not answer is marked
    row.cache_state = ""  # no X-Page-Cache at all: the cache never looked (a long query)
    assert "1.200 (not cached)" in render([row], data="small", seconds=2)
    search_line = next(line for line in text.splitlines() if line.startswith("| search"))
    assert [c.strip() for c in search_line.strip("|").split("|")][1:8] == ["-"] * 7
