"""Is a user database fit to open? And moving a damaged one aside.

inspect() opens the file with the plain sqlite3 module, never creating it, and
sorts what it finds into a few states: missing or blank (a new database is made),
ok (with its schema version), newer (made by a later program), locked (another
program holds it), unreadable (the system refused: permissions, I/O), and damaged
(truncated, garbage, failed integrity check, a foreign or incomplete schema). Only
damaged files are moved aside, and moving never overwrites or deletes anything.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .migrations import CURRENT_VERSION, missing_columns

LOCK_WAIT_S = 2.0  # how long to wait for another program's lock before calling the file locked
SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm")  # SQLite's companions of a database file, moved with it


@dataclass(frozen=True)
class Health:
    state: str            # missing | blank | ok | newer | locked | unreadable | damaged
    reason: str = ""      # for the user: what is wrong
    version: int | None = None

    @property
    def usable(self) -> bool:
        return self.state == "ok"


def connect(path: Path, *, readonly: bool = False, timeout: float | None = None) -> sqlite3.Connection:
    """A plain connection to an existing file (never creates one), in autocommit mode."""
    mode = "ro" if readonly else "rw"
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, isolation_level=None,
                           timeout=LOCK_WAIT_S if timeout is None else timeout)


def classify(exc: sqlite3.Error) -> str:
    """Which state an sqlite3 error means: damaged, locked or unreadable."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text \
            or "not a database" in text:
        return "damaged"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return "locked"
    return "unreadable"


def inspect(path: Path, *, readonly: bool = False) -> Health:
    """The state of the user database at `path` (see the module's docstring)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return Health("missing")
    except OSError as exc:
        return Health("unreadable", exc.strerror or str(exc))
    if size == 0:
        return Health("damaged", "the file is empty")
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        return Health("unreadable", exc.strerror or str(exc))
    if header != SQLITE_HEADER:
        return Health("damaged", "it is not an SQLite database (garbage or a partly written file)")
    try:
        db = connect(path, readonly=readonly)
    except sqlite3.Error as exc:
        return Health(classify(exc), str(exc))
    try:
        return _check(db)
    except sqlite3.Error as exc:
        return Health(classify(exc), str(exc))
    finally:
        db.close()


def _check(db: sqlite3.Connection) -> Health:
    problems = [row[0] for row in db.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        return Health("damaged", "the integrity check failed: " + "; ".join(problems))
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return Health("blank")
    if "meta" not in tables:
        listed = ", ".join(sorted(tables)[:5])
        return Health("damaged", f"it is not a simulator database (it has the tables {listed})")
    try:
        row = db.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()
    except sqlite3.OperationalError:
        row = None
    if row is None or not str(row[0]).strip().isdigit():
        return Health("damaged", "it has no schema version: not a simulator database")
    version = int(str(row[0]).strip())
    if version > CURRENT_VERSION:
        return Health("newer", f"it was written by a newer version of the simulator (schema {version}; "
                               f"this version knows up to {CURRENT_VERSION})", version)
    missing = missing_columns(db, version)
    if missing:
        return Health("damaged", f"its schema is wrong (missing {', '.join(missing[:5])})", version)
    return Health("ok", "", version)


def stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def move_aside(path: Path, tag: str = "damaged") -> Path:
    """Rename `path` (and its -wal and -shm) to PATH.TAG-YYYYmmdd-HHMMSS, a name not
    yet taken, so that nothing is overwritten; returns the new name of the main file
    (its companions keep their suffixes after it, so SQLite can still open the set)."""
    base = f"{path.name}.{tag}-{stamp()}"
    n = 1
    while True:
        target = path.with_name(base if n == 1 else f"{base}-{n}")
        if not any(Path(f"{target}{s}").exists() for s in ("", *SIDE_FILES)):
            break
        n += 1
    for suffix in SIDE_FILES:  # companions first: a WAL left behind could be replayed into the next database
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.rename(side, f"{target}{suffix}")
    if path.exists():
        os.rename(path, target)
    return target
