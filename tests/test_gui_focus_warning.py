"""OnVUE: losing the focus three times gives one warning, on top, that counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from .gui import ALT, dialogs, exam_window, key, no_dialog


def test_three_focus_losses_one_warning_on_top_counting(qtbot, workspace, clock):
    w = exam_window(qtbot, workspace, clock, seed=8, items=6, onvue=True, candidate="Online Olly")
    key(qtbot, w, Qt.Key.Key_W, ALT, until=lambda: w.whiteboard is not None and w.whiteboard.isVisible())
    app = QGuiApplication.instance()
    app.focusWindowChanged.emit(None)     # another program took the focus
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    assert "lost focus (1 time so far)" in dialogs()[0].body.text()
    app.focusWindowChanged.emit(None)
    app.focusWindowChanged.emit(None)
    qtbot.waitUntil(lambda: "lost focus (3 times so far)" in dialogs()[0].body.text())
    assert len(dialogs()) == 1
    warning = dialogs()[0]
    assert warning.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    key(qtbot, warning, Qt.Key.Key_Return, until=no_dialog)  # one OK is enough: nothing hides behind it
    app.focusWindowChanged.emit(None)
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    assert "(4 times so far)" in dialogs()[0].body.text()
    key(qtbot, dialogs()[0], Qt.Key.Key_Return, until=no_dialog)
