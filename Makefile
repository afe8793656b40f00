# The two commands of README.md:  make run  (start the client)  and  make test  (every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test lint bench translations bundle deb clean

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

# The installers (README, "Install and upgrade"). `make bundle`: the PyInstaller one-folder
# program in dist/onewindow/ (the Windows installer, installer/windows/onewindow.iss, packs it).
# `make deb`: that bundle as dist/onewindow_<version>_<arch>.deb. DEB_VERSION=V stamps another
# version on the package (the upgrade test's older one); `make -o bundle deb` reuses the bundle.
DIST ?= dist
# The bundle runs on CPython >= 3.12 where one is found (None/True/False are immortal there, so
# ui/refcount_guard.py has nothing to do), else on $(PYTHON) with the guard active. It is built
# in its own venv holding the runtime dependencies and PyInstaller, nothing else.
BUNDLE_PYTHON ?= $(firstword $(wildcard /usr/bin/python3.12 $(HOME)/.pyenv/versions/3.12.*/bin/python3.12 \
	/usr/bin/python3.13 $(HOME)/.pyenv/versions/3.13.*/bin/python3.13) $(PYTHON))
BUNDLE_VENV := build/bundle-venv
BUNDLE_STAMP := $(BUNDLE_VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

bundle: $(BUNDLE_STAMP)
	@scripts/system-packages.sh build
	$(BUNDLE_VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath $(DIST) \
		--workpath build/pyinstaller installer/onewindow.spec

deb: bundle
	$(BUNDLE_VENV)/bin/python installer/linux/build_deb.py --bundle $(DIST)/onewindow \
		--out $(DIST) $(if $(DEB_VERSION),--version $(DEB_VERSION))

$(BUNDLE_STAMP): pyproject.toml
	rm -rf $(BUNDLE_VENV)
	$(BUNDLE_PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_VENV)/bin/python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
		print("\n".join(p["dependencies"] + [r for r in p["optional-dependencies"]["test"] \
		if r.startswith("pyinstaller")]))' > $(BUNDLE_VENV)/requirements.txt
	$(BUNDLE_VENV)/bin/python -m pip install -q -r $(BUNDLE_VENV)/requirements.txt
	touch $@

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $@

clean:
	rm -rf $(VENV) build dist *.egg-info
