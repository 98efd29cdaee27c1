"""The shipped bank: valid, big enough, and every calculation's key right."""

from __future__ import annotations

import json

import pytest

from simulator.cli import main
from simulator.core.formulas import FormulaError, evaluate
from simulator.core.validate import bank_files, calc_result, matches, validate_paths
from simulator.paths import default_blueprint, question_db_dir

BP = default_blueprint()


@pytest.fixture(scope="module")
def shipped():
    parsed, problems = validate_paths(bank_files(question_db_dir()), BP)
    return [item for f in parsed for item in f.items], problems


def test_the_shipped_bank_validates(shipped, capsys):
    _, problems = shipped
    assert problems == []
    assert main(["bank", "validate"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("OK: ")


def test_the_bank_fills_a_full_form_with_items_to_spare(shipped):
    items, _ = shipped
    need = BP.shares(150)
    for name in BP.names:
        assert sum(1 for i in items if i.domain == name) > need[name], name
    assert len(items) >= 170


def test_every_quantitative_key_is_recomputed(shipped):
    items, _ = shipped
    quantitative = [i for i in items if i.calc]
    assert len(quantitative) >= 0.15 * len(items)
    for item in quantitative:
        value = calc_result(item.calc)
        assert matches(item.option(item.key), value), (item.id, value, item.option(item.key))
        others = [o for letter, o in zip("ABCD", item.options, strict=False) if letter != item.key]
        assert not any(matches(o, value) for o in others), item.id


def test_bank_stats_json(capsys):
    assert main(["bank", "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert {"items", "domains", "keys", "difficulty"} <= stats.keys()
    assert [d["name"] for d in stats["domains"]] == BP.names
    assert sum(stats["keys"].values()) == stats["items"]
    assert all({"name", "items", "quantitative", "levels"} <= d.keys() for d in stats["domains"])


BROKEN = '''domain = "Demand"

[[items]]
id = "DEM-001"
subtopic = "forecast error"
level = "recall"
difficulty = 0.1
stem = "What does a tracking signal compare?"
A = "Running sum of errors to MAD"
B = "MAD to the mean forecast"
C = "Bias to the standard deviation"
D = "None of the above"
key = "E"
explanation = "The tracking signal is the running sum of forecast errors divided by the mean absolute deviation, so A."
'''  # noqa: E501 - a bank file's line, kept whole


def test_a_broken_file_is_reported_by_file_and_line(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(BROKEN, encoding="utf-8")
    assert main(["bank", "validate", str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{bad}:12: DEM-001: option D is an 'all/none of the above' style option" in out
    assert f"{bad}:13: DEM-001: key must be exactly one of A, B, C, D" in out


def test_toml_syntax_errors_and_foreign_files_name_the_line(tmp_path, capsys):
    bad = tmp_path / "syntax.toml"
    bad.write_text('domain = "Demand"\n\n[[items]]\nid = "DEM-001\n', encoding="utf-8")
    assert main(["bank", "validate", str(bad)]) == 1
    assert capsys.readouterr().out.startswith(f"{bad}:4: not valid TOML")
    latin = tmp_path / "latin.toml"
    latin.write_bytes('domain = "Demand"\nstem = "caf\xe9"\n'.encode("latin-1"))
    assert main(["bank", "validate", str(latin)]) == 1
    assert capsys.readouterr().out.startswith(f"{latin}:2: not UTF-8 text")


@pytest.mark.parametrize("expression", ["__import__('os')", "open('x')", "(1).__class__", "x.y",
                                        "[i for i in a]",
                                        "2 ** 10000"])
def test_formulas_cannot_run_code(expression):
    with pytest.raises(FormulaError):
        evaluate(expression, {"a": [1], "x": 1})
