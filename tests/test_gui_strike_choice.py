"""Choosing a struck-out option removes its strike-out, and the screen says so."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .gui import ALT, exam_window, key


def test_choosing_a_struck_option_says_its_strike_out_is_removed(qtbot, workspace, clock):
    w = exam_window(qtbot, workspace, clock, seed=3, items=4)
    screen, s = w.item, w.session
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ShiftModifier, until=lambda: screen.struck("B"))
    assert not screen.strike_note.isVisible()
    key(qtbot, w, Qt.Key.Key_B, until=lambda: s.state.response == "B")
    assert s.state.struck == set() and not screen.struck("B") and screen.radios["B"].isChecked()
    assert screen.strike_note.isVisible()
    assert "You chose B, which you had struck out: its strike-out is removed." in screen.strike_note.text()
    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: s.position == 1)
    assert not screen.strike_note.isVisible()
    key(qtbot, w, Qt.Key.Key_C)                              # an option never struck: no note
    assert s.state.response == "C" and not screen.strike_note.isVisible()
