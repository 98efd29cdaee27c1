"""One program per data folder: the lock, a second start, and
the read-only commands that may run beside a window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from simulator.cli import main
from simulator.storage.lock import LOCK_FILE, AlreadyRunning, DataFolderLock
from simulator.ui.startup import open_for_exam

ALREADY = "already running with this data folder"


def test_a_second_lock_on_the_same_folder_fails_cleanly(tmp_path):
    first = DataFolderLock(tmp_path).acquire()
    with pytest.raises(AlreadyRunning) as caught:
        DataFolderLock(tmp_path).acquire()
    assert ALREADY in str(caught.value) and str(os.getpid()) in str(caught.value)
    assert str(tmp_path) in str(caught.value)
    first.release()
    with DataFolderLock(tmp_path) as again:  # free once released
        assert again.held
    assert not again.held


def test_another_folder_is_not_locked(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with DataFolderLock(tmp_path / "a"), DataFolderLock(tmp_path / "b") as b:
        assert b.held


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from pathlib import Path
            from simulator.storage.lock import DataFolderLock
            DataFolderLock(Path({str(tmp_path)!r})).acquire()
            print("locked", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(AlreadyRunning):
            DataFolderLock(tmp_path).acquire()
    finally:
        holder.kill()  # SIGKILL: no clean-up runs
        holder.wait(timeout=30)
    assert (tmp_path / LOCK_FILE).exists()  # the file stays; the lock went with the process
    DataFolderLock(tmp_path).acquire().release()


def test_a_second_window_on_the_folder_says_so_and_exits_2(data_dir):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("CPIM_SIM_DATA_DIR", None)
    with DataFolderLock(data_dir):
        done = subprocess.run([sys.executable, "-m", "simulator", "--data-dir", str(data_dir)],
                              capture_output=True, text=True, timeout=60, env=env, stdin=subprocess.DEVNULL)
    assert done.returncode == 2, done.stderr
    assert ALREADY in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.startswith("cpim-sim: error:")


def test_open_for_exam_tells_and_returns_2_while_another_holds_the_folder(data_dir):
    told = []
    with DataFolderLock(data_dir):
        assert open_for_exam(data_dir, ask=lambda *a: pytest.fail("nothing to ask"),
                             tell=lambda title, text, fatal: told.append((text, fatal))) == 2
    assert len(told) == 1 and ALREADY in told[0][0] and told[0][1]


def test_the_window_holds_the_lock_until_it_closes(data_dir):
    ws = open_for_exam(data_dir, ask=lambda *a: None, tell=lambda *a: pytest.fail(f"told {a}"))
    try:
        with pytest.raises(AlreadyRunning):
            DataFolderLock(data_dir).acquire()
    finally:
        ws.close()
    DataFolderLock(data_dir).acquire().release()


def test_read_only_commands_work_beside_a_window_and_change_nothing(workspace, data_dir, clock, capsys):
    from tests.test_cli import sit
    sit(workspace, clock)
    with DataFolderLock(data_dir):  # a window runs on the folder
        before = sorted(os.listdir(data_dir))
        assert main(["--data-dir", str(data_dir), "attempts", "list", "--json"]) == 0
        rows = json.loads(capsys.readouterr().out)
        assert [r["status"] for r in rows] == ["finished"]
        assert main(["--data-dir", str(data_dir), "attempts", "show", "last", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["raw_correct"] == 20
        assert sorted(os.listdir(data_dir)) == before
    # and a command does not keep the lock once it is done
    DataFolderLock(data_dir).acquire().release()
