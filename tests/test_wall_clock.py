"""The exam clock ignores changes of the wall clock.

The countdown runs on MonotonicClock, i.e. time.monotonic(). These tests put
time.monotonic under the test's control and move the wall clock (time.time,
time.time_ns and datetime) hours forward and back: the time left moves with the
monotonic clock only. If the clock ever read the wall clock, a jump of hours would
end the exam or hand out hours."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import time
from types import SimpleNamespace

import pytest

from simulator.core.clock import Countdown, MonotonicClock
from simulator.core.session import Phase
from simulator.storage.attempts import USER_DB
from simulator.ui.exam.mainwindow import MainWindow
from simulator.ui.launch import make_app
from simulator.workspace import ExamOptions

HOURS = 3600.0


class WallClock:
    """time.monotonic under the test's hand, and a wall clock that can jump."""

    def __init__(self, monkeypatch) -> None:
        self.monkeypatch = monkeypatch
        self.mono = 5000.0
        self.shift = 0.0
        real_time, real_time_ns, real_datetime = time.time, time.time_ns, dt.datetime
        wall = self

        class ShiftedDatetime(real_datetime):
            @classmethod
            def now(cls, tz=None):
                return real_datetime.now(tz) + dt.timedelta(seconds=wall.shift)

            @classmethod
            def utcnow(cls):
                return real_datetime.utcnow() + dt.timedelta(seconds=wall.shift)

            @classmethod
            def today(cls):
                return cls.now()

        monkeypatch.setattr(time, "monotonic", lambda: self.mono)
        monkeypatch.setattr(time, "time", lambda: real_time() + self.shift)
        monkeypatch.setattr(time, "time_ns", lambda: real_time_ns() + int(self.shift * 1e9))
        monkeypatch.setattr(dt, "datetime", ShiftedDatetime)
        for name, module in list(sys.modules.items()):  # `from datetime import datetime` copies
            if name.startswith("simulator") and getattr(module, "datetime", None) is real_datetime:
                monkeypatch.setattr(module, "datetime", ShiftedDatetime)

    def jump(self, seconds: float) -> None:
        self.shift += seconds

    def advance(self, seconds: float) -> None:
        self.mono += seconds


def test_the_countdown_ignores_wall_clock_jumps(monkeypatch):
    wall = WallClock(monkeypatch)
    countdown = Countdown(MonotonicClock(), allowed_s=2 * HOURS)
    countdown.start()
    wall_before, date_before = time.time(), dt.datetime.now()
    wall.jump(+5 * HOURS)                       # the system clock set forward
    assert countdown.remaining() == 2 * HOURS
    wall.advance(90)
    assert countdown.remaining() == 2 * HOURS - 90
    wall.jump(-11 * HOURS)                      # and far back (a DST or NTP fix, a dead RTC battery)
    assert countdown.remaining() == 2 * HOURS - 90 and not countdown.expired
    # The wall clock did move, six hours back in all: the jumps were real.
    assert abs(time.time() - wall_before + 6 * HOURS) < 60
    assert abs((dt.datetime.now() - date_before).total_seconds() + 6 * HOURS) < 60


def test_the_exam_window_ignores_wall_clock_jumps(monkeypatch, qtbot, workspace, data_dir):
    wall = WallClock(monkeypatch)
    make_app()
    clock = MonotonicClock()
    run = workspace.new_exam(ExamOptions(seed=5, items=10, minutes=60), clock)
    window = MainWindow(workspace, run, clock)
    qtbot.addWidget(window)
    window.show()
    window.start()
    window.timer.stop()                         # the test ticks by hand
    workspace.begin(run)
    s = run.session
    shown = lambda: window.title_bar.time.text()  # noqa: E731
    window.tick()
    assert shown() == "Time Remaining 1:00:00"

    wall.jump(+4 * HOURS)
    window.tick()
    assert shown() == "Time Remaining 1:00:00" and s.phase is Phase.ITEMS
    wall.advance(125)
    window.tick()
    assert shown() == "Time Remaining 0:57:55"
    wall.jump(-9 * HOURS)
    s.answer("C")                               # each change saves the clock too
    window.tick()
    assert shown() == "Time Remaining 0:57:55" and s.remaining() == 60 * 60 - 125
    window.close_keeping()                      # closed mid-exam: suspends, the clock is saved
    with sqlite3.connect(data_dir / USER_DB) as db:
        assert db.execute("SELECT time_used_s FROM attempts").fetchall() == [(125.0,)]


def test_the_gui_runs_on_the_monotonic_clock(monkeypatch, tmp_path, built_bank, qapp):
    """cpim-sim with no subcommand starts the window with a MonotonicClock."""
    import shutil

    from simulator import cli
    from simulator.storage.bank import BANK_FILE
    from simulator.ui import launch

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(built_bank, folder / BANK_FILE)
    seen = SimpleNamespace(clocks=[])

    class Recorder:
        quitting = True  # no window: run_gui returns at once

        def __init__(self, *args, **kwargs) -> None:
            seen.clocks += [a for a in (*args, *kwargs.values()) if hasattr(a, "now")]

        def start(self) -> None:
            pass

    monkeypatch.setattr(launch, "Shell", Recorder)
    assert cli.main(["--data-dir", str(folder), "--items", "10"]) == 2
    assert len(seen.clocks) == 1 and type(seen.clocks[0]) is MonotonicClock


def test_monotonic_clock_reads_time_monotonic(monkeypatch):
    monkeypatch.setattr(time, "monotonic", lambda: 42.5)
    monkeypatch.setattr(time, "time", lambda: pytest.fail("the exam clock read the wall clock"))
    assert MonotonicClock().now() == 42.5
