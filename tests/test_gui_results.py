"""After the exam: the score report, the answer review, the PDF, the history."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from simulator.ui.exam.mainwindow import MainWindow
from simulator.ui.launch import make_app
from simulator.workspace import ExamOptions

from .gui import ALT, dialogs, key


def finished_window(qtbot, workspace, clock, wrong=(1, 4, 6)):
    """A 12-item exam answered right except at `wrong`, items 2 and 5 flagged, then ended."""
    make_app()
    run = workspace.new_exam(ExamOptions(seed=21, items=12, minutes=210, candidate="Robin Review"), clock)
    window = MainWindow(workspace, run, clock)
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    window.start()
    workspace.begin(run)
    s = run.session
    for f in s.form:
        clock.advance(30 + 10 * f.position)
        key_letter = f.item.key
        s.answer(key_letter if f.position not in wrong else "ABCD"[("ABCD".index(key_letter) + 1) % 4])
        if f.position in (1, 4):
            s.toggle_flag()
        s.next()
    with qtbot.waitSignal(window.finished):
        s.end()
    return window


def test_results_screen_shows_score_domains_pacing(qtbot, workspace, clock):
    window = finished_window(qtbot, workspace, clock)
    r = window.report
    assert window.stack.currentWidget() is window.results
    assert window.results.score.text() == str(r["scaled_score"])
    assert r["raw_correct"] == 9
    assert [d["name"] for d in window.results.chart.domains] == workspace.blueprint.names
    pacing = window.results.pacing.text()
    assert "Time used: 0:17:00 of 3:30:00" in pacing and "Items flagged for review: 2" in pacing
    assert "Slowest items: 12 (2:20), 11 (2:10)" in pacing        # 30 + 10 x 11 seconds on the last item
    assert r["pacing"]["time_used_s"] == sum(30 + 10 * p for p in range(12))
    assert r["pacing"]["slowest"][0]["position"] == 12


def test_review_incorrect_by_keyboard_then_pdf(qtbot, workspace, clock, tmp_path):
    window = finished_window(qtbot, workspace, clock)
    key(qtbot, window, Qt.Key.Key_A, ALT, until=lambda: window.stack.currentWidget() is window.answers)
    screen = window.answers
    assert screen.where.text() == "Answer review: 1 of 12 all items"
    key(qtbot, window, Qt.Key.Key_I, ALT, until=lambda: screen.filter == "incorrect")
    seen = []
    for step in range(3):
        it = screen.current
        seen.append(it["position"])
        assert screen.verdict.text().startswith(f"Your answer: {it['response']}.  Incorrect.")
        assert screen.marks[it["key"]].text() == "\u2713" and screen.marks[it["response"]].text() == "\u2717"
        assert screen.explanation.text() == it["explanation"] and it["explanation"]
        if step < 2:
            key(qtbot, window, Qt.Key.Key_N, ALT, until=lambda n=step: screen.index == n + 1)
    assert seen == [2, 5, 7]
    assert not screen.next_button.isEnabled()
    key(qtbot, window, Qt.Key.Key_P, ALT, until=lambda: screen.index == 1)
    key(qtbot, window, Qt.Key.Key_L, ALT, until=lambda: screen.filter == "flagged")
    assert [screen.items[i]["position"] for i in screen.subset] == [2, 5]
    key(qtbot, window, Qt.Key.Key_B, ALT, until=lambda: window.stack.currentWidget() is window.results)

    target = tmp_path / "full.pdf"
    window.results.export_to(target)
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    dialogs()[0].accept()
    reader = PdfReader(target)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Pacing" in text and "Time by domain" in text and "Item review" in text
    answers = workspace.answers(window.report["id"])
    wrong = answers[1]
    assert (f"Item 2 | {wrong['domain']} | your answer: {wrong['response']}, incorrect; "
            f"the answer is {wrong['key']}") in text
    assert " ".join(wrong["explanation"].split()[:8]) in text
    assert target.stat().st_size < 500_000

    # Without the item review, the PDF stops after pacing.
    window.results.include_items.setChecked(False)
    short = tmp_path / "short.pdf"
    window.results.export_to(short)
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    dialogs()[0].accept()
    assert len(PdfReader(short).pages) == 2


def test_history_lists_attempts_and_deletes_after_confirmation(qtbot, workspace, clock):
    window = finished_window(qtbot, workspace, clock)
    key(qtbot, window, Qt.Key.Key_H, ALT, until=lambda: window.stack.currentWidget() is window.history)
    table = window.history.table
    assert table.rowCount() == 1 and table.item(0, 6).text() in ("PASS", "FAIL")
    assert (table.item(0, 2).text(), table.item(0, 3).text()) == ("Custom exam", "12")
    assert window.history.other_chart.series["Custom or study"] == [float(window.report["scaled_score"])]
    assert window.history.score_chart.series["Full mock"] == []   # a 12-item exam is no full mock
    assert len(window.history.domain_chart.series) == 8
    key(qtbot, window, Qt.Key.Key_D, ALT, until=lambda: len(dialogs()) == 1)
    ask = dialogs()[0]
    assert "Delete attempt" in ask.body.text()
    key(qtbot, ask, Qt.Key.Key_N, ALT, until=lambda: not dialogs())     # No keeps it
    assert len(workspace.history()) == 1
    key(qtbot, window, Qt.Key.Key_D, ALT, until=lambda: len(dialogs()) == 1)
    key(qtbot, dialogs()[0], Qt.Key.Key_Y, ALT, until=lambda: not dialogs())
    qtbot.waitUntil(lambda: table.rowCount() == 0)
    assert workspace.history() == []
    assert not window.results.review_button.isEnabled()


def test_extra_time_grows_the_clock_and_the_report_says_so(qtbot, workspace, clock):
    make_app()
    run = workspace.new_exam(ExamOptions(seed=21, items=6, minutes=210, extra_time_pct=50), clock)
    assert run.session.countdown.allowed_s == 315 * 60          # 210 minutes and half as much again
    window = MainWindow(workspace, run, clock)
    qtbot.addWidget(window)
    window.show()
    window.start()
    assert "5:15:00 (315 minutes) (including 50% extra time as an accommodation)" in window.welcome.findChild(
        QLabel, "welcomeText").text()
    workspace.begin(run)
    with qtbot.waitSignal(window.finished):
        run.session.end()
    assert "including 50% extra time (an accommodation)" in window.results.pacing.text()
    assert workspace.report(run.attempt_id)["extra_time_pct"] == 50
