# fundreport: make run (the fixtures' deliveries into reports/), make test.
SWIFT ?= swift
BIN := .build/release/fundreport
# The fixtures' latest complete quarter and budget year, and a fixed
# generation time so that repeated runs give byte-identical deliveries.
PERIOD ?= 2026-Q3
YEAR ?= 2025
CREATED ?= 2026-10-15T06:00:00Z

.PHONY: build run test lint fixtures clean bench

build:
	$(SWIFT) build -c release --product fundreport

run: build
	$(BIN) report quartalsbericht --input fixtures/export --period $(PERIOD) --out reports --created $(CREATED)
	$(BIN) report zwischennachweis --input fixtures/export --period $(YEAR) --out reports --created $(CREATED)

test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

fixtures:
	python3 fixtures/generate.py

clean:
	rm -rf .build reports/*/

# Benchmark against DuckDB on a synthetic ledger: make bench ROWS=10000000
ROWS ?= 1000000
bench: build
	python3 bench/bench.py --rows $(ROWS)
