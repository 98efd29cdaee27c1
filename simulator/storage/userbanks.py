"""User banks: questions imported from elsewhere, kept in the data folder.

Each bank is a folder DATA/banks/NAME/ holding the editable source
(questions/NN.toml, one file per imported category, in the shipped bank's
format), its own blueprint.toml (one domain per category) and, once opened, its
built bank.sqlite. The
shipped bank is never written.

An import is whole or nothing: the new folder is written beside the banks under
a temporary name and renamed into place in one step, so a kill halfway leaves
the banks as they were (a leftover temporary folder is removed on the next
import or listing).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from ..core.formats import FormatError, Question, decode
from ..core.formats import read as read_questions

BANKS = "banks"
SOURCE = "questions"      # a folder: one bank file per category, as question_db/ has
BLUEPRINT = "blueprint.toml"
SHIPPED_NAME = "cpim"
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}")
# An imported item has no difficulty of its own: 0 logits for all, and a passing
# ability of 0.85 logits puts the cut at about 70% right (1 / (1 + e^-0.85)).
PASSING_THETA = 0.85
MINUTES_PER_ITEM = 1.4
ITEMS_PER_FILE = 1000


class BankNameError(ValueError):
    """A bank name that cannot be used (one line for the user)."""


@dataclass(slots=True)
class ImportReport:
    name: str
    path: Path
    fmt: str
    imported: int
    notes: list[str] = field(default_factory=list)   # FILE:LINE: skipped: TYPE / FILE:LINE: message
    media_dropped: int = 0
    domains: list[tuple[str, int]] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "format": self.fmt, "imported": self.imported,
                "not_imported": len(self.notes),
                "notes": self.notes, "media_dropped": self.media_dropped,
                "domains": [{"name": n, "items": c} for n, c in self.domains], "folder": str(self.path)}

    def summary(self) -> str:
        lines = [f"Imported {self.imported} question{'s' if self.imported != 1 else ''} into the bank "
                 f"{self.name!r} ({self.path}); {len(self.notes)} not imported." if self.imported else
                 f"Nothing was imported: none of the {len(self.notes)} question(s) is one the simulator can "
                 "sit (see the lines above); no bank was made."]
        if self.media_dropped:
            lines.append(f"{self.media_dropped} embedded file{'s' if self.media_dropped != 1 else ''}, "
                         "image(s) or link(s) were left out.")
        if self.imported:
            lines.append("Imported items carry no difficulty: each counts 0 logits, so the scaled score of "
                         "this bank is based on the percent correct (about 70% right passes).")
        return "\n".join(lines)


def banks_dir(data_dir: Path) -> Path:
    return data_dir / BANKS


def check_name(name: str) -> str:
    name = name.strip()
    if not NAME.fullmatch(name) or name.lower() == SHIPPED_NAME:
        raise BankNameError(f"{name!r} cannot name a bank: use 1-40 letters, digits, spaces, '.', '_' or "
                            "'-', "
                            f"starting with a letter or digit (and not {SHIPPED_NAME!r}, the shipped bank)")
    return name


def name_from_file(path: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9 _.-]+", "-", path.stem).strip(" .-_")[:40] or "imported"
    return stem if stem.lower() != SHIPPED_NAME else f"{stem}-imported"


def bank_paths(data_dir: Path, name: str) -> tuple[Path, Path, Path]:
    """(source folder, blueprint file, build folder) of a user bank; LookupError if there is none."""
    folder = banks_dir(data_dir) / check_name(name)
    if not (folder / SOURCE).is_dir():
        known = ", ".join(str(b["name"]) for b in list_banks(data_dir)) or "none yet"
        raise LookupError(f"there is no bank named {name!r} (banks: {known}; import one with `bank import "
                          "FILE`)")
    return folder / SOURCE, folder / BLUEPRINT, folder


def list_banks(data_dir: Path) -> list[dict[str, object]]:
    """The user banks, by name: {name, items, source} (source: the imported file)."""
    root = banks_dir(data_dir)
    out: list[dict[str, object]] = []
    if not root.is_dir():
        return out
    # An import killed mid-swap: its bank comes back before it is listed (in a
    # read-only folder, what is there is listed).
    with contextlib.suppress(OSError):
        _sweep(root)
    for folder in sorted(root.iterdir(), key=lambda p: p.name.lower()):
        if folder.name.startswith("."):
            continue
        info = folder / "import.json"
        try:
            meta = json.loads(info.read_text(encoding="utf-8"))
            items, source = int(meta["items"]), str(meta["source"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not a bank this program made, or damaged: not offered
        out.append({"name": folder.name, "items": items, "source": source})
    return out


# --- writing a bank -------------------------------------------------------------------

def _toml_string(text: str) -> str:
    # JSON's string escapes are a subset of TOML's basic strings (not ASCII-only, so no
    # surrogate pairs, which TOML refuses); TOML also wants DEL escaped, JSON does not.
    quoted: str = encode_basestring(text)
    return quoted.replace("\x7f", "\\u007f") if "\x7f" in quoted else quoted


def _codes(categories: list[str]) -> dict[str, str]:
    """A distinct three-letter code per category (item ids are CODE-NNNNN)."""
    codes: dict[str, str] = {}
    used: set[str] = set()
    for cat in categories:
        letters = re.sub(r"[^A-Z]", "", cat.upper()) + "QQQ"
        candidates = [letters[:3]] + [letters[:2] + chr(c) for c in range(65, 91)] + [
            a + b + c for a in "QXZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
        code = next(c for c in candidates if c not in used)
        used.add(code)
        codes[cat] = code
    return codes


def _ids(questions: list[Question], codes: dict[str, str]) -> list[str]:
    """Ids stable across re-imports of the same file: from the question's own name (or,
    without one, its text), five digits of a hash, the next free number on a clash."""
    taken: set[str] = set()
    ids = []
    for q in questions:
        basis = (q.name or q.stem).encode("utf-8")
        number = int(hashlib.sha256(basis).hexdigest(), 16) % 100_000
        code = codes[q.category or "General"]
        while f"{code}-{number:05d}" in taken:
            number = (number + 1) % 100_000
        taken.add(f"{code}-{number:05d}")
        ids.append(f"{code}-{number:05d}")
    return ids


@dataclass(slots=True)
class BankSource:
    """A user bank's files as text, and its question files as the tables they hold."""

    files: dict[str, str]                 # path in the bank folder -> text
    tables: dict[str, dict[str, Any]]     # a question file's name -> its TOML as tables
    blueprint: str


