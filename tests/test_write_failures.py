"""A full disk or a read-only folder: no exam that cannot be
saved at the start; during an exam, the exam goes on, its observers hear of it,
nothing saved is lost, and everything is written once writing works again.

Tests run as root, for whom chmod changes nothing, so the failures are made in
SQLite itself: every write statement fails with SQLite's own 'database or disk is
full' while the fake disk is full, and SQLite's max_page_count makes a real one."""

from __future__ import annotations

import errno
import sqlite3

import pytest
from sqlalchemy import event

from simulator.core.session import CHECKPOINT_S
from simulator.storage import userdb
from simulator.storage.attempts import USER_DB, WriteFailed
from simulator.storage.backups import backups
from simulator.storage.userdb import UserDbProblem
from simulator.ui.startup import open_for_exam
from simulator.workspace import ExamOptions, Workspace

# Every write refused here is logged at ERROR by the store: expected.
pytestmark = pytest.mark.logs_errors

FULL = "database or disk is full"


class Disk:
    """Makes every write to the user database fail while `full` is set."""

    def __init__(self, engine) -> None:
        self.full = False
        self.refused = 0
        event.listen(engine, "before_cursor_execute", self._check)

    def _check(self, _conn, _cursor, statement, *_args) -> None:
        if self.full and statement.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE")):
            self.refused += 1
            raise sqlite3.OperationalError(FULL)


def saved(data_dir, sql, *args):
    with sqlite3.connect(data_dir / USER_DB) as db:
        found = db.execute(sql, args).fetchall()
    db.close()
    return found


def responses(data_dir, attempt_id):
    return [r[0] for r in saved(data_dir, "SELECT response FROM attempt_items WHERE attempt_id = ? "
                                          "ORDER BY position", attempt_id)]


@pytest.fixture
def exam(workspace, clock):
    run = workspace.new_exam(ExamOptions(seed=3, items=12), clock)
    workspace.begin(run)
    states = []
    workspace.store.on_write_state(states.append)
    return run, Disk(workspace.store.engine), states


def test_the_exam_goes_on_and_everything_is_written_when_the_disk_has_room(workspace, data_dir, clock, exam):
    run, disk, states = exam
    s = run.session
    s.answer("A")
    s.next()
    assert responses(data_dir, run.attempt_id)[:2] == ["A", None]

    disk.full = True
    s.answer("B")
    s.toggle_flag()
    s.toggle_strike("C")
    s.highlight(0, 4)
    clock.advance(30)
    s.next()
    s.answer("D")
    assert disk.refused >= 5
    assert workspace.store.write_error == FULL and states == [FULL]  # told once, not per write
    assert workspace.store.pending
    # the exam went on in memory, and what was saved before is still there
    assert [st.response for st in s.states[:3]] == ["A", "B", "D"] and s.position == 2
    assert responses(data_dir, run.attempt_id)[:3] == ["A", None, None]
    # what the program shows (the review, a report) is the truth, not the disk
    assert [i["response"] for i in workspace.report(run.attempt_id)["items"][:3]] == ["A", "B", "D"]

    disk.full = False
    s.next()  # the next action writes the whole attempt
    assert responses(data_dir, run.attempt_id)[:3] == ["A", "B", "D"]
    assert saved(data_dir, "SELECT flagged, struck, highlights, seconds FROM attempt_items "
                           "WHERE position = 1") == [(1, "C", "[[0, 4]]", 30.0)]
    assert saved(data_dir, "SELECT position FROM attempts") == [(3,)]
    assert workspace.store.write_error is None and not workspace.store.pending
    assert states == [FULL, None]


def test_the_clock_checkpoint_retries_without_any_action(workspace, data_dir, clock, exam):
    run, disk, states = exam
    s = run.session
    disk.full = True
    s.answer("C")
    clock.advance(CHECKPOINT_S)
    s.tick()  # still full: the retry fails too, quietly
    assert responses(data_dir, run.attempt_id)[0] is None and states == [FULL]
    disk.full = False
    clock.advance(CHECKPOINT_S)
    s.tick()
    assert responses(data_dir, run.attempt_id)[0] == "C"
    assert saved(data_dir, "SELECT time_used_s FROM attempts") == [(2 * CHECKPOINT_S,)]
    assert states == [FULL, None]


