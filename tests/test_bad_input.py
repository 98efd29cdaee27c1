"""Clear words for every bad input: each file the program reads, in every broken shape
(missing, empty, truncated, the wrong type, a wrong field, not UTF-8, unreadable, a
folder in its place), is answered with one line that names the file, the place and
what to do - on the command line with exit status 2 (1 where the command's own
promise says so: `bank validate` lists problems and `bank import` of questions the
simulator cannot sit lists what it skipped) and never a traceback.

Tests run as root, for whom permissions change nothing, so "unreadable" is made by
the system call itself raising PermissionError for that one path."""

from __future__ import annotations

import builtins
import io
import random
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.paths import resource
from simulator.storage.attempts import USER_DB

SHIPPED_BLUEPRINT = resource("blueprint.toml").read_text(encoding="utf-8")
GIFT = """::REL-1::Which document authorizes a supplier to ship against a blanket agreement? {
=a release against the agreement
~a routing of the work centers
~an indented bill of material
~a shop floor work order
####A release authorizes a shipment of a stated quantity and date against a blanket purchase agreement.
}
"""
BANK_FILE = """domain = "Distribution"

[[items]]
id = "DIS-901"
subtopic = "network design"
level = "recall"
difficulty = 0.0
term = "distribution center"
stem = "Which facility receives goods in bulk and ships them in smaller lots to customers nearby?"
A = "A distribution center"
B = "A job shop"
C = "A machining cell"
D = "A tool crib"
key = "A"
explanation = "A distribution center receives in bulk and ships in smaller lots; the others make or store."
reviewed = false
"""
# What to do: every answer says it in one of these words.
REMEDY = re.compile(r"\b(fix|delete|save|choose|import|check|move|restore|copy|name|free|make|use)\b", re.I)
Shape = Callable[[Path], None]


def write(text: str) -> Shape:
    return lambda path: path.write_text(text, encoding="utf-8")


def write_bytes(data: bytes) -> Shape:
    return lambda path: path.write_bytes(data)


def folder(path: Path) -> None:
    if path.exists():
        path.unlink()
    path.mkdir()


def missing(path: Path) -> None:
    path.unlink(missing_ok=True)


UNREADABLE = "unreadable"  # made by the monkeypatched system calls, not by a shape