def _item_table(q: Question, item_id: str) -> dict[str, Any]:
    table: dict[str, Any] = {"id": item_id, "subtopic": "general", "level": "recall", "difficulty": 0.0,
                             "term": "", "stem": q.stem}
    table.update({"ABCDEF"[n]: o for n, o in enumerate(q.options)})
    table.update(key=q.key_letter, explanation=q.explanation, reviewed=False)
    if q.table is not None:
        table["exhibit"] = {"caption": q.table.caption, "columns": list(q.table.columns),
                            "rows": [list(r) for r in q.table.rows]}
    return table


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml_value, value)) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def bank_file_text(tables: dict[str, Any], title: str) -> str:
    """The TOML text of one question file; tomllib reads it back as `tables` exactly
    (the import validates the tables themselves, test_exchange checks the text)."""
    lines = [f"# Imported questions of {title!r}. Edit freely: the bank is rebuilt when this changes.",
             f"domain = {_toml_string(tables['domain'])}"]
    for item in tables["items"]:
        lines += ["", "[[items]]"]
        # most values are text: quoted directly, the other kinds through _toml_value
        lines += [f"{k} = {_toml_string(v) if type(v) is str else _toml_value(v)}"
                  for k, v in item.items() if not isinstance(v, dict)]
        for name, sub in ((k, v) for k, v in item.items() if isinstance(v, dict)):
            lines += ["", f"[items.{name}]"] + [f"{k} = {_toml_value(v)}" for k, v in sub.items()]
    return "\n".join(lines) + "\n"


