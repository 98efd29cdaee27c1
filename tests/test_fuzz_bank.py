"""Fuzzing the bank loader and validator: whatever bytes or values a
bank file holds, read_bank_file / parse_text / validate_paths / accepted_files return
Problems and never raise; no problem is the validator's own last-resort "could not be
checked" (which would hide a bug); and whatever they accept satisfies the rules."""

from __future__ import annotations

import json
import math
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.core.items import LETTERS, LEVELS
from simulator.core.validate import (
    INTERNAL,
    MARKUP,
    ParsedFile,
    Problem,
    accepted_files,
    check_bank,
    parse_text,
    read_bank_file,
    validate_paths,
)
from simulator.paths import default_blueprint, question_db_dir
from tests.test_hostile_bank import FIELDS, bank_text

BP = default_blueprint()
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEED = bank_text()
SHIPPED = "[[items]]".join((question_db_dir() / "03_demand.toml").read_text(encoding="utf-8")
                           .split("[[items]]")[:4])  # the domain line and three real items
SNIPPETS = ['<img src="file:///etc/passwd">', "http://x.example/", "qrc:/a.png", "data:text/html,<b>",
            "url(x)", "\x00", "\u202e", "\x1b[0m", '"""', "'''", "[[items]]", "[items.calc]", "{", "[" * 40,
            "9" * 5000, "=", "\n", "\r\n", "\r", "\ufeff", "\\u0000", "\\", "#", "domain = 1\n", "inf", "nan",
            'key = "A"\n', 'id = "DEM-001"\n', "\xe9".encode("latin-1").decode("latin-1"), "é", "\u2028"]


def check(parsed: ParsedFile, path: str) -> None:
    assert isinstance(parsed, ParsedFile)
    for problem in parsed.problems:
        assert isinstance(problem, Problem) and problem.path == path
        assert isinstance(problem.line, int) and problem.line >= 1
        assert INTERNAL not in problem.message, problem.message   # a validator fault, not a refusal
    assert len(parsed.lines) == len({item.id for item in parsed.items}) == len(parsed.items)
    if parsed.problems:
        return
    for item in parsed.items:
        assert item.key in LETTERS and item.level in LEVELS and -4 <= item.difficulty <= 4
        for text in (item.stem, item.explanation, *item.options, item.term):
            assert isinstance(text, str) and not MARKUP.search(text)
            assert not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text)


def parse(text: str) -> ParsedFile:
    parsed = parse_text(text, "fuzz.toml", BP)
    check(parsed, "fuzz.toml")
    return parsed


def read(data: bytes) -> ParsedFile:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.toml"
        path.write_bytes(data)
        parsed = read_bank_file(path, BP)
        check(parsed, str(path))
        return parsed


def test_the_seeds_are_valid():
    assert parse(SEED).items and parse(SHIPPED).items and not parse(SHIPPED).problems


@SETTINGS
@given(st.binary(max_size=3000))
def test_random_bytes(data):
    read(data)


@SETTINGS
@given(st.text(max_size=3000))
def test_random_text(text):
    parse(text)


edits = st.lists(st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.floats(0, 1),
                           st.integers(0, 40), st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=20))),
                 min_size=1, max_size=6)


def mutate(text: str, changes) -> str:
    for op, where, length, payload in changes:
        at = int(where * len(text))
        if op == "insert":
            text = text[:at] + payload + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + length:]
        else:
            text = text[:at] + payload + text[at + len(payload):]
    return text


@SETTINGS
@given(st.sampled_from([SEED, SHIPPED]), edits, st.sampled_from(["utf-8", "utf-16", "latin-1", "utf-8-sig"]))
def test_mutated_bank_files(seed, changes, encoding):
    read(mutate(seed, changes).encode(encoding, "replace"))


def toml_string(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out) + '"'


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0
                                                else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{ " + ", ".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items()) + " }"


text_like = st.one_of(st.text(max_size=60), st.sampled_from(SNIPPETS), st.sampled_from(
    ["A", "B", "E", "recall", "analysis", "forecasting techniques", "DEM-001", "DEM-1", "SUP-001", "", " "]))
scalars = st.one_of(text_like, st.integers(), st.floats(), st.booleans())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
calcs = st.fixed_dictionaries({}, optional={
    "formula": values, "expression": st.one_of(values, st.sampled_from(
        ["x", "x * 2", "sum(x)", "[0] * 10 ** 9", "(9 ** 99) ** 99", "eoq(1, 2, 3, 4)", "x[0] / 0",
         "-" * 400 + "1",
         "lots_needed(1e308, 1e-308)", "z_for(x)", "__import__('os')", "\x00"])),
    "inputs": st.one_of(values, st.dictionaries(st.from_regex(r"[a-z_]{1,5}", fullmatch=True), values,
                                                max_size=4)),
    "other": values})
field_names = st.sampled_from([*FIELDS, "calc", "extra", "html"])


@st.composite
def items(draw):
    item = {k: v for k, v in (("id", "DEM-901"), ("subtopic", "forecasting techniques"), ("level", "recall"),
                              ("difficulty", 0.2), ("term", "tracking signal"), ("key", "A"), ("reviewed",
                                                                                               False),
                              ("stem", "What does a tracking signal compare?"),
                              ("A", "Errors with MAD"), ("B", "MAD with the mean"), ("C", "Bias with sigma"),
                              ("D", "Demand with forecast"), ("explanation", " ".join(["because"] * 25)))}
    for name, value in draw(st.dictionaries(field_names, values, max_size=4)).items():
        item[name] = value
    if draw(st.booleans()):
        item["calc"] = draw(calcs)
    for name in draw(st.lists(field_names, max_size=2)):
        item.pop(name, None)
    return item


def render(domain, entries) -> str:
    lines = [f"domain = {toml_value(domain)}", ""]
    for entry in entries:
        lines.append("[[items]]")
        calc = entry.pop("calc", None) if isinstance(entry.get("calc"), dict) else None
        lines += [f"{toml_string(k)} = {toml_value(v)}" for k, v in entry.items()]
        if calc is not None:
            lines.append("[items.calc]")
            lines += [f"{toml_string(k)} = {toml_value(v)}" for k, v in calc.items()]
        lines.append("")
    return "\n".join(lines)


@SETTINGS
@given(st.one_of(st.just("Demand"), values), st.lists(items(), min_size=0, max_size=3))
def test_random_items(domain, entries):
    parse(render(domain, entries))


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from([SEED, SHIPPED]), edits), min_size=1, max_size=3))
def test_random_folders(files):
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for n, (seed, changes) in enumerate(files):
            path = Path(folder) / f"{n:02d}.toml"
            path.write_text(mutate(seed, changes) if n else seed, encoding="utf-8")
            paths.append(path)
        parsed, problems = validate_paths(paths, BP)
        for f, path in zip(parsed, paths, strict=False):
            check(f, str(path))
        accepted, _ = accepted_files(parsed)
        ids = [item.id for f in accepted for item in f.items]
        assert len(ids) == len(set(ids))           # what a build loads has unique ids
        assert all(isinstance(p, Problem) for p in problems + check_bank(accepted))
        json.dumps([str(p) for p in problems])
