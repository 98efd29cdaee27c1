"""Item-writing rules: each one refuses a bad item, with its file and line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from simulator.cli import main
from simulator.core import validate
from simulator.core.validate import parse_text
from simulator.core.writing import RULES, angoff_difficulty, british_spellings
from simulator.paths import default_blueprint

BP = default_blueprint()
EXPLANATION = ("C is right because the tracking signal divides the running sum of forecast errors by the "
               "mean absolute deviation; the other options compare quantities that do not reveal a biased "
               "forecast.")
FIELDS = {
    "id": '"DEM-901"',
    "subtopic": '"forecasting techniques"',
    "level": '"recall"',
    "difficulty": "0.2",
    "term": '"tracking signal"',
    "stem": '"A demand planner monitors a forecasting system. What does the ratio she watches compare?"',
    "A": '"Mean absolute deviation with the average forecast"',
    "B": '"Bias of the forecast with its standard deviation"',
    "C": '"Running sum of errors with the mean absolute deviation"',
    "D": '"Latest actual demand with the latest forecast"',
    "key": '"C"',
    "explanation": f'"{EXPLANATION}"',
}
LINE = {name: 4 + n for n, name in enumerate(FIELDS)}


def item_text(extra: str = "", **changed: str) -> str:
    lines = ['domain = "Demand"', "", "[[items]]"]
    lines += [f"{name} = {changed.get(name, value)}" for name, value in FIELDS.items()]
    return "\n".join(lines) + "\n" + extra


@pytest.fixture(autouse=True)
def all_rules_enforced(monkeypatch):
    """The rules as they will be once the shipped bank passes them all."""
    monkeypatch.setattr(validate, "PENDING_RULES", frozenset())


def errors(text: str) -> list[str]:
    parsed = parse_text(text, "x.toml", BP)
    assert not (parsed.items and parsed.problems)
    return [str(p) for p in parsed.problems]


def warnings(text: str) -> list[str]:
    return [str(p) for p in parse_text(text, "x.toml", BP).warnings]


def test_the_good_item_passes_every_rule():
    assert errors(item_text()) == [] and warnings(item_text()) == []


@pytest.mark.parametrize("changed, line, message", [
    ({"A": '"Mean absolute deviation with every forecast"'}, LINE["A"],
     "DEM-901: distractor A uses the absolute word 'every' and the key uses none"),
    ({"D": '"Only the latest actual demand with the forecast"'}, LINE["D"], "absolute word 'Only'"),
    ({"B": '"Bias of the forecast, always with its deviation"'}, LINE["B"], "absolute word 'always'"),
])
def test_an_absolute_word_in_a_distractor_is_refused(changed, line, message):
    found = errors(item_text(**changed))
    assert len(found) == 1 and found[0].startswith(f"x.toml:{line}: ") and message in found[0], found


def test_an_absolute_word_is_allowed_when_the_key_has_one_or_a_reason_is_recorded():
    assert errors(item_text(A='"Mean absolute deviation with every forecast"',
                            C='"Running sum of all errors with the mean absolute deviation"')) == []
    assert errors(item_text('absolute_reason = "the definition itself says every"\n',
                            A='"Mean absolute deviation with every forecast"')) == []


NUMERIC = {"A": '"$1,250"', "B": '"$980"', "C": '"$1,400"', "D": '"$2,100.50"'}


def test_numeric_options_out_of_order_are_refused():
    found = errors(item_text(**NUMERIC, key='"C"'))
    assert found == [(f"x.toml:{LINE['A']}: DEM-901: numeric options are not in ascending order "
                      "(A 1250, B 980, C 1400, D 2100.5): reorder them, then update the key and the letters "
                      "in the explanation")]


def test_numeric_options_in_order_pass_and_words_are_not_numbers():
    assert errors(item_text(A='"-5 units"', B='"0 units"', C='"12.5 units"', D='"1,200 units"')) == []
    assert errors(item_text(A='"Week 1"', B='"Week 3"', C='"Week 4"', D='"Week 5"')) == []
    # Labels that carry a number are not quantities.
    assert errors(item_text(A='"ISO 9001"', B='"ISO 45001"', C='"ISO 31000"', D='"ISO 14001"')) == []
    assert errors(item_text(A='"Week 5"', B='"Day 3"', C='"Week 4"', D='"Month 1"')) == []


def test_weeks_out_of_order_are_refused_like_numbers():
    found = errors(item_text(A='"Week 6"', B='"Week 9"', C='"Week 4"', D='"Week 7"'))
    assert found == [(f"x.toml:{LINE['A']}: DEM-901: numeric options are not in ascending order "
                      "(A 6, B 9, C 4, D 7): reorder them, then update the key and the letters "
                      "in the explanation")]


def test_a_stem_word_only_the_key_repeats_is_reported():
    # one shared word: a warning for a reviewer, not a refusal
    text = item_text(C='"Running sum of errors with the ratio of deviation"')
    assert errors(text) == []
    [warning] = warnings(text)
    assert warning.startswith(f"x.toml:{LINE['C']}: warning (stem-key-echo): DEM-901: the key alone repeats "
                              "the stem's 'ratio'")


@pytest.mark.parametrize("key_text, why", [
    ('"Running sum of errors, the ratio she watches"', "several words"),   # 'ratio', 'watches'
    ('"Running sum of errors, the tracking of the deviation"', "a word of the tested term"),
])
def test_a_clear_stem_key_echo_is_refused(key_text, why, monkeypatch):
    stem = '"A demand planner is tracking a forecasting system. What does the ratio she watches compare?"'
    found = errors(item_text(stem=stem, C=key_text))
    assert len(found) == 1 and found[0].startswith(f"x.toml:{LINE['C']}: DEM-901: the key alone "
                                                   "repeats"), found
    assert f"(a clear tell: {why})" in found[0]


def test_an_echo_a_distractor_shares_is_no_tell():
    stem = '"A demand planner is tracking a forecasting system. What does the ratio she watches compare?"'
    assert errors(item_text(stem=stem, C='"Running sum of errors in the forecasting system"',
                            A='"Mean absolute deviation with the system forecast"')) == []


def test_a_sentence_broken_by_a_blank_line_is_refused():
    stem = '"""A demand planner monitors a forecasting\n\nsystem. What does the ratio she watches compare?"""'
    found = errors(item_text(stem=stem))
    assert found == [(f"x.toml:{LINE['stem']}: DEM-901: stem: paragraph 1 ends without punctuation "
                      "(...'planner monitors a forecasting') before a blank line: a sentence broken by a "
                      "line break?")]
    fine = '"""A demand planner monitors a forecasting system.\n\nWhat does the ratio she watches compare?"""'
    assert errors(item_text(stem=fine)) == []


@pytest.mark.parametrize("changed, message", [
    ({"stem": '"A demand planner at a distribution centre watches a ratio. What does it compare?"'},
     "stem: British spelling 'centre' (US: center)"),
    ({"A": '"Mean absolute deviation with the average forecast behaviour"'},
     "option A: British spelling 'behaviour' (US: behavior)"),
    ({"explanation": f'"{EXPLANATION} Planners who optimise and analyse it see the labour of modelling."'},
     ("explanation: British spelling 'optimise' (US: optimize), 'analyse' (US: analyze), "
      "'labour' (US: labor), 'modelling' (US: modeling)")),
])
def test_british_spelling_is_refused(changed, message):
    found = errors(item_text(**changed))
    assert len(found) == 1 and message in found[0], found


def test_british_spelling_in_an_exhibit_is_refused():
    exhibit = '[items.exhibit]\ncaption = "Work centre load"\ncolumns = ["a", "b"]\nrows = [["1", "2"]]\n'
    found = errors(item_text(exhibit))
    assert found == [f"x.toml:{LINE['explanation'] + 1}: DEM-901: exhibit: British spelling 'centre' (US: "
                     "center)"]


def test_spelling_list_leaves_us_and_ordinary_words_alone():
    text = ("The enterprise will advertise, revise and supervise; exercise the premise; prices rise; "
            "analyses, specialists and characteristics; center, behavior, utilization, optimize.")
    assert british_spellings(text) == []
    assert british_spellings("Utilisation and organisational colour") == [
        ("Utilisation", "Utilization"), ("organisational", "organizational"), ("colour", "color")]


def test_difficulty_must_follow_from_the_angoff_ratings():
    assert angoff_difficulty((0.55, 0.6, 0.5), 0.7) == 0.5  # mean 0.55: 0.7 - ln(0.55/0.45) = 0.4993
    assert errors(item_text("angoff = [0.55, 0.6, 0.5]\n", difficulty="0.5")) == []
    found = errors(item_text("angoff = [0.55, 0.6, 0.5]\n", difficulty="0.2"))
    assert found == [(f"x.toml:{LINE['difficulty']}: DEM-901: difficulty 0.2 does not follow from the Angoff "
                      "ratings: mean 0.5500 gives 0.7 - logit(0.5500) = 0.50")]


def test_a_pending_rule_is_reported_but_does_not_refuse(monkeypatch):
    monkeypatch.setattr(validate, "PENDING_RULES", frozenset({"us-spelling"}))
    parsed = parse_text(item_text(stem='"A planner at a distribution centre watches a ratio. What does it '
                                  'compare?"'),
                        "x.toml", BP)
    assert parsed.problems == [] and [i.id for i in parsed.items] == ["DEM-901"]
    assert [str(w) for w in parsed.warnings] == [
        (f"x.toml:{LINE['stem']}: to fix (us-spelling, soon an error): DEM-901: stem: British spelling "
         "'centre' (US: center)")]


def test_bank_validate_prints_warnings_and_errors_per_file(tmp_path, capsys):
    warned = tmp_path / "a.toml"
    warned.write_text(item_text(C='"Running sum of errors with the ratio of deviation"'), encoding="utf-8")
    assert main(["bank", "validate", str(warned)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{warned}:{LINE['C']}: warning (stem-key-echo): DEM-901:")
    assert out[-1] == "OK: 1 items in 1 file(s), no problems, 1 warning(s)"
    bad = tmp_path / "b.toml"
    bad.write_text(item_text(A='"Mean absolute deviation with every forecast"'), encoding="utf-8")
    assert main(["bank", "validate", str(bad)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        (f"{bad}:{LINE['A']}: DEM-901: distractor A uses the absolute word 'every' and the key uses none: "
         "reword it, or record absolute_reason")]


def test_the_validator_module_prints_findings_per_file(tmp_path):
    one, two = tmp_path / "1.toml", tmp_path / "2.toml"
    one.write_text(item_text(C='"Running sum of errors with the ratio of deviation"'), encoding="utf-8")
    two.write_text(item_text(id='"DEM-902"',
                             stem='"At a distribution centre, what does a tracking signal compare?"'),
                   encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "simulator.core.validate", str(one), str(two)],
                         capture_output=True, text=True, timeout=30, check=False)
    lines = run.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [str(one), str(two)], lines
    assert "warning (stem-key-echo)" in lines[0] and "British spelling 'centre'" in lines[1]
    assert run.stderr.strip().endswith("warning(s) in 2 file(s)")


def test_every_rule_is_named():
    assert set(validate.PENDING_RULES) <= set(RULES)
