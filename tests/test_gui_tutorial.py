"""The tutorial's sample item is live: the candidate tries the tools page by page, and
the pages say only what is true of this form."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt

from simulator.paths import resource
from simulator.ui.exam.tutorial import tutorial_pages

from .gui import ALT, exam_window, key, no_dialog, open_dialog

TEXT = resource("texts").joinpath("tutorial.txt").read_text(encoding="utf-8")


def test_pages_say_what_is_true_of_the_form():
    full = " ".join(tutorial_pages(TEXT, items=150, pretest=20, minutes=210, onvue=False))
    assert "This form has 20 unscored pretest items among its 150" in full
    assert "30 minutes and 5 minutes remain" in full and "Whiteboard" not in full
    short = " ".join(tutorial_pages(TEXT, items=10, pretest=0, minutes=14, onvue=True))
    assert "pretest" not in short and "30 minutes" not in short and "1 of 10" in short
    assert "Whiteboard (Alt+W)" in short and "[" not in short


def _global(widget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def test_trying_the_tools_page_by_page(qtbot, workspace, clock):
    w = exam_window(qtbot, workspace, clock, begin=False, seed=6, items=10)
    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: w.stack.currentWidget() is w.nda)
    key(qtbot, w, Qt.Key.Key_A, ALT, until=lambda: w.stack.currentWidget() is w.tutorial)
    t = w.tutorial
    s = t.sample_session
    assert "pretest" not in t.text.text()
    assert t.tried.text().count("\u25cb") == 3 and t.sample_item.isVisible()

    key(qtbot, w, Qt.Key.Key_B, until=lambda: s.state.response == "B")     # choose
    assert t.sample_item.radios["B"].isChecked()
    key(qtbot, w, Qt.Key.Key_D, Qt.KeyboardModifier.ShiftModifier, until=lambda: "D" in s.state.struck)
    assert t.sample_item.struck("D")
    t.sample_item.stem.setSelection(0, 14)                                    # words selected with the mouse
    key(qtbot, w, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier, until=lambda: bool(s.state.highlights))
    assert t.tried.text().count("\u2713") == 3
    assert w.session.phase.value == "intro" and w.session.states[0].response is None   # the exam untouched

    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: t.page == 1)
    assert "1 of 10" in t.text.text() and "30 minutes" not in t.text.text()
    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: t.page == 2)
    key(qtbot, w, Qt.Key.Key_F, ALT, until=lambda: s.state.flagged)          # flag
    assert t.sample_item.flag_button.isChecked()
    key(qtbot, w, Qt.Key.Key_R, ALT, until=lambda: t.sample_review is not None
        and t.sample_review.isVisible())
    table = t.sample_review.table
    assert table.rowCount() == 3 and table.item(0, 2).text() == "Flagged"
    rect = table.visualItemRect(table.item(1, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: t.sample_item.isVisible() and s.position == 1)
    assert "Sample item 2" in t.sample_item.stem.text()
    assert t.tried.text().count("\u2713") == 3

    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: t.page == 3)
    key(qtbot, w, Qt.Key.Key_C, ALT, until=lambda: t.calculator is not None and t.calculator.isVisible())
    calc = t.calculator
    qtbot.waitUntil(lambda: not calc.frameGeometry().intersects(_global(t.sample_item.stem)))
    key(qtbot, calc, Qt.Key.Key_C, ALT, until=lambda: not calc.isVisible())
    assert t.tried.text().count("\u2713") == 2
    key(qtbot, w, Qt.Key.Key_N, ALT)                                           # the last page's Next
    begin = open_dialog(qtbot)
    assert begin.windowTitle() == "Begin the exam?" and not calc.isVisible()
    key(qtbot, begin, Qt.Key.Key_N, ALT, until=no_dialog)
