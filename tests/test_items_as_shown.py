"""An attempt keeps each item as it was shown: a later change to the bank does not
change what resume, the answer review, the PDF or the attempt's JSON show."""

from __future__ import annotations

import json
import shutil
import sqlite3
import unicodedata

from simulator.paths import question_db_dir
from simulator.storage.attempts import USER_DB
from simulator.workspace import ExamOptions, Workspace


def source_copy(tmp_path):
    folder = tmp_path / "question_db"
    folder.mkdir()
    for path in question_db_dir().glob("*.toml"):
        shutil.copy(path, folder / path.name)
    return folder


def rewrite_option_a(source, item) -> str | None:
    """Change option A of `item` in the bank source, as an author fixing it later would
    (None if its line cannot be found as written)."""
    old = f"A = {json.dumps(item.options[0])}"
    for path in source.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        if text.count(old) == 1:
            new = f'A = "Revised option text {item.id}"'
            path.write_text(text.replace(old, new), encoding="utf-8")
            return f"Revised option text {item.id}"
    return None


def test_a_bank_changed_after_an_attempt_leaves_the_attempt_as_shown(qtbot, tmp_path, clock):
    # qtbot: the PDF is drawn in the test run's own QApplication, made before it
    from pypdf import PdfReader

    from simulator.report.pdf import write_pdf
    source, data = source_copy(tmp_path), tmp_path / "data"
    data.mkdir()
    ws = Workspace(data, source=source)
    run = ws.new_exam(ExamOptions(seed=3, items=6), clock)
    attempt_id = ws.begin(run)
    shown = [f.item for f in run.session.form]
    run.session.answer("B")
    ws.close()
    # an item whose fix leaves it valid: no calculation to recompute, the key not the changed option
    first, revised = next((i, r) for i in shown if i.calc is None and i.key != "A"
                          and (r := rewrite_option_a(source, i)) is not None)
    at = shown.index(first)
    ws = Workspace(data, source=source)  # the bank is rebuilt from the changed source
    assert {i.id: i for i in ws.items}[first.id].options[0] == revised
    resumed = ws.resume(ws.unfinished(), clock)
    assert [f.item.options for f in resumed.session.form] == [i.options for i in shown]
    assert [f.item.stem for f in resumed.session.form] == [i.stem for i in shown]
    assert [f.item.exhibit for f in resumed.session.form] == [i.exhibit for i in shown]
    resumed.session.resume()
    resumed.session.end()
    ws.finish(resumed)

    answers = ws.answers(attempt_id)
    assert answers[at]["options"] == list(first.options) and revised not in answers[at]["options"]
    assert [a["stem"] for a in answers] == [i.stem for i in shown]
    assert [a["explanation"] for a in answers] == [i.explanation for i in shown]
    assert [a["key"] for a in answers] == [i.key for i in shown]
    pdf = write_pdf(ws.report(attempt_id), tmp_path / "r.pdf", answers)
    # compared without white space and ligatures (fi): the PDF breaks lines where it likes
    text = "".join("".join(unicodedata.normalize("NFKC", page.extract_text()).split())
                   for page in PdfReader(pdf).pages)
    assert "".join(first.options[0].split()) in text and "".join(revised.split()) not in text
    ws.close()


def test_the_copy_is_stored_per_attempt_item(tmp_path, clock, workspace):
    run = workspace.new_exam(ExamOptions(seed=3, items=4), clock)
    attempt_id = workspace.begin(run)
    workspace.close()
    with sqlite3.connect(workspace.folder / USER_DB) as db:
        rows = db.execute("SELECT item_id, stem, options_json, exhibit_json, explanation, key, seed "
                          "FROM attempt_items WHERE attempt_id = ? ORDER BY position",
                          (attempt_id,)).fetchall()
    db.close()
    for row, f in zip(rows, run.session.form, strict=True):
        item_id, stem, options, exhibit, explanation, key, seed = row
        assert (item_id, stem, json.loads(options), key) == (f.item.id, f.item.stem, list(f.item.options),
                                                             f.item.key)
        assert explanation == f.item.explanation and seed == f.seed
        shown_exhibit = f.item.exhibit.to_json() if f.item.exhibit else None
        assert (json.loads(exhibit) if exhibit else None) == shown_exhibit


def test_an_attempt_from_before_the_copy_reads_the_bank(tmp_path, clock, workspace):
    run = workspace.new_exam(ExamOptions(seed=3, items=4), clock)
    attempt_id = workspace.begin(run)
    run.session.end()
    workspace.finish(run)
    with sqlite3.connect(workspace.folder / USER_DB) as db:  # as schema 3 left it: no copy
        db.execute("UPDATE attempt_items SET stem = NULL, options_json = NULL, exhibit_json = NULL, "
                   "explanation = NULL")
    db.close()
    answers = workspace.answers(attempt_id)
    bank = {i.id: i for i in workspace.items}
    assert [a["stem"] for a in answers] == [bank[a["item_id"]].stem for a in answers]
