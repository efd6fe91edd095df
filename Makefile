# The two commands of the README: `make run` and `make test`.
VENV    := .venv
BIN     := $(VENV)/bin
GAZETTE := data/gazettes/dongcheng-gazette-2020-01.txt
PYTHON  ?= python3

.PHONY: run test setup bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

setup: $(VENV)/.installed

# Ingest the bundled gazette into the embedded store and serve the dashboard.
run: setup
	$(BIN)/govkg ingest $(GAZETTE)
	$(BIN)/govkg dashboard

# The whole test suite, with a real Neo4j server (started here, stopped after).
test: setup
	@bash services/neo4j/start || echo "make test: Neo4j did not start; its tests skip (and fail under CI=true)"
	@status=0; $(BIN)/python -m pytest $(PYTEST_ARGS) || status=$$?; bash services/neo4j/stop; exit $$status

# Every figure of docs/benchmarks.md beside its baseline (bench/run.py), with Neo4j started here.
bench: setup
	@bash services/neo4j/start
	@status=0; $(BIN)/python bench/run.py $(BENCH_ARGS) || status=$$?; bash services/neo4j/stop; exit $$status
