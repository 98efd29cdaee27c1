"""The real exam window, driven by mouse clicks on the offscreen platform (or a
display): Next / Previous and the review screen from click to painted, a whole
150-item exam to the score report and the PDF for peak memory, and the CPU used
while the clock ticks and nobody touches anything.

    python benchmarks/bench_gui.py exam DATA_DIR
    python benchmarks/bench_gui.py idle DATA_DIR SECONDS

Click to painted: the time from just before QTest.mouseClick on the button (press
and release, delivered synchronously, so the whole slot chain runs inside it: the
session, the database write, the screen update) until the event loop has delivered
a Paint event to the widget that shows the result (the item's stem, or the review
table's viewport) and returned, i.e. the new frame is drawn. An event filter on that
widget sees the Paint event; processEvents() is called until it has.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import emit, summary_ms
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from simulator.core.clock import MonotonicClock
from simulator.ui.exam.mainwindow import MainWindow
from simulator.ui.launch import make_app
from simulator.workspace import ExamOptions, Workspace

SEED = 20261122
LEFT = Qt.MouseButton.LeftButton


class PaintWatcher(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def settle(ms: int) -> None:
    """Run the event loop for ms milliseconds (set-up only, never inside a measurement)."""
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.002)


CPU_TIMES: dict[str, list[float]] = {}  # the same clicks in CPU time of the main thread


def click_until_painted(button: QAbstractButton, watcher: PaintWatcher, timeout: float = 5.0,
                        cpu: str | None = None) -> float:
    """Wall time from the click to the repaint. With `cpu`, the main thread's CPU time
    for it is kept too (CPU_TIMES[cpu]): on a busy machine the wall time also holds
    the waits for a core and the disk, the CPU time only the program's own work."""
    app = QApplication.instance()
    before = watcher.count
    c0 = time.thread_time()
    t0 = time.perf_counter()
    QTest.mouseClick(button, LEFT)
    while watcher.count == before:
        app.processEvents()
        if time.perf_counter() - t0 > timeout:
            raise RuntimeError(f"{button.objectName()}: no repaint within {timeout} s")
    elapsed = time.perf_counter() - t0
    if cpu:
        CPU_TIMES.setdefault(cpu, []).append(time.thread_time() - c0)
    return elapsed


def child(parent: QWidget, cls, name: str):
    found = parent.findChild(cls, name)
    if found is None:
        raise RuntimeError(f"no {cls.__name__} named {name!r} in {type(parent).__name__}")
    return found


def visible_dialog(wait: bool = True):
    from simulator.ui.common.dialogs import MessageDialog
    for _ in range(500 if wait else 1):
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, MessageDialog)
                   and w.isVisible()]
        if dialogs:
            return dialogs[-1]
        QApplication.processEvents()
        time.sleep(0.002)
    if wait:
        raise RuntimeError("no dialog appeared")
    return None


def open_window(data_dir: str) -> tuple[QApplication, Workspace, MainWindow]:
    app = make_app()
    ws = Workspace(Path(data_dir))
    clock = MonotonicClock()
    run = ws.new_exam(ExamOptions(seed=SEED, candidate="Bench Candidate"), clock)
    w = MainWindow(ws, run, clock)
    w.resize(1280, 820)
    w.show()
    QTest.qWaitForWindowExposed(w)
    w.start()
    settle(100)
    return app, ws, w


def to_first_item(w: MainWindow) -> None:
    """Welcome, the agreement, the tutorial (and whatever the driver shows before the
    exam) and 'Begin the exam?', by mouse: Yes in a dialog, else Accept, else Next."""
    for _ in range(20):
        if w.stack.currentWidget() is w.item:
            return
        dialog = visible_dialog(wait=False)
        if dialog is not None:
            button = dialog.findChild(QAbstractButton, "yesButton") or dialog.findChild(QAbstractButton,
                                                                                        "okButton")
        else:
            screen = w.stack.currentWidget()
            button = next((b for name in ("acceptButton", "skipTutorialButton", "nextButton")
                           if (b := screen.findChild(QAbstractButton, name)) is not None and b.isVisible()),
                           None)
        if button is None:
            raise RuntimeError(f"no way on from {type(w.stack.currentWidget()).__name__}")
        QTest.mouseClick(button, LEFT)
        settle(60)
    raise RuntimeError("the exam did not begin")


