"""Production settings pass Django's deployment checks and refuse to start without a secret
or the site's address."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HEALTHSITE_"))}
    env.update({"HEALTHSITE_TESTING": "0", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_check_deploy_prints_no_warnings_with_production_variables():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="health.example.org",
        HEALTHSITE_SITE_URL="https://health.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr.upper()


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_the_site_url():
    """Else every confirmation and reset link would point at a development address."""
    secret = secrets.token_urlsafe(50)
    result = _manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY=secret)
    assert result.returncode != 0
    assert "HEALTHSITE_SITE_URL must be set" in result.stderr
    result = _manage(
        "check",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secret,
        HEALTHSITE_SITE_URL="https://health.example.org",
    )
    assert result.returncode == 0, result.stderr


def test_every_database_connection_is_kept_between_requests_in_production(tmp_path):
    """A new SQLite connection per request cost nine PRAGMAs and a cold page cache."""
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default'];"
        " print(d['ENGINE'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        DJANGO_DEBUG="1",
        # The embedded default, whatever database this test run itself uses.
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["django.db.backends.sqlite3", "600", "True"]
