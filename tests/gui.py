"""What the GUI tests share: the dialogs on screen, and a key pressed as a candidate would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from simulator.ui.dialogs import MessageDialog

ALT = Qt.KeyboardModifier.AltModifier


def dialogs() -> list[MessageDialog]:
    """The message dialogs open now (tests answer every dialog they cause)."""
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MessageDialog) and w.isVisible()]


def no_dialog() -> bool:
    return not dialogs()


def open_dialog(qtbot) -> MessageDialog:
    qtbot.waitUntil(lambda: bool(dialogs()), timeout=5000)
    return dialogs()[-1]


def key(qtbot, widget, k, modifier=Qt.KeyboardModifier.NoModifier, until=None) -> None:
    """A key as the candidate presses it, in the active window. A button's Alt+letter
    clicks it after Qt's 100 ms press animation, so `until` waits for what the key
    must bring about."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=5000)
    qtbot.keyClick(widget, k, modifier)
    if until is not None:
        qtbot.waitUntil(until, timeout=5000)
