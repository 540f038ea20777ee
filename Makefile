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

run: install migrate demo
	$(BIN)/python manage.py runserver $(HOST)

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

# A Celery worker and the beat scheduler; they need REDIS_URL (without it tasks run in-process).
worker: install
	$(BIN)/celery -A shop worker --loglevel=INFO

beat: install
	$(BIN)/celery -A shop beat --loglevel=INFO

# Recompile the committed translation catalogues after editing locale/*/LC_MESSAGES/django.po.
messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
