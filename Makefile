# Backstride: two commands.  `make run` serves the app, `make test` runs every test.
# Both create .venv when missing and install pinned dependencies (constraints.txt).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SYSSTAMP := $(VENV)/.system-deps
# Debian packages the tests need (installed with apt by scripts/system-deps.sh).
SYSTEM_PACKAGES := chromium postgresql
# npm packages the browser tests load into pages (axe-core), pinned in package-lock.json.
NODESTAMP := node_modules/.installed

.PHONY: run test lint install system-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps -c constraints.txt mediapipe
	touch $(STAMP)

install: $(STAMP)

$(SYSSTAMP): scripts/system-deps.sh $(BIN)/python
	bash scripts/system-deps.sh $(SYSTEM_PACKAGES)
	touch $(SYSSTAMP)

system-deps: $(SYSSTAMP)

$(NODESTAMP): package.json package-lock.json
	command -v npm >/dev/null || bash scripts/system-deps.sh nodejs npm
	npm ci --no-audit --no-fund --prefer-offline
	touch $(NODESTAMP)

run: $(STAMP)
	$(BIN)/backstride serve --demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

test: $(STAMP) $(SYSSTAMP) $(NODESTAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	command -v node >/dev/null || bash scripts/system-deps.sh nodejs
	node --test tests/js/
	$(BIN)/python -m pytest -n 2 -q
	@echo "== web suite again on a throwaway PostgreSQL server =="
	bash scripts/pg-test.sh $(BIN)/python -m pytest -n 2 -q tests/web -m "not browser"

bench: $(STAMP)
	$(BIN)/python benchmarks/gait_accuracy.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache .hypothesis
