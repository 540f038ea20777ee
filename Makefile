# Wenfu: `make run` sets everything up and serves http://127.0.0.1:8000; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# The address links, Alipay's return and notify URLs and the demo sites use: the one `run` serves.
export SITE_URL ?= http://$(HOST)
# Every target here is development tooling: DEBUG on unless the environment says otherwise
# (the settings default it off, as production wants).
export DEBUG ?= 1
# pytest-xdist: one test process per core.
PYTEST_ARGS ?= -n auto

.PHONY: run install install-dev migrate demo test lint worker beat messages clean

# `run` serves the site and, beside it, a Celery worker with the beat scheduler, so the scheduled
# jobs (closing unpaid orders, resending refunds, alerts …) run as in production; their broker
# needs no server: messages are files under var/celery/. Stopping the server stops the worker.
DEV_BROKER := CELERY_BROKER_URL=filesystem://
SCHEDULER := $(BIN)/celery -A shop worker --beat --pool=solo --loglevel=INFO \
	--schedule=var/celery/beat-schedule --without-mingle --without-gossip

run: install migrate demo
	mkdir -p var/celery/messages var/celery/control
	$(DEV_BROKER) $(SCHEDULER) & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null; wait $$scheduler' INT TERM EXIT; \
	$(DEV_BROKER) $(BIN)/python manage.py runserver $(HOST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.requirements: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.requirements-dev: $(VENV)/.requirements requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.requirements

install-dev: $(VENV)/.requirements-dev

migrate: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput

demo: install
	$(BIN)/python manage.py load_demo

test: install-dev
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# A Celery worker and the beat scheduler on their own, on the broker of REDIS_URL or CELERY_BROKER_URL.
worker: install
	$(BIN)/celery -A shop worker --loglevel=INFO

beat: install
	$(BIN)/celery -A shop beat --loglevel=INFO

# Recompile the committed translation catalogues after editing locale/*/LC_MESSAGES/django.po.
messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
