"""Kill the real program 100 times at random moments; count what was lost.

    python benchmarks/kill_stress.py [--kills 100] [--seed S] [--data-dir DIR] [-v]

One data folder, one attempt: the scripted driver (tests/stress/driver.py) runs the
real GUI code in a subprocess on Qt's offscreen platform, resumes the unfinished
attempt, answers items by keyboard and reports each answer once it is committed. Each
run is SIGKILLed at a random moment: right after a random output line (between actions,
mid-key, right after a commit), inside a transaction before its COMMIT, or in the idle
clock after up to 7.5 s (where only the clock's checkpoint saves the time). After every
kill the database is read read-only from outside (tests/stress/harness.py): every
reported answer and flag must be there, and the time left must be within 5 s of the time
really left at the kill. A last run closes the window normally.

Prints one summary line,

    kills: 100, answers reported: N, lost: 0, worst time drift: X s

and exits 1 if anything was lost or the time drifted more than 5 s (0 otherwise).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.stress.harness import KillStress  # noqa: E402

MODES = ("lines",) * 15 + ("hang",) * 2 + ("idle",) * 2


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--kills", type=int, default=100)
    p.add_argument("--seed", type=int, default=None, help="repeat a plan (printed at the start)")
    p.add_argument("--data-dir", type=Path, default=None,
                   help="keep the data folder here (default: a temporary one)")
    p.add_argument("-v", "--verbose", action="store_true", help="one line per kill")
    args = p.parse_args(argv)

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="cpim-kill-stress-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"seed {seed}, data folder {folder}", file=sys.stderr)
    ks = KillStress(folder, seed % 1000, rng)
    problems: list[str] = []
    started = time.monotonic()
    try:
        for n in range(1, args.kills + 1):
            result = ks.kill_run(rng.choice(MODES))
            found = ks.problems(result)
            problems += [f"kill {n}: {p}" for p in found]
            if args.verbose or found:
                print(f"kill {n:3d} {result.describe()}" + (f"  PROBLEM: {found}" if found else ""),
                      file=sys.stderr, flush=True)
        final = ks.final_run()
        problems += [f"final run: {p}" for p in ks.problems(final)]
    finally:
        if args.data_dir is None and not problems:
            shutil.rmtree(folder, ignore_errors=True)

    lost = sum(len(run.lost) for run in ks.runs)
    modes = {m: sum(1 for r in ks.runs if r.mode == m) for m in ("lines", "hang", "idle")}
    print(f"kills: {args.kills}, answers reported: {ks.ledger.saved_lines}, lost: {lost}, "
          f"worst time drift: {ks.worst_drift:.2f} s")
    print(f"({modes['lines']} after a random line, {modes['hang']} inside a transaction, "
          f"{modes['idle']} in the idle clock; {time.monotonic() - started:.0f} s)", file=sys.stderr)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
