# Set-up is idempotent: each step is skipped when its output is current.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 7860
PYTEST_ARGS ?=

# Nothing phones home.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: run test setup install model index bench clean

run: setup
	$(PY) app.py --host $(HOST) --port $(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

setup: install model index

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

model: install
	$(PY) -m assistant.retrieval.provision

index: model
	$(PY) -m assistant index build

bench: setup
	$(PY) -m benchmarks.bench_retrieval
	$(PY) -m benchmarks.bench_indices
	$(PY) -m benchmarks.bench_app
	$(PY) -m benchmarks.bench_background_indexing

clean:
	rm -rf var .pytest_cache
