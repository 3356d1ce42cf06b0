# Two entry points that work on a fresh machine with Python 3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck check bench soak clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's metadata changes (editable install).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/tutor lint examples/ || [ $$? -eq 1 ]  # 1 means "found pitfalls": the point of the demo

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy cannot follow setuptools' editable-install finder, so give it a tree
# of links shaped like the installed package.
typecheck: $(STAMP)
	rm -rf build/typecheck && mkdir -p build/typecheck/pitfall_tutor
	cp cli/root/__init__.py cli/root/__main__.py build/typecheck/pitfall_tutor/
	for part in rules server cli katas; do ln -s ../../../$$part build/typecheck/pitfall_tutor/$$part; done
	cd build/typecheck && ../../$(BIN)/mypy --config-file ../../pyproject.toml -p pitfall_tutor

check: test lint typecheck

bench: $(STAMP)
	$(BIN)/python benchmarks/compare.py

# The server soak and 20x longer property tests (tests/reliability/); minutes, not seconds.
soak: $(STAMP)
	TUTOR_FUZZ_SCALE=20 $(BIN)/python -m pytest tests/reliability -m "soak or not soak" -s -q

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
