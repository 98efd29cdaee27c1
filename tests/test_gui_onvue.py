"""The OnVUE variant: system check, rules, whiteboard, focus-loss warnings; and the
calculator on the item screen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from simulator.core.session import Phase
from simulator.core.syscheck import run_checks, verdict
from simulator.ui.exam.mainwindow import MainWindow

from .gui import ALT, dialogs, exam_window, key


def window_for(qtbot, workspace, clock, onvue: bool, begin: bool = True) -> MainWindow:
    return exam_window(qtbot, workspace, clock, begin=begin, seed=8, items=6, onvue=onvue,
                       candidate="Online Olly")


def test_system_checks_and_verdicts():
    good = run_checks([(1920, 1080)], "Latitude 7440")
    assert all(c.passed for c in good) and verdict(good).startswith("Your system passed")
    two = run_checks([(1920, 1080), (1280, 1024)])
    assert not two[0].passed and "2 screens" in two[0].detail
    small = run_checks([(800, 600)])
    assert not small[1].passed and "1024 x 768" in small[1].detail
    vm = run_checks([(1920, 1080)], "VirtualBox")
    assert not vm[2].passed and "did not pass: Virtual machine" in verdict(vm)


def test_onvue_starts_with_the_system_check_then_the_rules(qtbot, workspace, clock):
    w = window_for(qtbot, workspace, clock, onvue=True, begin=False)
    assert w.stack.currentWidget() is w.system_check
    names = [c.name for c in w.system_check.checks]
    assert names == ["Number of screens", "Screen resolution", "Virtual machine", "Network"]
    assert w.system_check.verdict.text()
    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: w.stack.currentWidget() is w.rules)
    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: w.stack.currentWidget() is w.welcome)


def test_the_whiteboard_is_onvue_only_keeps_its_content_and_is_wiped_at_the_end(qtbot, workspace, clock):
    plain = window_for(qtbot, workspace, clock, onvue=False)
    assert not plain.item.whiteboard_button.isVisible()
    plain.close_keeping()
    w = window_for(qtbot, workspace, clock, onvue=True)
    assert w.item.whiteboard_button.isVisible()
    key(qtbot, w, Qt.Key.Key_W, ALT, until=lambda: w.whiteboard is not None and w.whiteboard.isVisible())
    board = w.whiteboard
    board.canvas.sketch.add(_a_line())
    count = len(board.canvas.sketch.shapes)
    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: w.session.position == 1)
    assert len(w.whiteboard.canvas.sketch.shapes) == count == 1     # kept across items
    w.session.end()
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.results)
    assert len(board.canvas.sketch.shapes) == 0 and not board.isVisible()


def _a_line():
    from simulator.core.sketch import Line
    return Line(start=(10.0, 10.0), end=(100.0, 80.0), colour="#000000", width=2.0)


def test_each_focus_loss_warns_and_is_counted_on_the_report(qtbot, workspace, clock):
    w = window_for(qtbot, workspace, clock, onvue=True)
    w._focus_changed(None)                  # another program took the focus
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    assert "lost focus (1 time" in dialogs()[0].body.text()
    dialogs()[0].accept()
    w._focus_changed(w.windowHandle())      # focus inside the exam: nothing happens
    w._focus_changed(None)
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    dialogs()[0].accept()
    with qtbot.waitSignal(w.finished):
        w.session.end()
    assert w.report["focus_losses"] == 2
    assert "Times the exam window lost focus: 2" in w.results.pacing.text()


def test_focus_is_not_watched_without_onvue(qtbot, workspace, clock):
    w = window_for(qtbot, workspace, clock, onvue=False)
    assert w.session.phase is Phase.ITEMS
    with qtbot.waitSignal(w.finished):
        w.session.end()
    assert w.report["focus_losses"] == 0


def test_calculator_opens_with_alt_c_computes_and_closes_on_the_next_item(qtbot, workspace, clock):
    w = window_for(qtbot, workspace, clock, onvue=False)
    key(qtbot, w, Qt.Key.Key_C, ALT, until=lambda: w.calculator is not None and w.calculator.isVisible())
    calc = w.calculator
    for k in "0.1+0.2=":
        calc.press({"+": "+", "=": "="}.get(k, k))
    assert calc.display.text() == "0.3"
    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: w.session.position == 1)
    assert not calc.isVisible()
    key(qtbot, w, Qt.Key.Key_C, ALT, until=lambda: calc.isVisible())
    assert calc.display.text() == "0"       # a fresh calculator on each opening
