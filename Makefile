# Healthsite. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Where `make run` serves: `make run PORT=8080`, `make run HOST=0.0.0.0` (all interfaces).
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run serve test test-fast test-browser lint format migrate demo \
        import-shared manage bench bench-all ci clean
.PHONY: loadtest backup restore

help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-15s\033[0m %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --extra dev
	@touch $@

install: $(VENV)/.synced ## Create or update .venv from uv.lock

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo content (idempotent)
	$(MANAGE) load_demo

# On a fresh clone (no .env file) the development targets run with DJANGO_DEBUG=1, so they
# work without production secrets; where a .env file exists, it and the environment decide.
ifeq ($(wildcard .env),)
migrate demo run import-shared manage backup restore: export DJANGO_DEBUG ?= 1
endif
run: demo ## Set up and serve the demo site at http://127.0.0.1:8000 (change: PORT=8080 HOST=0.0.0.0)
	$(MANAGE) runserver $(HOST):$(PORT)

serve: install ## Serve with gunicorn and gunicorn.conf.py (production-like; needs settings from .env)
	$(MANAGE) collectstatic --noinput
	$(VENV)/bin/gunicorn -c gunicorn.conf.py

test: install ## Run the whole test suite (browser tests skip without Chromium, except under CI)
	$(VENV)/bin/pytest -n 2 --dist loadfile --durations=15

test-fast: install ## Run the tests except slow ones (gunicorn, data at scale, public data, browser)
	$(VENV)/bin/pytest -n 2 --dist loadfile -m "not slow and not browser"

test-browser: install ## Run only the browser tests
	$(VENV)/bin/pytest -m browser

# mypy's Django plugin loads the settings, which demand a secret key unless DJANGO_DEBUG is on.
lint: install ## ruff check, format check and mypy type check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_DEBUG=1 $(VENV)/bin/mypy .

format: install ## Format and fix what ruff can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

import-shared: migrate ## Import the public data in $HEALTHSITE_SHARED_DATA (default ../shared/data)
	$(PY) -m healthsite.import_shared

manage: migrate ## Run one management command with development settings: make manage ARGS="import_pills FILE"
	$(MANAGE) $(ARGS)

bench: install ## Every page type vs the framework floor and nginx, one table (docs/performance.md)
	$(PY) -m bench pages $(BENCH_ARGS)

bench-all: install ## Run every benchmark module in bench/ and print its figures
	$(PY) -m bench

loadtest: install ## 50 signed-in members writing for LOADTEST_SECONDS (60) against gunicorn, with faults
	$(PY) -m loadtest

backup: install ## Back up the database and media into backups/ (safe while the site runs)
	$(MANAGE) backup

restore: install ## Restore a backup: make restore FILE=backups/healthsite-....tar.gz
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/healthsite-....tar.gz"; exit 2; }
	$(MANAGE) restore "$(FILE)"

ci: ## What CI runs (.ci/run)
	bash .ci/run

clean: ## Remove the venv, database and generated files
	rm -rf $(VENV) $(TOOLS) db.sqlite3 db.sqlite3-* staticfiles var .pytest_cache .mypy_cache
