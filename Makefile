# The two commands of README.md:  make run  (start the client)  and  make test  (every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test lint bench translations clean

run: $(STAMP)
	@scripts/system-packages.sh run
	$(BIN)/onewindow $(ARGS)

test: $(STAMP)
	@scripts/system-packages.sh test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports && $(BIN)/mypy

bench: $(STAMP)
	@scripts/system-packages.sh test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.benchmarks

# Refresh the catalogues from ui/ (new strings appear unfinished in onewindow_en.ts: translate
# them with $(BIN)/pyside6-linguist), then compile the .qm files the client loads.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -silent $$(find ui -name '*.py' | sort) -source-language zh_CN \
		-target-language en -no-obsolete -locations none -ts resources/i18n/onewindow_en.ts
	$(BIN)/pyside6-lupdate -silent $$(find ui -name '*.py' | sort) -source-language zh_CN \
		-target-language zh_CN -no-obsolete -locations none -ts resources/i18n/onewindow_zh_CN.ts
	$(BIN)/pyside6-lrelease -silent resources/i18n/onewindow_en.ts resources/i18n/onewindow_zh_CN.ts

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $@

clean:
	rm -rf $(VENV) build dist *.egg-info