BLUEPRINT_SHAPES: dict[str, Shape | str] = {
    "empty": write(""),
    "truncated": write(SHIPPED_BLUEPRINT[: len(SHIPPED_BLUEPRINT) // 2]),
    "wrong type": write(SHIPPED_BLUEPRINT.replace("items = 150", 'items = "many"')),
    "wrong field": write(SHIPPED_BLUEPRINT.replace("weight = 22", "weight = -5")),
    "not UTF-8": write_bytes(b"\xff\xfe\x00t\x00i\x00t"),
    "a folder": folder,
    "unreadable": UNREADABLE,
}
SETTINGS_SHAPES: dict[str, Shape | str] = {
    "empty": write(""),
    "truncated": write('{"text_pt": 1'),
    "wrong type": write("[1, 2]"),
    "wrong field": write('{"text_pt": "big", "candidate": "Pat"}'),
    "not UTF-8": write_bytes(b"\xff\xfe{}"),
    "a folder": folder,
    "unreadable": UNREADABLE,
}
IMPORT_SHAPES: dict[str, Shape | str] = {
    "missing": missing,
    "empty": write(""),
    "truncated": write(GIFT[: len(GIFT) // 3]),
    "wrong type": write_bytes(bytes(range(256)) * 4),
    "wrong field": write("Which one?\nA. this\nB. that\nANSWER: Z\n"),
    "not UTF-8": write_bytes("::Q::Caf\xe9? {=yes ~no}".encode("latin-1")),
    "a folder": folder,
    "unreadable": UNREADABLE,
}


def _foreign(path: Path) -> None:
    path.unlink()
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    db.commit()
    db.close()


def _sql(statement: str) -> Shape:
    def shape(path: Path) -> None:
        db = sqlite3.connect(path)
        db.execute(statement)
        db.commit()
        db.close()
    return shape


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


USER_DB_SHAPES: dict[str, Shape | str] = {
    "empty": write_bytes(b""),
    "truncated": _truncate,
    "garbage": write_bytes(random.Random(12).randbytes(8192)),
    "wrong type": _foreign,
    "wrong field": _sql("ALTER TABLE attempt_items DROP COLUMN flagged"),
    "no version": _sql("DELETE FROM meta WHERE name = 'schema_version'"),
    "newer": _sql("UPDATE meta SET value = '999' WHERE name = 'schema_version'"),
    "a folder": folder,
}
BANK_FILE_SHAPES: dict[str, Shape | str] = {
    "empty": write(""),
    "truncated": write(BANK_FILE[: len(BANK_FILE) // 2]),
    "wrong type": write(BANK_FILE.replace("difficulty = 0.0", 'difficulty = "hard"')),
    "wrong field": write(BANK_FILE.replace('key = "A"', 'key = "Q"')),
    "unknown field": write(BANK_FILE.replace("reviewed = false", "reviewed = false\ncolour = 3")),
    "not UTF-8": write_bytes(BANK_FILE.encode("utf-16")),
    "unreadable": UNREADABLE,
}


def refuse_reading(monkeypatch, target: Path) -> None:
    """The system refuses to read `target` (and only it)."""
    def denied() -> PermissionError:
        return PermissionError(13, "Permission denied", str(target))

    real_read_text, real_read_bytes, real_open = Path.read_text, Path.read_bytes, builtins.open

    def read_text(self, *args, **kwargs):
        if Path(self) == target:
            raise denied()
        return real_read_text(self, *args, **kwargs)

    def read_bytes(self):
        if Path(self) == target:
            raise denied()
        return real_read_bytes(self)

    def opener(file, *args, **kwargs):
        if isinstance(file, (str, Path)) and Path(file) == target:
            raise denied()
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(builtins, "open", opener)
    monkeypatch.setattr(io, "open", opener)


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_clear_line(err: str, path: Path) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"not one line: {err!r}"
    line = lines[0]
    assert line.startswith("cpim-sim: error: "), line
    assert str(path) in line, f"the file is not named: {line}"
    assert REMEDY.search(line), f"no word of what to do: {line}"
    assert "Traceback" not in line
    return line


def apply(shape: Shape | str, path: Path, monkeypatch) -> None:
    if shape == UNREADABLE:
        if not path.exists():
            path.write_text("x", encoding="utf-8")
        refuse_reading(monkeypatch, path)
    else:
        assert callable(shape)
        shape(path)


# --- the table ----------------------------------------------------------------------------

@pytest.mark.parametrize("shape", BLUEPRINT_SHAPES)
def test_the_data_folders_blueprint(data_dir, capsys, monkeypatch, shape):
    path = data_dir / "blueprint.toml"
    apply(BLUEPRINT_SHAPES[shape], path, monkeypatch)
    code, _out, err = run(capsys, "attempts", "list", "--data-dir", data_dir)
    assert code == 2
    line = one_clear_line(err, path)
    assert "shipped blueprint" in line  # the remedy: fix it, or delete it to use the shipped one


@pytest.mark.parametrize("shape", [*BLUEPRINT_SHAPES, "missing"])
def test_a_user_banks_blueprint(tmp_path, capsys, monkeypatch, shape):
    data = tmp_path / "data"
    source = tmp_path / "mine.gift"
    source.write_text(GIFT, encoding="utf-8")
    assert run(capsys, "bank", "import", source, "--name", "mine", "--data-dir", data)[0] == 0
    path = data / "banks" / "mine" / "blueprint.toml"
    path.unlink()
    apply({**BLUEPRINT_SHAPES, "missing": missing}[shape], path, monkeypatch)
    code, _out, err = run(capsys, "bank", "export", tmp_path / "out.gift", "--format", "gift", "--bank",
                          "mine",
                          "--data-dir", data)
    assert code == 2
    line = one_clear_line(err, path)
    assert "shipped blueprint" not in line  # a user bank has none to fall back on
    assert not (tmp_path / "out.gift").exists()


@pytest.mark.parametrize("shape", IMPORT_SHAPES)
def test_an_imported_file(tmp_path, capsys, monkeypatch, shape):
    path = tmp_path / "questions.gift"
    apply(IMPORT_SHAPES[shape], path, monkeypatch)
    data = tmp_path / "data"
    code, out, err = run(capsys, "bank", "import", path, "--data-dir", data)
    if code == 1:  # questions were found, none the simulator can sit: each one's line and place
        assert not err.strip()
        lines = out.strip().splitlines()
        assert re.match(rf"{re.escape(str(path))}:\d+: ", lines[0]), lines
        assert lines[-1].startswith("Nothing was imported") and "no bank was made" in lines[-1]
    else:
        assert code == 2
        one_clear_line(err, path)
    assert not (data / "banks").exists() or not [p for p in (data / "banks").iterdir()]


@pytest.mark.logs_errors  # a damaged database is logged at ERROR when it is moved aside
@pytest.mark.parametrize("shape", USER_DB_SHAPES)
def test_the_user_database(data_dir, capsys, shape):
    from simulator.workspace import Workspace
    Workspace(data_dir).close()  # a sound database first, then broken
    path = data_dir / USER_DB
    apply(USER_DB_SHAPES[shape], path, None)
    code, _out, err = run(capsys, "attempts", "list", "--data-dir", data_dir)
    assert code == 2
    one_clear_line(err, path)


@pytest.mark.parametrize("shape", BANK_FILE_SHAPES)
def test_a_bank_file(tmp_path, capsys, monkeypatch, shape):
    path = tmp_path / "09_mine.toml"
    apply(BANK_FILE_SHAPES[shape], path, monkeypatch)
    code, out, err = run(capsys, "bank", "validate", path)
    assert code == 1  # validate's promise: one PATH:LINE: message per problem, exit 1
    problems = [line for line in out.splitlines() if not line.startswith(("warning", "  "))]
    assert problems and all(re.match(rf"{re.escape(str(path))}:\d+: \S", p) for p in problems), out
    assert err.strip().endswith("file(s)") and "Traceback" not in err


def test_a_folder_where_a_bank_file_should_be(tmp_path, capsys):
    path = tmp_path / "09_mine.toml"
    path.mkdir()
    code, _out, err = run(capsys, "bank", "validate", path)
    assert code == 2
    one_clear_line(err, path)


@pytest.mark.parametrize("shape", SETTINGS_SHAPES)
def test_the_settings_file(data_dir, monkeypatch, shape):
    """A damaged settings.json never stops a start: set aside, the defaults, one line."""
    from simulator.app.desk import Desk
    path = data_dir / "settings.json"
    apply(SETTINGS_SHAPES[shape], path, monkeypatch)
    told: list[str] = []
    desk = Desk.open(data_dir, ask=lambda *_a: None, tell=lambda _t, text, _f: told.append(text))
    assert not isinstance(desk, int), told
    try:
        line = desk.settings_problem()
        assert line is not None and "\n" not in line
        assert str(path) in line and "choose them again in Settings" in line
        assert desk.settings_problem() is None  # said once
        assert desk.update_settings(text_pt=14) is None  # and the file is sound again
    finally:
        desk.close()
    monkeypatch.undo()
    assert '"text_pt": 14' in path.read_text(encoding="utf-8")
    if shape != "unreadable":
        assert list(data_dir.glob("settings.json.damaged-*")), "the damaged file was not kept"


def test_the_table_covers_every_file_in_every_shape():
    sizes = {name: len(shapes) for name, shapes in [
        ("blueprint.toml", BLUEPRINT_SHAPES), ("a user bank's blueprint.toml", {**BLUEPRINT_SHAPES,
                                                                                "missing": 1}),
        ("settings.json", SETTINGS_SHAPES), ("an imported file", IMPORT_SHAPES), (USER_DB, USER_DB_SHAPES),
        ("a bank file", {**BANK_FILE_SHAPES, "a folder": 1})]}
    assert sum(sizes.values()) >= 45, sizes
