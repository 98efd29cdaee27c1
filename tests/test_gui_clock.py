"""The countdown on a fake clock: notices, and the exam ending by itself at zero."""

from __future__ import annotations

from simulator.core.session import Phase

from .gui import dialogs, exam_window


def test_time_runs_out_and_the_answers_given_are_scored(qtbot, workspace, clock):
    window = exam_window(qtbot, workspace, clock, seed=11, items=10, minutes=40)
    s = window.session
    for f in s.form[:4]:
        s.answer(f.item.key)          # four right answers
        s.next()
    s.answer("A" if s.current.item.key != "A" else "B")   # one wrong one
    clock.advance(10 * 60 + 1)
    window.tick()
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    assert "30 minutes" in dialogs()[0].body.text()
    dialogs()[0].accept()
    clock.advance(25 * 60)
    window.tick()
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    assert "5 minutes" in dialogs()[0].body.text()
    dialogs()[0].accept()
    assert window.title_bar.time.text() == "Time Remaining 0:04:59"

    clock.advance(5 * 60)
    with qtbot.waitSignal(window.finished, timeout=5000):
        window.tick()                 # the timer's tick at zero ends the exam by itself
        qtbot.waitUntil(lambda: len(dialogs()) == 1)
        expired = dialogs()[0]
        assert expired.windowTitle() == "Time has expired"
        expired.accept()
    assert s.phase is Phase.EXPIRED
    report = window.report
    assert report["status"] == "expired"
    assert report["raw_correct"] == 4
    assert report["time_used_s"] == 40 * 60
    assert window.stack.currentWidget() is window.results
    assert workspace.report(report["id"])["status"] == "expired"


def test_the_nda_times_out_and_ends_the_exam(qtbot, workspace, clock):
    window = exam_window(qtbot, workspace, clock, begin=False, seed=11, items=10)
    window.welcome.next_button.click()
    assert window.stack.currentWidget() is window.nda
    clock.advance(299)
    window.tick()
    assert window.nda.timer_label.text() == "Time remaining to accept: 0:00:01"
    clock.advance(1)
    window.tick()
    assert window.stack.currentWidget() is window.closed
    assert "expired" in window.closed.text.text()
    assert window.session.phase is Phase.DECLINED
    assert workspace.history() == []  # nothing was started, nothing is scored


def test_the_tutorial_has_its_own_clock_and_begins_the_exam_at_zero(qtbot, workspace, clock):
    window = exam_window(qtbot, workspace, clock, begin=False, seed=11, items=10)
    run = window.run
    window.welcome.next_button.click()
    window.nda.accept_button.click()
    assert window.stack.currentWidget() is window.tutorial
    assert window.tutorial.sample_item.isVisible()                 # the item screen on a sample item, live
    window.tick()
    assert window.tutorial.timer_label.text() == "Tutorial Time Remaining 0:10:00"
    clock.advance(10 * 60)
    window.tick()
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    begin = dialogs()[0]
    assert begin.windowTitle() == "Begin the exam?"
    assert run.session.phase is Phase.INTRO and run.session.remaining() == run.session.countdown.allowed_s
    begin.reject()                                # No: back to the tutorial, whose time is up: asked again
    qtbot.waitUntil(lambda: len(dialogs()) == 1 and dialogs()[0] is not begin)
    dialogs()[0].accept()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.item)
    assert run.session.phase is Phase.ITEMS
