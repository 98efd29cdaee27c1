"""Fault injection, as SQLite tests its own I/O errors: count every write the
program makes, then run the same script again with the N-th write failing.

A write is any call of the primitives everything the program stores goes through:
a writing statement or a commit on an sqlite3 connection (SQLAlchemy's too: it
uses sqlite3 underneath), SQLite's online backup, and os.write, os.fsync,
os.replace, os.rename, os.mkdir, os.open for writing and open() for writing (which
Path.write_text, shutil, tempfile, zipfile and genanki use). Qt writes the PDF in
C++, where Python cannot reach: the PDF writer's construction stands for that
write (a failing one is given a path that cannot be created).

Once the N-th write has failed, every later write fails as well (a disk that is
full stays full) until clear(), which the script calls where the fault may end
(between the steps of a session). The errors are the real types the system
raises - OSError with ENOSPC, EIO or EROFS, sqlite3.OperationalError with
SQLite's own messages - so the program cannot tell them from the real thing.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

KINDS = ("ENOSPC", "EIO", "EROFS")
SQLITE_ERRORS = {  # kind -> (message, sqlite_errorname, sqlite_errorcode)
    "ENOSPC": ("database or disk is full", "SQLITE_FULL", 13),
    "EIO": ("disk I/O error", "SQLITE_IOERR", 10),
    "EROFS": ("attempt to write a readonly database", "SQLITE_READONLY", 8),
}
WRITING_SQL = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "COMMIT", "END")
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def writes_sql(sql: object) -> bool:
    if not isinstance(sql, str):
        return False
    words = sql.lstrip().split(None, 2)
    if not words:
        return False
    first = words[0].upper()
    if first == "PRAGMA":
        return len(words) > 1 and words[1].lower().startswith("wal_checkpoint")
    return first in WRITING_SQL


class Faults:
    """The counter and the switch. `points` lists what each write was (counting run)."""

    def __init__(self) -> None:
        self.active = False
        self.count = 0
        self.fail_at: int | None = None
        self.kind = "ENOSPC"
        self.failing = False
        self.fired: str | None = None
        self.points: list[str] = []

    def reset(self, fail_at: int | None = None, kind: str = "ENOSPC") -> None:
        self.count, self.fail_at, self.kind = 0, fail_at, kind
        self.failing, self.fired, self.points = False, None, []

    def clear(self) -> None:
        """The fault ends (space was freed, the folder is writable again)."""
        self.failing = False

    @contextmanager
    def paused(self) -> Iterator[None]:
        """The test's own reading and copying: not counted, never failed."""
        was, self.active = self.active, False
        try:
            yield
        finally:
            self.active = was

    def hit(self, what: str, *, sqlite: bool = False) -> None:
        if not self.active:
            return
        self.count += 1
        self.points.append(what)
        if self.fail_at is not None and self.count == self.fail_at:
            self.failing, self.fired = True, f"{self.count}: {what} ({self.kind})"
        if self.failing:
            raise self.error(sqlite)

    def error(self, sqlite: bool) -> Exception:
        if sqlite:
            message, name, code = SQLITE_ERRORS[self.kind]
            exc = sqlite3.OperationalError(message)
            exc.sqlite_errorname, exc.sqlite_errorcode = name, code  # as SQLite's own errors carry
            return exc
        number = getattr(errno, self.kind)
        return OSError(number, os.strerror(number))


FAULTS = Faults()


class FaultCursor(sqlite3.Cursor):
    def execute(self, sql: str, parameters: Any = (), /) -> FaultCursor:  # type: ignore[override]
        if writes_sql(sql) and not (sql.lstrip()[:3].upper() in ("COM", "END")
                                    and not self.connection.in_transaction):
            FAULTS.hit(f"sql {sql.split(None, 3)[:3]}", sqlite=True)
        return super().execute(sql, parameters)

    def executemany(self, sql: str, seq: Any, /) -> FaultCursor:  # type: ignore[override]
        if writes_sql(sql):
            FAULTS.hit(f"sql many {sql.split(None, 3)[:3]}", sqlite=True)
        return super().executemany(sql, seq)

    def executescript(self, script: str, /) -> FaultCursor:  # type: ignore[override]
        FAULTS.hit("sql script", sqlite=True)
        return super().executescript(script)


class FaultConnection(sqlite3.Connection):
    def cursor(self, factory: Any = None) -> Any:  # type: ignore[override]
        return super().cursor(factory or FaultCursor)

    def execute(self, sql: str, parameters: Any = (), /) -> Any:  # type: ignore[override]
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, seq: Any, /) -> Any:  # type: ignore[override]
        return self.cursor().executemany(sql, seq)

    def executescript(self, script: str, /) -> Any:  # type: ignore[override]
        return self.cursor().executescript(script)

    def commit(self) -> None:
        if self.in_transaction:
            FAULTS.hit("sql commit()", sqlite=True)
        super().commit()

    def backup(self, target: sqlite3.Connection, **kwargs: Any) -> None:  # type: ignore[override]
        FAULTS.hit("sqlite backup", sqlite=True)
        super().backup(target, **kwargs)


def _wrap(name: str, real: Callable[..., Any], writes: Callable[..., bool]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if FAULTS.active and writes(*args, **kwargs):
            FAULTS.hit(f"{name} {args[0] if args and not isinstance(args[0], int) else ''}".rstrip())
        return real(*args, **kwargs)
    wrapper.__wrapped__ = real  # type: ignore[attr-defined]
    return wrapper


def _opens_for_writing(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> bool:
    return any(c in str(kwargs.get("mode", mode)) for c in "wax+")


def _os_open_writes(path: Any, flags: int, *args: Any, **kwargs: Any) -> bool:
    return bool(flags & WRITE_FLAGS)


def _always(*_args: Any, **_kwargs: Any) -> bool:
    return True


@contextmanager
def installed() -> Iterator[Faults]:
    """The primitives wrapped for the duration (counting starts with FAULTS.active)."""
    saved: list[tuple[Any, str, Any]] = []

    def patch(owner: Any, name: str, new: Any) -> None:
        saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, new)

    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        kwargs.setdefault("factory", FaultConnection)
        return real_connect(*args, **kwargs)

    patch(sqlite3, "connect", connect)
    patch(sqlite3.dbapi2, "connect", connect)
    for name in ("write", "fsync", "replace", "rename", "mkdir"):
        patch(os, name, _wrap(f"os.{name}", getattr(os, name), _always))
    patch(os, "open", _wrap("os.open", os.open, _os_open_writes))
    opener = _wrap("open", builtins.open, _opens_for_writing)
    patch(builtins, "open", opener)
    patch(io, "open", opener)
    try:
        from simulator.report import pdf
    except ImportError:  # pragma: no cover - Qt missing
        pdf = None
    if pdf is not None:
        real_writer = pdf.QPdfWriter

        def writer(path: str) -> Any:
            try:
                FAULTS.hit(f"QPdfWriter {path}")
            except OSError:
                return real_writer(os.path.join(os.sep, "nonexistent-cpim-fault", "x.pdf"))
            return real_writer(path)
        patch(pdf, "QPdfWriter", writer)
    try:
        yield FAULTS
    finally:
        FAULTS.active = False
        for owner, name, value in reversed(saved):
            setattr(owner, name, value)
