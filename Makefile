# Every target bootstraps .venv with the machine's python3 when it is missing, and reinstalls
# from requirements.lock whenever the lock changes (the stamp file is older than the lock).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-from-lock
PIP_TOOLS := pip-tools==7.6.2
REPORT := content/reports/north-korea-2018.txt
ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install run serve test bench lint fmt lock

help:
	@echo "make run      install, migrate, load the bundled report, create demo accounts,"
	@echo "              serve with DEBUG on at http://127.0.0.1:8000"
	@echo "make test     the whole pytest suite (extra pytest arguments: ARGS='-k signup')"
	@echo "make bench    print measurements as 'bench: NAME key=value' lines (throwaway database)"
	@echo "make serve    collectstatic + gunicorn with DEBUG off on 127.0.0.1:8000"
	@echo "make install  create .venv and install the locked dependencies"
	@echo "make lint     ruff check + ruff format --check"
	@echo "make fmt      apply ruff's fixes and formatting"
	@echo "make lock     regenerate requirements.lock from pyproject.toml (ARGS=--upgrade to bump)"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): requirements.lock | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

install: $(INSTALLED)

run: export DJANGO_DEBUG := 1
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_report $(REPORT)
	$(PY) manage.py create_demo_accounts
	$(PY) manage.py runserver 127.0.0.1:8000

# A local try of production mode over plain HTTP. Without DJANGO_SECRET_KEY a random key is made
# for this run only (sessions end with the server); set the variables yourself for real use.
serve: export DJANGO_DEBUG := 0
serve: export DJANGO_ALLOWED_HOSTS ?= localhost,127.0.0.1
serve: export DJANGO_SECURE_SSL_REDIRECT ?= 0
ifeq ($(strip $(DJANGO_SECRET_KEY)),)
serve: export DJANGO_SECRET_KEY := $(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')
serve: SECRET_NOTE := DJANGO_SECRET_KEY is unset: using a random key for this run only.
endif
serve: install
	@$(if $(SECRET_NOTE),echo "$(SECRET_NOTE)")
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving on http://localhost:8000 (DEBUG off; Ctrl-C to stop)"
	$(VENV)/bin/gunicorn config.wsgi --bind 127.0.0.1:8000 --workers 2 --access-logfile -

test: install
	$(PY) -m pytest $(ARGS)

bench: install
	$(PY) -m tests.bench

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

lock: | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS)
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet --extra dev \
		--strip-extras --generate-hashes --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock $(ARGS) pyproject.toml
