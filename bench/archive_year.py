#!/usr/bin/env python3
"""A year of nightly runs with a ledger that grows every day: what the archive costs.

  python3 bench/archive_year.py [--rows 1000000] [--nights 365]

The bench export (bench/generate.py) is the ledger at the end of the year; night d
of 2026 sees its first d/365 records. Every night `fundreport run` makes the due
Quartalsberichte, Zwischennachweise and Mittelabrufe (replacing the drafts whose
inputs changed, which is every night); a controller submits each on its due day.
Printed: the time per night, and the archive's size and files at the end of every
month and of the year. docs/decisions.md ("The archive") has the figures.
"""
import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, ".build", "release", "fundreport")
CONFIG = """export: export
output: reports
jobs:
  - kind: quartalsbericht
    after_days: 15
  - kind: zwischennachweis
    lead_days: 60
  - kind: mittelabruf
    day: 15
    bedarf: "120000,00"
"""


def archive_size(folder):
    path = os.path.join(folder, "reports", "register-archiv")
    if not os.path.isdir(path):
        return 0, 0
    names = [n for n in os.listdir(path) if n.endswith(".gz")]
    return sum(os.path.getsize(os.path.join(path, n)) for n in names), len(names)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--nights", type=int, default=365)
    parser.add_argument("--seed", type=int, default=436)
    args = parser.parse_args()
    data = os.path.join(ROOT, ".bench", f"data-{args.rows}-{args.seed}")
    if not os.path.exists(os.path.join(data, "buchungen.csv")):
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"), "--rows", str(args.rows),
                        "--seed", str(args.seed), "--out", data], check=True)
    with open(os.path.join(data, "buchungen.csv"), "rb") as f:
        ledger = f.read()
    # Records end in CRLF; a line break inside a quoted text is a bare LF (bench/generate.py).
    header, *records = ledger.split(b"\r\n")
    if records and records[-1] == b"":
        records.pop()
    work = tempfile.mkdtemp(prefix="fundreport-archive-year-")
    try:
        export = os.path.join(work, "export")
        os.mkdir(export)
        for name in os.listdir(data):
            if name != "buchungen.csv":
                shutil.copy(os.path.join(data, name), export)
        config = os.path.join(work, "fundreport.yaml")
        with open(config, "w") as f:
            f.write(CONFIG)
        times = []
        submitted = 0
        start = datetime.date(2026, 1, 1)
        print(f"{args.nights} nights, ledger growing to {len(records):,} records ({len(ledger) / 1e6:,.0f} MB)")
        print(f"{'night':>10} {'records':>10} {'run s':>7} {'archive MB':>11} {'files':>6}")
        for night in range(args.nights):
            day = start + datetime.timedelta(days=night)
            count = len(records) * (night + 1) // args.nights
            with open(os.path.join(export, "buchungen.csv"), "wb") as f:
                f.write(header + b"\r\n" + b"\r\n".join(records[:count]) + (b"\r\n" if count else b""))
            began = time.perf_counter()
            run = subprocess.run([BINARY, "run", "--config", config, "--as-of", day.isoformat(),
                                  "--created", f"{day.isoformat()}T02:30:00Z"], capture_output=True, text=True)
            times.append(time.perf_counter() - began)
            if run.returncode not in (0, 1):
                sys.exit(f"night {day}: exit {run.returncode}\n{run.stderr}")
            # The controller submits what is due today.
            history = subprocess.run([BINARY, "history", "--register", os.path.join(work, "reports", "register.sqlite"),
                                      "--json"], capture_output=True, text=True, check=True)
            for entry in json.loads(history.stdout):
                if entry["status"] != "entwurf":
                    continue
                due = {"Quartalsbericht": day.day == 15 and day.month in (1, 4, 7, 10),
                       "Mittelabruf": entry["period"] == day.isoformat(),
                       "Zwischennachweis": day == datetime.date(day.year, 4, 30)}.get(entry["kind"], False)
                if due:
                    folder = os.path.join(work, "reports", entry["folder"]) if not entry["folder"].startswith("/") \
                        else entry["folder"]
                    subprocess.run([BINARY, "submit", folder, "--by", "Bench", "--justification", "Bench"],
                                   capture_output=True, check=True)
                    submitted += 1
            if (day + datetime.timedelta(days=1)).day == 1 or night == args.nights - 1:
                size, files = archive_size(work)
                print(f"{day.isoformat():>10} {count:>10,} {times[-1]:7.2f} {size / 1e6:11.1f} {files:6}", flush=True)
        size, files = archive_size(work)
        print(f"\nruns: {sum(times):.0f} s in all, {sum(times) / len(times):.2f} s per night on average, "
              f"{max(times):.2f} s at most; {submitted} deliveries submitted")
        print(f"archive at the end: {size / 1e6:,.1f} MB in {files} files "
              f"({size / len(ledger):.2f} x the final ledger)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
