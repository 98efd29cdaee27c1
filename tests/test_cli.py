"""The command line as scripts use it: exit codes, one-line errors, the JSON it promises."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from simulator.cli import main
from simulator.workspace import ExamOptions

CONTRACT_FIELDS = {"id", "status", "started_at", "finished_at", "form_seed", "time_allowed_s", "time_used_s",
                   "scaled_score", "passed", "raw_correct", "operational_count", "pretest_count", "domains",
                   "items"}


def run_cli(*args):
    """The program as a script runs it: a process of its own (the PDF needs a Qt
    application, which must not be the test run's own)."""
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True,
                          timeout=60)


def sit(workspace, clock, items=30, right=20):
    run = workspace.new_exam(ExamOptions(seed=5, items=items, candidate="Sam"), clock)
    workspace.begin(run)
    for n, f in enumerate(run.session.form):
        run.session.answer(f.item.key if n < right else ("B" if f.item.key == "A" else "A"))
        clock.advance(3)
        run.session.next()
    run.session.end()
    return workspace.finish(run)


def test_version_and_help():
    assert run_cli("--version").stdout.strip().startswith("cpim-sim ")
    text = run_cli("--help").stdout
    for option in ("--data-dir", "--seed", "--items", "--minutes", "--mode", "--onvue", "--extra-time",
                   "--candidate", "--resume", "bank", "attempts", "report"):
        assert option in text


@pytest.mark.parametrize("args", [["--items", "0"], ["--items", "x"], ["--minutes", "-3"],
                                  ["--mode", "quiz"], ["--extra-time", "nan"], ["--seed", "-1"],
                                  ["attempts", "show"], ["bank", "frobnicate"]])
def test_a_bad_option_is_one_line_and_status_2(args, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cpim-sim: error:")


def test_attempts_show_last_json_has_every_contract_field(workspace, data_dir, clock, capsys):
    sit(workspace, clock)
    assert main(["--data-dir", str(data_dir), "attempts", "show", "last", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown.keys() >= CONTRACT_FIELDS
    assert shown["status"] == "finished" and shown["raw_correct"] == 20
    assert isinstance(shown["scaled_score"], int) and 200 <= shown["scaled_score"] <= 350
    assert isinstance(shown["passed"], bool)
    assert len(shown["domains"]) == 8
    assert all({"name", "items", "correct", "level"} <= d.keys() for d in shown["domains"])
    assert sum(d["items"] for d in shown["domains"]) == shown["operational_count"] == 30
    assert len(shown["items"]) == 30
    first = shown["items"][0]
    assert {"position", "item_id", "domain", "pretest", "response", "correct", "flagged",
            "seconds"} <= first.keys()
    assert first["position"] == 1 and first["response"] in "ABCD" and first["seconds"] == 3
    assert all(d["level"] in ("below", "near", "above") for d in shown["domains"])
    pacing = shown["pacing"]
    assert pacing["time_used_s"] == 90 and pacing["average_item_s"] == 3
    assert {"time_allowed_s", "target_item_s", "domains", "slowest"} <= pacing.keys()


def test_attempts_list_and_unknown_ids(workspace, data_dir, clock, capsys):
    sit(workspace, clock)
    assert main(["--data-dir", str(data_dir), "attempts", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in rows] == ["finished"]
    assert {"id", "started", "finished", "status", "scaled_score", "passed"} <= rows[0].keys()
    assert main(["--data-dir", str(data_dir), "attempts", "show", "99"]) == 2
    assert "no attempt with id 99" in capsys.readouterr().err


def test_report_writes_the_pdf(workspace, data_dir, clock, tmp_path, capsys):
    from pypdf import PdfReader
    report = sit(workspace, clock)
    target = tmp_path / "out" / "r.pdf"
    done = run_cli("--data-dir", str(data_dir), "report", "last", "--pdf", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(target)
    text = " ".join(PdfReader(target).pages[0].extract_text().split())
    assert str(report["scaled_score"]) in text and "Sam" in text


def test_an_empty_data_folder_has_no_attempts(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path / "new"), "attempts", "show", "last"]) == 2
    assert "no attempts yet" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_dir_before_or_after_the_subcommand(workspace, clock, capsys, where):
    sit(workspace, clock)
    folder = str(workspace.folder)
    workspace.close()
    args = (["--data-dir", folder, "attempts", "show", "last", "--json"] if where == "before"
            else ["attempts", "show", "last", "--json", "--data-dir", folder])
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["candidate"] == "Sam"
