#!/usr/bin/env python3
"""make bench: fundreport against DuckDB on a synthetic city ledger.

  python3 bench/bench.py [--rows 1000000] [--runs 3] [--clean-grants]

Generates the export (bench/generate.py, deterministic) once per size under
.bench/, installs DuckDB from PyPI into .bench/venv, and times on the same
files (the commands take turns, one run each per round, so that a slow spell of
the shared machine does not fall on one of them only):

  wc -l                the floor: reading the file
  fundreport check     read and validate the whole export, evaluate the rules
  fundreport report    the Quartalsbericht 2026-Q3 of every grant (hashes all inputs)
  report, new export   the same into an empty folder (every input archived)
  explain              one figure of the first grant's Quartalsbericht: a sum with its rows, the interest
  outlook              the outlook of every grant at the Stichtag
  dashboard            the controller's pages of every grant
  duckdb (2 threads)   the same per-grant, measure, cost-item and quarter sums

Then a ledger with an unclosed quote, a header of a million fields, and the ledger as an Excel workbook
(bench/xlsx.py) against the CSV ledger.

Each row shows the best wall time of --runs, its CPU time and peak RSS, the
ledger's MB/s and the ratio to DuckDB. Then DuckDB's sums are compared with
fundreport's Finanzuebersicht (per year) and Belegliste (per quarter) to the cent.
"""
import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, ".bench")
BINARY = os.path.join(ROOT, ".build", "release", "fundreport")
STICHTAG = "2026-09-30"

DUCKDB_SCRIPT = r"""
import sys, duckdb
directory, stichtag, out = sys.argv[1], sys.argv[2], sys.argv[3]
con = duckdb.connect()
con.execute("SET threads = 2")
def csv(name, columns):
    return (f"read_csv('{directory}/{name}', delim=';', header=true, quote='\"', escape='\"', "
            f"decimal_separator=',', dateformat='%d.%m.%Y', columns={columns})")
ledger = csv("buchungen.csv", "{'beleg_nr':'VARCHAR','buchungsdatum':'DATE','zahlungsdatum':'DATE',"
             "'kostenobjekt':'VARCHAR','sachkonto':'VARCHAR','empfaenger':'VARCHAR','verwendungszweck':'VARCHAR',"
             "'netto':'DECIMAL(18,2)','ust':'DECIMAL(18,2)','brutto':'DECIMAL(18,2)'}")
grants = csv("zuwendung.csv", "{'foerderkennzeichen':'VARCHAR','zuwendungsempfaenger':'VARCHAR','programm':'VARCHAR',"
             "'beginn':'DATE','ende':'DATE','foerderquote':'VARCHAR','zfa':'VARCHAR','hoechstbetrag':'VARCHAR',"
             "'vorsteuerabzug':'VARCHAR'}")
objects = csv("kostenobjekte.csv", "{'kostenobjekt':'VARCHAR','foerderkennzeichen':'VARCHAR','massnahme':'VARCHAR'}")
accounts = csv("sachkonten.csv", "{'praefix':'VARCHAR','kostenposition':'VARCHAR'}")
plan = csv("finanzplan.csv", "{'foerderkennzeichen':'VARCHAR','massnahme':'VARCHAR','kostenposition':'VARCHAR',"
           "'jahr':'INTEGER','planbetrag':'DECIMAL(18,2)'}")
con.execute(f'''
COPY (
  WITH rows AS (
    SELECT o.foerderkennzeichen AS fkz, o.massnahme, b.sachkonto, b.zahlungsdatum, b.netto, b.brutto
    FROM {ledger} b JOIN {objects} o USING (kostenobjekt)
    WHERE b.zahlungsdatum IS NOT NULL AND b.zahlungsdatum <= DATE '{stichtag}'),
  items AS (
    SELECT a.sachkonto, arg_max(s.kostenposition, length(s.praefix)) AS kostenposition
    FROM (SELECT DISTINCT sachkonto FROM rows) a JOIN {accounts} s ON starts_with(a.sachkonto, s.praefix)
    GROUP BY a.sachkonto),
  planned AS (SELECT DISTINCT foerderkennzeichen AS fkz, kostenposition FROM {plan})
  SELECT r.fkz, r.massnahme, i.kostenposition, year(r.zahlungsdatum) AS jahr, quarter(r.zahlungsdatum) AS quartal,
         sum(CASE WHEN lower(g.vorsteuerabzug) = 'ja' THEN r.netto ELSE r.brutto END) AS ist
  FROM rows r JOIN items i USING (sachkonto) JOIN {grants} g ON g.foerderkennzeichen = r.fkz
  JOIN planned p ON p.fkz = r.fkz AND p.kostenposition = i.kostenposition
  WHERE r.zahlungsdatum BETWEEN g.beginn AND g.ende
  GROUP BY ALL ORDER BY ALL
) TO '{out}' (HEADER, DELIMITER ';')
''')
"""


