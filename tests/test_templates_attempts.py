"""A template on a form keeps the numbers it was first shown with: after a resume, in
the answer review, in the PDF, in `attempts show` and in `bank render` with its seed."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from simulator.cli import main
from simulator.core.templates import is_template, render_item
from simulator.report.pdf import write_pdf
from simulator.workspace import ExamOptions, Workspace


@pytest.fixture(autouse=True)
def app():
    from simulator.ui.launch import make_app
    return make_app()


def _form_with_templates(workspace, clock):
    for seed in range(200):
        run = workspace.new_exam(ExamOptions(seed=seed, items=40), clock)
        shown = [f for f in run.session.form if f.seed is not None]
        if len(shown) >= 2:
            return run, shown
    raise AssertionError("no form of 40 items with two templates in 200 seeds")


def test_a_resumed_attempt_the_review_the_pdf_and_the_json_show_the_numbers_first_shown(
        data_dir, workspace, clock, tmp_path, capsys):
    run, shown = _form_with_templates(workspace, clock)
    first = {f.position: f.item for f in shown}
    assert all(not is_template(item) or item.calc["seed"] == f.seed  # type: ignore[index]
               for f in shown for item in [f.item])
    attempt_id = workspace.begin(run)
    s = run.session
    s.answer(s.form[0].item.key)
    s.next()
    workspace.close()  # the program ends mid-exam

    again = Workspace(data_dir)
    try:
        attempt = again.unfinished()
        assert attempt is not None and attempt.id == attempt_id
        resumed = again.resume(attempt, clock)
        for f in resumed.session.form:
            if f.position in first:
                before = first[f.position]
                assert (f.item.stem, f.item.options, f.item.key, f.item.explanation) == \
                       (before.stem, before.options, before.key, before.explanation)
                assert f.seed is not None
        r = resumed.session
        while r.position < len(r) - 1:
            r.answer(r.form[r.position].item.key)
            r.next()
        r.end()
        report = again.finish(resumed)
        answers = {a["position"] - 1: a for a in again.answers(attempt_id)}
        for position, before in first.items():
            assert answers[position]["stem"] == before.stem
            assert answers[position]["options"] == list(before.options)
            assert answers[position]["key"] == before.key
        target = tmp_path / "r.pdf"
        write_pdf(report, target, again.answers(attempt_id))
        pdf = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(target).pages)
        for before in first.values():
            for option in before.options:
                assert option in pdf, option
        seeds = {it["position"] - 1: it["seed"] for it in report["items"]}
        bank = again.bank.get([item.id for item in first.values()])
    finally:
        again.close()

    assert main(["attempts", "show", str(attempt_id), "--json", "--data-dir", str(data_dir)]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    for position, before in first.items():
        assert items[position]["key"] == before.key
        assert items[position]["seed"] == seeds[position] is not None
        # what `bank render ID --seed N` shows (tests/test_templates.py runs the command itself)
        rendered = render_item(bank[before.id], seeds[position])
        assert (rendered.stem, rendered.options, rendered.key) == (before.stem, before.options, before.key)


def test_practice_on_a_topic_draws_fresh_numbers_each_time(workspace, clock):
    from simulator.app.practice import PracticeOptions, new_practice
    seen: dict[str, set[str]] = {}
    for seed in range(3):
        run = new_practice(workspace, PracticeOptions(domains=("Inventory",), subtopics=("lot sizing",),
                                                      items=60, seed=seed), clock)
        for f in run.session.form:
            if is_template(f.item):
                assert f.seed is not None and f.item.calc["seed"] == f.seed  # type: ignore[index]
                assert "{" not in f.item.stem
                seen.setdefault(f.item.id, set()).add(f.item.stem)
    assert len(seen) >= 5                          # the lot-sizing templates are in the sets
    assert any(len(stems) >= 2 for stems in seen.values())  # with other numbers in another set
