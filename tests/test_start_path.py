"""What keeps the start as fast as a bare window (README, Performance): what the first
screens import, the unfinished attempt read without the ORM, and the ORM loaded once
the first screen is painted. Behaviour tests: no timings."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from simulator.core.session import Phase
from simulator.storage.models import Attempt
from simulator.ui.idle import after_first_paint
from simulator.workspace import ExamOptions, Workspace


def imported(code: str) -> set[str]:
    """The top-level packages imported by `code` in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code) + "\nimport sys\n"
                          "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())


def unfinished_folder(workspace, clock) -> int:
    run = workspace.new_exam(ExamOptions(seed=5, items=12), clock)
    attempt_id = workspace.begin(run)
    s = run.session
    s.answer("B")
    s.toggle_flag()
    s.toggle_strike("C")
    s.highlight(1, 4)
    clock.advance(30)
    s.next()
    s.answer("D")
    s.suspend()
    workspace.close()
    return attempt_id


def test_the_unfinished_attempt_is_read_as_the_orm_reads_it(workspace, data_dir, clock):
    attempt_id = unfinished_folder(workspace, clock)
    ws = Workspace(data_dir)
    try:
        plain, orm = ws.unfinished(), ws.store.get(attempt_id)
        assert not isinstance(plain, Attempt) and isinstance(orm, Attempt)
        columns = [c.key for c in Attempt.__table__.columns]
        assert {c: getattr(plain, c) for c in columns} == {c: getattr(orm, c) for c in columns}
        item_columns = [c.key for c in orm.items[0].__table__.columns]
        assert [{c: getattr(r, c) for c in item_columns} for r in plain.items] == [
            {c: getattr(r, c) for c in item_columns} for r in orm.items]
        assert type(plain.onvue) is bool and type(plain.items[0].flagged) is bool
        resumed = ws.resume(plain, clock).session
        assert resumed.position == 1 and resumed.phase is Phase.ITEMS
        assert resumed.states[0].flagged and resumed.states[0].struck == {"C"}
        assert resumed.states[0].highlights == [(1, 4)] and resumed.states[1].response == "D"
    finally:
        ws.close()


def test_the_resume_question_needs_no_orm(workspace, data_dir, clock):
    unfinished_folder(workspace, clock)
    loaded = imported(f"""
        from pathlib import Path
        from simulator.app.desk import Desk, resume_text
        from simulator.core.clock import FakeClock
        desk = Desk.open(Path({str(data_dir)!r}), ask=lambda *a: None, tell=lambda *a: None)
        run = desk.resume_run(desk.unfinished(), FakeClock())
        assert "2 of 12 items answered" in resume_text(run, "today")
    """)
    assert "sqlalchemy" not in loaded


def test_the_first_screens_import_neither_the_orm_nor_the_pdf_nor_fsrs():
    loaded = imported("""
        import simulator.cli, simulator.ui.launch, simulator.ui.home.home, simulator.ui.exam.mainwindow
    """)
    assert not loaded & {"sqlalchemy", "fsrs", "genanki", "defusedxml", "numpy", "matplotlib"}


class Painted(QPushButton):
    """Queues work from its first paint, as Home queues the filling of its panels."""

    def __init__(self, done: list[str]) -> None:
        super().__init__("&Next")
        self.done = done

    def paintEvent(self, event) -> None:
        if not self.done:
            self.done.append("painted")
            QTimer.singleShot(0, lambda: self.done.append("queued by the frame"))
        super().paintEvent(event)


def test_work_kept_off_the_start_runs_after_the_first_paint_one_step_per_turn(qtbot):
    done: list[str] = []
    after_first_paint([lambda: done.append("one"), lambda: done.append("two")])
    QApplication.processEvents()
    assert done == []  # nothing before a screen is painted
    button = Painted(done)
    qtbot.addWidget(button)
    button.show()
    qtbot.waitUntil(lambda: len(done) == 4)
    assert done == ["painted", "queued by the frame", "one", "two"]
