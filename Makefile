# Two commands do everything on a fresh machine with Python 3.11: `make demo` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: demo test system-deps serve server-stack clean

demo: $(STAMP)
	$(VENV)/bin/advisory demo

test: $(STAMP) system-deps
	$(PY) -m pytest

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

system-deps:
	bash scripts/install-system-deps.sh

serve: $(STAMP)
	$(VENV)/bin/advisory serve

server-stack: $(STAMP)
	bash scripts/start-server-stack.sh

clean:
	rm -rf var output
