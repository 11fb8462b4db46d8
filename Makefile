# Two commands after cloning: `make run` and `make test`. Both set everything up on first use.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: setup run test lint bench bench-quick bench-speed demo screenshots clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/system-deps.sh
	@bash scripts/system-deps.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: setup
	$(VENV)/bin/jeweldesk

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks
	$(MAKE) --no-print-directory bench-speed

# Issue 16's table at 100,000 tickets: every row a ratio against its bare baseline, aim beside.
bench-speed: setup
	xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks.speed_bench 100000

# The same table at 20,000 tickets, in a few minutes.
bench-quick: setup
	xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks.speed_bench 20000

screenshots: setup
	xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) scripts/screenshots.py

demo: setup
	$(VENV)/bin/jeweldesk demo --tickets 400

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
