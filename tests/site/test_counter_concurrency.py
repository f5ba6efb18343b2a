"""Rate-limit counters hold under concurrency: "count, then compare" is one atomic step, so
however many requests race for the last allowed attempt, no more than the limit get through.

The counters are in the database, raced for real from many threads, each with its own
connection: on a SQLite file (in a subprocess, since the test database is in memory) and on
PostgreSQL when the run uses it.
"""

import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from django.db import connection

from healthsite.ratelimit import rate_limit_hit

ROOT = Path(__file__).resolve().parents[2]
THREADS = 16
ATTEMPTS = 10  # per thread
LIMIT = 25

# Run in a fresh interpreter against a SQLite file: create the counter table, then let
# THREADS threads race ATTEMPTS attempts each on one key; print how many were allowed.
_RACE = """
import os, sys, threading
import django
django.setup()
from django.db import connection
from healthsite.models import Counter
from healthsite.ratelimit import rate_limit_hit
with connection.schema_editor() as editor:
    editor.create_model(Counter)
threads, attempts, limit = (int(a) for a in sys.argv[1:4])
allowed = []
barrier = threading.Barrier(threads)
def member():
    from django.db import connection as own
    barrier.wait()
    for _ in range(attempts):
        if not rate_limit_hit(key="race", limit=limit, window=3600):
            allowed.append(1)
    own.close()
workers = [threading.Thread(target=member) for _ in range(threads)]
for w in workers: w.start()
for w in workers: w.join()
print(len(allowed), Counter.objects.get(key__startswith="rl:race").count)
"""


def _race_in_threads() -> int:
    key = f"race-{uuid.uuid4().hex}"
    allowed: list[int] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def member():
        from django.db import connection as own

        try:
            barrier.wait()
            for _ in range(ATTEMPTS):
                if not rate_limit_hit(key=key, limit=LIMIT, window=3600):
                    allowed.append(1)
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            own.close()

    workers = [threading.Thread(target=member) for _ in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors, errors
    return len(allowed)


@pytest.mark.slow
def test_sqlite_file_threads_never_exceed_the_limit(tmp_path):
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "HEALTHSITE_TESTING": "0",
        "HEALTHSITE_RATE_LIMITS": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", _RACE, str(THREADS), str(ATTEMPTS), str(LIMIT)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    allowed, counted = (int(n) for n in result.stdout.split())
    assert allowed == LIMIT  # exactly the limit: none lost, none extra
    assert counted == THREADS * ATTEMPTS  # every attempt counted once


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the run's database is not PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_postgresql_threads_never_exceed_the_limit(settings):
    settings.RATE_LIMITS_ENABLED = True
    assert _race_in_threads() == LIMIT
