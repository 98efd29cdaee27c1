"""A candidate at the keyboard: a whole short exam, from Welcome to the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from simulator.core.session import Phase, Status
from simulator.ui.dialogs import MessageDialog
from simulator.ui.launch import make_app
from simulator.ui.mainwindow import MainWindow
from simulator.workspace import ExamOptions

ALT = Qt.KeyboardModifier.AltModifier


def open_dialog(qtbot) -> MessageDialog:
    """The message dialog that is open now (tests answer every dialog they cause)."""
    found: list[MessageDialog] = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MessageDialog) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible, timeout=3000)
    return found[-1]


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    widget.activateWindow()
    qtbot.keyClick(widget, key, modifier)


@pytest.fixture
def window(qtbot, workspace, clock):
    make_app()
    run = workspace.new_exam(ExamOptions(seed=7, items=20, candidate="Pat Planner"), clock)
    w = MainWindow(workspace, run, clock)
    qtbot.addWidget(w)
    w.resize(1280, 820)
    w.show()
    qtbot.waitExposed(w)
    w.start()
    w.activateWindow()
    return w


def test_keyboard_only_exam_to_pdf(qtbot, window, workspace, tmp_path):
    s = window.session
    assert window.stack.currentWidget() is window.welcome
    press(qtbot, window, Qt.Key.Key_N, ALT)                      # Welcome: Next
    assert window.stack.currentWidget() is window.nda
    press(qtbot, window, Qt.Key.Key_A, ALT)                      # NDA: Accept
    assert window.stack.currentWidget() is window.tutorial
    press(qtbot, window, Qt.Key.Key_N, ALT)                      # Tutorial: Next
    dialog = open_dialog(qtbot)
    assert "Begin the exam" in dialog.windowTitle()
    assert s.phase is Phase.INTRO                                # the clock waits for Yes
    press(qtbot, dialog, Qt.Key.Key_Y, ALT)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.item)
    assert s.phase is Phase.ITEMS and s.countdown.running
    counter = window.findChild(object, "itemCounter")
    assert counter.text() == "1 of 20"

    # Answer the first 15 items with the letters and digits; flag items 3 and 5.
    keys = [Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_C, Qt.Key.Key_D, Qt.Key.Key_1, Qt.Key.Key_2]
    for n in range(15):
        press(qtbot, window, keys[n % len(keys)])
        if n in (2, 4):
            press(qtbot, window, Qt.Key.Key_F, ALT)
        press(qtbot, window, Qt.Key.Key_N, ALT)
    assert counter.text() == "16 of 20"
    assert [st.response for st in s.states[:6]] == ["A", "B", "C", "D", "A", "B"]
    assert s.states[2].flagged and s.states[4].flagged and s.flagged_count == 2
    press(qtbot, window, Qt.Key.Key_P, ALT)                      # Previous
    assert counter.text() == "15 of 20"

    # The review screen shows the statuses; Review Incomplete steps through the rest.
    press(qtbot, window, Qt.Key.Key_R, ALT)
    assert window.stack.currentWidget() is window.review
    table = window.review.table
    statuses = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert statuses.count(Status.COMPLETE.value) == 15
    assert statuses.count(Status.UNSEEN.value) == 4 and statuses.count(Status.INCOMPLETE.value) == 1
    press(qtbot, window, Qt.Key.Key_I, ALT)
    assert window.stack.currentWidget() is window.item and counter.text() == "16 of 20"
    press(qtbot, window, Qt.Key.Key_C)
    press(qtbot, window, Qt.Key.Key_N, ALT)
    assert counter.text() == "17 of 20"
    press(qtbot, window, Qt.Key.Key_R, ALT)
    assert window.review.table.item(15, 1).text() == "Complete"   # updated live
    press(qtbot, window, Qt.Key.Key_L, ALT)                      # Review Flagged: item 3, then 5
    assert counter.text() == "3 of 20"
    press(qtbot, window, Qt.Key.Key_F, ALT)                      # unflag it
    press(qtbot, window, Qt.Key.Key_N, ALT)
    assert counter.text() == "5 of 20"
    press(qtbot, window, Qt.Key.Key_N, ALT)                      # past the set: back to review
    assert window.stack.currentWidget() is window.review
    press(qtbot, window, Qt.Key.Key_A, ALT)                      # Review All starts at 1
    assert counter.text() == "1 of 20"

    # End: the confirmation counts incomplete and flagged items; No returns.
    press(qtbot, window, Qt.Key.Key_E, ALT)
    dialog = open_dialog(qtbot)
    assert "Are you sure you want to end this exam?" in dialog.body.text()
    assert "Incomplete items: 4" in dialog.body.text() and "flagged for review: 1" in dialog.body.text()
    press(qtbot, dialog, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert s.phase is Phase.ITEMS
    press(qtbot, window, Qt.Key.Key_E, ALT)
    with qtbot.waitSignal(window.finished, timeout=5000):
        press(qtbot, open_dialog(qtbot), Qt.Key.Key_Y, ALT)
    assert window.stack.currentWidget() is window.results

    report = window.report
    expected_right = sum(1 for f, st in zip(s.form, s.states) if st.response == f.item.key)
    assert report["raw_correct"] == expected_right
    shown = window.findChild(QLabel, "scaledScore").text()
    assert shown == str(report["scaled_score"]) and 200 <= int(shown) <= 350
    assert window.findChild(QLabel, "passFail").text() in ("PASS", "FAIL")
    assert window.results.table.rowCount() == 8

    # Ctrl+S: the save dialog, a file name typed, Enter.
    target = tmp_path / "report.pdf"
    press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.results.file_dialog is not None and window.results.file_dialog.isVisible())
    file_dialog: QFileDialog = window.results.file_dialog
    name_box = file_dialog.findChild(object, "fileNameEdit")
    name_box.selectAll()
    qtbot.keyClicks(name_box, str(target))
    with qtbot.waitSignal(window.results.exported, timeout=10000):
        qtbot.keyClick(name_box, Qt.Key.Key_Return)
    press(qtbot, open_dialog(qtbot), Qt.Key.Key_Return)         # "Report exported": OK

    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert str(report["scaled_score"]) in text
    assert "Pat Planner" in text
    for name in workspace.blueprint.names:
        assert name in " ".join(text.split()), name
    assert ("PASS" if report["passed"] else "FAIL") in text
