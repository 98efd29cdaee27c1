"""Screenshots of an item with an exhibit (a table), into docs/screenshots/ (25-25d):
the item screen at 1024x768, the same at the largest text size, the answer review,
and the PDF's item review page.

Run:  QT_QPA_PLATFORM=offscreen python docs/exhibit_screenshots.py
(the PDF page is rasterised with pdftoppm, from poppler-utils).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from make_screenshots import OUT, settle, shot  # the same folder, settling and grab as every shot
from pypdf import PdfReader

from simulator.core.assembly import FormItem
from simulator.core.clock import FakeClock
from simulator.report.pdf import write_pdf
from simulator.ui.common import theme
from simulator.ui.exam.mainwindow import MainWindow
from simulator.ui.launch import make_app
from simulator.ui.report.answers import AnswerReviewScreen
from simulator.workspace import ExamOptions, Workspace


def main() -> None:
    make_app()
    folder = Path(tempfile.mkdtemp()) / "data"
    clock = FakeClock()
    ws = Workspace(folder)
    # A wide record (an MPS or MRP grid) that still has few rows: the hardest fit at 1024 wide.
    exhibits = [i for i in ws.items if i.exhibit is not None and len(i.exhibit.rows) <= 8]
    chosen = max(exhibits, key=lambda i: (len(i.exhibit.columns), len(i.exhibit.rows)))
    run = ws.new_exam(ExamOptions(seed=7, items=10, candidate="Alex Morgan"), clock)
    first = run.session.form[0]
    run.session.form[0] = FormItem(0, chosen, first.pretest)
    window = MainWindow(ws, run, clock)
    window.resize(1024, 768)
    window.show()
    window.start()
    ws.begin(run)
    settle(400)
    shot(window, "25-exhibit-item-1024")
    window.change_text_size(len(theme.SIZE_STEPS))  # the largest size
    shot(window, "25b-exhibit-largest-text-1024")
    window.change_text_size(0)
    run.session.answer(chosen.key)
    run.session.end()
    settle(400)
    # the window may have scored the exam itself when it ended
    unscored = ws.report(run.attempt_id)["status"] == "in_progress"
    report = ws.finish(run) if unscored else ws.report(run.attempt_id)
    answers = ws.answers(run.attempt_id)
    review = AnswerReviewScreen()
    review.resize(1024, 768)
    review.show()
    review.load(answers)
    shot(review, "25c-exhibit-answer-review")
    pdf = Path(tempfile.mkdtemp()) / "report.pdf"
    write_pdf(report, pdf, answers)
    page = next(n for n, p in enumerate(PdfReader(pdf).pages, start=1)
                if f"Exhibit: {chosen.exhibit.caption}"[:40] in " ".join(p.extract_text().split()))
    if shutil.which("pdftoppm"):
        stem = OUT / "25d-exhibit-pdf"
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
                        str(pdf), str(stem)], check=True)
        print("wrote", stem.with_suffix(".png"))
    window.close_keeping() if hasattr(window, "close_keeping") else window.close()
    ws.close()


if __name__ == "__main__":
    main()
