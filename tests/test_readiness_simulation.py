"""A simulation study of readiness: candidates of known ability sit forms drawn from
the shipped bank, answering by the Rasch model; the estimate's 90% interval must
cover the true ability 85-95% of the time, and its P(pass) must be calibrated (in
each bin of predictions, the share of candidates truly at or above the passing
standard within 0.1 of the mean prediction).

Run as a script (python tests/test_readiness_simulation.py) for the README's figures."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime

from simulator.core.assembly import assemble
from simulator.core.readiness import Answer, estimate

CANDIDATES = 4000
FORM_LENGTHS = (30, 60, 100, 150)   # from the minimum of answers to a full exam's scored items
ABILITY_SD = 0.8                     # candidates spread around the passing standard
BINS = 5
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def simulate(items, blueprint, seed: int = 2026, candidates: int = CANDIDATES):
    rng = random.Random(seed)
    c = blueprint.passing_theta
    covered, rows = 0, []
    for _k in range(candidates):
        theta = rng.gauss(c, ABILITY_SD)
        form = assemble(items, blueprint, rng.choice(FORM_LENGTHS), seed=rng.randrange(2**31))
        answers = [Answer(f.item.id, f.item.difficulty,
                          rng.random() < 1.0 / (1.0 + math.exp(f.item.difficulty - theta)), NOW)
                   for f in form if not f.pretest]
        r = estimate(answers, c)
        assert r is not None
        covered += r.low <= theta <= r.high
        rows.append((r.p_pass, theta >= c))
    bins = []
    for b in range(BINS):
        lo, hi = b / BINS, (b + 1) / BINS
        mine = [(p, ok) for p, ok in rows if lo <= p < hi or (b == BINS - 1 and p == 1.0)]
        if mine:
            bins.append((lo, hi, len(mine), sum(p for p, _ in mine) / len(mine),
                         sum(ok for _, ok in mine) / len(mine)))
    return covered / candidates, bins


def _bank(built_bank):
    from simulator.paths import default_blueprint, question_db_dir
    from simulator.storage.bank import open_bank
    blueprint = default_blueprint()
    bank, _ = open_bank(question_db_dir(), built_bank.parent, blueprint)
    try:
        return bank.items(), blueprint
    finally:
        bank.close()


def test_the_interval_covers_the_truth_and_p_pass_is_calibrated(built_bank):
    items, blueprint = _bank(built_bank)
    coverage, bins = simulate(items, blueprint)
    assert 0.85 <= coverage <= 0.95, coverage
    for lo, hi, n, predicted, observed in bins:
        assert abs(predicted - observed) <= 0.1, (lo, hi, n, predicted, observed)


if __name__ == "__main__":
    import tempfile
    from pathlib import Path

    from simulator.paths import default_blueprint, question_db_dir
    from simulator.storage.bank import open_bank
    bank, _ = open_bank(question_db_dir(), Path(tempfile.mkdtemp()), default_blueprint())
    coverage, bins = simulate(bank.items(), default_blueprint())
    print(f"{CANDIDATES} candidates, forms of {FORM_LENGTHS} scored items: 90% interval coverage "
          f"{coverage:.1%}")
    print("| P(pass) predicted | candidates | mean prediction | truly at or above the standard |")
    for lo, hi, n, predicted, observed in bins:
        print(f"| {lo:.1f}-{hi:.1f} | {n} | {predicted:.3f} | {observed:.3f} |")
