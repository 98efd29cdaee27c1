"""`cpim-sim practice` and `cpim-sim progress` on the command line."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QApplication

from simulator.cli import main
from simulator.workspace import ExamOptions, Workspace


def sit(data_dir, clock, n=40, right=lambda k: k % 4 != 0):
    ws = Workspace(data_dir)
    try:
        run = ws.new_exam(ExamOptions(items=n, seed=7), clock)
        ws.begin(run)
        s = run.session
        for k, f in enumerate(s.form):
            s.goto(k)
            s.answer(f.item.key if right(k) else next(x for x in "ABCD" if x != f.item.key))
        s.end()
        return ws.finish(run)
    finally:
        ws.close()


def test_progress_json_prints_every_contract_field(data_dir, clock, capsys):
    assert main(["--data-dir", str(data_dir), "progress", "--json"]) == 0
    empty = json.loads(capsys.readouterr().out)
    assert empty["readiness"] is None and empty["sittings"] == 0 and empty["due_today"] == 0
    sit(data_dir, clock)
    assert main(["progress", "--json", "--data-dir", str(data_dir)]) == 0
    p = json.loads(capsys.readouterr().out)
    assert {"sittings", "answers", "readiness", "due_today", "coverage", "domains"} <= set(p)
    assert p["sittings"] == 1 and p["answers"] == 40
    assert set(p["readiness"]) == {"p_pass", "low", "high", "theta", "se"}
    assert 0 <= p["readiness"]["p_pass"] <= 1 and p["readiness"]["low"] < p["readiness"]["high"]
    assert p["due_today"] >= 10  # the ten missed are due again today (the clock is real here)
    assert p["coverage"] == {"seen": 40, "total": p["coverage"]["total"]} and p["coverage"]["total"] > 600
    assert all(set(d) == {"name", "answered", "correct", "level"} for d in p["domains"])
    assert sum(d["answered"] for d in p["domains"]) == 40
    assert main(["--data-dir", str(data_dir), "progress"]) == 0
    text = capsys.readouterr().out
    assert "Readiness: P(pass)" in text and "Where to study next:" in text


def test_attempts_show_json_carries_kind_and_mode(data_dir, clock, capsys):
    report = sit(data_dir, clock, n=10)
    assert main(["--data-dir", str(data_dir), "attempts", "show", "last", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["id"] == report["id"] and shown["kind"] == "exam" and shown["mode"] == "exam"


def test_practice_source_missed_opens_on_a_missed_item(data_dir, clock, monkeypatch, qtbot):
    report = sit(data_dir, clock)
    missed = {it["item_id"] for it in report["items"] if not it["correct"]}
    seen = {}

    def fake_exec(_app=None):
        from simulator.ui.exam.practice import PracticeWindow
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PracticeWindow))
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.item)
        seen["item"] = window.session.current.item.id
        seen["form"] = [f.item.id for f in window.session.form]
        seen["stem"] = window.item.stem.text()
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert main(["--data-dir", str(data_dir), "practice", "--source", "missed", "--items", "5"]) == 0
    assert seen["item"] in missed and set(seen["form"]) <= missed and len(seen["form"]) == 5
    assert seen["stem"]
    from tests.gui import no_dialog
    assert no_dialog()  # closing a practice set mid-way asks nothing: every answer is saved


def test_bad_practice_values_are_one_line_and_exit_2(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "practice", "--source", "often"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "often" in err
    assert main(["--data-dir", str(data_dir), "practice", "--items", "0"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["--data-dir", str(data_dir), "practice", "--domain", "Nope"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no domain named 'Nope'" in err
    assert main(["--data-dir", str(data_dir), "practice", "--source", "missed"]) == 2  # nothing missed yet
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no missed items" in err
    assert main(["--data-dir", str(data_dir), "practice", "--bank", "nosuchbank"]) == 2
    assert "nosuchbank" in capsys.readouterr().err


def test_practice_has_no_clock_unless_minutes_are_given(data_dir, clock, monkeypatch, qtbot):
    sit(data_dir, clock, n=10)
    shown = []

    def fake_exec(_app=None):
        from simulator.ui.exam.practice import PracticeWindow
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PracticeWindow)
                      and w.isVisible())
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.item)
        shown.append((window.timed, window.title_bar.time.isVisible(), window.session.countdown.allowed_s))
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert main(["--data-dir", str(data_dir), "practice", "--items", "3"]) == 0
    assert main(["--data-dir", str(data_dir), "--minutes", "15", "practice", "--items", "3"]) == 0
    assert shown[0][:2] == (False, False)
    assert shown[1] == (True, True, 900.0)
