"""Declining the candidate agreement ends the exam, so it asks first (No is the default)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from simulator.core.session import Phase

from .gui import ALT, exam_window, key, no_dialog, open_dialog


def test_decline_asks_before_ending_the_exam(qtbot, workspace, clock):
    w = exam_window(qtbot, workspace, clock, begin=False, seed=2, items=4)
    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: w.stack.currentWidget() is w.nda)
    key(qtbot, w, Qt.Key.Key_D, ALT)                       # a slip beside Alt+A
    question = open_dialog(qtbot)
    assert question.windowTitle() == "Decline the agreement?"
    assert question.buttons["no"].isDefault()
    key(qtbot, question, Qt.Key.Key_Return, until=no_dialog)   # Enter: the default, No
    assert w.stack.currentWidget() is w.nda and w.session.phase is Phase.INTRO
    key(qtbot, w, Qt.Key.Key_D, ALT)
    key(qtbot, open_dialog(qtbot), Qt.Key.Key_Escape, until=no_dialog)
    assert w.stack.currentWidget() is w.nda
    key(qtbot, w, Qt.Key.Key_D, ALT)
    key(qtbot, open_dialog(qtbot), Qt.Key.Key_Y, ALT, until=lambda: w.stack.currentWidget() is w.closed)
    assert w.session.phase is Phase.DECLINED
    assert "You declined the candidate agreement." in w.closed.text.text()


def test_accept_still_goes_straight_on(qtbot, workspace, clock):
    w = exam_window(qtbot, workspace, clock, begin=False, seed=2, items=4)
    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: w.stack.currentWidget() is w.nda)
    key(qtbot, w, Qt.Key.Key_A, ALT, until=lambda: w.stack.currentWidget() is w.tutorial)


def test_the_agreement_clock_runs_out_while_asked(qtbot, workspace, clock):
    w = exam_window(qtbot, workspace, clock, begin=False, seed=2, items=4)
    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: w.stack.currentWidget() is w.nda)
    key(qtbot, w, Qt.Key.Key_D, ALT)
    open_dialog(qtbot)
    clock.advance(5 * 60 + 1)
    w.tick()
    qtbot.waitUntil(no_dialog)
    assert w.stack.currentWidget() is w.closed and "has expired" in w.closed.text.text()
