# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
VENDOR := static/vendor
PYTEST_ARGS ?=

.PHONY: run test install worker beat lint format messages clean

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --verbosity 0
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_ARGS)

install: $(VENV)/.installed $(VENDOR)/.installed

# Reinstalled only when the pinned dependencies change, so a second `make run` starts at once.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

# Front-end libraries come from npm (pinned in package-lock.json) and are served by the portal itself.
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/bootstrap $(VENDOR)/noto-sans-arabic $(VENDOR)/leaflet
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.rtl.min.css \
	   node_modules/bootstrap/dist/js/bootstrap.bundle.min.js $(VENDOR)/bootstrap/
	cp -r node_modules/@fontsource/noto-sans-arabic/400.css node_modules/@fontsource/noto-sans-arabic/700.css \
	   node_modules/@fontsource/noto-sans-arabic/files $(VENDOR)/noto-sans-arabic/
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css \
	   node_modules/leaflet/dist/images $(VENDOR)/leaflet/
	touch $@

worker: install
	$(VENV)/bin/celery -A portal worker --loglevel INFO

beat: install
	$(VENV)/bin/celery -A portal beat --loglevel INFO

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Needs GNU gettext; the compiled .mo files are committed so a machine without it still shows Arabic.
messages: install
	$(PY) manage.py makemessages --locale ar --locale en --ignore '.venv/*' --ignore 'node_modules/*'
	$(PY) manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles portal.sqlite3
