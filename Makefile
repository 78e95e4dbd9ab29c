# The README's two commands: `make run` and `make test`. Both install what is
# missing first: a uv of our own (from PyPI), the locked virtualenv, compiled
# translations, and — for the tests — the Debian packages they need.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
APT_TEST_PACKAGES := chromium redis-server gettext

.PHONY: help install run test lint bench lock messages messages-extract schema system-packages

help:
	@echo "make run    install, start PostgreSQL, migrate, load demo data, serve on http://127.0.0.1:8000"
	@echo "make test   install, then lint and run the whole test suite"
	@echo "make lint   ruff"
	@echo "make bench  benchmarks (never part of make test)"
	@echo "make lock   regenerate uv.lock from pyproject.toml"
	@echo "make schema export the GraphQL schema to schema.graphql"

$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { \
	  echo "Python 3.11 is required (found: $$($(PYTHON) --version 2>&1))."; \
	  echo "Install it (Debian 12: apt-get install python3.11 python3.11-venv) or run make PYTHON=/path/to/python3.11."; \
	  exit 1; }
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	UV_PYTHON=$(PYTHON) $(UV) sync --locked --quiet
	@touch $@

install: $(VENV)/.synced messages

# .mo files are build output (git-ignored), compiled on every run (well under a second).
messages:
	@command -v msgfmt >/dev/null || $(MAKE) --no-print-directory system-packages APT_PACKAGES=gettext
	@for po in locale/*/LC_MESSAGES/django.po; do msgfmt --check-format -o "$${po%.po}.mo" "$$po" || exit 1; done

# Refresh the catalogues from the sources (then translate the new entries).
messages-extract: $(VENV)/.synced
	DEBUG=True $(MANAGE) makemessages -l ar -l fr -l en -e html,txt,py,email --no-location \
	  --ignore '.venv/*' --ignore '.tools/*' --ignore '.data/*' --ignore 'tests/*'

# Debian packages for the tests; installed only when missing (needs root, as on CI).
system-packages:
	@missing=""; for p in $(or $(APT_PACKAGES),$(APT_TEST_PACKAGES)); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "Missing Debian packages:$$missing — install them (sudo apt-get install$$missing)."; exit 1; fi; \
	fi

run: install
	$(PY) deploy/local/run.py

test: install system-packages lint
	$(PY) -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .

bench: install
	$(PY) -m pytest tests/bench -o python_files='bench_*.py' -p no:xdist -s -q $(PYTEST_ARGS)

lock: $(UV)
	UV_PYTHON=$(PYTHON) $(UV) lock

schema: install
	DEBUG=True $(MANAGE) export_schema
