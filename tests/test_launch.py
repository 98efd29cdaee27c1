"""The start: Home or straight to an exam, and the offer to resume the unfinished one
(Yes resumes; "No, end it" asks again before it ends; Esc and the close button keep
it); closing the window mid-exam; the results' Close back to Home."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import QApplication

from simulator.app.desk import Desk
from simulator.core.session import Phase
from simulator.report.pdf import page_size
from simulator.ui.exam.mainwindow import MainWindow
from simulator.ui.home.home import HomeWindow
from simulator.ui.launch import Shell, make_app
from simulator.workspace import ExamOptions

from .gui import ALT, answer_question, dialogs, key, no_dialog, open_dialog

RESUME = "Resume the unfinished exam?"
END_IT = "End the unfinished exam?"


def unfinished(workspace, clock):
    run = workspace.new_exam(ExamOptions(seed=12, items=10, minutes=30), clock)
    workspace.begin(run)
    run.session.answer("C")
    run.session.goto(4)
    run.session.toggle_flag()
    clock.advance(125)
    run.session.suspend()
    return run


def status(workspace, attempt_id) -> str:
    return workspace.report(attempt_id)["status"]


@pytest.fixture
def start(qtbot, workspace, clock):
    """start(options=None, resume=False): a Shell started on the test's data folder;
    its windows are closed (an exam kept, not asked about) when the test ends."""
    make_app()
    shells = []

    def starter(options=None, resume=False):
        quits = []
        shell = Shell(Desk(workspace), clock, options, resume=resume, quit=lambda: quits.append(True))
        shell.quits = quits
        shell.start()
        shells.append(shell)
        return shell

    yield starter
    for _round in range(3):  # an exam window closing shows Home again: close that too
        for w in [w for w in QApplication.topLevelWidgets() if w.isVisible()]:
            if isinstance(w, MainWindow):
                w.close_keeping()
            elif isinstance(w, HomeWindow) or w in dialogs():
                w.close()
            w.deleteLater()
        QApplication.processEvents()


def exam_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_yes_resumes_exactly(qtbot, start, workspace, clock):
    old = unfinished(workspace, clock)
    shell = start()
    offer = open_dialog(qtbot)
    assert offer.windowTitle() == RESUME
    assert "1 of 10 items answered, 0:27:55 left" in offer.body.text()
    key(qtbot, offer, Qt.Key.Key_Y, ALT, until=lambda: shell.window is not None)
    window = shell.window
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.item)
    s = window.session
    assert window.run.attempt_id == old.attempt_id and s.position == 4 and s.states[4].flagged
    assert s.states[0].response == "C" and window.title_bar.counter.text() == "5 of 10"
    assert abs(s.remaining() - (30 * 60 - 125)) < 1


def test_esc_keeps_the_attempt_unfinished_and_goes_home(qtbot, start, workspace, clock):
    old = unfinished(workspace, clock)
    shell = start()
    answer_question(qtbot, RESUME, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: shell.home is not None and shell.home.isVisible())
    assert status(workspace, old.attempt_id) == "in_progress" and not exam_windows() and not shell.quits
    home = shell.home.home
    assert home.resume_banner.isVisible() and "1 of 10 items answered" in home.resume_text.text()
    # Home's Resume (Alt+R) takes it up where it stopped.
    key(qtbot, shell.home, Qt.Key.Key_R, ALT, until=lambda: shell.window is not None)
    qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is shell.window.item)
    assert shell.window.run.attempt_id == old.attempt_id and shell.window.session.position == 4


def test_the_close_button_keeps_the_attempt_unfinished(qtbot, start, workspace, clock):
    old = unfinished(workspace, clock)
    shell = start()
    open_dialog(qtbot).close()  # the window's close button
    qtbot.waitUntil(lambda: shell.home is not None and shell.home.isVisible())
    assert status(workspace, old.attempt_id) == "in_progress" and no_dialog()


def test_started_with_exam_options_esc_quits_and_keeps_it(qtbot, start, workspace, clock):
    old = unfinished(workspace, clock)
    shell = start(ExamOptions(items=10))
    answer_question(qtbot, RESUME, Qt.Key.Key_Escape)
    assert shell.quits == [True] and shell.home is None and not exam_windows()
    assert status(workspace, old.attempt_id) == "in_progress"


def test_no_asks_again_before_ending_and_scores_it(qtbot, start, workspace, clock, caplog):
    old = unfinished(workspace, clock)
    shell = start(ExamOptions(seed=2, items=10))
    answer_question(qtbot, RESUME, Qt.Key.Key_N, ALT)           # "No, end it"
    confirm = open_dialog(qtbot)
    assert confirm.windowTitle() == END_IT and "1 of 10 items answered" in confirm.body.text()
    answer_question(qtbot, END_IT, Qt.Key.Key_Escape)           # not confirmed: asked again
    assert open_dialog(qtbot).windowTitle() == RESUME
    assert status(workspace, old.attempt_id) == "in_progress"
    answer_question(qtbot, RESUME, Qt.Key.Key_N, ALT)
    answer_question(qtbot, END_IT, Qt.Key.Key_Y, ALT)           # confirmed: ended and scored
    assert status(workspace, old.attempt_id) == "finished"
    qtbot.waitUntil(lambda: shell.window is not None)
    window = shell.window
    assert window.session.phase is Phase.INTRO and window.stack.currentWidget() is window.welcome
    # The abandoned attempt left no window behind: none built its results, and a later
    # failed write reaches only the new window.
    assert exam_windows() == [window] and window.run.attempt_id is None
    with caplog.at_level(logging.ERROR):
        workspace.store._set_error("disk full")
        workspace.store._set_error(None)
    assert "observer failed" not in caplog.text
    assert len(workspace.store._listeners) == 1  # the new window's run only


def test_no_confirmed_from_home_shows_the_score_on_home(qtbot, start, workspace, clock):
    old = unfinished(workspace, clock)
    shell = start()
    answer_question(qtbot, RESUME, Qt.Key.Key_N, ALT)
    answer_question(qtbot, END_IT, Qt.Key.Key_Y, ALT)
    qtbot.waitUntil(lambda: shell.home is not None and shell.home.isVisible() and shell.home.panels_shown)
    scaled = workspace.report(old.attempt_id)["scaled_score"]
    assert shell.home.home.last_score.text().startswith(str(scaled))
    assert not shell.home.home.resume_banner.isVisible() and not exam_windows()


def test_resume_option_skips_the_question(qtbot, start, workspace, clock):
    old = unfinished(workspace, clock)
    shell = start(ExamOptions(), resume=True)
    window = shell.window
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.item)
    assert no_dialog() and window.run.attempt_id == old.attempt_id


def test_no_exam_option_opens_home_and_an_exam_option_opens_welcome(qtbot, start, workspace, clock):
    home = start()
    assert home.home.isVisible() and home.window is None
    home.home.close()
    direct = start(ExamOptions(items=10))
    assert direct.window.stack.currentWidget() is direct.window.welcome and direct.home is None


def test_closing_mid_exam_says_the_attempt_is_kept_then_closes(qtbot, start, workspace, clock):
    shell = start(ExamOptions(seed=3, items=10))
    window = shell.window
    window.run.begin()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.item)
    key(qtbot, window, Qt.Key.Key_B)
    window.close()                                               # the window's close button
    question = open_dialog(qtbot)
    assert question.windowTitle() == "Close the exam?" and "resume" in question.body.text()
    key(qtbot, question, Qt.Key.Key_N, ALT, until=no_dialog)     # No: the exam goes on
    assert window.isVisible() and window.session.phase is Phase.ITEMS
    window.close()
    run = window.run
    key(qtbot, open_dialog(qtbot), Qt.Key.Key_Y, ALT, until=lambda: shell.window is None)
    attempt = workspace.report(run.attempt_id)
    assert attempt["status"] == "in_progress" and attempt["items"][0]["response"] == "B"
    assert shell.quits == [True]


def test_paper_size_follows_the_locale():
    try:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        assert page_size().id() == QPageSize.PageSizeId.Letter
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        assert page_size().id() == QPageSize.PageSizeId.A4
    finally:
        QLocale.setDefault(QLocale.system())


def test_a_closed_window_is_never_called_again(qtbot, start, workspace, clock, caplog):
    """Results' Close: Home again, and the closed window hears neither the session nor the store."""
    shell = start(ExamOptions(seed=4, items=10))
    window = shell.window
    run = window.run
    run.begin()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.item)
    with qtbot.waitSignal(window.finished, timeout=5000):
        run.session.end()
    key(qtbot, window, Qt.Key.Key_C, ALT, until=lambda: shell.window is None and shell.home is not None)
    assert shell.home.isVisible() and no_dialog()
    assert window.hub._relay not in run.session._listeners
    with caplog.at_level(logging.ERROR):
        workspace.store._set_error("disk full")
        workspace.store._set_error(None)
    assert "observer failed" not in caplog.text and not workspace.store._listeners
    # Quitting from Home asks nothing.
    key(qtbot, shell.home, Qt.Key.Key_Q, ALT, until=lambda: not shell.home.isVisible())
    assert no_dialog()
