"""Take a screenshot of every screen, as a candidate sees it, into docs/screenshots/.

Run under a virtual screen:  xvfb-run -s "-screen 0 1400x900x24" python docs/make_screenshots.py
The exam is driven through the same intents the keys send; the clock is a fake,
so the countdown reads as it would mid-exam.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from simulator.core.clock import FakeClock
from simulator.report.pdf import write_pdf
from simulator.ui.common.dialogs import MessageDialog
from simulator.ui.exam.mainwindow import MainWindow
from simulator.ui.launch import make_app
from simulator.workspace import ExamOptions, Workspace

OUT = Path(__file__).resolve().parent / "screenshots"


def settle(ms: int = 150) -> None:
    """Run the event loop for `ms`, waiting as the program's own loop waits: work kept for
    the idle moments after a paint (Home's panels, a new exam's form) runs only when the
    loop is about to block, which a processEvents() spin never is."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shot(widget, name: str) -> None:
    settle()
    widget.grab().save(str(OUT / f"{name}.png"))
    print("wrote", OUT / f"{name}.png")


def shot_screen(window, name: str) -> None:
    """The screen under the window, tool windows included (a widget grab shows only itself)."""
    settle(300)
    frame = window.frameGeometry()
    picture = QApplication.primaryScreen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    picture.save(str(OUT / f"{name}.png"))
    print("wrote", OUT / f"{name}.png")


def dialog(title: str) -> MessageDialog:
    """The open dialog of that title (the running clock may have put a notice up too)."""
    settle()
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, MessageDialog) and w.isVisible() and w.windowTitle() == title][-1]


def draw_on(board) -> None:
    """Some scratch work, as a candidate would leave it."""
    from simulator.core.sketch import Ellipse, Line, Rectangle, Stroke, Text
    sketch = board.canvas.sketch
    sketch.add(Text(pos=(30.0, 40.0), text="EOQ = sqrt(2 x 2400 x 50 / (0.25 x 12))", colour="#000000"))
    sketch.add(Text(pos=(30.0, 80.0), text="= sqrt(80,000) = 283", colour="#0000c8"))
    sketch.add(Rectangle(start=(20.0, 15.0), end=(420.0, 95.0), colour="#b3261e"))
    sketch.add(Line(start=(30.0, 130.0), end=(330.0, 130.0), colour="#000000"))
    sketch.add(Ellipse(start=(340.0, 110.0), end=(420.0, 150.0), colour="#1d7a34"))
    sketch.add(Stroke(points=tuple((30.0 + 6 * i, 180.0 + 12 * ((i % 4) - 2)) for i in range(50)),
                      colour="#0000c8"))
    board.canvas.changed.emit()  # the buttons (undo, clear) follow the sketch
    board.canvas.update()


