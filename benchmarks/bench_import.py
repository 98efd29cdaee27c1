"""Importing a 10,000-question GIFT file into a user bank (budget: under 3 s).

    python benchmarks/bench_import.py [--questions N] [--json]

Measures the whole `cpim-sim bank import` path in this process: reading and
decoding the file, parsing, writing the bank's TOML, the validator's check of it
and the build of its SQLite bank (the first exam on it then opens at once).
Median of 3 runs, each on a fresh data folder.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

CATEGORIES = ("Inventory", "Demand", "Supply", "Quality")


def make_gift(n: int) -> str:
    out = []
    for k in range(n):
        if k % 500 == 0:
            out += [f"$CATEGORY: $course$/top/{CATEGORIES[(k // 500) % len(CATEGORIES)]}", ""]
        out.append(f"::Q{k}::Question {k}: which of these planning terms is described by case number {k}? "
                   f"{{\n"
                   f"  =Answer {k} right#Because it fits case {k}.\n  ~Answer {k} wrong one\n"
                   f"  ~Answer {k} wrong two\n  ~Answer {k} wrong three\n"
                   f"  ####Case {k} is explained here in a sentence of ordinary length.\n}}\n")
    return "\n".join(out)


def measure(n: int) -> dict[str, float]:
    from simulator.core.blueprint import load_blueprint
    from simulator.exchange import check_user_bank
    from simulator.storage.bank import open_bank
    from simulator.storage.userbanks import bank_paths, import_file
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "big.gift"
        source.write_text(make_gift(n), encoding="utf-8")
        for run in range(3):
            data = Path(tmp) / f"data{run}"
            data.mkdir()
            start = time.perf_counter()
            report = import_file(data, source, None, "big", check=check_user_bank)
            src, blueprint, folder = bank_paths(data, "big")
            bank, problems = open_bank(src, folder, load_blueprint(blueprint))
            bank.close()
            times.append(time.perf_counter() - start)
            assert report.imported == n and not problems, (report.imported, problems[:3])
    return {"questions": n, "import_s": round(statistics.median(times), 3), "budget_s": 3.0}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--result", action="store_true", help="print the figures for benchmarks/run.py")
    args = parser.parse_args()
    figures = measure(args.questions)
    if args.json:
        print(json.dumps(figures))
    elif args.result:  # for benchmarks/run.py
        from common import emit
        emit(figures)
    else:
        verdict = "PASS" if figures["import_s"] <= figures["budget_s"] else "FAIL"
        print(f"import of {figures['questions']:,} GIFT questions: {figures['import_s']:.2f} s "
              f"(budget {figures['budget_s']:.0f} s) {verdict}")
    return 0 if figures["import_s"] <= figures["budget_s"] else 3


if __name__ == "__main__":
    sys.exit(main())
