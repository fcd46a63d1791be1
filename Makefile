# Jointly: `make demo` to see it work, `make test` to check it. Both install what is missing.
SHELL := /bin/bash
SWIFT ?= swift
DEBIAN_PACKAGES := libsqlite3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm sqlite3 tidy
BIN := .build/debug/jointly
DEMO_DB := demo.sqlite
SLUG := russia-telegram-2018

.PHONY: all deps build demo test fuzz embed clean

all: build

# Installs the Debian packages the build and the tests use, only those missing.
deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
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
	$(BIN) render $(SLUG) --format md --output public/$(SLUG).md --db $(DEMO_DB)
	$(BIN) render $(SLUG) --format html --output public/$(SLUG).html --db $(DEMO_DB)
	@echo
	@echo "The example statement is in $(DEMO_DB); open these:"
	@echo "  $(CURDIR)/public/$(SLUG).html"
	@echo "  $(CURDIR)/public/$(SLUG).md"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --disable-xctest

# libFuzzer over the CSV reader, the front-matter parser and the Markdown escaper,
# FUZZ_SECONDS each (default 30); fails on a crash or if a fuzzer hardly ran.
fuzz: deps
	./scripts/fuzz

# After editing templates/ or the example in statements/: compile them into the binary.
embed:
	./scripts/embed-defaults

clean:
	rm -rf .build public $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