def bank_source(questions: list[Question], ids: list[str], title: str) -> BankSource:
    """The source files (questions/NN.toml by category) and the blueprint of a user bank."""
    categories = list(dict.fromkeys(q.category or "General" for q in questions))
    codes = _codes(categories)
    counts = {c: sum(1 for q in questions if (q.category or "General") == c) for c in categories}
    total = len(questions)
    blueprint = [
        f"# The blueprint of the imported bank {title!r}. Edit the weights to change a form's mix;",
        "# they start in proportion to each category's questions, so a full form can always be drawn.",
        f"title = {_toml_string(title + ' (imported questions)')}",
        f"items = {min(150, total)}",
        "pretest = 0",
        f"minutes = {round(min(150, total) * MINUTES_PER_ITEM, 1)}",
        f"passing_theta = {PASSING_THETA}",
    ]
    for cat in categories:
        blueprint += ["", "[[domains]]", f"code = {_toml_string(codes[cat])}", f"name = {_toml_string(cat)}",
                      f"weight = {counts[cat]}", 'subtopics = ["general"]']
    source = BankSource({}, {}, "\n".join(blueprint) + "\n")
    for number, cat in enumerate(categories, start=1):
        members = [k for k, q in enumerate(questions) if (q.category or "General") == cat]
        for part in range(0, len(members), ITEMS_PER_FILE):  # the validator takes files of at most 1000 items
            suffix = f"-{part // ITEMS_PER_FILE + 1}" if len(members) > ITEMS_PER_FILE else ""
            name = f"{number:02d}{suffix}.toml"
            tables = {"domain": cat, "items": [_item_table(questions[k], ids[k])
                                               for k in members[part:part + ITEMS_PER_FILE]]}
            source.tables[name] = tables
            source.files[f"{SOURCE}/{name}"] = bank_file_text(tables, title)
    return source


# (source folder, blueprint, the question files as tables) -> the validator's problems
Check = Callable[[Path, Path, dict[str, dict[str, Any]]], list[str]]


def import_file(data_dir: Path, path: Path, fmt: str | None = None, name: str | None = None, *,
                check: Check | None = None) -> ImportReport:
    """Read a question file and, if it holds at least one question the simulator can sit,
    make (or replace) the user bank NAME from it. The new bank's files are checked by
    `check` before they replace anything; its problems refuse the import whole
    (FormatError). FormatError / OSError / BankNameError: nothing was written."""
    name = check_name(name) if name else name_from_file(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OSError(exc.errno, f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        fmt, result = read_questions(decode(data), fmt, path.name)
    except FormatError as exc:
        raise FormatError(f"{path}: {exc}") from None
    notes = [n.render(str(path)) for n in result.notes]
    report = ImportReport(name=name, path=banks_dir(data_dir) / name, fmt=fmt, imported=len(result.questions),
                          notes=notes, media_dropped=result.media_dropped)
    if not result.questions:
        return report
    questions = result.questions
    categories = list(dict.fromkeys(q.category or "General" for q in questions))
    ids = _ids(questions, _codes(categories))
    source = bank_source(questions, ids, name)
    report.domains = [(c, sum(1 for q in questions if (q.category or "General") == c)) for c in categories]
    _install(banks_dir(data_dir), name, {
        **source.files, BLUEPRINT: source.blueprint,
        "import.json": json.dumps({"items": len(questions), "source": str(path.resolve()), "format": fmt},
                                  indent=2),
    }, check, source.tables)
    return report


def _install(root: Path, name: str, files: dict[str, str], check: Check | None = None,
             tables: dict[str, dict[str, Any]] | None = None) -> None:
    """Write the bank's files into a fresh hidden folder, flushed, checked, then swap it in."""
    root.mkdir(parents=True, exist_ok=True)
    _sweep(root)
    new, old, target = root / f".{name}.new", root / f".{name}.old", root / name
    shutil.rmtree(new, ignore_errors=True)
    new.mkdir()
    try:
        for filename, text in files.items():
            (new / filename).parent.mkdir(parents=True, exist_ok=True)
            with open(new / filename, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        problems = check(new / SOURCE, new / BLUEPRINT, tables or {}) if check is not None else []
        if problems:
            raise FormatError("the imported questions do not make a bank the simulator can sit: "
                              + "; ".join(problems[:3]) + (f" (and {len(problems) - 3} more)"
                                                           if len(problems) > 3
                                                           else ""))
        if target.exists():
            os.replace(target, old)
        os.replace(new, target)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        if old.exists() and not target.exists():
            os.replace(old, target)  # the bank as it was
        raise
    shutil.rmtree(old, ignore_errors=True)


def _sweep(root: Path) -> None:
    """Leftovers of an import that was killed: a half-written new folder goes, a bank
    moved aside for replacing comes back if its replacement never arrived."""
    for leftover in root.glob(".*.new"):
        shutil.rmtree(leftover, ignore_errors=True)
    for moved in root.glob(".*.old"):
        target = root / moved.name[1:-len(".old")]
        if target.exists():
            shutil.rmtree(moved, ignore_errors=True)
        else:
            os.replace(moved, target)


def read_blueprint_text(folder: Path) -> dict[str, object]:
    return tomllib.loads((folder / BLUEPRINT).read_text(encoding="utf-8"))
