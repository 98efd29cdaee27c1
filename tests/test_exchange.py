"""Banks in and out through the command line: import into a user bank, list, export."""

from __future__ import annotations

import io
import json
import sqlite3
import tomllib
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.cli import main
from simulator.core import formats
from simulator.storage import userbanks

DATA = Path(__file__).parent / "data" / "formats"


def run(capsys, *args):
    code = main([*map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def import_bank(capsys, data_dir, file: str, name: str) -> None:
    code, _, _ = run(capsys, "bank", "import", DATA / file, "--name", name, "--data-dir", data_dir)
    assert code == 0


def sit_all_right(ws, exam) -> dict:
    """Begin an exam, answer every item with its key, end it; the report."""
    ws.begin(exam)
    for f in exam.session.form:
        exam.session.answer(f.item.key)
        exam.session.next()
    exam.session.end()
    return ws.finish(exam)


def test_import_reports_what_was_taken_and_what_was_not(data_dir, capsys):
    tmp_path = data_dir
    code, out, _ = run(capsys, "bank", "import", DATA / "moodle_examples.gift", "--name", "moodle",
                       "--data-dir",
                       tmp_path)
    assert code == 0
    source = str(DATA / "moodle_examples.gift")
    assert f"{source}:34: skipped: essay" in out.splitlines()
    assert any(line.startswith(f"{source}:") and line.endswith("skipped: matching")
               for line in out.splitlines())
    assert "Imported 6 questions into the bank 'moodle'" in out and "percent correct" in out
    code, out, _ = run(capsys, "bank", "list", "--json", "--data-dir", tmp_path)
    banks = json.loads(out)
    assert banks[0]["name"] == "cpim" and banks[0]["source"] == "shipped"
    assert {"name": "moodle", "items": 6, "source": str(DATA / "moodle_examples.gift")} in banks


def test_a_file_with_nothing_to_sit_imports_nothing_and_exits_1(tmp_path, capsys):
    essays = tmp_path / "essays.gift"
    essays.write_text("Discuss EOQ. {}\n\nWhen? {#1822}\n", encoding="utf-8")
    code, out, _ = run(capsys, "bank", "import", essays, "--data-dir", tmp_path / "data")
    assert code == 1
    assert f"{essays}:1: skipped: essay" in out and f"{essays}:3: skipped: numeric" in out
    assert userbanks.list_banks(tmp_path / "data") == []


@pytest.mark.parametrize("text", [
    '<?xml version="1.0"?><!DOCTYPE q [<!ENTITY x SYSTEM "file:///etc/passwd">]><quiz>&x;</quiz>',
    "<quiz>" + "<q>" * 500 + "</q>" * 500 + "</quiz>",
])
def test_a_refused_file_writes_nothing(tmp_path, capsys, text):
    bad = tmp_path / "bad.xml"
    bad.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "bank", "import", bad, "--data-dir", tmp_path / "data")
    assert code == 2 and err.count("\n") == 1 and str(bad) in err
    assert not (tmp_path / "data" / "banks").exists() or not any((tmp_path / "data" / "banks").iterdir())


def test_reimporting_the_same_file_keeps_the_ids(tmp_path, capsys):
    for _ in range(2):
        assert run(capsys, "bank", "import", DATA / "moodle_examples.xml", "--name", "x", "--data-dir",
                   tmp_path)[0] == 0
        files = sorted((tmp_path / "banks" / "x" / "questions").glob("*.toml"))
        ids = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()
               if line.startswith("id =")]
        if _ == 0:
            first = ids
    assert ids == first and len(ids) == 3


