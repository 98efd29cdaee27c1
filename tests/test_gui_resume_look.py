"""A resumed exam looks exactly like the exam before the interruption: the clock and
the item counter are on the item screen, and the clock ticks."""

from __future__ import annotations

from PySide6.QtCore import Qt

from simulator.ui.launch import Launcher, make_app
from simulator.workspace import ExamOptions

from .gui import ALT, dialogs, key
from .test_launch import unfinished


def _looks_like_the_exam(qtbot, window, clock) -> None:
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.item)
    bar = window.title_bar
    assert bar.time.isVisible() and bar.counter.isVisible()
    assert bar.counter.text() == "5 of 10"
    assert bar.time.text() == "Time Remaining 0:27:55"
    clock.advance(2)
    window.tick()
    assert bar.time.text() == "Time Remaining 0:27:53"  # ticking
    key(qtbot, window, Qt.Key.Key_N, ALT, until=lambda: bar.counter.text() == "6 of 10")
    assert bar.time.isVisible() and bar.counter.isVisible()


def test_yes_at_the_resume_question_shows_clock_and_counter(qtbot, workspace, clock):
    make_app()
    unfinished(workspace, clock)
    launcher = Launcher(workspace, ExamOptions(), clock, resume=False)
    launcher.start()  # the question comes first, before any window
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    key(qtbot, dialogs()[0], Qt.Key.Key_Y, ALT, until=lambda: not dialogs())
    window = launcher.window
    qtbot.addWidget(window, before_close_func=lambda w: w.close_keeping())  # no "Close the exam?" left open
    _looks_like_the_exam(qtbot, window, clock)


def test_resume_option_shows_clock_and_counter(qtbot, workspace, clock):
    make_app()
    unfinished(workspace, clock)
    window = Launcher(workspace, ExamOptions(), clock, resume=True).start()
    qtbot.addWidget(window, before_close_func=lambda w: w.close_keeping())  # no "Close the exam?" left open
    _looks_like_the_exam(qtbot, window, clock)
