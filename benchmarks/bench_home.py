"""Home's progress panels with a long history: the desk's aggregate queries (the last
scores, mastery by domain, coverage: one query each) and Home showing them, with 200
finished full-length attempts in the user database.

    python benchmarks/bench_home.py [ATTEMPTS]

The attempts are one real finished attempt (150 items, scored and saved through the
program) copied with SQL, so building the history takes a second, not minutes; the
queries read them as they would read real ones. Prints one JSON line: the desk's
progress() alone; the panels it fills (the last score and its trend, mastery by
domain, coverage: progress() and Home showing it), p50 / p95 over 30 runs after a
warm-up; and, for information, refresh() of the whole Home window, which also asks the
practice layer for readiness and the items due.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import build_bank_template, cleanup, emit, make_data_dir, summary_ms

RUNS = 30


def history(folder: Path, attempts: int) -> None:
    from simulator.core.clock import FakeClock
    from simulator.workspace import ExamOptions, Workspace
    ws = Workspace(folder)
    clock = FakeClock()
    run = ws.new_exam(ExamOptions(seed=1, candidate="Bench Candidate"), clock)
    ws.begin(run)
    for k in range(len(run.session)):
        run.session.answer("ABCD"[k % 4])
        clock.advance(60)
        run.session.next()
    run.session.end()
    ws.finish(run)
    ws.close()
    with sqlite3.connect(folder / "cpim-sim.sqlite") as db:
        columns = [r[1] for r in db.execute("PRAGMA table_info(attempts)") if r[1] != "id"]
        item_columns = [r[1] for r in db.execute("PRAGMA table_info(attempt_items)") if r[1] != "attempt_id"]
        for n in range(2, attempts + 1):
            new_id = db.execute(f"INSERT INTO attempts ({', '.join(columns)}) "
                                f"SELECT {', '.join(columns)} FROM attempts WHERE id = 1").lastrowid
            db.execute(f"INSERT INTO attempt_items (attempt_id, {', '.join(item_columns)}) "
                       f"SELECT ?, {', '.join(item_columns)} FROM attempt_items WHERE attempt_id = 1",
                       (new_id,))
            db.execute("UPDATE attempts SET scaled_score = ? WHERE id = ?", (240 + (n * 37) % 100, new_id))


def main() -> None:
    attempts = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    template = build_bank_template()
    folder = make_data_dir(template)
    try:
        history(folder, attempts)
        from simulator.app.desk import Desk
        from simulator.core.clock import FakeClock
        from simulator.ui.launch import Shell, make_app
        from simulator.workspace import Workspace
        app = make_app()
        desk = Desk(Workspace(folder))
        desk.progress()  # warm-up: the connections, the page cache
        progress_s = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            progress = desk.progress()
            progress_s.append(time.perf_counter() - t0)
        shell = Shell(desk, FakeClock(), None, quit=lambda: None)
        shell.start()
        from PySide6.QtCore import QEventLoop
        while not shell.home.panels_shown:  # made and filled once Home is painted, when idle
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        panels_s, refresh_s = [], []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            shell.home.screen_.show_progress(desk.progress())
            panels_s.append(time.perf_counter() - t0)
        for _ in range(5):
            t0 = time.perf_counter()
            shell.home.refresh()
            refresh_s.append(time.perf_counter() - t0)
        emit({"attempts": attempts, "answered": sum(a for _n, a, _c in progress.domains),
              "progress": summary_ms(progress_s), "panels": summary_ms(panels_s),
              "home_refresh": summary_ms(refresh_s)})
        desk.close()
    finally:
        cleanup()


if __name__ == "__main__":
    main()
