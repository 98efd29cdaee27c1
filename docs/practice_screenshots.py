"""Screenshots of practice: an item with its feedback, the summary, and Home with
readiness and items due, into docs/screenshots/ (20-22).

Run:  QT_QPA_PLATFORM=offscreen python docs/practice_screenshots.py
A fresh data folder gets two short exams and a practice set (a fake clock), so the
panels show what a candidate some way into preparation sees.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

from make_screenshots import settle, shot  # the same folder, settling and grab as every shot
from PySide6.QtWidgets import QApplication

from simulator.app import practice
from simulator.app.desk import Desk
from simulator.core.clock import FakeClock
from simulator.ui.common.dialogs import MessageDialog
from simulator.ui.launch import Shell, make_app
from simulator.workspace import ExamOptions, Workspace

DAY = 24 * 3600.0



def history(ws: Workspace, clock: FakeClock) -> None:
    """Two 60-item exams answered at about 70%, a day apart."""
    rng = random.Random(3)
    for seed in (11, 12):
        run = ws.new_exam(ExamOptions(items=60, seed=seed, candidate="Alex Morgan"), clock)
        ws.begin(run)
        s = run.session
        for k, f in enumerate(s.form):
            s.goto(k)
            right = rng.random() < 0.7 - 0.1 * f.item.difficulty
            s.answer(f.item.key if right else next(x for x in f.item.letters if x != f.item.key))
            clock.advance(70)
        s.end()
        ws.finish(run)
        clock.advance(DAY)


def main() -> None:
    make_app()
    folder = Path(tempfile.mkdtemp()) / "data"
    clock = FakeClock()
    ws = Workspace(folder)
    history(ws, clock)
    shell = Shell(Desk(ws), clock, None, quit=lambda: None)
    run = practice.new_practice(ws, practice.PracticeOptions(source="missed", items=8, seed=2,
                                                             candidate="Alex Morgan"), clock)
    window = shell.open_exam(shell.desk.adopt(run))
    window.showNormal()
    window.resize(1280, 800)
    s = window.session
    for k in range(8):
        s.goto(k)
        f = s.form[k]
        s.answer(f.item.key if k % 3 else next(x for x in f.item.letters if x != f.item.key))
        clock.advance(55)
    s.goto(1)  # a right answer with its explanation and term
    shot(window, "20-practice-item-feedback")
    s.end()
    settle()
    shot(window, "21-practice-summary")
    window.close()
    settle()
    home = shell.show_home()
    home.showNormal()
    home.resize(1180, 820)
    shot(home, "22-home-readiness-due")
    from simulator.ui.home.study import open_practice_picker
    picker = open_practice_picker(home)
    picker.select_source("weak")
    shot(picker, "23-practice-picker")
    picker.reject()
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MessageDialog):
            w.close()
    home.close()
    ws.close()
    shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
