"""The score report's words, on screen, in the PDF and on the command line: page
numbers, the wrong choice marked, round numbers, plurals, local times, one format."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from simulator.cli import main
from simulator.core.words import local_time, mmss, plural, raw_cut_text
from simulator.report.pdf import write_pdf
from simulator.workspace import ExamOptions


@pytest.fixture(autouse=True)
def app():
    from simulator.ui.launch import make_app
    return make_app()


def _finished(workspace, clock, answer: bool = True, **options):
    run = workspace.new_exam(ExamOptions(**options), clock)
    workspace.begin(run)
    s = run.session
    for f in s.form if answer else []:
        clock.advance(61.6)
        wrong = "ABCD"[("ABCD".index(f.item.key) + 1) % 4]
        s.answer(wrong if f.position % 3 == 0 else f.item.key)
        s.next()
    s.end()
    report = workspace.finish(run)
    return run, report


def _text(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_words():
    assert plural(1, "second") == "1 second" and plural(2, "second") == "2 seconds"
    assert plural(1, "time") == "1 time" and plural(3, "time") == "3 times"
    assert raw_cut_text(80.8) == "81" and raw_cut_text(80.0) == "80"
    assert mmss(139.6) == "2:20" and mmss(139.4) == "2:19"
    shown = local_time("2026-12-01T22:44:26+00:00")
    assert "+00:00" not in shown and "2026" in shown


def test_pdf_pages_numbered_and_wrong_choice_marked(workspace, clock, tmp_path):
    run, report = _finished(workspace, clock, seed=11, items=12)
    target = tmp_path / "r.pdf"
    write_pdf(report, target, workspace.answers(report["id"]))
    pages = _text(target)
    assert len(pages) >= 3
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page
    review = " ".join(pages[2:])
    first = run.session.form[0].item            # answered wrong
    wrong = "ABCD"[("ABCD".index(first.key) + 1) % 4]
    assert f"\u2717 {wrong}." in review and "(your answer)" in review
    assert f"\u2713 {first.key}." in review and "(correct answer)" in review
    assert "(correct answer, your answer)" in review          # the items answered right


def test_pdf_and_screen_say_the_same_thing(qtbot, workspace, clock, tmp_path):
    from simulator.ui.report.results import ResultsScreen, pacing_text
    _run, report = _finished(workspace, clock, seed=11, items=12)
    target = tmp_path / "r.pdf"
    write_pdf(report, target)
    pdf = " ".join(_text(target))
    screen = ResultsScreen()
    qtbot.addWidget(screen)
    screen.show_report(report)
    explain = screen.explain.text()
    needed = raw_cut_text(report["raw_cut"])
    assert f"this form needed {needed} to pass" in explain and f"this form needed {needed} to pass" in pdf
    assert "pretest" not in explain                          # a short form has none: nothing said
    assert "0 unscored" not in pdf and "12 scored items" in pdf
    assert "minutes" not in pdf.split("Time used")[1][:40]  # h:mm:ss, as on screen
    used = pacing_text(report).split("Time used: ")[1].split(" of ")[0]
    assert f"Time used {used} of" in pdf
    slow = re.findall(r"(\d+) \((\d+:\d\d)\)", pacing_text(report).split("Slowest items: ")[1])
    for position, time in slow:
        assert re.search(rf"Item {position} \([^)]*\): {time}", pdf), (position, time)
    assert "1 seconds" not in pdf and "time(s)" not in pdf


def test_full_form_report_says_pretest_items_are_in_the_time_by_domain(workspace, clock, tmp_path):
    _run, report = _finished(workspace, clock, answer=False, seed=12)
    assert report["pretest_count"] == 20
    target = tmp_path / "r.pdf"
    write_pdf(report, target)
    pdf = " ".join(_text(target))
    assert "Items and time include the 20 unscored pretest items" in pdf


def test_attempts_list_shows_local_readable_times(workspace, clock, data_dir, capsys):
    _finished(workspace, clock, seed=11, items=4)
    workspace.close()
    assert main(["--data-dir", str(data_dir), "attempts", "list"]) == 0
    out = capsys.readouterr().out
    assert "+00:00" not in out and "T" not in out.splitlines()[1].split()[1]
    assert main(["--data-dir", str(data_dir), "attempts", "show", "last"]) == 0
    shown = capsys.readouterr().out
    assert "+00:00" not in shown and "minutes" not in shown
    assert "needed" in shown and "0 unscored" not in shown
    assert "pretest" not in shown   # a short form has none