def test_an_import_killed_before_the_swap_leaves_the_old_bank(tmp_path, capsys, monkeypatch):
    assert run(capsys, "bank", "import", DATA / "moodle_examples.aiken", "--name", "b", "--data-dir",
               tmp_path)[0] == 0
    before = userbanks.list_banks(tmp_path)
    real_replace = userbanks.os.replace

    def dying_replace(src, dst):  # the swap is where a kill would hurt most
        if str(dst).endswith("/b"):
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(userbanks.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        main(["bank", "import", str(DATA / "moodle_examples.gift"), "--name", "b", "--data-dir",
              str(tmp_path)])
    monkeypatch.setattr(userbanks.os, "replace", real_replace)
    assert userbanks.list_banks(tmp_path) == before  # the Aiken bank, whole
    assert sorted(p.name for p in (tmp_path / "banks").iterdir()) == ["b"]


def test_anki_export_is_one_note_per_item_with_stable_ids(tmp_path, data_dir, capsys):
    decks = []
    for n in range(2):
        target = tmp_path / f"deck{n}.apkg"
        code, out, _ = run(capsys, "bank", "export", target, "--format", "anki", "--data-dir", data_dir)
        assert code == 0 and out.startswith(str(target))
        with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as z:
            (tmp_path / f"c{n}.anki2").write_bytes(z.read("collection.anki2"))
        db = sqlite3.connect(tmp_path / f"c{n}.anki2")
        decks.append(db.execute("SELECT guid, tags, flds FROM notes ORDER BY guid").fetchall())
        db.close()
    code, out, _ = run(capsys, "bank", "list", "--json", "--data-dir", data_dir)
    shipped = json.loads(out)[0]["items"]
    assert len(decks[0]) == shipped and len({g for g, _, _ in decks[0]}) == shipped
    assert [g for g, _, _ in decks[0]] == [g for g, _, _ in decks[1]]  # a re-export updates, not duplicates
    for _guid, tags, fields in decks[0]:
        _question, options, answer, explanation, _term, item_id = fields.split("\x1f")
        assert "::" in tags  # domain::subtopic, Anki's tag hierarchy
        assert options.count("<div>") >= 2 and answer[0] in "ABCD" and len(explanation) > 40
        assert item_id and item_id.split("-")[0] in {"SCS", "SOP", "DEM", "SUP", "DET", "INV", "DIS", "QTC"}


def test_moodle_xml_export_imports_back_to_the_same_items(tmp_path, data_dir, capsys):
    target = tmp_path / "bank.xml"
    assert run(capsys, "bank", "export", target, "--format", "moodle-xml", "--data-dir", data_dir)[0] == 0
    fmt, result = formats.read(target.read_text(encoding="utf-8"))
    assert fmt == "moodle-xml" and not result.notes
    from simulator.paths import default_blueprint, question_db_dir
    from simulator.storage.bank import open_bank
    bank, _ = open_bank(question_db_dir(), data_dir, default_blueprint())
    items = {item.id: item for item in bank.items()}
    bank.close()
    assert len(result.questions) == len(items)
    for q in result.questions:
        item = items[q.name]
        assert (q.stem, q.options, q.key_letter, q.explanation) == (item.stem, list(item.options), item.key,
                                                                     item.explanation)
        assert q.category == item.domain


def test_export_only_missed_says_when_there_are_none(tmp_path, data_dir, capsys):
    code, _, err = run(capsys, "bank", "export", tmp_path / "m.txt", "--format", "gift", "--only", "missed",
                       "--data-dir", data_dir)
    assert code == 2 and "none missed" in err


def test_an_exam_on_an_imported_bank_is_scored_by_its_own_blueprint(data_dir, capsys, clock):
    from simulator.workspace import ExamOptions, Workspace
    import_bank(capsys, data_dir, "moodle_examples.xml", "inv")
    ws = Workspace(data_dir)
    try:
        exam = ws.new_exam(ExamOptions(bank="inv", seed=3), clock)
        assert exam.title == "inv (imported questions)" and len(exam.session) == 3
        assert {f.item.id.split("-")[0] for f in exam.session.form} <= {"INV", "GEN"}
        report = sit_all_right(ws, exam)
    finally:
        ws.close()
    assert report["title"] == "inv (imported questions)" and report["passed"] is True
    assert report["scaled_score"] == 350 and [d["name"]
                                              for d in report["domains"]] == ["Inventory/Lot sizing"]
    _code, out, _ = run(capsys, "attempts", "show", "last", "--json", "--data-dir", data_dir)
    assert json.loads(out)["title"] == "inv (imported questions)"


def test_an_unknown_bank_is_one_line(data_dir, clock):
    from simulator.core.assembly import AssemblyError
    from simulator.workspace import ExamOptions, Workspace
    ws = Workspace(data_dir)
    try:
        with pytest.raises(AssemblyError, match="there is no bank named 'nope'"):
            ws.new_exam(ExamOptions(bank="nope"), clock)
    finally:
        ws.close()


def test_practice_on_an_imported_bank(data_dir, capsys, clock):
    from simulator.app.practice import PracticeOptions, new_practice
    from simulator.workspace import Workspace
    import_bank(capsys, data_dir, "moodle_examples.gift", "g")
    ws = Workspace(data_dir)
    try:
        practice = new_practice(ws, PracticeOptions(source="all", items=4, bank="g", seed=2), clock)
        stems = {f.item.stem for f in practice.session.form}
        assert len(stems) == 4  # the imported questions, not the shipped bank's:
        assert all(f.item.domain in {"General", "tom/jerry"} for f in practice.session.form)
        assert practice.extras["domains"] == ["General", "tom/jerry"]
    finally:
        ws.close()


def test_answers_on_an_imported_bank_do_not_count_toward_cpim_readiness(data_dir, capsys, clock):
    from simulator.app.practice import counted, wall
    from simulator.workspace import ExamOptions, Workspace

    def progress() -> dict:
        code, out, _ = run(capsys, "progress", "--json", "--data-dir", data_dir)
        assert code == 0
        return json.loads(out)

    import_bank(capsys, data_dir, "moodle_examples.gift", "g")
    ws = Workspace(data_dir)
    try:
        sit_all_right(ws, ws.new_exam(ExamOptions(bank="g", seed=1), clock))
        assert counted(ws, wall(clock)) == []
    finally:
        ws.close()
    assert (progress()["sittings"], progress()["answers"]) == (0, 0)
    ws = Workspace(data_dir)
    try:
        sit_all_right(ws, ws.new_exam(ExamOptions(items=5, seed=2), clock))
    finally:
        ws.close()
    assert progress()["sittings"] == 1  # the CPIM exam counts, the imported one still does not


# The import validates the tables it wrote its files from, not the files read back:
# so the files must hold exactly those tables, whatever the texts contain.
any_text = st.text(min_size=1, max_size=30)


@st.composite
def imported_questions(draw):
    n = draw(st.integers(2, 6))
    table = draw(st.none() | st.builds(
        formats.Table, caption=any_text, columns=st.tuples(any_text, any_text),
        rows=st.lists(st.tuples(any_text, any_text), min_size=1, max_size=3).map(tuple)))
    return formats.Question(stem=draw(any_text), options=draw(st.lists(any_text, min_size=n, max_size=n)),
                            key=draw(st.integers(0, n - 1)), explanation=draw(st.text(max_size=30)),
                            category=draw(st.sampled_from(["", "Demand", 'Odd "name" \\ \x7f'])), table=table)


@settings(max_examples=150, deadline=None)
@given(qs=st.lists(imported_questions(), min_size=1, max_size=4))
def test_a_user_banks_files_hold_exactly_the_tables_the_import_checks(qs):
    ids = [f"QQQ-{k:05d}" for k in range(len(qs))]
    source = userbanks.bank_source(qs, ids, 'a "title" \\')
    assert source.tables
    for name, tables in source.tables.items():
        assert tomllib.loads(source.files[f"{userbanks.SOURCE}/{name}"]) == tables
    tomllib.loads(source.blueprint)
