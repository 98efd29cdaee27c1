"""The item model: exhibits, Angoff ratings and the authoring fields, from source to bank."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from simulator.core.items import Exhibit, numeric_cell
from simulator.core.validate import parse_text
from simulator.paths import default_blueprint
from simulator.storage.bank import open_bank

BP = default_blueprint()

ITEM = '''domain = "Supply"

[[items]]
id = "SUP-901"
subtopic = "master scheduling"
level = "application"
difficulty = 0.5
term = "available-to-promise"
stem = "A master scheduler reviews the record in the exhibit. What is the discrete ATP in week 2?"
A = "10 units"
B = "28 units"
C = "33 units"
D = "50 units"
key = "B"
explanation = """B is right: the MPS receipt of 50 in week 2 less the customer orders of 22 in week 2 and 0 in
week 3 before the next receipt gives 28. A, C and D take the wrong orders or the on-hand balance."""
reviewed = false
{extra}
[items.exhibit]
caption = "MPS record, blender BL-20 (units); on hand 40"
columns = ["", "Wk 1", "Wk 2", "Wk 3"]
rows = [
  ["Forecast",        "30", "30", "30"],
  ["Customer orders", "35", "22", "{cell}"],
  ["MPS",             "0",  "50", ""],
]
'''


def text(extra: str = "", cell: str = "0", exhibit: str | None = None) -> str:
    body = ITEM.replace("{extra}", extra).replace("{cell}", cell)
    if exhibit is not None:
        body = body[:body.index("[items.exhibit]")] + exhibit
    return body


def problems(source: str) -> list[str]:
    parsed = parse_text(source, "x.toml", BP)
    assert not (parsed.items and parsed.problems)
    return [str(p) for p in parsed.problems]


def test_an_exhibit_item_is_read_with_its_table():
    parsed = parse_text(text(), "x.toml", BP)
    assert parsed.problems == []
    exhibit = parsed.items[0].exhibit
    assert exhibit == Exhibit("MPS record, blender BL-20 (units); on hand 40", ("", "Wk 1", "Wk 2", "Wk 3"),
                              (("Forecast", "30", "30", "30"), ("Customer orders", "35", "22", "0"),
                               ("MPS", "0", "50", "")))


def test_authoring_fields_and_angoff_are_kept():
    extra = ('absolute_reason = "the key\'s definition uses only"\n'
             "form_checked = true\nangoff = [0.55, 0.6, 0.5]\n")
    parsed = parse_text(text(extra), "x.toml", BP)
    assert parsed.problems == []
    item = parsed.items[0]
    assert item.angoff == (0.55, 0.6,
                           0.5) and item.form_checked and item.absolute_reason.startswith("the key")


@pytest.mark.parametrize("extra, message", [
    ("angoff = []\n", "angoff must be a list of 1 to 9 ratings"),
    ("angoff = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]\n", "angoff must be a list of 1 to 9"),
    ("angoff = [0.5, 1.0]\n", "ratings must be numbers between 0 and 1"),
    ("angoff = [0.5, true]\n", "ratings must be numbers between 0 and 1"),
    ('angoff = "0.5"\n', "angoff must be a list"),
    ('form_checked = "yes"\n', "form_checked must be true or false"),
    ("absolute_reason = 3\n", "absolute_reason must be text"),
    ('absolute_reason = "see <a href=x>"\n', "absolute_reason contains markup"),
])
def test_bad_authoring_fields_are_refused_with_their_line(extra, message):
    found = problems(text(extra))
    assert len(found) == 1 and message in found[0], found
    assert found[0].startswith("x.toml:18: SUP-901: ")


@pytest.mark.parametrize("cell, message", [
    ("<img src=x>", "row 2 cell 4 contains markup"),
    ("see https://example.com", "row 2 cell 4 contains markup or an address"),
    ("1\u202e2", "row 2 cell 4 contains invisible formatting characters"),
    ("1\\u0007", "row 2 cell 4 contains control characters"),
    ("9" * 81, "row 2 cell 4 is longer than 80 characters"),
])
def test_hostile_cells_are_refused(cell, message):
    found = problems(text(cell=cell))
    assert len(found) == 1 and message in found[0], found
    assert found[0].startswith("x.toml:19: SUP-901: [items.exhibit] ")  # the [items.exhibit] line


TABLE = '[items.exhibit]\ncaption = "T"\n'


@pytest.mark.parametrize("exhibit, message", [
    (TABLE + 'columns = ["a"]\nrows = [["1"]]\n', "columns must be a list of 2 to 12 headers"),
    (TABLE
     + f'columns = {[str(n) for n in range(13)]}\nrows = [{[str(n) for n in range(13)]}]\n'.replace("'", '"'),
     "columns must be a list of 2 to 12"),
    (TABLE + 'columns = ["a", "b"]\nrows = []\n', "rows must be a list of 1 to 30 rows"),
    (TABLE + 'columns = ["a", "b"]\nrows = [' + '["1", "2"], ' * 31 + ']\n',
     "rows must be a list of 1 to 30"),
    (TABLE + 'columns = ["a", "b"]\nrows = [["1"]]\n', "row 1 must be a list of 2 cells"),
    (TABLE + 'columns = ["a", "b"]\nrows = [["1", 2]]\n', "row 1 cell 2 must be text in quotes"),
    (TABLE + 'columns = ["a", 2]\nrows = [["1", "2"]]\n', "column 2 header must be text"),
    (TABLE + 'columns = ["a", "b"]\nrows = [["1", "2"]]\nnote = "x"\n', "unknown field 'note'"),
    ('[items.exhibit]\ncolumns = ["a", "b"]\nrows = [["1", "2"]]\n', "caption is missing"),
    (TABLE.replace('"T"', '"' + "c" * 201 + '"') + 'columns = ["a", "b"]\nrows = [["1", "2"]]\n',
     "caption is longer than 200"),
    (TABLE + 'columns = ["a", "b"]\nrows = [[["1"], "2"]]\n', "nested too deeply"),
])
def test_bad_exhibits_are_refused(exhibit, message):
    found = problems(text(exhibit=exhibit))
    assert len(found) == 1 and message in found[0], found
    assert found[0].startswith("x.toml:19: SUP-901: ")


def test_numbers_read_as_numbers():
    assert all(numeric_cell(c) for c in ("1,200", "$4.50", "12%", "0.85", "-3", "(40)", "12.5 h", ".5"))
    assert not any(numeric_cell(c) for c in ("", "Forecast", "Wk 1", "A-12", "n/a"))


def test_the_loader_keeps_exhibit_and_ratings(tmp_path: Path):
    source = tmp_path / "db"
    source.mkdir()
    (source / "a.toml").write_text(text("angoff = [0.55, 0.6, 0.5]\n"), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    bank, found = open_bank(source, data, BP)
    try:
        [item] = bank.items()
    finally:
        bank.close()
    assert [str(p) for p in found] == []
    assert item.options == ("10 units", "28 units", "33 units", "50 units")
    assert item.exhibit is not None and item.exhibit.rows[2] == ("MPS", "0", "50", "")
    assert item.angoff == (0.55, 0.6, 0.5)


# --- 2 to 6 options ------------------------------------------------------------------------

ANY = dataclasses.replace(BP, options=0)  # a bank whose blueprint lets items have 2 to 6 options


def with_options(letters: str, key: str = "B") -> str:
    body = text()
    head, rest = body.split('A = "10 units"\n', 1)
    rest = rest.split('key = "B"\n', 1)[1]
    options = "".join(f'{x} = "{10 * (n + 1)} units"\n' for n, x in enumerate(letters))
    return head + options + f'key = "{key}"\n' + rest


@pytest.mark.parametrize("letters", ["AB", "ABC", "ABCDE", "ABCDEF"])
def test_any_bank_may_have_2_to_6_options(letters):
    parsed = parse_text(with_options(letters, key=letters[-1]), "x.toml", ANY)
    assert [str(p) for p in parsed.problems] == []
    assert parsed.items[0].options == tuple(f"{10 * (n + 1)} units" for n in range(len(letters)))
    assert parsed.items[0].letters == tuple(letters)


@pytest.mark.parametrize("letters, key, bp, message", [
    ("ABCDE", "B", BP, ("x.toml:14: SUP-901: option E is one too many: the items of this bank have exactly "
                        "4 options (A-D)")),
    ("ABC", "B", BP, "x.toml:3: SUP-901: option D is missing"),
    ("ABD", "B", ANY, ("x.toml:12: SUP-901: option D follows a missing option C: options are A, B, C ... "
                       "with no gap")),
    ("A", "A", ANY, "x.toml:3: SUP-901: option B is missing"),
    ("ABC", "D", ANY, "x.toml:13: SUP-901: key must be exactly one of A, B, C"),
])
def test_options_beyond_the_bank_or_with_gaps_are_refused(letters, key, bp, message):
    found = [str(p) for p in parse_text(with_options(letters, key), "x.toml", bp).problems]
    assert any(p.startswith(message) for p in found), found


def test_the_shipped_blueprint_wants_four_options():
    assert BP.options == 4


def test_the_bank_keeps_six_options(tmp_path: Path):
    source = tmp_path / "db"
    source.mkdir()
    (source / "a.toml").write_text(with_options("ABCDEF", "F"), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    bank, found = open_bank(source, data, ANY)
    try:
        [item] = bank.items()
    finally:
        bank.close()
    assert found == [] and item.key == "F" and len(item.options) == 6 and item.option("F") == "60 units"


# --- bank stats -----------------------------------------------------------------------------

def test_bank_stats_count_exhibits_angoff_and_keys_of_the_letters_the_bank_has(capsys):
    import json

    from simulator.cli import bank_stats, main
    from simulator.core.validate import bank_files, validate_paths
    from simulator.paths import question_db_dir
    assert main(["bank", "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    parsed, _ = validate_paths(bank_files(question_db_dir()), BP)
    items = [i for f in parsed for i in f.items]
    assert stats["exhibits"] == sum(1 for i in items if i.exhibit) > 0
    assert stats["angoff"] == {"items_rated": sum(1 for i in items if i.angoff),
                               "raters_min": min(len(i.angoff) for i in items)}
    assert list(stats["keys"]) == ["A", "B", "C", "D"]  # the shipped bank: four options
    six = parse_text(with_options("ABCDEF", "F"), "x.toml", ANY).items
    rated = parse_text(text("angoff = [0.55, 0.6, 0.5]\n"), "x.toml", BP).items
    mixed = bank_stats(six + rated, ANY)
    assert mixed["keys"] == {"A": 0, "B": 1, "C": 0, "D": 0, "E": 0, "F": 1}
    assert mixed["angoff"] == {"items_rated": 1, "raters_min": 0} and mixed["exhibits"] == 2
    assert bank_stats(rated, BP)["angoff"] == {"items_rated": 1, "raters_min": 3}
