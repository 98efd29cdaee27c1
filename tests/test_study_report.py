"""Readiness and "where to study next" on the score report: the screen and the PDF."""

from __future__ import annotations

from pypdf import PdfReader

from simulator.report.pdf import write_pdf
from simulator.workspace import ExamOptions


def scored(workspace, clock, n=40):
    run = workspace.new_exam(ExamOptions(items=n, seed=5), clock)
    workspace.begin(run)
    s = run.session
    for k, f in enumerate(s.form):
        s.goto(k)
        s.answer(f.item.key if k % 3 else next(x for x in "ABCD" if x != f.item.key))
    s.end()
    return workspace.finish(run)


def test_the_pdf_has_readiness_and_where_to_study_next(workspace, clock, tmp_path):
    from simulator.ui.launch import make_app
    make_app()  # a QApplication, as in the program (the PDF alone would make a QGuiApplication)
    report = scored(workspace, clock)
    study = report["study"]
    assert study["readiness"] is not None and len(study["study_next"]) == 3
    assert study["due_today"] == 14  # the fourteen missed
    target = write_pdf(report, tmp_path / "r.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(target).pages)
    assert "Where to study next" in text and "Due for review today: 14 items" in text
    first = study["study_next"][0]["subtopic"]
    assert f"{first} (" in text


def test_the_results_screen_shows_it(qtbot, workspace, clock):
    from simulator.ui.launch import make_app
    from simulator.ui.report.results import ResultsScreen
    make_app()
    report = scored(workspace, clock, n=10)
    screen = ResultsScreen()
    qtbot.addWidget(screen)
    screen.show_report(report)
    screen.show()
    assert screen.study.isVisible()
    assert "not enough answers yet (10 of the 30" in screen.study.text()
    assert "Where to study next:" in screen.study.text()
