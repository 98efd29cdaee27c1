"""History tells full mocks from custom exams and study quizzes, trends the full mocks
by date with the attempt ids on the axis, and reopens an attempt's report and answers."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from simulator.storage.attempts import USER_DB
from simulator.workspace import ExamOptions

from .gui import ALT, exam_window, key


def _sit(workspace, clock, **options) -> int:
    run = workspace.new_exam(ExamOptions(**options), clock)
    workspace.begin(run)
    for f in run.session.form[:5]:
        run.session.answer(f.item.key)
        run.session.next()
    run.session.end()
    workspace.finish(run)
    return run.attempt_id


def test_history_kinds_trends_and_reopening(qtbot, workspace, clock, data_dir):
    full_a = _sit(workspace, clock, seed=1)                        # 150 items
    study = _sit(workspace, clock, seed=2, items=10, mode="study")
    gone = _sit(workspace, clock, seed=3, items=12)
    full_b = _sit(workspace, clock, seed=4)
    custom = _sit(workspace, clock, seed=5, items=12)
    workspace.delete(gone)
    with sqlite3.connect(data_dir / USER_DB) as db:   # the first full mock sat last, by date
        db.execute("UPDATE attempts SET finished_at = '2030-01-01T10:00:00+00:00' WHERE id = ?", (full_a,))
    db.close()

    w = exam_window(qtbot, workspace, clock, seed=9, items=3)
    w.session.end()
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.results)
    key(qtbot, w, Qt.Key.Key_H, ALT, until=lambda: w.stack.currentWidget() is w.history)
    h = w.history
    table = h.table
    shown = {table.item(r, 0).text(): (table.item(r, 2).text(), table.item(r, 3).text())
             for r in range(table.rowCount())}
    assert shown[str(full_a)] == ("Full mock", "150") and shown[str(full_b)] == ("Full mock", "150")
    assert shown[str(study)] == ("Study quiz", "10") and shown[str(custom)] == ("Custom exam", "12")
    assert str(gone) not in shown
    # Full mocks alone, by date; the axis names the attempts as the table does.
    assert h.full_ids == [full_b, full_a]
    assert h.score_chart.labels == [str(full_b), str(full_a)]
    assert len(h.score_chart.series["Full mock"]) == 2
    assert h.other_ids == [study, custom, w.report["id"]] and h.other_chart.isVisible()
    assert h.domain_chart.labels == [str(full_b), str(full_a)]

    # Enter on a row: that attempt's report; then its answers.
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == str(study))
    table.setCurrentCell(row, 0)
    key(qtbot, table, Qt.Key.Key_Return, until=lambda: w.stack.currentWidget() is w.results)
    assert w.results.report["id"] == study and "study mode" in w.results.details.text()
    key(qtbot, w, Qt.Key.Key_A, ALT, until=lambda: w.stack.currentWidget() is w.answers)
    assert len(w.answers.items) == 10
    key(qtbot, w, Qt.Key.Key_B, ALT, until=lambda: w.stack.currentWidget() is w.results)

    # Double-click another row.
    key(qtbot, w, Qt.Key.Key_H, ALT, until=lambda: w.stack.currentWidget() is w.history)
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == str(full_b))
    cell = table.visualItemRect(table.item(row, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=cell)   # as a mouse does: press, release,
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # then the double-click
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.results)
    assert w.results.report["id"] == full_b and w.results.score.text() == str(w.report["scaled_score"])
