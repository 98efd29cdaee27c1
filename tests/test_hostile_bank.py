"""Hostile bank files: refused with file:line, never a crash, never
in the database; and bank text on screen is plain text or escaped.

The validator (simulator/core/validate.py) refuses malformed TOML, wrong encodings,
huge files and fields, NUL and control characters, markup that would load files or
remote resources, deep nesting, wrong types and colliding ids. The loader
(simulator/storage/bank.py) builds only the files the validator passes, into a new
file that replaces the old bank in one step."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from simulator.core import validate
from simulator.core.assembly import FormItem
from simulator.core.items import Item
from simulator.core.session import ItemState
from simulator.core.validate import accepted_files, bank_files, parse_text, read_bank_file
from simulator.paths import default_blueprint, question_db_dir
from simulator.storage.bank import BANK_FILE, Bank, open_bank

BP = default_blueprint()
EXPLANATION = ("The tracking signal divides the running sum of forecast errors by the mean absolute "
               "deviation, "
               "so A is right; the other options compare quantities that do not reveal a biased forecast.")
FIELDS = {  # one valid item; each test changes one thing
    "id": '"DEM-901"',
    "subtopic": '"forecasting techniques"',
    "level": '"recall"',
    "difficulty": "0.2",
    "term": '"tracking signal"',
    "stem": '"What does a tracking signal compare in a forecasting system?"',
    "A": '"The running sum of forecast errors with the mean absolute deviation"',
    "B": '"The mean absolute deviation with the average forecast"',
    "C": '"The bias of the forecast with its standard deviation"',
    "D": '"The latest actual demand with the latest forecast"',
    "key": '"A"',
    "explanation": f'"{EXPLANATION}"',
    "reviewed": "false",
}
LINE = {name: 4 + n for n, name in enumerate(FIELDS)}  # domain, blank, [[items]], then the fields
AFTER = 4 + len(FIELDS)                                 # the first line after the fields


def bank_text(extra: str = "", **changed: str) -> str:
    lines = ['domain = "Demand"', "", "[[items]]"]
    lines += [f"{name} = {changed.get(name, value)}" for name, value in FIELDS.items()]
    return "\n".join(lines) + "\n" + extra


def problems_of(text: str, path: str = "hostile.toml") -> list[str]:
    parsed = parse_text(text, path, BP)
    assert not (parsed.items and parsed.problems), "an item with problems was kept"
    return [str(p) for p in parsed.problems]


def test_the_template_item_is_valid():
    parsed = parse_text(bank_text(), "ok.toml", BP)
    assert parsed.problems == [] and [i.id for i in parsed.items] == ["DEM-901"]


BIG = "word " * 3000
HOSTILE_FIELDS = [
    # markup and addresses a rich-text renderer would load or follow
    ("stem", r'"<img src=\"file:///etc/passwd\"> Which one?"', "markup"),
    ("A", '"See https://example.com/answers for the key"', "markup"),
    ("B", '"<a href=x>the mean absolute deviation</a>"', "markup"),
    ("C", "'<script>alert(1)</script> the bias'", "markup"),
    ("D", '"<link rel=stylesheet href=evil.css> the latest demand"', "markup"),
    ("stem", r'"Which one? <table background=\"x.png\"><tr><td>x</td></tr></table>"', "markup"),
    ("stem", '"Which one? <span style=color:red>now</span>"', "markup"),
    ("stem", '"Which one is shown in qrc:/images/secret.png?"', "markup"),
    ("stem", '"Which one? data:image/png;base64,iVBORw0KGgo="', "markup"),
    ("stem", '"Which one is in file:/etc/passwd?"', "markup"),
    ("stem", '"Which one? javascript:alert(1)"', "markup"),
    ("stem", '"Which one? background-image: url(x.png)"', "markup"),
    ("stem", '"<!-- hidden --> Which one?"', "markup"),
    ("stem", '"<?xml version=1.0?> Which one?"', "markup"),
    ("explanation", f'"{EXPLANATION} ftp://files.example.com/key.txt"', "markup"),
    ("term", '"<b>tracking signal</b>"', "markup"),
    # control and invisible characters
    ("stem", r'"A bell \u0007 rings: which one?"', "control characters"),
    ("stem", r'"A NUL \u0000 hides here: which one?"', "control characters"),
    ("A", r'"\u001b[31mThe running sum of forecast errors"', "control characters"),
    ("stem", r'"Which one \u202egnp.exe is it?"', "invisible"),
    ("B", r'"The mean\u200b absolute deviation with the average forecast"', "invisible"),
    # huge fields
    ("stem", f'"{BIG}"', "longer than"),
    ("explanation", f'"{BIG * 4}"', "longer than"),
    ("term", f'"{"t" * 500}"', "term must be short text"),
    # the wrong types
    ("stem", "42", "must be text"),
    ("A", '["a", "b"]', "must be text"),
    ("B", "{ x = 1 }", "must be text"),
    ("key", "1", "key must be"),
    ("key", '["A"]', "key must be"),
    ("subtopic", '["forecasting techniques"]', "subtopic"),
    ("subtopic", "{ a = 1 }", "subtopic"),
    ("level", "true", "level must be"),
    ("difficulty", '"0.2"', "difficulty must be"),
    ("difficulty", "nan", "difficulty must be"),
    ("difficulty", "inf", "difficulty must be"),
    ("reviewed", '"yes"', "reviewed must be"),
    ("term", "5", "term must be short text"),
    ("id", "12", "is not of the form"),
    ("id", r'"DEM-901\n"', "is not of the form"),
    ("id", '"../../etc/passwd"', "is not of the form"),
]


@pytest.mark.parametrize("field,value,message", HOSTILE_FIELDS)
def test_a_hostile_field_is_refused_with_its_line(field, value, message):
    found = problems_of(bank_text(**{field: value}))
    assert found, "accepted"
    assert any(p.startswith(f"hostile.toml:{LINE[field]}: ") and message in p for p in found), found


CALC = "[items.calc]\nformula = \"{formula}\"\nexpression = \"{expression}\"\ninputs = {inputs}\n"
HOSTILE_EXTRAS = [
    ('html = "<b>bold</b>"\n', "unknown field"),
    (CALC.format(formula="f", expression="x * 10", inputs='{ x = "aaaa" }'), "calc inputs"),
    (CALC.format(formula="f", expression="[0] * 10 ** 12", inputs="{}"), "calc: arithmetic on list"),
    (CALC.format(formula="f", expression="((9 ** 99) ** 99) ** 99", inputs="{}"), "calc:"),
    (CALC.format(formula="f", expression="x", inputs="{ x = [[[[1]]]] }"), "nested too deeply"),
    (CALC.format(formula="<img src=x.png>", expression="1", inputs="{}"), "markup"),
    (CALC.format(formula="f", expression="1", inputs="{}") + 'code = "import os"\n', "unknown field"),
    (CALC.format(formula="f", expression="x", inputs="{ x = 1e999 }"), "calc inputs"),
    (CALC.format(formula="f", expression="x", inputs="{ \"not a name\" = 1 }"), "calc inputs"),
]


@pytest.mark.parametrize("extra,message", HOSTILE_EXTRAS)
def test_hostile_extra_fields_and_calculations_are_refused(extra, message):
    found = problems_of(bank_text(extra))
    assert any(p.startswith(f"hostile.toml:{AFTER}: ") and message in p for p in found), found


def test_line_numbers_count_newlines_only():
    # A raw U+2028 in a string is a line break to str.splitlines, not to an editor.
    found = problems_of(bank_text(stem='"Which\u2028one is it, of these four?"', key='"E"'))
    assert found == [f"hostile.toml:{LINE['key']}: DEM-901: key must be exactly one of A, B, C, D"]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


FILE_CASES = [
    ("syntax.toml", (bank_text() + 'stem2 = """never closed\n').encode(), AFTER, "not valid TOML"),
    ("utf16.toml", bank_text().encode("utf-16"), 1, "UTF-16"),
    ("utf16le.toml", bank_text().encode("utf-16-le"), 1, "NUL"),
    ("utf32.toml", bank_text().encode("utf-32"), 1, "UTF-32"),
    ("latin1.toml", bank_text(stem='"Caf\xe9 demand: which one?"').encode("latin-1"), LINE["stem"],
     "not UTF-8"),
    ("deep.toml", ('domain = "Demand"\nx = ' + "[" * 5000 + "]" * 5000 + "\n").encode(), 2,
     "nested too deeply"),
    ("tables.toml", ('domain = "Demand"\n\nx = ' + "{a=" * 3000 + "1" + "}" * 3000 + "\n").encode(), 3,
     "nested too deeply"),
    ("bigint.toml", ('domain = "Demand"\n\nx = ' + "9" * 5000 + "\n").encode(), 3, "not valid TOML"),
    ("domainlist.toml", b'domain = ["Demand"]\n', 1, "is not a domain"),
    ("domaintable.toml", b'domain = { name = "Demand" }\n', 1, "is not a domain"),
    ("extra.toml", bank_text().replace('domain = "Demand"\n', 'domain = "Demand"\nimport = "x"\n').encode(),
     2,
     "unknown key"),
    ("twice.toml", (bank_text() + "\n[[items]]\n" + "\n".join(
        f"{k} = {v}" for k, v in {**FIELDS,
                                  "stem": '"Another stem about demand and forecasts?"'}.items())).encode(),
     AFTER + 1, "duplicate id (also line 3)"),
]