def exam(data_dir: str) -> None:
    t_start = time.perf_counter()
    app, _ws, w = open_window(data_dir)
    rss_open = rss_mb()
    to_first_item(w)
    s = w.session
    n = len(s)
    item = w.item
    stem = child(item, QWidget, "itemStem")
    next_button = child(item, QAbstractButton, "nextButton")
    prev_button = child(item, QAbstractButton, "previousButton")
    review_button = child(item, QAbstractButton, "reviewButton")
    flag_button = child(item, QAbstractButton, "flagButton")
    options = [child(item, QAbstractButton, f"option{letter}") for letter in "ABCD"]
    stem_paints = PaintWatcher(stem)

    # Forward through the whole form: answer, flag every tenth item, Next.
    nexts, answers, stale = [], [], 0
    for p in range(n - 1):
        assert s.position == p, (s.position, p)
        t0 = time.perf_counter()
        QTest.mouseClick(options[p % 4], LEFT)
        answers.append(time.perf_counter() - t0)
        if p % 10 == 9:
            QTest.mouseClick(flag_button, LEFT)
        shown = stem.text()
        nexts.append(click_until_painted(next_button, stem_paints, cpu="next"))
        stale += stem.text() == shown  # a screen that did not change is reported, not hidden
    QTest.mouseClick(options[0], LEFT)
    # And back to the first.
    prevs = []
    for p in range(n - 1, 0, -1):
        assert s.position == p
        prevs.append(click_until_painted(prev_button, stem_paints, cpu="previous"))
    assert s.position == 0

    # The review screen: its first opening (the table is filled for the first time),
    # then reopened from the first item (Review All leads there) twenty times.
    table = child(w.review, QWidget, "reviewTable")
    table_paints = PaintWatcher(table.viewport())
    review_first = click_until_painted(review_button, table_paints, cpu="review_first")
    review_all = child(w.review, QAbstractButton, "reviewAllButton")
    reviews = []
    for _ in range(20):
        click_until_painted(review_all, stem_paints)
        reviews.append(click_until_painted(review_button, table_paints, cpu="review_again"))

    # End the exam (End, then Yes): scored and saved, the score report shown.
    score_label = child(w.results, QWidget, "scaledScore")
    score_paints = PaintWatcher(score_label)
    QTest.mouseClick(child(item, QAbstractButton, "endButton"), LEFT)
    dialog = visible_dialog()
    before = score_paints.count
    t0 = time.perf_counter()
    QTest.mouseClick(child(dialog, QAbstractButton, "yesButton"), LEFT)
    while score_paints.count == before:
        app.processEvents()
        if time.perf_counter() - t0 > 10:
            raise RuntimeError("the score report was not shown")
    end_to_report = time.perf_counter() - t0

    # The PDF from the score report screen (the file dialog bypassed).
    pdf = Path(data_dir) / "bench-report.pdf"
    t0 = time.perf_counter()
    w.results.export_to(pdf)
    pdf_s = time.perf_counter() - t0
    settle(100)
    for d in [x for x in QApplication.topLevelWidgets() if x.isVisible() and x is not w]:
        d.close()
    settle(50)
    report = w.report or {}
    emit({
        "platform": QApplication.platformName(),
        "items": n,
        "next": summary_ms(nexts),
        "previous": summary_ms(prevs),
        "answer_click": summary_ms(answers),
        "cpu": {name: summary_ms(values) for name, values in CPU_TIMES.items()},
        "review_first_ms": round(review_first * 1000, 3),
        "review_again": summary_ms(reviews),
        "end_to_report_ms": round(end_to_report * 1000, 3),
        "gui_pdf_ms": round(pdf_s * 1000, 3),
        "gui_pdf_kb": round(pdf.stat().st_size / 1024, 1),
        "stale_stems": stale,
        "answered": sum(1 for st in s.states if st.response),
        "scaled_score": report.get("scaled_score"),
        "rss_window_open_mb": round(rss_open, 1),
        "rss_end_mb": round(rss_mb(), 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "wall_s": round(time.perf_counter() - t_start, 2),
    })
    os._exit(0)


def idle(data_dir: str, seconds: float) -> None:
    """The item screen, the clock running, no input: process CPU time over wall time,
    first with the window's tick timer as shipped, then with it stopped."""
    app, _ws, w = open_window(data_dir)
    to_first_item(w)
    clock_widget = child(w, QWidget, "timeRemaining")
    clock_paints = PaintWatcher(clock_widget)
    ticks = [0]
    w.timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    settle(500)

    def measure(span: float) -> dict:
        paints0, ticks0 = clock_paints.count, ticks[0]
        cpu0, wall0 = time.process_time(), time.monotonic()
        # exit(), not quit(): quit() asks the windows to close first, and the exam window
        # answers a close during the exam with a question, so the loop would never end
        QTimer.singleShot(int(span * 1000), lambda: app.exit(0))
        app.exec()
        cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
        return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 4), "cpu_pct": round(100 * cpu / wall, 3),
                "ticks": ticks[0] - ticks0, "clock_repaints": clock_paints.count - paints0}

    ticking = measure(seconds)
    interval = w.timer.interval()
    w.timer.stop()
    stopped = measure(max(2.0, seconds / 2))
    emit({"platform": QApplication.platformName(), "tick_ms": interval, "ticking": ticking,
          "timer_stopped": stopped, "remaining_text": clock_widget.text()})
    os._exit(0)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "exam":
        exam(sys.argv[2])
    elif mode == "idle":
        idle(sys.argv[2], float(sys.argv[3]))
    else:
        raise SystemExit(__doc__)
