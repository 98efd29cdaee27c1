"""A damaged user database: found at open, moved aside (never
overwritten or deleted), the latest automatic backup offered; and the backups."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys

import pytest

from simulator.cli import main
from simulator.storage import backups as backups_module
from simulator.storage import health
from simulator.storage.attempts import USER_DB
from simulator.storage.backups import KEEP, backups, latest_backup, restore_backup
from simulator.storage.lock import AlreadyRunning, DataFolderLock
from simulator.storage.userdb import UserDbProblem
from simulator.ui.startup import open_for_exam
from simulator.workspace import ExamOptions, Workspace

# A damaged database is logged at ERROR when it is moved aside: expected here.
pytestmark = pytest.mark.logs_errors


def sit(ws, clock, seed):
    run = ws.new_exam(ExamOptions(seed=seed, items=12), clock)
    ws.begin(run)
    for f in run.session.form:
        run.session.answer(f.item.key)
        run.session.next()
    run.session.end()
    return ws.finish(run)


@pytest.fixture
def history(data_dir, clock):
    """A data folder with two finished attempts (so, backups) and the program closed."""
    ws = Workspace(data_dir)
    sit(ws, clock, 1)
    sit(ws, clock, 2)
    ws.close()
    assert not (data_dir / f"{USER_DB}-wal").exists()
    return data_dir


def truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def garbage(path):
    path.write_bytes(random.Random(6).randbytes(path.stat().st_size))


def empty(path):
    path.write_bytes(b"")


def foreign(path):
    path.unlink()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO recipes (name) VALUES ('soup')")
    db.close()


def wrong_schema(path):
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE attempt_items")
    db.close()


def no_version(path):
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM meta WHERE name = 'schema_version'")
    db.close()


def bad_page(path):
    """Overwrite the middle of the file: the integrity check must find it."""
    data = bytearray(path.read_bytes())
    page = 4096
    for p in range(2, len(data) // page):
        data[p * page + 8: p * page + 400] = b"\xff" * 392
    path.write_bytes(bytes(data))


DAMAGE = [truncate, garbage, empty, foreign, wrong_schema, no_version, bad_page]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__)
def test_a_damaged_database_is_moved_aside_and_the_backup_offered(history, damage, clock):
    path = history / USER_DB
    damage(path)
    damaged_bytes = path.read_bytes()
    with pytest.raises(UserDbProblem) as caught:
        Workspace(history)
    problem = caught.value
    assert problem.kind == "damaged" and problem.restorable
    assert not path.exists()
    assert problem.moved_to.name.startswith(f"{USER_DB}.damaged-")
    assert problem.moved_to.read_bytes() == damaged_bytes  # moved, not changed
    assert problem.backup.path == backups(history)[0] and problem.backup.attempts == 2
    assert str(problem.moved_to) in problem.message and str(problem.backup.path) in problem.message

    restore_backup(problem.backup.path, path)
    ws = Workspace(history)
    assert [h["status"] for h in ws.history()] == ["finished", "finished"]
    sit(ws, clock, 3)  # and it goes on being used
    ws.close()
    assert problem.moved_to.read_bytes() == damaged_bytes


def test_the_wal_and_shm_move_with_the_damaged_file(history):
    path = history / USER_DB
    garbage(path)
    for suffix in ("-wal", "-shm"):
        (history / f"{USER_DB}{suffix}").write_bytes(b"left over " + suffix.encode())
    with pytest.raises(UserDbProblem) as caught:
        Workspace(history)
    moved = caught.value.moved_to
    for suffix in ("-wal", "-shm"):
        assert not (history / f"{USER_DB}{suffix}").exists()
        assert (moved.parent / f"{moved.name}{suffix}").read_bytes() == b"left over " + suffix.encode()


def test_moving_aside_never_overwrites_an_earlier_damaged_file(history, monkeypatch):
    monkeypatch.setattr(health, "stamp", lambda: "20260101-000000")
    earlier = history / f"{USER_DB}.damaged-20260101-000000"
    earlier.write_bytes(b"the first damaged file")
    path = history / USER_DB
    garbage(path)
    with pytest.raises(UserDbProblem) as caught:
        Workspace(history)
    assert caught.value.moved_to.name == f"{USER_DB}.damaged-20260101-000000-2"
    assert earlier.read_bytes() == b"the first damaged file"


def test_a_locked_database_is_named_and_left_alone(history, monkeypatch):
    monkeypatch.setattr(health, "LOCK_WAIT_S", 0.05)
    path = history / USER_DB
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT OR REPLACE INTO meta VALUES ('other', 'program')")
    try:
        with pytest.raises(UserDbProblem) as caught:
            Workspace(history)
        assert caught.value.kind == "locked" and not caught.value.restorable
        assert "locked by another program" in caught.value.message
        assert path.exists() and not list(history.glob("*.damaged-*"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    ws = Workspace(history)
    assert len(ws.history()) == 2
    ws.close()


def test_a_database_of_a_newer_version_is_left_alone(history):
    path = history / USER_DB
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE name = 'schema_version'")
    db.close()
    with pytest.raises(UserDbProblem) as caught:
        Workspace(history)
    assert caught.value.kind == "newer" and "newer version" in caught.value.message
    assert path.exists() and not list(history.glob("*.damaged-*"))


def test_without_a_backup_a_new_empty_database_is_started(data_dir):
    ws = Workspace(data_dir)
    ws.close()
    garbage(data_dir / USER_DB)
    with pytest.raises(UserDbProblem) as caught:
        Workspace(data_dir)
    assert caught.value.kind == "damaged" and not caught.value.restorable
    assert "no backup" in caught.value.message
    ws = Workspace(data_dir)  # nothing to offer: the next open starts afresh
    assert ws.history() == []
    ws.close()
    assert caught.value.moved_to.exists()


def test_a_missing_database_with_backups_offers_them_until_declined(history):
    moved = health.move_aside(history / USER_DB, "elsewhere")
    with pytest.raises(UserDbProblem) as caught:
        Workspace(history)
    assert caught.value.kind == "lost" and caught.value.restorable
    ws = Workspace(history, fresh=True)  # the user said No
    assert ws.history() == []
    ws.close()
    Workspace(history).close()  # and is not asked again
    assert moved.exists() and len(backups(history)) == 2


# --- the command line -------------------------------------------------------------------

def test_the_command_line_names_the_moved_file_and_the_backup(history, capsys):
    garbage(history / USER_DB)
    assert main(["--data-dir", str(history), "attempts", "list"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cpim-sim: error:")
    moved = next(history.glob(f"{USER_DB}.damaged-*"))
    backup = backups(history)[0]
    assert str(moved) in err and str(backup) in err and "copy" in err

    assert main(["--data-dir", str(history), "attempts", "list"]) == 2  # still nothing in place
    assert str(backup) in capsys.readouterr().err
    shutil.copy(backup, history / USER_DB)  # what the message says to do
    assert main(["--data-dir", str(history), "attempts", "list", "--json"]) == 0
    assert [r["status"] for r in json.loads(capsys.readouterr().out)] == ["finished", "finished"]


def test_a_command_beside_a_window_reports_damage_but_moves_nothing(history, capsys):
    garbage(history / USER_DB)
    with DataFolderLock(history):
        assert main(["--data-dir", str(history), "attempts", "list"]) == 2
    assert "damaged" in capsys.readouterr().err
    assert (history / USER_DB).exists() and not list(history.glob("*.damaged-*"))


# --- the window's start-up decisions ----------------------------------------------------

def start(folder, answer):
    asked, told = [], []

    def ask(title, text):
        asked.append(text)
        return answer

    result = open_for_exam(folder, ask=ask, tell=lambda title, text, fatal: told.append((text, fatal)))
    return result, asked, told


def test_window_restores_the_backup_on_yes(history):
    garbage(history / USER_DB)
    ws, asked, told = start(history, True)
    assert isinstance(ws, Workspace) and len(asked) == 1 and not told
    assert "damaged" in asked[0] and "Restore that backup now?" in asked[0]
    try:
        assert len(ws.history()) == 2
        with pytest.raises(AlreadyRunning):
            DataFolderLock(history).acquire()
    finally:
        ws.close()
    assert len(list(history.glob(f"{USER_DB}.damaged-*"))) == 1


def test_window_starts_empty_on_no_and_keeps_everything(history):
    garbage(history / USER_DB)
    ws, asked, told = start(history, False)
    assert isinstance(ws, Workspace) and len(asked) == 1 and not told
    assert ws.history() == []
    ws.close()
    assert len(list(history.glob(f"{USER_DB}.damaged-*"))) == 1 and len(backups(history)) == 2


def test_window_without_anyone_to_answer_decides_nothing(history):
    garbage(history / USER_DB)
    result, asked, told = start(history, None)
    assert result == 2 and len(asked) == 1
    assert len(told) == 1 and told[0][1] and str(backups(history)[0]) in told[0][0]
    assert not (history / USER_DB).exists()  # no new database shadows the backup
    DataFolderLock(history).acquire().release()  # the lock was let go


def test_window_without_a_backup_warns_and_starts_empty(data_dir):
    Workspace(data_dir).close()
    garbage(data_dir / USER_DB)
    ws, asked, told = start(data_dir, True)
    assert isinstance(ws, Workspace) and not asked
    assert len(told) == 1 and not told[0][1] and "damaged" in told[0][0]
    ws.close()


def test_the_real_program_with_a_damaged_database_says_so_without_blocking(history):
    garbage(history / USER_DB)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "simulator", "--data-dir", str(history)],
                          capture_output=True, text=True, timeout=60, env=env, stdin=subprocess.DEVNULL)
    assert done.returncode == 2, done.stderr
    moved = next(history.glob(f"{USER_DB}.damaged-*"))
    assert str(moved) in done.stderr and str(backups(history)[0]) in done.stderr
    assert "Traceback" not in done.stderr


# --- backups ----------------------------------------------------------------------------

def test_every_finished_attempt_is_backed_up_with_its_result(data_dir, clock):
    ws = Workspace(data_dir)
    assert backups(data_dir) == []
    report = sit(ws, clock, 4)
    made = backups(data_dir)
    assert len(made) == 1 and made[0].name.endswith("-finished.sqlite")
    assert not list(made[0].parent.glob("*-wal"))  # one self-contained file
    with sqlite3.connect(made[0]) as db:
        assert db.execute("SELECT status, scaled_score FROM attempts").fetchall() == [
            ("finished", report["scaled_score"])]
    db.close()
    ws.close()


def test_only_the_newest_backups_are_kept(data_dir):
    ws = Workspace(data_dir)
    made = [ws.store.backup(f"n{n:02d}") for n in range(KEEP + 3)]
    ws.close()
    kept = backups(data_dir)
    assert kept == list(reversed(made[-KEEP:]))
    assert all(not p.exists() for p in made[:3])


def test_a_damaged_backup_is_skipped(history):
    newest, older = backups(history)[:2]
    garbage(newest)
    assert latest_backup(history).path == older


def test_a_failed_backup_does_not_fail_the_attempt(data_dir, clock, monkeypatch):
    def refuse(*_a, **_k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(backups_module, "copy_database", refuse)
    ws = Workspace(data_dir)
    report = sit(ws, clock, 5)
    assert report["status"] == "finished" and not ws.store.pending
    assert backups(data_dir) == []
    ws.close()
    assert not list((data_dir / "backups").glob("*.part"))


def test_window_refuses_a_newer_database_and_moves_nothing(history):
    with sqlite3.connect(history / USER_DB) as db:
        db.execute("UPDATE meta SET value = '99' WHERE name = 'schema_version'")
    db.close()
    result, asked, told = start(history, True)
    assert result == 2 and not asked
    assert len(told) == 1 and told[0][1] and "newer version" in told[0][0]
    assert (history / USER_DB).exists() and not list(history.glob("*.damaged-*"))


def test_the_start_up_dialogs_never_block_where_no_one_can_answer(qapp, capsys):
    from simulator.ui.startup import ask_user, headless, tell_user
    assert headless()  # the tests run on the offscreen platform
    assert ask_user("Restore the backup?", "text") is None
    tell_user("CPIM Exam Simulator", "first line\nsecond line", True)
    tell_user("CPIM Exam Simulator", "only a warning", False)
    assert capsys.readouterr().err == ("cpim-sim: error: first line second line\n"
                                       "cpim-sim: warning: only a warning\n")