@pytest.mark.parametrize("name,data,line,message", FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_a_hostile_file_is_refused_with_file_and_line(tmp_path, name, data, line, message):
    path = write(tmp_path, name, data)
    parsed = read_bank_file(path, BP)
    found = [str(p) for p in parsed.problems]
    assert any(p.startswith(f"{path}:{line}: ") and message in p for p in found), found
    accepted, _ = accepted_files([parsed])
    assert accepted == []


def test_huge_files_fifos_and_folders_are_refused_without_reading_them(tmp_path):
    huge = write(tmp_path, "huge.toml", b"#" * (validate.MAX_FILE_BYTES + 1))
    assert "at most" in read_bank_file(huge, BP).problems[0].message
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    assert read_bank_file(folder, BP).problems[0].message == "not a regular file"
    if hasattr(os, "mkfifo"):  # reading a FIFO would block for ever
        os.mkfifo(tmp_path / "fifo.toml")
        assert read_bank_file(tmp_path / "fifo.toml", BP).problems[0].message == "not a regular file"
    assert [p.name for p in bank_files(tmp_path)] == ["fifo.toml", "folder.toml", "huge.toml"][
        0 if hasattr(os, "mkfifo") else 1:]


def test_too_many_items_in_one_file(monkeypatch):
    monkeypatch.setattr(validate, "MAX_ITEMS_PER_FILE", 1)
    two = bank_text() + "\n[[items]]\n" + "\n".join(f"{k} = {v}" for k, v in FIELDS.items())
    assert problems_of(two) == ["hostile.toml:1: 2 items in one file, at most 1"]


def test_windows_line_ends_and_a_utf8_bom_are_fine(tmp_path):
    path = write(tmp_path, "windows.toml", b"\xef\xbb\xbf" + bank_text().replace("\n", "\r\n").encode())
    parsed = read_bank_file(path, BP)
    assert parsed.problems == [] and len(parsed.items) == 1


def test_an_id_used_by_another_file_refuses_the_later_file():
    first = parse_text(bank_text(), "a.toml", BP)
    second = parse_text(bank_text(stem='"Another stem about demand and forecasts?"'), "b.toml", BP)
    accepted, problems = accepted_files([first, second])
    assert accepted == [first]
    assert [str(p)
            for p in problems] == ["b.toml:3: DEM-901: id already used in a.toml:3; this file is refused"]


# --- the loader: a rejected file changes nothing else in the bank -----------------------------

@pytest.fixture
def source(tmp_path):
    """A small bank source: two of the shipped domain files."""
    folder = tmp_path / "question_db"
    folder.mkdir()
    for name in ("03_demand.toml", "05_detailed_schedules.toml"):
        shutil.copy(question_db_dir() / name, folder / name)
    return folder


def built(source: Path, data: Path) -> tuple[dict[str, Item], list[str]]:
    bank, problems = open_bank(source, data, BP)
    try:
        return {item.id: item for item in bank.items()}, [str(p) for p in problems]
    finally:
        bank.close()


def test_a_hostile_file_leaves_the_rest_of_the_bank_as_it_was(source, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    before, problems = built(source, data)
    assert len(before) > 50 and not [p for p in problems if "rejected" in p]
    hostile = source / "99_hostile.toml"
    hostile.write_text(bank_text(stem=r'"<img src=\"http://example.com/x.png\"> Which one?"'),
                       encoding="utf-8")
    after, problems = built(source, data)
    assert after == before                                  # nothing added, nothing lost or changed
    assert any(p.startswith(f"{hostile}:{LINE['stem']}: DEM-901: stem contains markup")
               for p in problems), problems

    hostile.write_bytes(bank_text().encode("utf-16"))       # another hostile version: rebuilt, same result
    after, problems = built(source, data)
    assert after == before and problems == [f"{hostile}:1: not UTF-8 text: UTF-16 (byte order mark ff fe); "
                                            "save the file as UTF-8"]


def test_a_build_that_fails_leaves_the_old_bank_file_untouched(source, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    before, _ = built(source, data)
    old_bytes = (data / BANK_FILE).read_bytes()
    (source / "99_new.toml").write_text(bank_text(), encoding="utf-8")   # a change: the bank is rebuilt

    from simulator.storage import bank as bank_module

    def power_cut(*_args, **_kwargs):
        raise RuntimeError("the build died half way")

    # the new file's tables exist, its rows are being made: the build dies there
    monkeypatch.setattr(bank_module.json, "dumps", power_cut)
    with pytest.raises(RuntimeError):
        open_bank(source, data, BP)
    assert (data / BANK_FILE).read_bytes() == old_bytes     # replaced only in one step, at the end
    bank = Bank(data / BANK_FILE)
    try:
        assert {i.id: i for i in bank.items()} == before
    finally:
        bank.close()


def test_an_id_reused_by_another_file_is_refused_by_the_loader(source, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    before, _ = built(source, data)
    reused = source / "99_reused.toml"
    reused.write_text(bank_text(id='"DEM-001"', stem='"Another stem about demand and forecasts?"'),
                      encoding="utf-8")
    after, problems = built(source, data)
    assert after == before
    assert any(p.startswith(f"{reused}:3: DEM-001: id already used in ") for p in problems), problems


# --- on screen: bank text is plain text, or escaped ---------------------------------------------

MARKUP_ITEM = Item(
    id="DEM-999", domain="Demand", subtopic="forecasting techniques", level="recall", difficulty=0.0,
    stem='<img src="file:///etc/passwd"><b>Bold?</b> <a href="http://example.com">link</a>\nline two',
    options=('<img src="x.png">A', "<b>B</b>", "<script>C</script>", "D &amp; <i>d</i>"), key="A",
    explanation='<img src="qrc:/x.png"> explained')


def test_item_text_is_shown_as_plain_text(qtbot):
    from simulator.ui.exam.item import ItemScreen
    screen = ItemScreen()
    qtbot.addWidget(screen)
    screen.show_item(FormItem(0, MARKUP_ITEM, False), ItemState(response="A"), first=True, feedback=True)
    # The stem is rich text only for the candidate's highlights: the bank's text is escaped.
    doc = QTextDocument()
    if screen.stem.textFormat() == Qt.TextFormat.PlainText:
        doc.setPlainText(screen.stem.text())
    else:
        doc.setHtml(screen.stem.text())
    assert doc.toPlainText() == MARKUP_ITEM.stem
    assert "<img" not in doc.toHtml() and "<a " not in doc.toHtml()
    for letter, text in zip("ABCD", MARKUP_ITEM.options, strict=False):
        label = screen.texts[letter]
        assert label.textFormat() == Qt.TextFormat.PlainText and label.text() == text
    assert screen.feedback.textFormat() == Qt.TextFormat.PlainText
    assert MARKUP_ITEM.explanation in screen.feedback.text()
