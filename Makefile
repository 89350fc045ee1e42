# Kasumi: `make run` serves the demo site, `make test` runs the suite. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs in two processes (pytest-xdist; each has its own test database and live
# server). `make test PYTEST_ARGS=...` replaces this, e.g. `PYTEST_ARGS="-n 0 tests/review"`.
PYTEST_ARGS ?= -n 2
# Pure engines: checked strictly by mypy (no Django inside); the rest with django-stubs.
PURE := lessons/japanese lessons/exercises.py tests/bench/furigana.py lessons/anki.py tests/bench/anki.py \
	lessons/transfer.py hub/markdown.py hub/directory.py letters/workflow.py letters/screening.py letters/tokens.py \
	lessons/review/scheduling.py lessons/review/fading.py lessons/japanese/speech.py

.PHONY: run serve worker test lint check fmt bench load install migrate demo

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py loaddata $(sort $(wildcard fixtures/*.json))
	$(BIN)/python manage.py refresh_furigana
	$(BIN)/python manage.py render_articles
	$(BIN)/python manage.py search_reindex
	$(BIN)/python manage.py synthesize_audio

# The development server on SQLite with the demo data (DEBUG on unless set otherwise), and a
# queue worker beside it that makes the demo's audio; the worker stops when the server does.
run: demo
	$(BIN)/python manage.py catalogues_apply
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py run_worker --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py runserver $(HOST):$(PORT)

# A background-job worker (speech synthesis): run one or more beside `make serve`, on this host
# or any other that reaches the same database (and Redis, when REDIS_URL is set).
worker: migrate
	$(BIN)/python manage.py run_worker

# Production-like: gunicorn with two workers on the same database. gunicorn.conf.py sets the
# access-log format and the logger that redacts letter status tokens. Audio is made by queue
# workers, not here: start `make worker` (or `manage.py run_worker`) beside it.
serve: migrate
	$(BIN)/python manage.py catalogues_apply
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn learning.wsgi --config gunicorn.conf.py --workers 2 --bind $(HOST):$(PORT) --access-logfile -

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Lint, format, the layering contracts, strict types of the pure engines, migrations.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy learning lessons hub letters tests/bench
	$(BIN)/python manage.py makemigrations --check --dry-run

check: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

fmt: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python -m tests.bench

# Throughput of the public pages under 16 connections against gunicorn (as `make serve`), as
# ratios to /healthz in the same run. Needs the demo data in the configured database.
load: demo
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python -m tests.bench.load $(LOAD_ARGS)
