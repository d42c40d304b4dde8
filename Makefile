# backcoach: `make run` installs what is missing and starts the coach; `make test` checks everything.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
VENV ?= .venv
PY := $(VENV)/bin/python
APT_PACKAGES := espeak-ng libespeak-ng1 libportaudio2 libspeexdsp1 pulseaudio libasound2-plugins alsa-utils sox flite
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The speech model is found by backcoach itself (BACKCOACH_MODEL, models/, the user data
# folder, ../shared): see models/README.md.

.PHONY: run test lint typecheck unit model system-deps venv bench clean

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "==> Installing system packages with $(strip $(SUDO) apt-get) (Debian/Ubuntu, about a minute):$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing \
	    | sed -u -n 's/^Setting up/    &/p'; \
	fi

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || { echo "==> Creating the Python environment in $(VENV)"; python3 -m venv $(VENV); }
	@echo "==> Installing Python packages into $(VENV) (about a minute the first time)"
	@$(PY) -m pip install -q --upgrade pip
	@$(PY) -m pip install -e '.[dev]' \
	  | sed -u -n 's/^Collecting/    &/p'
	@touch $@

venv: system-deps $(VENV)/.installed

model: venv
	@$(VENV)/bin/backcoach models path >/dev/null 2>&1 || $(VENV)/bin/backcoach models download

run: model
	@echo "==> Fitting the understanding models if they are not cached yet (once: about two minutes)"
	@$(PY) -c 'from intents.matcher import load_matcher; load_matcher().statistical.load()'
	@echo "==> Starting backcoach. Next time, run $(VENV)/bin/backcoach (or make run); say goodbye to stop."
	$(VENV)/bin/backcoach

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: venv
	$(VENV)/bin/mypy intents voice

unit: venv
	@model=$$($(VENV)/bin/backcoach models path 2>&1) \
	  && echo "==> Testing with the speech model $$model" \
	  || { echo "make test: $${model#backcoach: }" >&2; exit 1; }
	@echo "==> Fitting the understanding models once (cached; both test runs below read them)"
	@$(PY) -c 'from intents.matcher import load_matcher; load_matcher().statistical.load()'
	@# The live tests (real audio in real time, a real clock: marker `live`) run at normal
	@# priority; the rest beside them at nice 5 (at nice 10 a subprocess of theirs got ~10% of a
	@# core while two live tests decoded, and timed out), their output shown when both are done.
	@rest=$$(mktemp); \
	nice -n 5 $(VENV)/bin/pytest -q -m "not live" -p no:cacheprovider >$$rest 2>&1 & other=$$!; \
	echo "==> Live tests (the other tests run beside them; their output follows)"; \
	$(VENV)/bin/pytest -q -m live; live=$$?; \
	wait $$other; rc=$$?; \
	echo "==> The other tests"; cat $$rest; rm -f $$rest; \
	[ $$live = 0 ] && [ $$rc = 0 ]

test: lint typecheck unit

bench: venv
	$(PY) -m pip install -q -e '.[dev,bench]'
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info
