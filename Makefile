# fundreport: make run (the fixtures' deliveries into reports/), make test.
SWIFT ?= swift
BIN := .build/release/fundreport
# The main job on the fixtures: the nightly run as of 16.10.2026 (the
# Quartalsbericht 2026-Q3, the Zwischennachweis 2025, the Mittelabruf of
# 15.10.2026), with a fixed generation time so that runs are byte-identical.
AS_OF ?= 2026-10-16
CREATED ?= 2026-10-15T06:00:00Z

.PHONY: build run test lint fixtures clean bench

build:
	$(SWIFT) build -c release --product fundreport

run: build
	$(BIN) run --config fixtures/cron/fundreport.yaml --as-of $(AS_OF) --created $(CREATED) --verbose

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
