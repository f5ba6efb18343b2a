"""In-process cost of each page: `python -m bench._pages_inprocess` (run by bench/pages.py
with the environment of one database) prints JSON: per page its URL, status, median CPU
milliseconds of this process per request and the SQL queries of one request."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

RUNS = int(os.environ.get("BENCH_INPROCESS_RUNS", "20"))


def _first(queryset, **preferred):
    """The preferred row when it exists (the same real one in every database), else the
    first by primary key."""
    return queryset.filter(**preferred).first() or queryset.order_by("pk").first()


def page_urls() -> dict[str, str]:
    from django.db.models import Count

    from articles.models import Article, Condition, HealthCenter
    from community.models import Thread
    from drugs.models import Drug
    from interactions.models import Interaction
    from pills.models import Pill

    urls: dict[str, str] = {"home": "/"}
    center = _first(HealthCenter.objects.all(), slug="knee-pain")
    if center:
        urls["health center"] = center.get_absolute_url()
    article = _first(Article.objects.published(), slug="runners-knee")
    if article:
        urls["article page"] = article.get_absolute_url()
    urls["conditions A-Z"] = "/conditions/"
    condition = _first(Condition.objects.consumer(), slug="high-blood-pressure")
    if condition:
        urls["condition page"] = condition.get_absolute_url()
    drug = _first(Drug.objects.published(), slug="metformin")
    if drug:
        urls["drug page"] = drug.get_absolute_url()
    urls["drug search"] = "/drugs/?q=metfor"  # a list of results, not the redirect
    urls["drugs by condition"] = "/drugs/?condition=high+blood+pressure"
    reviewed = Drug.objects.published().annotate(n=Count("reviews")).order_by("-n", "pk").first()
    if reviewed:
        urls["reviews"] = f"{reviewed.get_absolute_url()}reviews/"
    pill = _first(Pill.objects.exclude(imprint="").filter(source="rximage"))
    if pill:
        side = pill.imprint.split(";")[0]
        urls["pills by imprint"] = f"/pills/?imprint={side.replace(' ', '+')}"
        color = pill.colors[0] if pill.colors else ""
        urls["pills by shape+color"] = f"/pills/?shape={pill.shape}&color={color}"
    # Ten drugs whose ingredients take part in the most interactions.
    busy = (
        Drug.objects.published()
        .exclude(slug__startswith="generated-")
        .filter(ingredients__in=Interaction.objects.values("ingredient_a"))
        .annotate(n=Count("ingredients"))
        .order_by("-n", "pk")
        .values_list("slug", flat=True)
        .distinct()[:10]
    )
    if busy:
        urls["interactions, 10 drugs"] = "/interactions/?drugs=" + ",".join(busy)
    thread = Thread.objects.public().filter(last_number__gte=201).order_by("pk").first()
    thread = thread or Thread.objects.public().order_by("-last_number", "pk").first()
    if thread:
        urls["community group"] = thread.group.get_absolute_url()
        urls["thread, 200 replies"] = thread.get_absolute_url()
    urls["site search"] = "/search/?q=headache"
    urls["suggest API"] = "/api/drugs/suggest?q=met"
    return urls


def measure(url: str) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    status = 0
    for _ in range(3):  # warm: templates, connections, the database's page cache
        status = client.get(url).status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Read now: the next request clears the connection's query log.
    sql = len(queries.captured_queries)
    samples = []
    for _ in range(RUNS):
        started = time.process_time()
        client.get(url)
        samples.append((time.process_time() - started) * 1000)
    return {
        "url": url,
        "status": status,
        "cpu_ms": statistics.median(samples),
        "sql": sql,
    }


def main() -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthsite.settings")
    django.setup()
    urls = page_urls()
    only = set(sys.argv[1:])
    results = {name: measure(url) for name, url in urls.items() if not only or name in only}
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
