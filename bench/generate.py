#!/usr/bin/env python3
"""A synthetic city export in the interface's layout, deterministic by seed.

  python3 bench/generate.py --rows 1000000 --seed 436 --out .bench/data-1m

The ledger has `--rows` bookings of the whole city, about 5 % of them on the
cost objects of four grants; texts carry umlauts, quotes, `;` and line breaks
in quotes. Amounts are written without grouping (`1234,56`), which the
interface allows and DuckDB's CSV reader can parse too.
"""
import argparse
import os
import random

GRANTS = [
    ("MPSC-B-2023-01", "01.01.2023", "31.12.2027", "90,00", "nein"),
    ("MPSC-B-2023-02", "01.01.2023", "31.12.2027", "65,00", "ja"),
    ("MPSC-A-2021-03", "01.09.2021", "30.09.2026", "90,00", "nein"),
    ("MPSC-B-2024-04", "01.04.2024", "31.03.2028", "65,00", "nein"),
]
ITEMS = ["personal", "sachausgaben", "auftraege", "investitionen"]
ACCOUNTS = [("50", "personal"), ("52", "sachausgaben"), ("529", "auftraege"), ("78", "investitionen"),
            ("58", "nicht_foerderfaehig"), ("5491", "nicht_foerderfaehig")]
ACCOUNT_NUMBERS = ["5011000", "5012000", "5221000", "5281000", "5291000", "5291100", "7831000", "7851000",
                   "5811000", "5491000", "6100000"]
PAYEES = ["Müller & Söhne GmbH", "Stadtwerke Wuppertal AG", "Büro Öztürk", "Weiß IT-Consulting",
          "Agentur \"Zukunft Tal\"", "Dr. Jürgen Haß", "Bergische Universität", "Schwebebahn Service GmbH"]
PURPOSES = ["Abschlagsrechnung {n}", "Schlussrechnung {n}; Los 2", "Gutachten \"Starkregen\" Teil {n}",
            "Lieferung {n}\nlt. Vertrag", "Wartung Straßenbeleuchtung {n}", "Gebühren {n}", "Miete {n}"]


def quote(value):
    if any(c in value for c in ';"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(";".join(header) + "\r\n")
        for row in rows:
            f.write(";".join(quote(str(c)) for c in row) + "\r\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=436)
    parser.add_argument("--out", required=True)
    parser.add_argument("--clean-grants", action="store_true",
                        help="grant rows only on mapped accounts and paid within their grant's period "
                             "(without it, about 9 %% of them hit an unmapped account and many predate the grant: "
                             "R-KONTO and R-ZEITRAUM findings with thousands of places)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)

    write(os.path.join(args.out, "zuwendung.csv"),
          ["foerderkennzeichen", "zuwendungsempfaenger", "programm", "bewilligungszeitraum_beginn",
           "bewilligungszeitraum_ende", "foerderquote", "zuwendungsfaehige_ausgaben", "zuwendung_hoechstbetrag",
           "vorsteuerabzug"],
          [[g, "Stadt Musterstadt", "Modellprojekte Smart Cities", b, e, q, "900000000,00", "800000000,00", v]
           for g, b, e, q, v in GRANTS])
    measures, plan, objects = [], [], []
    for g, *_ in GRANTS:
        for m in range(1, 6):
            mid = f"M-{m}"
            measures.append([g, mid, f"Maßnahme {m} „Digitale Stadt“", "B"])
            for item in ITEMS:
                for year in range(2021, 2029):
                    plan.append([g, mid, item, year, f"{rng.randint(50_000, 900_000)},00"])
            for o in range(3):
                objects.append([f"P.{g[-2:]}.{m:02d}.{o:02d}", g, mid])
    write(os.path.join(args.out, "massnahmen.csv"), ["foerderkennzeichen", "massnahme", "bezeichnung", "phase"], measures)
    write(os.path.join(args.out, "finanzplan.csv"),
          ["foerderkennzeichen", "massnahme", "kostenposition", "jahr", "planbetrag"], plan)
    write(os.path.join(args.out, "kostenobjekte.csv"), ["kostenobjekt", "foerderkennzeichen", "massnahme"], objects)
    write(os.path.join(args.out, "sachkonten.csv"), ["sachkonto_praefix", "kostenposition"], ACCOUNTS)
    write(os.path.join(args.out, "basiszinssatz.csv"), ["gueltig_ab", "satz"],
          [["01.07.2016", "-0,88"], ["01.01.2023", "1,62"], ["01.07.2023", "3,12"], ["01.01.2024", "3,62"],
           ["01.07.2024", "3,37"], ["01.01.2025", "2,27"], ["01.07.2025", "1,27"]])

    funded = [o[0] for o in objects]
    grant_of = {o[0]: o[1] for o in objects}
    mapped = [a for a in ACCOUNT_NUMBERS if a != "6100000"]
    others = [f"K.{rng.randint(100000, 999999)}" for _ in range(5000)]
    days = [f"{d:02d}.{m:02d}.{y}" for y in range(2021, 2027) for m in range(1, 13) for d in range(1, 29)]

    def iso(day):
        d, m, y = day.split(".")
        return y + m + d
    days_of = {g: [d for d in days if iso(begin) <= iso(d) <= iso(end)] for g, begin, end, *_ in GRANTS}
    payees = [quote(p) for p in PAYEES]
    purposes = [[quote(p.format(n=n)) for n in range(40)] for p in PURPOSES]
    with open(os.path.join(args.out, "buchungen.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("beleg_nr;buchungsdatum;zahlungsdatum;kostenobjekt;sachkonto;empfaenger;verwendungszweck;"
                "netto;ust;brutto\r\n")
        batch = []
        rand = rng.random
        choice = rng.choice
        for i in range(args.rows):
            co = choice(funded) if rand() < 0.05 else choice(others)
            clean = args.clean_grants and co in grant_of
            day = choice(days_of[grant_of[co]]) if clean else choice(days)
            paid = "" if rand() < 0.03 else day
            gross = rng.randint(100, 2_000_000)
            net = gross * 100 // 119
            vat = gross - net
            account = choice(mapped) if clean else choice(ACCOUNT_NUMBERS)
            batch.append(f"RE-{i + 1000000};{day};{paid};{co};{account};{choice(payees)};"
                         f"{choice(choice(purposes))};{net // 100},{net % 100:02d};{vat // 100},{vat % 100:02d};"
                         f"{gross // 100},{gross % 100:02d}\r\n")
            if len(batch) >= 100_000:
                f.write("".join(batch))
                batch.clear()
        f.write("".join(batch))


if __name__ == "__main__":
    main()
