"""The Pearson VUE habits on the item and review screens: the way back from review,
unseen content, the five-minute clock, strike-through and highlights, text size and
colour schemes."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from simulator.core.assembly import FormItem
from simulator.core.session import Phase
from simulator.ui.common import theme
from simulator.ui.exam.mainwindow import MainWindow
from simulator.workspace import ExamOptions

from . import gui
from .gui import ALT, dialogs, key


def long_first(run) -> None:
    """Make the first item longer than the screen, to be scrolled."""
    first = run.session.form[0]
    long_stem = " ".join([first.item.stem] * 30)
    run.session.form[0] = FormItem(0, dataclasses.replace(first.item, stem=long_stem), first.pretest)


def driver_window(qtbot, workspace, clock, items=8, minutes=60.0, long=False):
    return gui.exam_window(qtbot, workspace, clock, size=(1024, 740), prepare=long_first if long else None,
                           seed=4, items=items, minutes=minutes)


def test_from_the_review_screen_the_item_offers_the_way_back(qtbot, workspace, clock):
    w = driver_window(qtbot, workspace, clock)
    assert w.item.review_button.text() == "&Review"
    key(qtbot, w, Qt.Key.Key_R, ALT, until=lambda: w.stack.currentWidget() is w.review)
    w.review.table.cellClicked.emit(5, 0)               # a click on question 6
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.item)
    assert w.session.position == 5 and w.title_bar.counter.text() == "6 of 8"
    assert w.item.review_button.text() == "&Review Screen"
    key(qtbot, w, Qt.Key.Key_R, ALT, until=lambda: w.stack.currentWidget() is w.review)


def test_leaving_an_item_not_scrolled_to_the_end_prompts_once(qtbot, workspace, clock):
    w = driver_window(qtbot, workspace, clock, long=True)
    bar = w.item.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: len(dialogs()) == 1)
    prompt = dialogs()[0]
    assert prompt.windowTitle() == "Unseen content"
    assert w.session.position == 0                      # still on the item
    key(qtbot, prompt, Qt.Key.Key_Return, until=lambda: not dialogs())
    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: w.session.position == 1)
    assert not dialogs()
    key(qtbot, w, Qt.Key.Key_P, ALT, until=lambda: w.session.position == 0)
    # The long item is laid out again after Previous; scroll only once it is, as a reader would.
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())                         # scrolled to the end: no prompt
    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: w.session.position == 1)
    assert not dialogs()


def test_at_five_minutes_a_hidden_clock_returns_in_yellow(qtbot, workspace, clock):
    w = driver_window(qtbot, workspace, clock, minutes=20)
    time = w.title_bar.time
    qtbot.mouseClick(time, Qt.MouseButton.LeftButton)   # hide it
    assert time.text() == "Time Remaining"
    clock.advance(10 * 60)
    w.tick()
    assert time.text() == "Time Remaining"             # hiding never pauses: it is just hidden
    assert w.session.remaining() == 600
    clock.advance(5 * 60)
    w.tick()
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    assert "5 minutes" in dialogs()[0].body.text()
    assert time.text() == "Time Remaining 0:05:00" and time.property("warning") is True
    dialogs()[0].accept()


def test_strike_through_and_highlights_stay_with_the_item(qtbot, workspace, clock):
    w = driver_window(qtbot, workspace, clock)
    s = w.session
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ShiftModifier)
    assert s.state.struck == {"B"} and w.item.struck("B")
    QApplication.sendEvent(w.item.texts["D"], QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5),
                                                                   QPoint(5, 5)))
    assert s.state.struck == {"B", "D"} and w.item.struck("D")
    w.item.stem.setSelection(2, 9)
    key(qtbot, w, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert s.state.highlights == [(2, 11)]
    assert "background-color" in w.item.stem.text()
    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: s.position == 1)
    assert not w.item.struck("B") and "background-color" not in w.item.stem.text()
    key(qtbot, w, Qt.Key.Key_P, ALT, until=lambda: s.position == 0)
    assert w.item.struck("B") and w.item.struck("D") and not w.item.struck("A")
    assert "background-color" in w.item.stem.text()
    w.set_scheme("Black on Yellow")                     # restyling keeps the marks
    assert w.item.struck("B") and not w.item.struck("A")
    w.set_scheme("Black on White")
    key(qtbot, w, Qt.Key.Key_D)                         # choosing a struck option un-strikes it
    assert s.state.response == "D" and s.state.struck == {"B"}


def test_text_size_steps_and_is_remembered(qtbot, workspace, clock):
    w = driver_window(qtbot, workspace, clock)
    app = QApplication.instance()
    assert w.text_pt == theme.BASE_PT
    key(qtbot, w, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, w, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert w.text_pt == 14 and "font-size: 14pt" in app.styleSheet()
    key(qtbot, w, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert w.text_pt == 12
    again = MainWindow(workspace, workspace.new_exam(ExamOptions(seed=5, items=8), clock), clock)
    qtbot.addWidget(again)
    assert again.text_pt == 12                          # remembered in the data folder
    key(qtbot, w, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert w.text_pt == theme.BASE_PT


def test_the_seven_colour_schemes_switch_at_any_time_and_are_remembered(qtbot, workspace, clock):
    w = driver_window(qtbot, workspace, clock)
    names = [a.text() for a in w.scheme_actions]
    assert names == ["Black on White", "Black on Light Yellow", "Black on Salmon", "Black on Yellow",
                     "Blue on White", "Blue on Yellow", "Light Yellow on Black"]
    w.scheme_actions[-1].trigger()
    app = QApplication.instance()
    assert app.palette().base().color().name() == "#000000"
    assert app.palette().text().color().name() == "#fffbd6"
    assert w.item.stem.palette().windowText().color().name() == "#fffbd6"
    assert w.scheme_actions[-1].isChecked() and not w.scheme_actions[0].isChecked()
    again = MainWindow(workspace, workspace.new_exam(ExamOptions(seed=5, items=8), clock), clock)
    qtbot.addWidget(again)
    assert again.scheme.name == "Light Yellow on Black"
    w.set_scheme("Black on White")


def test_dialog_keys_enter_and_escape(qtbot, workspace, clock):
    w = driver_window(qtbot, workspace, clock)
    key(qtbot, w, Qt.Key.Key_E, ALT, until=lambda: len(dialogs()) == 1)
    key(qtbot, dialogs()[0], Qt.Key.Key_Escape, until=lambda: not dialogs())   # Esc: No
    assert w.session.phase is Phase.ITEMS
    key(qtbot, w, Qt.Key.Key_E, ALT, until=lambda: len(dialogs()) == 1)
    key(qtbot, dialogs()[0], Qt.Key.Key_Return, until=lambda: not dialogs())   # Enter: the default, No
    assert w.session.phase is Phase.ITEMS


def test_study_mode_shows_the_key_and_explanation_after_each_answer(qtbot, workspace, clock):
    w = gui.exam_window(qtbot, workspace, clock, seed=4, items=8, mode="study")
    item = w.session.current.item
    assert not w.item.feedback.isVisibleTo(w)
    wrong = "ABCD"[("ABCD".index(item.key) + 1) % 4]
    key(qtbot, w, getattr(Qt.Key, f"Key_{wrong}"))
    assert w.item.feedback.isVisibleTo(w)
    assert w.item.feedback.text().startswith(f"Incorrect. The answer is {item.key}.")
    assert item.explanation in w.item.feedback.text()
    key(qtbot, w, Qt.Key.Key_N, ALT, until=lambda: w.session.position == 1)
    assert not w.item.feedback.isVisibleTo(w)            # the next item is still unanswered


def test_exam_mode_never_shows_feedback(qtbot, workspace, clock):
    w = driver_window(qtbot, workspace, clock)
    key(qtbot, w, Qt.Key.Key_A)
    assert w.session.state.response == "A" and not w.item.feedback.isVisibleTo(w)
