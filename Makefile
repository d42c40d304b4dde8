# backcoach: `make run` installs what is missing and starts the coach; `make test` checks everything.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
APT_PACKAGES := espeak-ng libespeak-ng1 libportaudio2 libspeexdsp1 pulseaudio libasound2-plugins alsa-utils sox flite
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Tests and CI use the shared model unless the caller points elsewhere.
export BACKCOACH_MODEL ?= $(if $(wildcard ../shared/models/vosk-model-small-en-us),$(abspath ../shared/models/vosk-model-small-en-us),)

.PHONY: run test lint typecheck unit system-deps venv bench clean

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

venv: system-deps $(VENV)/.installed

run: venv
	@$(VENV)/bin/backcoach models path >/dev/null 2>&1 || $(VENV)/bin/backcoach models download
	$(VENV)/bin/backcoach

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: venv
	$(VENV)/bin/mypy intents voice

unit: venv
	$(VENV)/bin/pytest -q

test: lint typecheck unit

bench: venv
	$(PY) -m pip install -q -e '.[dev,bench]'
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info
