"""Every action reaches the database at once, and an attempt comes back exactly."""

import sqlite3

from simulator.core.session import Phase
from simulator.storage.attempts import USER_DB
from simulator.workspace import ExamOptions, Workspace


def saved(data_dir, sql, *args):
    """Read the user database from outside, as a new process would."""
    with sqlite3.connect(data_dir / USER_DB) as db:
        return db.execute(sql, args).fetchall()


def test_each_action_is_written_when_it_happens(workspace, data_dir, clock):
    run = workspace.new_exam(ExamOptions(seed=1, items=12), clock)
    workspace.begin(run)
    s = run.session
    s.answer("B")
    assert saved(data_dir, "SELECT response FROM attempt_items WHERE position = 0") == [("B",)]
    s.toggle_flag()
    assert saved(data_dir, "SELECT flagged FROM attempt_items WHERE position = 0") == [(1,)]
    clock.advance(7)
    s.next()
    assert saved(data_dir, "SELECT position, time_used_s FROM attempts") == [(1, 7.0)]
    assert saved(data_dir, "SELECT seconds FROM attempt_items WHERE position = 0") == [(7.0,)]


def test_the_clock_is_checkpointed_every_five_seconds(workspace, data_dir, clock):
    run = workspace.new_exam(ExamOptions(seed=1, items=12), clock)
    workspace.begin(run)
    for _ in range(4):
        clock.advance(2.5)
        run.session.tick()
    assert saved(data_dir, "SELECT time_used_s FROM attempts") == [(10.0,)]


def test_an_unfinished_attempt_resumes_exactly(workspace, data_dir, clock):
    run = workspace.new_exam(ExamOptions(seed=9, items=15, minutes=20), clock)
    workspace.begin(run)
    s = run.session
    s.answer("D")
    s.goto(6)
    s.answer("A")
    s.toggle_flag()
    s.toggle_strike("C")
    s.highlight(3, 12)
    clock.advance(100)
    s.tick()
    form_ids = [f.item.id for f in s.form]
    workspace.close()  # the program stops here (a kill loses at most the last 5 s of clock)

    again = Workspace(data_dir)
    attempt = again.unfinished()
    assert attempt is not None and attempt.id == run.attempt_id
    run2 = again.resume(attempt, clock)
    resumed = run2.session
    assert [f.item.id for f in resumed.form] == form_ids
    assert resumed.position == 6 and resumed.phase is Phase.ITEMS
    assert resumed.states[0].response == "D" and resumed.states[6].response == "A"
    assert resumed.states[6].flagged and resumed.states[6].struck == {"C"}
    assert resumed.states[6].highlights == [(3, 12)]
    assert abs(resumed.remaining() - (20 * 60 - 100)) <= 5
    resumed.resume()
    resumed.answer("B")
    resumed.end()
    report = again.finish(run2)
    assert report["items"][6]["response"] == "B" and report["items"][0]["response"] == "D"
    assert again.unfinished() is None
    again.close()


def test_a_finished_attempt_is_scored_and_listed(workspace, clock):
    run = workspace.new_exam(ExamOptions(seed=2, items=20), clock)
    workspace.begin(run)
    for f in run.session.form:
        run.session.answer(f.item.key)
        run.session.next()
    run.session.end()
    report = workspace.finish(run)
    assert report["status"] == "finished" and report["scaled_score"] == 350 and report["passed"]
    assert workspace.unfinished() is None
    assert workspace.history()[-1]["scaled_score"] == 350
