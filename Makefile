# Two commands set everything up on a fresh machine (Python 3.11, pip and git):
#   make demo   ingest the bundled sample sources, write Parquet and digests
#   make test   run the test suite
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
SYNCED := $(VENV)/.synced
DATA ?= radar-data
export UV_PYTHON_DOWNLOADS := never
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: demo test lint typecheck bench clean browser

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# --compile-bytecode: with PYTHONDONTWRITEBYTECODE set (as on our CI machines) nothing caches
# bytecode, and every run would recompile Prefect's server (5.4 s -> 3.4 s to import it).
$(SYNCED): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON) --quiet
	touch $(SYNCED)

demo: $(SYNCED)
	$(VENV)/bin/radar demo --data $(DATA)

# The digest's screenshot tests render pages in headless Chromium (Debian's package). As root with
# apt-get (CI, fresh machines) it is installed when missing; elsewhere the tests say how to get it.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "note: chromium is not installed (apt-get install chromium); screenshot tests will skip"

# One test file per worker (--dist loadfile): a module's server or ingest fixture starts once, in
# one process. Files are handed out in collection order, where tests/conftest.py puts the files of
# slow and end-to-end tests first (xdist's default order, most tests first, left them for last).
test: $(SYNCED) browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest -n auto --maxprocesses 4 --dist loadfile --no-loadscope-reorder

lint: $(SYNCED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(SYNCED)
	$(VENV)/bin/mypy

bench: $(SYNCED)
	$(VENV)/bin/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) $(TOOLS) $(DATA) .pytest_cache .mypy_cache .ruff_cache
