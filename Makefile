# Two commands do everything on a fresh machine with Python 3.11: `make demo` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: demo test test-fast lint translations system-deps serve server-stack clean

demo: $(STAMP)
	$(VENV)/bin/advisory demo

test: $(STAMP) system-deps lint
	$(PY) -m pytest

# The inner loop: everything but the played demo, the server stack, PostgreSQL, LibreOffice and the browser.
test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow and not postgres and not libreoffice and not browser"

# The code's shape: ruff (style, imports, bugs) and import-linter (the layers of docs/architecture.md).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	$(VENV)/bin/pybabel compile --statistics -d locale -D advisory 2>/dev/null || true
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# After changing words people read: collect them into locale/advisory.pot and every language's catalog;
# then translate the new entries in locale/<language>/LC_MESSAGES/advisory.po (tests fail until all are).
translations: $(STAMP)
	PYTHONPATH=. $(VENV)/bin/pybabel extract -F babel.cfg -k _ -k ngettext:1,2 --no-location --sort-output \
	    --project advisory --copyright-holder "Cluster Observatory" -o locale/advisory.pot . >/dev/null
	$(VENV)/bin/pybabel update -i locale/advisory.pot -d locale -D advisory --no-wrap --ignore-obsolete
	$(VENV)/bin/pybabel compile -d locale -D advisory

system-deps:
	bash scripts/install-system-deps.sh

serve: $(STAMP)
	$(VENV)/bin/advisory serve

server-stack: $(STAMP)
	bash scripts/start-server-stack.sh

clean:
	rm -rf var output
