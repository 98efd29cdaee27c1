"""What keeps the program fast (benchmarks/ measures it; README, Performance): the
start reads without SQLAlchemy, Next and Previous are one transaction each, and the
form assembly's shortcut draws exactly what the plain algorithm draws."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap

from sqlalchemy import event

from simulator.core.assembly import assemble
from simulator.paths import default_blueprint
from simulator.storage.attempts import USER_DB
from simulator.workspace import ExamOptions

from .conftest import make_items

BP = default_blueprint()


def test_the_start_does_not_load_sqlalchemy(workspace, data_dir, clock):
    run = workspace.new_exam(ExamOptions(seed=3, items=10), clock)
    workspace.begin(run)  # a user database exists, as on every start but the first
    run.session.answer("A")
    workspace.close()
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from simulator.core.clock import FakeClock
        from simulator.workspace import ExamOptions, Workspace
        ws = Workspace(Path({str(data_dir)!r}))
        assert ws.store.last_id() == 1 and ws.store.last_seen()  # the queries of the start
        ws.new_exam(ExamOptions(seed=4), FakeClock())
        print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", (
        "SQLAlchemy is imported on the start path (0.3 s, a whole bare Qt window's start): import it "
        "inside the function that needs it (README, Performance; storage/database.py)")


def test_next_and_previous_are_one_transaction_each(workspace, data_dir, clock):
    import sqlite3
    run = workspace.new_exam(ExamOptions(seed=1, items=12), clock)
    workspace.begin(run)
    s = run.session
    commits = []
    event.listen(workspace.store.engine, "commit", lambda _conn: commits.append(1))
    s.answer("C")
    assert len(commits) == 1  # an answer is written at once
    clock.advance(9)
    s.next()
    assert len(commits) == 2  # the time on item 1 and the new position, together
    clock.advance(4)
    s.previous()
    assert len(commits) == 3
    with sqlite3.connect(data_dir / USER_DB) as db:
        assert db.execute("SELECT position, time_used_s FROM attempts").fetchall() == [(0, 13.0)]
        assert db.execute("SELECT position, seconds, visited, response FROM attempt_items "
                          "WHERE position < 2 ORDER BY position").fetchall() == [(0, 9.0, 1, "C"), (1, 4.0,
                                                                                                    1, None)]


def test_an_answer_taken_back_is_written_even_after_a_whole_attempt_write(workspace, data_dir, clock):
    import sqlite3
    run = workspace.new_exam(ExamOptions(seed=2, items=12), clock)
    workspace.begin(run)
    s = run.session
    s.answer("A")
    s.answer("B")
    workspace.store.retry()  # writes the whole attempt outside the recorder
    s.answer("A")
    with sqlite3.connect(data_dir / USER_DB) as db:
        assert db.execute("SELECT response FROM attempt_items WHERE position = 0").fetchall() == [("A",)]


def reference_assemble(bank, blueprint, n_items, seed, last_seen):
    """The plain algorithm: each domain sorted by id, shuffled, then stably sorted by
    when it was last seen (never: -1), the head taken; the form shuffled."""
    from simulator.core.assembly import FormItem, form_plan
    rng = random.Random(seed)
    operational, pretest = form_plan(blueprint, n_items)
    chosen = []
    for name in blueprint.names:
        need_op, need_pre = operational.get(name, 0), pretest.get(name, 0)
        pool = sorted((it for it in bank if it.domain == name), key=lambda it: it.id)
        rng.shuffle(pool)
        pool.sort(key=lambda it: last_seen.get(it.id, -1.0))
        chosen += [(it, False) for it in pool[:need_op]] + [(it, True)
                                                            for it in pool[need_op:need_op + need_pre]]
    rng.shuffle(chosen)
    return [FormItem(p, it, pre) for p, (it, pre) in enumerate(chosen)]


def test_assembly_draws_what_the_plain_algorithm_draws():
    rng = random.Random(11)
    bank = make_items(per_domain=60)
    rng.shuffle(bank)
    ids = [it.id for it in bank]
    for trial in range(40):
        share = rng.choice([0.0, 0.3, 0.8, 0.95, 1.0])
        last_seen = {i: float(rng.randint(1, 6)) for i in rng.sample(ids, int(len(ids) * share))}
        n = rng.choice([None, 20, 75, 150])
        seed = rng.randrange(1000)
        assert assemble(bank, BP, n, seed, last_seen) == reference_assemble(bank, BP, n, seed,
                                                                            last_seen), trial
