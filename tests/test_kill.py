"""Kill -9 the real program at random moments: no reported answer or flag is lost, and
the time left comes back within 5 seconds (the crash-safety promise).

The driver (tests/stress/driver.py) runs the real GUI code in a subprocess, answers by
keyboard and reports each answer once it is committed; tests/stress/harness.py kills it,
reads the database read-only from outside and compares. benchmarks/kill_stress.py does
the same 100 times. A failure prints the random seed: KILL_SEED=<seed> repeats the plan.
"""

from __future__ import annotations

import os
import random
import shutil
import signal

import pytest

from simulator.storage.bank import BANK_FILE
from tests.stress.harness import KillStress, Ledger, Line, RunResult, Stored, lost_in

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


@pytest.fixture
def stress(tmp_path, built_bank):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(built_bank, folder / BANK_FILE)  # the bank is built once per test run
    seed = int(os.environ.get("KILL_SEED") or random.SystemRandom().randrange(2**32))
    return KillStress(folder, seed % 1000, random.Random(seed)), seed


@pytest.mark.timeout(180)
def test_kill_nine_at_random_moments_loses_nothing(stress):
    ks, seed = stress
    rng = ks.rng
    # A new exam killed after some answers; then, in random order: right after READY
    # (mid-resume), after a random line (between actions, mid-key or right after a
    # commit), inside a transaction before its COMMIT, and in the idle clock after
    # 5.5-7.5 s (so only the clock's checkpoint can have saved the time).
    plan = [("lines", rng.randint(6, 14), None), ("lines", 1, None), ("lines", rng.randint(2, 20), None),
            ("hang", rng.randint(1, 3), None), ("idle", rng.randint(0, 1), rng.randint(22, 30))]
    plan[1:] = rng.sample(plan[1:], len(plan) - 1)
    for mode, n, ticks in plan:
        result = ks.kill_run(mode, n, ticks)
        assert not ks.problems(result), f"KILL_SEED={seed} {result.describe()}: {ks.problems(result)}"
    final = ks.final_run(answers=3)
    assert not ks.problems(final), f"KILL_SEED={seed} {final.describe()}: {ks.problems(final)}"

    kinds = [line.kind for run in ks.runs for line in run.lines]
    assert kinds.count("HANG") == 1 and kinds.count("DONE") == 1
    assert ks.ledger.saved_lines >= 5
    assert ks.attempt_id == 1                      # every restart resumed the one attempt
    resumed = [run.resumed_drift for run in ks.runs[1:]]
    assert all(r is not None for r in resumed)     # each restart showed the stored time left
    idle = next(run for run in ks.runs if run.mode == "idle")
    assert idle.drift is not None and 0 <= idle.drift <= 5.0


# --- the checks themselves can fail --------------------------------------------------------

def stored(responses, flags=None, used=100.0):
    return Stored(600.0, used, "in_progress", responses, flags or {p: False for p in responses})


def test_the_harness_sees_a_lost_answer_and_a_lost_flag():
    ledger = Ledger()
    for text in ("READY 1 1 600", "ANSWERING 1 1 B", "SAVED 1 1 B 599", "FLAGGING 1 1", "FLAGGED 1 1 1 598",
                 "ANSWERING 1 2 C"):
        ledger.feed(Line.parse(0.0, text))
    assert lost_in(stored({1: "B", 2: None}, {1: True, 2: False}), ledger) == []
    assert lost_in(stored({1: "B", 2: "C"}, {1: True, 2: False}), ledger) == []   # in flight at the kill
    assert lost_in(stored({1: "A", 2: None}, {1: True, 2: False}), ledger) == ["item 1: reported B, stored A"]
    assert lost_in(stored({1: "B", 2: "D"}, {1: True, 2: False}),
                   ledger) == ["item 2: reported None, stored D"]
    assert lost_in(stored({1: "B", 2: None}, {1: False, 2: False}), ledger) == [
        "item 1: flag reported True, stored False"]


def test_the_harness_sees_lost_time(tmp_path):
    ks = KillStress(tmp_path, 1, random.Random(1))
    run = lambda drift, resumed=None: RunResult("lines", [], [], drift, resumed)  # noqa: E731
    assert ks.problems(run(4.9)) == []
    assert ks.problems(run(5.03))                  # what CHECKPOINT_S = 5.0 produced
    assert ks.problems(run(-2.0))                  # time charged that did not pass
    assert ks.problems(run(0.0, resumed=-3.0))     # resumed with less time than was stored