def test_an_exam_finished_on_a_full_disk_is_scored_and_saved_later(workspace, data_dir, clock, exam):
    run, disk, states = exam
    s = run.session
    for f in s.form:
        s.answer(f.item.key)
        s.next()
    disk.full = True
    s.end()
    report = workspace.finish(run)
    assert report["status"] == "finished" and report["scaled_score"] == 350 and report["passed"]
    assert saved(data_dir, "SELECT status, scaled_score FROM attempts") == [("in_progress", None)]
    assert workspace.store.pending and states == [FULL] and backups(data_dir) == []
    assert workspace.store.retry() is False  # still full

    disk.full = False
    assert workspace.store.retry() is True
    assert saved(data_dir, "SELECT status, scaled_score, passed FROM attempts") == [("finished", 350, 1)]
    assert responses(data_dir, run.attempt_id) == [f.item.key for f in s.form]
    assert states == [FULL, None] and len(backups(data_dir)) == 1


def test_an_observer_can_stop_listening(workspace, exam):
    run, disk, _states = exam
    heard = []
    stop = workspace.store.on_write_state(heard.append)
    disk.full = True
    run.session.answer("A")
    stop()
    disk.full = False
    run.session.answer("B")
    assert heard == [FULL]


def test_a_failing_observer_does_not_stop_the_saving(workspace, data_dir, exam):
    run, disk, _states = exam
    workspace.store.on_write_state(lambda error: 1 / 0)
    disk.full = True
    run.session.answer("A")
    disk.full = False
    run.session.answer("B")
    assert responses(data_dir, run.attempt_id)[0] == "B"


def test_an_exam_that_cannot_be_created_does_not_begin(workspace, clock):
    run = workspace.new_exam(ExamOptions(seed=3), clock)  # 150 items: more than the free pages hold
    # a really full database: no page may be added (SQLite keeps the limit at the current size)
    @event.listens_for(workspace.store.engine, "connect")
    def _cap(dbapi, _record):
        dbapi.execute("PRAGMA max_page_count = 1")
    workspace.store.engine.dispose()
    with pytest.raises(WriteFailed) as caught:
        workspace.begin(run)
    assert "disk is full" in str(caught.value) and "cannot be saved" in str(caught.value)
    assert run.session.phase.value == "intro" and workspace.history() == []


# --- at the start ------------------------------------------------------------------

def no_space(*_args):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_at_the_start_stops_the_exam_before_it_begins(data_dir, monkeypatch):
    monkeypatch.setattr(userdb.os, "write", no_space)
    with pytest.raises(UserDbProblem) as caught:
        Workspace(data_dir, check_writable=True)
    assert caught.value.kind == "unwritable"
    assert "No space left on device" in caught.value.message and "No exam is started" in caught.value.message
    assert not list(data_dir.glob(".cpim-sim-probe-*"))
    told = []
    assert open_for_exam(data_dir, ask=lambda *a: pytest.fail("nothing to ask"),
                         tell=lambda title, text, fatal: told.append((text, fatal))) == 2
    assert len(told) == 1 and told[0][1] and "No exam is started" in told[0][0]


def test_a_database_that_refuses_writes_stops_the_exam_before_it_begins(data_dir, monkeypatch):
    Workspace(data_dir).close()
    real_connect = userdb.connect
    monkeypatch.setattr(userdb, "connect", lambda path, **kw: real_connect(path, readonly=True))
    with pytest.raises(UserDbProblem) as caught:
        Workspace(data_dir, check_writable=True)
    assert caught.value.kind == "unwritable" and "readonly" in caught.value.message


def test_commands_that_only_read_do_not_need_a_writable_folder(workspace, data_dir, clock, monkeypatch,
                                                              capsys):
    from simulator.cli import main
    from tests.test_cli import sit
    sit(workspace, clock)
    monkeypatch.setattr(userdb.os, "write", no_space)
    assert main(["--data-dir", str(data_dir), "attempts", "list"]) == 0
    assert "finished" in capsys.readouterr().out
