"""Study mode: signalled on Welcome and on each item, the first answer counts once the
key is shown, and the APICS Dictionary term comes with the explanation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from simulator.core.clock import FakeClock
from simulator.core.session import ExamSession

from .conftest import make_items
from .gui import exam_window, key


def test_core_first_answer_counts_in_study_mode():
    from simulator.core.assembly import FormItem
    items = make_items(2)[:3]
    form = [FormItem(n, it, False) for n, it in enumerate(items)]
    s = ExamSession(form, 600, FakeClock(), mode="study")
    s.begin()
    wrong = "ABCD"[("ABCD".index(items[0].key) + 1) % 4]
    s.answer(wrong)
    s.answer(items[0].key)           # after the feedback showed the key
    assert s.states[0].response == wrong
    exam = ExamSession(form, 600, FakeClock(), mode="exam")
    exam.begin()
    exam.answer(wrong)
    exam.answer(items[0].key)        # exam mode: change as often as you like
    assert exam.states[0].response == items[0].key


def test_study_quiz_by_keyboard(qtbot, workspace, clock):
    w = exam_window(qtbot, workspace, clock, begin=False, seed=5, items=4, mode="study")
    assert "Study mode: after each answer" in w.welcome.findChild(QLabel, "welcomeText").text()
    workspace.begin(w.run)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.item)
    screen, s = w.item, w.session
    assert screen.study_banner.isVisible() and "Study mode" in screen.study_banner.text()
    item = s.current.item
    wrong = "ABCD"[("ABCD".index(item.key) + 1) % 4]
    key(qtbot, w, getattr(Qt.Key, f"Key_{wrong}"), until=lambda: screen.feedback.isVisible())
    text = screen.feedback.text()
    assert f"Incorrect. The answer is {item.key}." in text and "cannot be changed" in text
    assert item.term and f"APICS Dictionary term: {item.term}" in text
    assert not screen.radios[item.key].isEnabled()
    key(qtbot, w, getattr(Qt.Key, f"Key_{item.key}"))       # the key, now that it is shown
    qtbot.mouseClick(screen.texts[item.key], Qt.MouseButton.LeftButton)
    assert s.state.response == wrong and screen.radios[wrong].isChecked()
    assert not screen.radios[item.key].isChecked()


def test_exam_mode_has_no_study_banner(qtbot, workspace, clock):
    w = exam_window(qtbot, workspace, clock, seed=5, items=4)
    assert not w.item.study_banner.isVisible()
    assert "Study mode" not in w.welcome.findChild(QLabel, "welcomeText").text()