def open_window(ws: Workspace, clock: FakeClock, **options) -> MainWindow:
    """A window on a new exam for Alex Morgan, at the README's size, on its first screen."""
    run = ws.new_exam(ExamOptions(candidate="Alex Morgan", **options), clock)
    window = MainWindow(ws, run, clock)
    window.resize(1280, 800)
    window.show()
    window.start()
    return window


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    make_app()
    folder = Path(tempfile.mkdtemp(prefix="cpim-shots-"))
    ws = Workspace(folder)
    clock = FakeClock()
    w = open_window(ws, clock, seed=2024)
    run = w.run
    shot(w, "01-welcome")
    w.welcome.next_button.click()
    shot(w, "02-nda")
    w.nda.accept_button.click()
    shot(w, "03-tutorial")
    # The tutorial's sample item is live: an answer, a strike-out and a highlight, ticked off.
    t = w.tutorial
    t.sample_session.answer("B")
    t.sample_session.toggle_strike("D")
    t.sample_session.highlight(0, 22)
    shot(w, "03b-tutorial-tried")
    t.show_page(2)
    t.sample_session.toggle_flag()
    t.sample_session.open_review()
    shot(w, "03c-tutorial-review")
    w.tutorial.skip_button.click()
    shot(dialog("Begin the exam?"), "04-begin-dialog")
    dialog("Begin the exam?").accept()
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
    w.item.stem.setSelection(0, 40)
    w.item.highlight_selection()
    s.toggle_strike("A")
    s.toggle_strike("D")
    s.answer("D")  # a struck-out option chosen: its strike-out goes, and the screen says so
    w.set_scheme("Black on Light Yellow")
    shot(w, "05b-item-light-yellow")
    w.set_scheme("Light Yellow on Black")
    shot(w, "05c-item-light-yellow-on-black")
    w.set_scheme("Black on White")
    w.toggle_calculator()
    for key in "1250*0.2=":
        w.calculator.press(key)
    shot_screen(w, "12-calculator")
    w.toggle_calculator()
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
    shot(dialog("End Exam"), "07-end-dialog")
    dialog("End Exam").accept()
    settle()
    shot(w, "08-results")
    w.show_answers("incorrect")
    shot(w, "10-answer-review")
    pdf = OUT.parent / "sample-report.pdf"
    write_pdf(w.report, pdf, ws.answers(w.report["id"]))
    print("wrote", pdf, pdf.stat().st_size, "bytes")

    # A second exam that runs out of time.
    w2 = open_window(ws, clock, seed=7, items=10, minutes=1)
    run2 = w2.run
    ws.begin(run2)
    clock.advance(61)
    w2.tick()
    shot(dialog("Time has expired"), "09-time-expired")
    dialog("Time has expired").accept()

    # The five-minute warning: the hidden clock back, in yellow.
    w3 = open_window(ws, clock, seed=9, items=20, minutes=40)
    run3 = w3.run
    ws.begin(run3)
    w3.title_bar.time.click()
    clock.advance(35 * 60 + 12)
    w3.tick()
    for d in [x for x in QApplication.topLevelWidgets() if isinstance(x, MessageDialog) and x.isVisible()]:
        d.accept()
    settle()
    shot(w3, "13-five-minute-clock")
    w3.session.end()
    settle()

    # OnVUE: the system check, then the whiteboard over an item.
    w4 = open_window(ws, clock, seed=10, items=20, onvue=True)
    run4 = w4.run
    shot(w4, "14-onvue-system-check")
    w4.system_check.next_button.click()
    shot(w4, "14b-onvue-rules")
    ws.begin(run4)
    settle()
    w4.show_whiteboard()
    draw_on(w4.whiteboard)
    shot(w4.whiteboard, "15-onvue-whiteboard")
    w4.session.end()
    settle()
    # An agreement declined: the exam ends before it starts.
    w5 = open_window(ws, clock, seed=11, items=20)
    w5.welcome.next_button.click()
    w5.nda.decline_button.click()
    shot(dialog("Decline the agreement?"), "17a-decline-question")
    dialog("Decline the agreement?").accept()
    shot(w5, "17-declined")

    # A study quiz: the banner on every item, the key, the explanation and the term after an answer.
    w6 = open_window(ws, clock, seed=12, items=10, mode="study")
    shot(w6, "01b-welcome-study")
    ws.begin(w6.run)
    s6 = w6.run.session
    s6.answer("ABCD"[("ABCD".index(s6.current.item.key) + 1) % 4])
    settle()
    shot(w6, "19-study-feedback")
    for f in s6.form[1:]:
        s6.next()
        s6.answer(f.item.key if f.position % 2 else "ABCD"[("ABCD".index(f.item.key) + 1) % 4])
    s6.end()
    settle()

    # An exam closed mid-way and resumed: the clock and the counter as before.
    w7 = open_window(ws, clock, seed=13, items=20, minutes=28)
    ws.begin(w7.run)
    s7 = w7.run.session
    for f in s7.form[:6]:
        clock.advance(50)
        s7.answer(f.item.key)
        s7.next()
    w7.close_keeping()  # closed mid-exam without the question: kept for the resume
    attempt = ws.unfinished()
    w8 = MainWindow(ws, ws.resume(attempt, clock), clock)
    w8.resize(1280, 800)
    w8.show()
    w8.start()
    w8.tick()
    shot(w8, "18-resumed")
    w8.session.end()
    settle()
    w8.show_history()
    shot(w8, "11-history")

    # OnVUE: three focus losses while the whiteboard is open; one warning, on top, counting.
    w9 = open_window(ws, clock, seed=14, items=10, onvue=True)
    ws.begin(w9.run)
    settle()
    w9.show_whiteboard()
    for _ in range(3):
        w9._focus_changed(None)
    shot_screen(w9, "23-onvue-focus-warning")
    dialog("Warning").accept()
    w9.session.end()
    settle()

    # The largest text size on a 1024x768 screen.
    w10 = open_window(ws, clock, seed=15, items=10)
    w10.resize(1024, 768)
    ws.begin(w10.run)
    for _ in range(8):
        w10.change_text_size(1)
    w10.run.session.toggle_flag()
    w10.run.session.answer("B")
    shot(w10, "24-largest-text-1024")
    w10.change_text_size(0)
    w10.session.end()
    settle()
    for window in (w3, w4, w5, w6, w8, w9, w10):
        window.close_keeping()
    w.close()
    w2.close()
    ws.close()
    home_shots()
    return 0


HOME_SIZES = ((1024, 768), (1920, 1080))


def home_shots() -> None:
    """Home with no history and with a dozen attempts, the custom exam dialog and
    Settings, each at 1024x768 and 1920x1080 (30-33, -1024 and -1920)."""
    import random

    from simulator.app.desk import Desk
    from simulator.ui.launch import Shell
    make_app()
    clock = FakeClock()
    folder = Path(tempfile.mkdtemp(prefix="cpim-shots-home-"))
    desk = Desk(Workspace(folder))
    desk.update_settings(candidate="Alex Morgan")

    def sized(widget, name: str) -> None:
        for width, height in HOME_SIZES:
            widget.resize(width, height)
            shot(widget, f"{name}-{width}")

    shell = Shell(desk, clock, None, quit=lambda: None)
    shell.start()
    sized(shell.home, "30-home-empty")
    # A dozen attempts over the weeks: full mocks getting better, custom and study quizzes between.
    rng = random.Random(7)
    for n in range(12):
        full = n % 3 == 0
        options = desk.exam_options(seed=100 + n, items=None if full else 20 + 5 * (n % 4),
                                    mode="study" if n % 3 == 2 else "exam")
        run = desk.new_run(options, clock)
        run.begin()
        skill = 0.45 + 0.03 * n
        for f in run.session.form:
            run.session.answer(f.item.key if rng.random() < skill
                               else "ABCD"[("ABCD".index(f.item.key) + 1) % 4])
            clock.advance(70)
            run.session.next()
        run.session.end()
    shell.home.refresh()
    sized(shell.home, "31-home-history")
    shell.home.resize(*HOME_SIZES[0])
    shell.home.open_custom()
    settle()
    shot(shell.home.dialog, "32-custom-exam")
    shell.home.dialog.reject()
    shell.home.open_settings()
    settle()
    shot(shell.home.dialog, "33-settings")
    shell.home.dialog.reject()
    shell.home.close()
    desk.close()


if __name__ == "__main__":
    sys.exit(home_shots() or 0 if sys.argv[1:] == ["home"] else main())
