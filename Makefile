# The two commands of the README: `make run` and `make test`. Everything else is a step.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Production settings are checked with throw-away values: nothing connects with them.
DEPLOY_ENV := DJANGO_SETTINGS_MODULE=guangde_plan.settings.production \
	DJANGO_SECRET_KEY=deploy-check-$(shell date +%s%N)-0123456789abcdefghij \
	DATABASE_URL=postgres://deploy-check@127.0.0.1:5432/deploy-check REDIS_URL=
TEST_ENV := DJANGO_SETTINGS_MODULE=guangde_plan.settings.test

.DEFAULT_GOAL := help
.PHONY: help run test deps system-run system-test lint format migrations-check messages \
	makemessages deploy-check pytest smoke-sqlite screenshots bench bench-reminders clean

help:
	@echo "make run    set up and start the app with demo data at http://$(HOST):$(PORT)"
	@echo "make test   everything CI runs: lint, migrations, translations, deploy check, tests"

system-run:
	@bash .ci/ensure-system run

system-test:
	@bash .ci/ensure-system test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

deps: $(VENV)/.installed node_modules/.installed

messages: deps
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0

# For developers: collect new source strings into the Chinese catalogue.
makemessages: deps
	$(MANAGE) makemessages -l zh_Hans --ignore=.venv --ignore=node_modules --ignore=tests --no-location --no-obsolete

run: system-run deps messages
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) seed_demo
	@echo "Open http://$(HOST):$(PORT)/ and log in with one of the demo users above."
	$(MANAGE) runserver $(HOST):$(PORT)

lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: deps messages
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run

deploy-check: deps messages
	$(DEPLOY_ENV) $(MANAGE) check --deploy --fail-level WARNING

pytest: deps messages
	$(TEST_ENV) $(BIN)/pytest

# The embedded default (SQLite, no Redis) that `make run` uses, on the tests marked smoke.
smoke-sqlite: deps messages
	$(TEST_ENV) DATABASE_URL=sqlite:///:memory: REDIS_URL= $(BIN)/pytest -m smoke -q

test: system-test deps lint messages migrations-check deploy-check pytest smoke-sqlite

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache

# With `make run` serving in another terminal: what each demo user sees, desktop and phone.
screenshots: deps
	$(BIN)/python docs/screenshots.py --base-url http://$(HOST):$(PORT)

# Dashboard and API latency on PostgreSQL with 20,000 enterprises against a minimal view
# (README, "Benchmark"); options through BENCH_ARGS, e.g. BENCH_ARGS="--requests 50 --explain".
bench: deps messages
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The week's reminder emails for 3,000 liaisons over 20,000 enterprises, sent to a local SMTP
# sink (README, "Weekly reminder emails"); options through BENCH_ARGS, e.g. "--liaisons 500".
bench-reminders: deps messages
	$(BIN)/python bench/reminders.py $(BENCH_ARGS)
