# Buurtplatform. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
VENDORED := static/vendor/.vendored
HOST ?= 0.0.0.0
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install system-packages messages messages-update db stop-db migrate seed run serve test multinode lint format bench loadtest clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

install: system-packages $(STAMP) $(VENDORED) ## Create .venv, install every dependency and vendor the front-end packages (idempotent)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# The NL Design System CSS, Leaflet and the Noto web fonts come pinned from npm
# (package-lock.json) and are copied into static/vendor: nothing loads from a CDN.
$(VENDORED): package.json package-lock.json config/vendor_static.py $(STAMP)
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	$(PY) -m config.vendor_static
	touch $(VENDORED)

# gettext compiles the catalogues; chromium runs the browser tests (Playwright cannot
# download its own browser here); pango is WeasyPrint's text layout for the printed PDFs,
# the Noto fonts cover every offered script on paper, pdftotext reads PDFs back in the
# tests, redis-server is the shared cache the multi-node test starts, npm fetches the
# pinned front-end packages and java runs the Nu Html Checker (vnu.jar from npm).
system-packages: ## Install gettext, chromium, pango, Noto fonts, poppler, redis, npm and java from Debian when missing
	@missing=""; command -v msgfmt >/dev/null || missing="gettext"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	test -d /usr/share/fonts/truetype/noto || missing="$$missing fonts-noto-core"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "Installing$$missing ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Please install:$$missing (e.g. sudo apt-get install$$missing)"; exit 1; fi; fi

messages: install ## Compile the translation catalogues
	$(MANAGE) compilemessages --ignore=.venv --verbosity=0

messages-update: install ## Extract new interface strings into every catalogue (nl en tr ar pl uk so ti fa fy pap)
	$(MANAGE) makemessages -l nl -l en -l tr -l ar -l pl -l uk -l so -l ti -l fa -l fy -l pap --ignore=.venv --ignore=.data --ignore=bench --no-obsolete

db: install ## Start the embedded PostgreSQL in .data/ (if DATABASE_URL is unset)
	$(PY) -m config.devdb start

stop-db: ## Stop the embedded PostgreSQL
	@test -x $(PY) && $(PY) -m config.devdb stop || echo "Nothing to stop."

migrate: messages ## Migrate the portal, the blueprint and every buurt (with progress)
	$(MANAGE) migrate_platform

seed: migrate ## Create the demo municipality and buurten (idempotent)
	$(MANAGE) seed_demo

run: seed ## Serve the portal on http://localhost:8000 and buurten on http://<slug>.localhost:8000
	@echo "Portal: http://localhost:$(PORT)/  Buurten: http://bloemenbuurt.localhost:$(PORT)/ ..."
	$(MANAGE) runserver $(HOST):$(PORT)

serve: seed ## Serve like production: gunicorn with several workers, whitenoise, DEBUG off
	DJANGO_SETTINGS_MODULE=config.settings.serve $(MANAGE) collectstatic --noinput --verbosity=0
	@echo "Portal: http://localhost:$(PORT)/  Buurten: http://bloemenbuurt.localhost:$(PORT)/ ..."
	DJANGO_SETTINGS_MODULE=config.settings.serve HOST=$(HOST) PORT=$(PORT) \
	  $(VENV)/bin/gunicorn --config config/gunicorn.py config.wsgi:application

# Two test processes (pytest-xdist), each with its own test database; the browser tests
# stay together in one of them. TEST_PROCESSES=1 runs everything in one process.
TEST_PROCESSES ?= 2
test: messages ## Run the whole test suite on fresh test databases (2 processes), then the date-sensitive tests at fixed dates
	$(VENV)/bin/pytest --create-db $(if $(filter 1,$(TEST_PROCESSES)),,-n $(TEST_PROCESSES) --dist loadgroup)
	$(PY) tests/fixed_dates.py

multinode: messages ## Only the two-node test: real redis-server, two gunicorn nodes (also part of make test)
	$(VENV)/bin/pytest tests/test_multinode.py

lint: install ## Check style with ruff and the layer order between the apps (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install ## Fix style with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: messages ## Benchmarks side by side (own database; BENCH_BUURTEN=1000 for the full scale)
	@command -v wrk >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "Please install wrk (sudo apt-get install wrk)"; exit 1; fi; }
	DJANGO_SETTINGS_MODULE=config.settings.serve $(MANAGE) collectstatic --noinput --verbosity=0
	$(PY) bench/run.py

loadtest: messages ## Load test of four buurten with a database restart in the middle (own database, port 8130)
	$(PY) loadtest/run.py

clean: stop-db ## Remove .venv and .data (all local data!)
	rm -rf $(VENV) .data node_modules static/vendor
