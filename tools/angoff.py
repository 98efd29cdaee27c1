"""The modified-Angoff standard setting of the shipped bank, as a script.

    python tools/angoff.py extract OUT.txt      the items as raters see them (stem, options, key)
    python tools/angoff.py merge [--write]      read the raters' files, report, and (with --write)
                                                put `angoff = [...]` and the difficulty it gives into
                                                every item of question_db/

Raters work alone: each writes question_db/reviews/angoff/rater-NAME.tsv with one line
`ITEM-ID<TAB>p` per item, p the probability that a minimally qualified candidate answers
it correctly (0.05 to 0.95), never seeing the other files. The merge keeps each item's
ratings in its source, sets its Rasch difficulty from the mean rating
(b = passing_theta - ln(p / (1 - p))), lists the items whose raters differ by more
than 0.3 for a second look, and reports the raw cut this standard gives on a full
form beside the one the authors' estimates gave.
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.core.validate import bank_files, validate_paths  # noqa: E402
from simulator.core.writing import angoff_difficulty  # noqa: E402
from simulator.paths import default_blueprint, question_db_dir  # noqa: E402

RATINGS = ROOT / "question_db" / "reviews" / "angoff"
SPREAD_LIMIT = 0.3


def items():
    parsed, _ = validate_paths(bank_files(question_db_dir()), default_blueprint())
    return [item for f in parsed for item in f.items]


def extract(out: Path) -> None:
    lines = []
    for item in items():
        lines.append(f"### {item.id} | {item.domain} | {item.subtopic} | {item.level}")
        lines.append(item.stem)
        if item.exhibit is not None:
            lines.append(f"[Exhibit: {item.exhibit.caption}] " + " | ".join(item.exhibit.columns))
            lines += ["  " + " | ".join(row) for row in item.exhibit.rows]
        lines += [f"{letter}. {text}" for letter, text in zip("ABCDEF", item.options, strict=False)]
        lines += [f"KEY: {item.key}", ""]
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"{out}: {len(lines)} lines")


def read_ratings() -> dict[str, dict[str, float]]:
    """rater -> item id -> p."""
    out: dict[str, dict[str, float]] = {}
    for path in sorted(RATINGS.glob("rater-*.tsv")):
        rater = path.stem.removeprefix("rater-")
        table: dict[str, float] = {}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            try:
                item_id, value = line.split("\t")[:2]
                p = float(value)
            except ValueError:
                sys.exit(f"{path}:{number}: not 'ITEM-ID<TAB>p'")
            if not 0.0 < p < 1.0:
                sys.exit(f"{path}:{number}: p={p} is not between 0 and 1")
            table[item_id.strip()] = round(p, 2)
        out[rater] = table
    return out


def expected_score(difficulties: list[float], theta: float) -> float:
    return sum(1 / (1 + math.exp(-(theta - b))) for b in difficulties)


def merge(write: bool) -> int:
    bank = items()
    theta = default_blueprint().passing_theta
    raters = read_ratings()
    if len(raters) < 3:
        print(f"only {len(raters)} rater file(s) in {RATINGS}; the standard needs at least 3")
    per_item = {item.id: [table[item.id] for table in raters.values() if item.id in table] for item in bank}
    unrated = [i for i, r in per_item.items() if len(r) < 3]
    spreads = {i: max(r) - min(r) for i, r in per_item.items() if r}
    wide = sorted(i for i, s in spreads.items() if s > SPREAD_LIMIT)
    means = {i: statistics.fmean(r) for i, r in per_item.items() if r}
    old = [item.difficulty for item in bank]
    new = [angoff_difficulty(tuple(per_item[item.id]), theta) if per_item[item.id] else item.difficulty
           for item in bank]
    n = len(bank)
    form = 130
    print(f"items {n}, raters {len(raters)}, items with fewer than 3 ratings {len(unrated)}")
    if means:
        print(f"mean rating {statistics.fmean(means.values()):.3f}; spread (max - min) mean "
              f"{statistics.fmean(spreads.values()):.3f}, over {SPREAD_LIMIT}: {len(wide)} item(s)")
        for rater, table in raters.items():
            print(f"  rater {rater}: {len(table)} ratings, mean {statistics.fmean(table.values()):.3f}")
        print(f"raw cut on a 130-item form (expected score of the minimally qualified candidate): "
              f"{expected_score(new, theta) / n * form:.1f} with the Angoff difficulties, "
              f"{expected_score(old, theta) / n * form:.1f} with the authors' estimates")
    if wide:
        print("for a second look (raters differ by more than 0.3): " + ", ".join(wide))
    if write:
        by_id = {item.id: (per_item[item.id], b)
                 for item, b in zip(bank, new, strict=True) if per_item[item.id]}
        changed = sum(_write_file(path, by_id) for path in bank_files(question_db_dir()))
        print(f"wrote ratings into {changed} item(s)")
    return 0


ID_LINE = re.compile(r'^id\s*=\s*"([^"]+)"\s*$')
DIFFICULTY_LINE = re.compile(r"^difficulty\s*=")
ANGOFF_LINE = re.compile(r"^angoff\s*=")


def _write_file(path: Path, by_id: dict[str, tuple[list[float], float]]) -> int:
    """Text-level edit, so comments and layout stay: in each item, `difficulty` becomes the
    Angoff value and an `angoff = [...]` line follows it (replacing an earlier one)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    out: list[str] = []
    current: str | None = None
    count = 0
    for line in lines:
        if line.strip() == "[[items]]":
            current = None
        if m := ID_LINE.match(line):
            current = m.group(1)
        if current in by_id and ANGOFF_LINE.match(line):
            continue
        if current in by_id and DIFFICULTY_LINE.match(line):
            ratings, b = by_id[current]
            out.append(f"difficulty = {b}")
            out.append("angoff = [" + ", ".join(f"{p:.2f}" for p in ratings) + "]")
            count += 1
            continue
        out.append(line)
    path.write_text("\n".join(out), encoding="utf-8")
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract")
    ex.add_argument("out", type=Path)
    mg = sub.add_parser("merge")
    mg.add_argument("--write", action="store_true")
    args = parser.parse_args()
    if args.command == "extract":
        extract(args.out)
        return 0
    return merge(args.write)


if __name__ == "__main__":
    sys.exit(main())
