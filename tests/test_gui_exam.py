"""A candidate at the keyboard: a whole short exam, from Welcome to the PDF."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QToolButton

from simulator.core.session import Phase, Status

from .gui import ALT, exam_window, export_pdf_by_keyboard, key, no_dialog, open_dialog


@pytest.fixture
def window(qtbot, workspace, clock):
    return exam_window(qtbot, workspace, clock, begin=False, seed=7, items=20, candidate="Pat Planner")


def test_keyboard_only_exam_to_pdf(qtbot, window, workspace, tmp_path):
    s = window.session
    on = lambda screen: (lambda: window.stack.currentWidget() is screen)  # noqa: E731
    counter = window.title_bar.counter
    at = lambda n: (lambda: counter.text() == f"{n} of 20" and window.stack.currentWidget() is window.item)  # noqa: E731

    assert window.stack.currentWidget() is window.welcome
    key(qtbot, window, Qt.Key.Key_N, ALT, until=on(window.nda))        # Welcome: Next
    key(qtbot, window, Qt.Key.Key_A, ALT, until=on(window.tutorial))   # NDA: Accept
    assert window.tutorial.where.text() == "Tutorial: page 1 of 4"
    key(qtbot, window, Qt.Key.Key_N, ALT, until=lambda: window.tutorial.page == 1)   # Tutorial: Next
    key(qtbot, window, Qt.Key.Key_S, ALT)                              # Skip Tutorial
    dialog = open_dialog(qtbot)
    assert "Begin the exam" in dialog.windowTitle()
    assert s.phase is Phase.INTRO and not s.countdown.running           # the clock waits for Yes
    key(qtbot, dialog, Qt.Key.Key_Y, ALT, until=on(window.item))
    assert s.phase is Phase.ITEMS and s.countdown.running
    assert window.findChild(QToolButton, "itemCounter").text() == "1 of 20"

    # Answer the first 15 items with the letters and digits; flag items 3 and 5.
    keys = [Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_C, Qt.Key.Key_D, Qt.Key.Key_1, Qt.Key.Key_2]
    for n in range(15):
        key(qtbot, window, keys[n % len(keys)])
        if n in (2, 4):
            key(qtbot, window, Qt.Key.Key_F, ALT, until=lambda: s.state.flagged)
        key(qtbot, window, Qt.Key.Key_N, ALT, until=at(n + 2))
    assert [st.response for st in s.states[:6]] == ["A", "B", "C", "D", "A", "B"]
    assert window.item.radios["A"].isChecked() is False
    assert s.states[2].flagged and s.states[4].flagged and s.flagged_count == 2
    key(qtbot, window, Qt.Key.Key_P, ALT, until=at(15))               # Previous
    assert window.item.radios[s.states[14].response].isChecked()

    # The review screen shows the statuses; Review Incomplete steps through the rest.
    key(qtbot, window, Qt.Key.Key_R, ALT, until=on(window.review))
    table = window.findChild(QTableWidget, "reviewTable")
    statuses = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert statuses.count(Status.COMPLETE.value) == 15
    assert statuses.count(Status.UNSEEN.value) == 4 and statuses.count(Status.INCOMPLETE.value) == 1
    key(qtbot, window, Qt.Key.Key_I, ALT, until=at(16))
    key(qtbot, window, Qt.Key.Key_C)
    key(qtbot, window, Qt.Key.Key_N, ALT, until=at(17))
    key(qtbot, window, Qt.Key.Key_R, ALT, until=on(window.review))
    assert table.item(15, 1).text() == "Complete"                       # updated live
    key(qtbot, window, Qt.Key.Key_L, ALT, until=at(3))                # Review Flagged: 3, then 5
    key(qtbot, window, Qt.Key.Key_F, ALT, until=lambda: not s.state.flagged)
    key(qtbot, window, Qt.Key.Key_N, ALT, until=at(5))
    key(qtbot, window, Qt.Key.Key_N, ALT, until=on(window.review))   # past the set: review again
    key(qtbot, window, Qt.Key.Key_A, ALT, until=at(1))                # Review All starts at 1

    # End: the confirmation counts incomplete and flagged items; No returns.
    key(qtbot, window, Qt.Key.Key_E, ALT)
    dialog = open_dialog(qtbot)
    assert "Are you sure you want to end this exam?" in dialog.body.text()
    assert "Incomplete items: 4" in dialog.body.text() and "flagged for review: 1" in dialog.body.text()
    key(qtbot, dialog, Qt.Key.Key_N, ALT, until=no_dialog)
    assert s.phase is Phase.ITEMS
    key(qtbot, window, Qt.Key.Key_E, ALT)
    dialog = open_dialog(qtbot)
    with qtbot.waitSignal(window.finished, timeout=5000):
        key(qtbot, dialog, Qt.Key.Key_Y, ALT)
    assert window.stack.currentWidget() is window.results

    report = window.report
    expected_right = sum(1 for f, st in zip(s.form, s.states, strict=False) if st.response == f.item.key)
    assert report["raw_correct"] == expected_right
    shown = window.findChild(QLabel, "scaledScore").text()
    assert shown == str(report["scaled_score"]) and 200 <= int(shown) <= 350
    assert window.findChild(QLabel, "passFail").text() == ("PASS" if report["passed"] else "FAIL")
    assert window.findChild(QTableWidget, "domainTable").rowCount() == 8

    # Ctrl+S: the save dialog, a file name typed, Enter.
    target = tmp_path / "report.pdf"
    export_pdf_by_keyboard(qtbot, window, target)

    text = " ".join(" ".join(page.extract_text() for page in PdfReader(target).pages).split())
    assert str(report["scaled_score"]) in text
    assert "Pat Planner" in text
    for name in workspace.blueprint.names:
        assert name in text, name
    assert ("PASS" if report["passed"] else "FAIL") in text