def measure_once(command):
    """(wall s, CPU s, peak RSS MiB) of one run of `command`, which must exit 0 or 1."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(command)} failed with exit code {code}:\n{stderr}")
    return (wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def measure(commands, runs):
    """The best run (by wall time) of each command. The commands take turns, one run each per round, so
    that a slow spell of the shared machine falls on all of them alike instead of on one."""
    best = [None] * len(commands)
    for _ in range(runs):
        for index, command in enumerate(commands):
            result = measure_once(command)
            if best[index] is None or result[0] < best[index][0]:
                best[index] = result
    return best


def ensure_duckdb():
    venv = os.path.join(BENCH, "venv")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    if subprocess.run([python, "-c", "import duckdb"], capture_output=True).returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "--quiet", "duckdb"], check=True)
    return python


def ours(out_dir):
    """Per (grant, measure, item, year) from the Finanzuebersicht, per (grant, measure, item) of 2026-Q3 from the Belegliste."""
    years, quarter = {}, {}
    for grant in sorted(os.listdir(out_dir)):
        if grant.startswith(".") or grant == "register-archiv" or not os.path.isdir(os.path.join(out_dir, grant)):
            continue
        folder = os.path.join(out_dir, grant, "Quartalsbericht_2026-Q3_v1")
        for name in os.listdir(folder):
            path = os.path.join(folder, name)
            if "_Finanzuebersicht_" in name:
                with open(path, encoding="utf-8-sig", newline="") as f:
                    for row in csv.DictReader(f, delimiter=";"):
                        value = Decimal(row["ist"].replace(",", "."))
                        if value:
                            years[(grant, row["massnahme"], row["kostenposition"], int(row["jahr"]))] = value
            elif "_Belegliste_" in name:
                with open(path, encoding="utf-8-sig", newline="") as f:
                    for row in csv.DictReader(f, delimiter=";"):
                        key = (grant, row["massnahme"], row["kostenposition"])
                        quarter[key] = quarter.get(key, Decimal(0)) + Decimal(row["zuwendungsfaehig"].replace(",", "."))
    return years, quarter


def theirs(path):
    years, quarter = {}, {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            value = Decimal(row["ist"])
            key = (row["fkz"], row["massnahme"], row["kostenposition"], int(row["jahr"]))
            years[key] = years.get(key, Decimal(0)) + value
            if int(row["jahr"]) == 2026 and int(row["quartal"]) == 3:
                quarter[key[:3]] = quarter.get(key[:3], Decimal(0)) + value
    return years, quarter


def unclosed_quote(data, work):
    """The same ledger with one unclosed quote 100 records before its end: reported with its line, in bounded memory."""
    broken = os.path.join(work, "broken")
    os.makedirs(broken)
    for name in os.listdir(data):
        if name != "buchungen.csv":
            os.symlink(os.path.abspath(os.path.join(data, name)), os.path.join(broken, name))
    source = os.path.join(data, "buchungen.csv")
    size = os.path.getsize(source)
    with open(source, "rb") as f:
        f.seek(max(0, size - 200_000))
        tail = f.read()
    # Cut before the 100th record start from the end (a line that starts with "RE-").
    starts = [i + 2 for i in range(len(tail) - 5) if tail[i:i + 5] == b"\r\nRE-"]
    cut = size - len(tail) + starts[-100]
    line = 1
    with open(source, "rb") as f, open(os.path.join(broken, "buchungen.csv"), "wb") as out:
        done = 0
        while done < cut:
            chunk = f.read(min(1 << 24, cut - done))
            line += chunk.count(b"\n")
            out.write(chunk)
            done += len(chunk)
        out.write(b'RE-X;01.07.2026;02.07.2026;K.1;5221000;X;"nie geschlossen;1,00;0,00;1,00\r\n')
        shutil.copyfileobj(f, out)
    start = time.perf_counter()
    process = subprocess.Popen([BINARY, "check", "--input", broken, "--as-of", STICHTAG, "--lang", "de"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode()
    expected = f"buchungen.csv:{line}:42: Fehler: offenes Anführungszeichen"
    found = expected in stderr and os.waitstatus_to_exitcode(status) == 65
    print(f"unclosed quote on line {line:,}: {'reported as ' + repr(expected) if found else 'NOT REPORTED'}; "
          f"exit {os.waitstatus_to_exitcode(status)}, {wall:.2f} s, peak RSS {usage.ru_maxrss / 1024:.0f} MiB")
    if not found:
        sys.exit(stderr[:2000])


def wide_header(work):
    """A header line of a million fields (a runaway header) in the small clean fixture export: read in linear
    time, said in one line per problem."""
    wide = os.path.join(work, "wide")
    os.makedirs(wide)
    data = os.path.join(ROOT, "fixtures", "defects", "clean")
    for name in os.listdir(data):
        if name != "massnahmen.csv":
            os.symlink(os.path.abspath(os.path.join(data, name)), os.path.join(wide, name))
    with open(os.path.join(wide, "massnahmen.csv"), "w") as f:
        f.write(";".join(f"x{i}" for i in range(1_000_000)) + "\r\n1;2\r\n")
    command = [BINARY, "check", "--input", wide, "--as-of", STICHTAG, "--lang", "de"]
    best = None
    for _ in range(3):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        stderr = process.stderr.read().decode()
        if os.waitstatus_to_exitcode(status) != 65 or "massnahmen.csv:1:1: Fehler: die Pflichtspalte" not in stderr:
            sys.exit("the million-field header was not reported:\n" + stderr[:2000])
        best = wall if best is None else min(best, wall)
    print(f"a header of 1,000,000 fields ({os.path.getsize(os.path.join(wide, 'massnahmen.csv')) / 1e6:.1f} MB): "
          f"check {best:.2f} s (best of 3), "
          f"{len(stderr.splitlines())} lines of messages, peak RSS {usage.ru_maxrss / 1024:.0f} MiB")


def workbook_ledger(data, work, runs):
    """The ledger as an Excel workbook (bench/xlsx.py: shared strings, numbers, dates, as Excel writes it) beside
    the same other inputs: check's time and peak RSS against the CSV ledger's, taking turns; the same findings."""
    book = os.path.join(work, "xlsx")
    os.makedirs(book)
    for name in os.listdir(data):
        if name != "buchungen.csv":
            os.symlink(os.path.abspath(os.path.join(data, name)), os.path.join(book, name))
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "xlsx.py"), os.path.join(data, "buchungen.csv"),
                    os.path.join(book, "buchungen.xlsx")], check=True)
    csv_check = [BINARY, "check", "--input", data, "--as-of", STICHTAG]
    xlsx_check = [BINARY, "check", "--input", book, "--as-of", STICHTAG]
    (csv_wall, csv_cpu, csv_rss), (xlsx_wall, xlsx_cpu, xlsx_rss) = measure([csv_check, xlsx_check], runs)
    said = [subprocess.run(command, capture_output=True, text=True).stdout.splitlines() for command in
            (csv_check, xlsx_check)]
    # The file table names the workbook; every line after it (the grants, their findings) must be the same.
    tail = [lines[next(i for i, line in enumerate(lines) if line.startswith("Zuwendung")):] for lines in said]
    if tail[0] != tail[1]:
        sys.exit("check of the workbook ledger differs from the CSV ledger's:\n" + "\n".join(tail[1][:20]))
    size = os.path.getsize(os.path.join(book, "buchungen.xlsx")) / 1e6
    print(f"the ledger as an Excel workbook ({size:,.0f} MB, shared strings): check {xlsx_wall:.2f} s, CPU "
          f"{xlsx_cpu:.2f} s, peak RSS {xlsx_rss:.0f} MiB; the CSV ledger {csv_wall:.2f} s, {csv_rss:.0f} MiB "
          f"(workbook / CSV {xlsx_wall / csv_wall:.2f}, best of {runs}, taking turns); the same findings")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=436)
    parser.add_argument("--clean-grants", action="store_true",
                        help="a ledger whose grant rows have no defects (see bench/generate.py)")
    args = parser.parse_args()

    data = os.path.join(BENCH, f"{'clean' if args.clean_grants else 'data'}-{args.rows}-{args.seed}")
    if not os.path.exists(os.path.join(data, "buchungen.csv")):
        print(f"generating {args.rows} ledger rows into {data} ...", flush=True)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"), "--rows", str(args.rows),
                        "--seed", str(args.seed), "--out", data] + (["--clean-grants"] if args.clean_grants else []),
                       check=True)
    ledger_mb = os.path.getsize(os.path.join(data, "buchungen.csv")) / 1e6
    python = ensure_duckdb()
    work = tempfile.mkdtemp(prefix="fundreport-bench-")
    try:
        script = os.path.join(work, "duckdb_sums.py")
        with open(script, "w") as f:
            f.write(DUCKDB_SCRIPT)
        sums = os.path.join(work, "duckdb.csv")
        reports = os.path.join(work, "reports")
        with open(os.path.join(data, "zuwendung.csv"), encoding="utf-8-sig") as f:
            grant = f.read().splitlines()[1].split(";")[0]  # the first grant
        fresh = os.path.join(work, "fresh")
        commands = [
            ("wc -l (floor)", ["wc", "-l", os.path.join(data, "buchungen.csv")]),
            ("fundreport check", [BINARY, "check", "--input", data, "--as-of", STICHTAG]),
            ("fundreport report", [BINARY, "report", "quartalsbericht", "--input", data, "--period", "2026-Q3",
                                   "--out", reports, "--created", "2026-10-15T06:00:00Z"]),
            # Into an empty output folder each time: every input is archived (gzip beside the register); the
            # run above finds them archived already, as a nightly run over an unchanged export does.
            ("report, new export", ["sh", "-c", f"rm -rf {fresh} && exec {BINARY} report quartalsbericht "
                                    f"--input {data} --period 2026-Q3 --out {fresh} --created 2026-10-15T06:00:00Z"]),
            # One figure explained, as a controller asks: a sum that lists its rows, and the interest.
            ("explain, a sum", [BINARY, "explain", "quartalsbericht", "--input", data, "--period", "2026-Q3",
                                "--grant", grant, "--created", "2026-10-15T06:00:00Z", "--format", "csv",
                                "Finanzen/Summe/IstQuartal"]),
            ("explain, interest", [BINARY, "explain", "quartalsbericht", "--input", data, "--period", "2026-Q3",
                                   "--grant", grant, "--created", "2026-10-15T06:00:00Z",
                                   "Mittel/ZinsenAufgelaufen"]),
            ("outlook", [BINARY, "outlook", "--input", data, "--as-of", STICHTAG]),
            ("dashboard", [BINARY, "dashboard", "--input", data, "--as-of", STICHTAG, "--out",
                           os.path.join(work, "uebersicht")]),
            ("duckdb, 2 threads", [python, script, data, STICHTAG, sums]),
        ]
        rows = list(zip([name for name, _ in commands], measure([command for _, command in commands], args.runs)))
        duck = rows[-1][1][0]
        print(f"\nledger: {args.rows:,} rows, {ledger_mb:,.0f} MB (best of {args.runs} runs, taking turns)\n")
        print(f"{'':20} {'wall s':>8} {'CPU s':>8} {'peak RSS MiB':>13} {'MB/s':>8} {'wall / duckdb':>14}")
        for name, (wall, cpu, rss) in rows:
            print(f"{name:20} {wall:8.2f} {cpu:8.2f} {rss:13.0f} {ledger_mb / wall:8.0f} {wall / duck:14.2f}")
        check, report, archived = rows[1][1][0], rows[2][1][0], rows[3][1][0]
        explain_sum, explain_interest, outlook, dashboard = rows[4][1][0], rows[5][1][0], rows[6][1][0], rows[7][1][0]
        print(f"\nreport / check: {report / check:.2f}")
        print(f"explain / check: {explain_sum / check:.2f} (a sum listing its rows), "
              f"{explain_interest / check:.2f} (the interest); outlook / check: {outlook / check:.2f} "
              f"(target: at most 1.5); dashboard / check: {dashboard / check:.2f} (target: at most 2)")
        archive = os.path.join(fresh, "register-archiv")
        archive_mb = sum(os.path.getsize(os.path.join(archive, name)) for name in os.listdir(archive)) / 1e6
        inputs_mb = sum(os.path.getsize(os.path.join(data, name)) for name in os.listdir(data)) / 1e6
        print(f"archive of a new export: {archived - report:.2f} s more than a report whose inputs are archived "
              f"({archived / report:.2f}x); {archive_mb:,.0f} MB for {inputs_mb:,.0f} MB of inputs "
              f"({archive_mb / inputs_mb:.1%})")

        our_years, our_quarter = ours(reports)
        their_years, their_quarter = theirs(sums)
        differences = [(k, our_years.get(k), their_years.get(k)) for k in sorted(set(our_years) | set(their_years))
                       if our_years.get(k) != their_years.get(k)]
        differences += [(k, our_quarter.get(k), their_quarter.get(k))
                        for k in sorted(set(our_quarter) | set(their_quarter)) if our_quarter.get(k) != their_quarter.get(k)]
        if differences:
            for key, mine, other in differences[:20]:
                print(f"DIFFERENT {key}: fundreport {mine}, duckdb {other}")
            sys.exit(f"{len(differences)} sums differ between fundreport and DuckDB")
        print(f"sums agree to the cent: {len(our_years)} (grant, measure, cost item, year) and "
              f"{len(our_quarter)} (grant, measure, cost item) sums of 2026-Q3")
        unclosed_quote(data, work)
        wide_header(work)
        workbook_ledger(data, work, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
