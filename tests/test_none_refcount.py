"""A known trap: PySide6 6.12.0 on CPython 3.11 drops a reference to None
on every Qt call that returns None, and the interpreter dies after a few thousand.
This makes 20,000 such calls; an upgrade that brings the bug back fails here."""

import sys

from PySide6.QtWidgets import QApplication, QWidget

from simulator.ui.launch import make_app


def test_qt_calls_returning_none_keep_none_alive(qtbot):
    make_app()
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(5000):
        QApplication.focusWidget()
        QApplication.activeModalWidget()
        widget.layout()
        widget.findChild(QWidget, "nothing-by-this-name")
    assert sys.getrefcount(None) >= before - 100  # allow for unrelated churn, not 20,000
