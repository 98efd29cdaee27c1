"""The window when answers cannot be written: a prominent warning, the exam goes on,
and everything is written once the disk has room again."""

from __future__ import annotations

import pytest

from .gui import exam_window
from .test_write_failures import Disk, responses

pytestmark = pytest.mark.logs_errors  # the refused writes are logged at ERROR


def test_a_full_disk_shows_a_warning_and_the_exam_goes_on(qtbot, workspace, data_dir, clock):
    w = exam_window(qtbot, workspace, clock, seed=3, items=6)
    run = w.run
    disk = Disk(workspace.store.engine)
    s = run.session
    s.answer("A")
    disk.full = True
    s.next()
    s.answer("B")                                       # cannot be written
    assert w.save_warning.isVisible() and "could not be saved" in w.save_warning.text()
    assert "disk is full" in w.save_warning.text()
    s.next()
    s.answer("C")                                       # the exam goes on
    assert s.states[2].response == "C"
    assert responses(data_dir, run.attempt_id)[:3] == ["A", None, None]
    disk.full = False
    clock.advance(6)
    w.tick()                                            # the checkpoint writes everything
    assert not w.save_warning.isVisible()
    assert responses(data_dir, run.attempt_id)[:3] == ["A", "B", "C"]


def test_a_finished_exam_on_a_full_disk_is_saved_by_the_retry_timer(qtbot, workspace, data_dir, clock):
    w = exam_window(qtbot, workspace, clock, seed=3, items=6)
    run = w.run
    disk = Disk(workspace.store.engine)
    disk.full = True
    run.session.answer("D")
    with qtbot.waitSignal(w.finished):
        run.session.end()
    assert w.stack.currentWidget() is w.results      # the score is shown all the same
    assert w.retry_timer.isActive() and w.save_warning.isVisible()
    disk.full = False
    w.retry_timer.timeout.emit()
    assert not w.retry_timer.isActive() and not w.save_warning.isVisible()
    assert responses(data_dir, run.attempt_id)[0] == "D"
    assert workspace.report(run.attempt_id)["status"] == "finished"
