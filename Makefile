# Two commands do everything on a fresh machine: `make serve` and `make test`.
# CI runs as root on a clean clone: every install happens here, nothing by hand.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# MkDocs 1.x prints a banner about MkDocs 2 on every run; it is noise here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench lint format install chromium java hunspell poppler nginx clean

# As a host should serve it: each language's 404 page, and the precompressed copies.
serve: build
	@echo "Ctrl+C to stop"
	$(BIN)/python scripts/serve.py --port $(PORT) --directory site

build: install hunspell chromium
	$(BIN)/mkdocs build --strict

# Two workers, one per core (the suite waits on browsers half the time): tests/conftest.py
# builds and serves the site once for both and hands out the tests. The slowest tests are
# listed at the end, so every CI log shows where the time goes.
test: install chromium java hunspell poppler nginx
	$(MAKE) lint
	$(BIN)/python -m pytest -n 2 --durations=25

# Speed of the tools against stock pages (a benchmark: prints a table, writes bench-results.json).
bench: install chromium hunspell
	$(BIN)/python scripts/bench.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian's Chromium drives the browser tests; Playwright must never download its own.
chromium:
	@command -v chromium >/dev/null || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The Nu HTML Checker (npm vnu-jar) runs on the system's Java.
java:
	@command -v java >/dev/null || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }

# hunspell: the build derives Welsh search's word families with it (hooks/search.py, with npm's
# dictionary-cy), and the spelling tests use it, with Debian's en-GB dictionary for English.
hunspell:
	@command -v hunspell >/dev/null && [ -f /usr/share/hunspell/en_GB.dic ] || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hunspell hunspell-en-gb; }

# The PDF tests read the built PDFs with poppler's pdftotext and pdfinfo.
poppler:
	@command -v pdftotext >/dev/null || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils; }

# tests/test_deploy_browser.py runs deploy/nginx.conf on Debian's nginx, with the brotli module
# and a throwaway certificate (openssl).
nginx:
	@command -v nginx >/dev/null && [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] \
	  && command -v openssl >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq nginx-light libnginx-mod-http-brotli-static openssl; }

clean:
	rm -rf site .pytest_cache .ruff_cache
