# fundreport: make run (the fixtures' deliveries into reports/), make test.
SWIFT ?= swift
BIN := .build/release/fundreport
# The main job on the fixtures: the nightly run as of 16.10.2026 (the
# Quartalsbericht 2026-Q3, the Zwischennachweis 2025, the Mittelabruf of
# 15.10.2026), with a fixed generation time so that runs are byte-identical.
AS_OF ?= 2026-10-16
CREATED ?= 2026-10-15T06:00:00Z

.PHONY: build run test lint fixtures clean bench fuzz dashboard

build:
	$(SWIFT) build -c release --product fundreport

run: build
	$(BIN) run --config fixtures/cron/fundreport.yaml --as-of $(AS_OF) --created $(CREATED) --verbose

# The controller's pages for the fixtures as of 30.09.2026, and the README's screenshots of them (chromium).
dashboard: build
	$(BIN) dashboard --input fixtures/export --as-of 2026-09-30 --out reports/uebersicht
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,760 \
	  --screenshot=docs/dashboard-start.png file://$(CURDIR)/reports/uebersicht/index.html
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1500 \
	  --screenshot=docs/dashboard-grant.png file://$(CURDIR)/reports/uebersicht/MPSC-2021-WUP-B.html

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

# libFuzzer on the CSV reader and the export loader (Fuzz/, seeds in Fuzz/corpus/):
# make fuzz FUZZ_SECONDS=600. New inputs go to .fuzz-corpus/, crashes to Fuzz/crash-*;
# copy a crash into Fuzz/corpus/ once it is fixed, so that make test runs it.
FUZZ_SECONDS ?= 300
fuzz:
	cd Fuzz && $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
	mkdir -p .fuzz-corpus
	cd Fuzz && ./.build/release/FuzzExport -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 \
	  -artifact_prefix=crash- -print_final_stats=1 ../.fuzz-corpus corpus
