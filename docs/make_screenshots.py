"""Take a screenshot of every screen, as a candidate sees it, into docs/screenshots/.

Run under a virtual screen:  xvfb-run -s "-screen 0 1400x900x24" python docs/make_screenshots.py
The exam is driven through the same intents the keys send; the clock is a fake,
so the countdown reads as it would mid-exam.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from simulator.core.clock import FakeClock
from simulator.report.pdf import write_pdf
from simulator.ui.dialogs import MessageDialog
from simulator.ui.launch import make_app
from simulator.ui.mainwindow import MainWindow
from simulator.workspace import ExamOptions, Workspace

OUT = Path(__file__).resolve().parent / "screenshots"


def settle(ms: int = 150) -> None:
    loop_until = QTimer()
    loop_until.setSingleShot(True)
    loop_until.start(ms)
    while loop_until.isActive():
        QApplication.processEvents()


def shot(widget, name: str) -> None:
    settle()
    widget.grab().save(str(OUT / f"{name}.png"))
    print("wrote", OUT / f"{name}.png")


def dialog() -> MessageDialog:
    settle()
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MessageDialog) and w.isVisible()][-1]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    make_app()
    folder = Path(tempfile.mkdtemp(prefix="cpim-shots-"))
    ws = Workspace(folder)
    clock = FakeClock()
    run = ws.new_exam(ExamOptions(seed=2024, candidate="Alex Morgan"), clock)
    w = MainWindow(ws, run, clock)
    w.resize(1280, 800)
    w.show()
    w.start()
    shot(w, "01-welcome")
    w.welcome.next_button.click()
    shot(w, "02-nda")
    w.nda.accept_button.click()
    shot(w, "03-tutorial")
    w.tutorial.skip_button.click()
    shot(dialog(), "04-begin-dialog")
    dialog().accept()
    s = run.session
    for n in range(11):
        clock.advance(40 + (n * 37) % 90)
        s.answer(s.current.item.key)
        s.next()
    s.goto(4)
    s.toggle_flag()
    s.goto(11)
    s.answer("C")
    w.tick()
    shot(w, "05-item")
    s.goto(7)
    s.toggle_flag()
    s.open_review()
    w.tick()
    shot(w, "06-review")
    for f in s.form[12:]:  # a candidate near the standard: about three in four right
        s.goto(f.position)
        clock.advance(35 + (f.position * 53) % 100)
        right = (f.position * 7) % 10 < 7
        s.answer(f.item.key if right else "ABCD"[("ABCD".index(f.item.key) + 1) % 4])
    s.open_review()
    w.confirm_end()
    shot(dialog(), "07-end-dialog")
    dialog().accept()
    settle()
    shot(w, "08-results")
    w.show_answers("incorrect")
    shot(w, "10-answer-review")
    pdf = OUT.parent / "sample-report.pdf"
    write_pdf(w.report, pdf, ws.answers(w.report["id"]))
    print("wrote", pdf, pdf.stat().st_size, "bytes")

    # A second exam that runs out of time.
    run2 = ws.new_exam(ExamOptions(seed=7, items=10, minutes=1, candidate="Alex Morgan"), clock)
    w2 = MainWindow(ws, run2, clock)
    w2.resize(1280, 800)
    w2.show()
    w2.start()
    ws.begin(run2)
    clock.advance(61)
    w2.tick()
    shot(dialog(), "09-time-expired")
    dialog().accept()
    w2.show_history()
    shot(w2, "11-history")
    w.close()
    w2.close()
    ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
