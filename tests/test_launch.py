"""Starting the window: a new exam, or the offer to resume the unfinished one."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize

from simulator.core.session import Phase
from simulator.report.pdf import page_size
from simulator.ui.launch import Launcher, make_app
from simulator.workspace import ExamOptions

from .gui import dialogs


def unfinished(workspace, clock):
    run = workspace.new_exam(ExamOptions(seed=12, items=10, minutes=30), clock)
    workspace.begin(run)
    run.session.answer("C")
    run.session.goto(4)
    run.session.toggle_flag()
    clock.advance(125)
    run.session.suspend()
    return run


def test_the_next_start_offers_to_resume_and_yes_resumes_exactly(qtbot, workspace, clock):
    make_app()
    old = unfinished(workspace, clock)
    window = Launcher(workspace, ExamOptions(), clock, resume=False).start()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    offer = dialogs()[0]
    assert "1 of 10 items answered, 0:27:55 left" in offer.body.text()
    offer.accept()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.item)
    s = window.session
    assert window.run.attempt_id == old.attempt_id and s.position == 4 and s.states[4].flagged
    assert s.states[0].response == "C" and window.title_bar.counter.text() == "5 of 10"
    assert abs(s.remaining() - (30 * 60 - 125)) < 1


def test_no_scores_the_old_attempt_and_starts_a_new_exam(qtbot, workspace, clock):
    make_app()
    old = unfinished(workspace, clock)
    launcher = Launcher(workspace, ExamOptions(seed=2, items=10), clock, resume=False)
    first = launcher.start()
    qtbot.addWidget(first)
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    dialogs()[0].reject()
    qtbot.waitUntil(lambda: launcher.window is not first)
    qtbot.addWidget(launcher.window)
    assert workspace.report(old.attempt_id)["status"] == "finished"
    assert launcher.window.session.phase is Phase.INTRO
    assert launcher.window.stack.currentWidget() is launcher.window.welcome


def test_resume_option_skips_the_question(qtbot, workspace, clock):
    make_app()
    old = unfinished(workspace, clock)
    window = Launcher(workspace, ExamOptions(), clock, resume=True).start()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.item)
    assert not dialogs() and window.run.attempt_id == old.attempt_id


def test_paper_size_follows_the_locale():
    try:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        assert page_size().id() == QPageSize.PageSizeId.Letter
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        assert page_size().id() == QPageSize.PageSizeId.A4
    finally:
        QLocale.setDefault(QLocale.system())
