"""Opening the user database safely: checked, repaired, upgraded, proven writable.

open_user_db() runs before the attempt store builds its engine. It never loses
anything: a damaged file is moved aside (with its -wal and -shm), never
overwritten or deleted; a schema upgrade is preceded by a backup and runs in one
transaction. Whatever stops the opening is raised as a UserDbProblem, which says
what happened in words for the user and, when there is one, which backup could be
restored (backups.restore_backup). The decisions (ask, restore, start empty) are the
caller's: the window asks, the command line names the files and exits.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .health import SIDE_FILES, classify, connect, inspect, move_aside
from .migrations import CURRENT_VERSION, upgrade

if TYPE_CHECKING:
    from .backups import Backup

log = logging.getLogger(__name__)
USER_DB = "cpim-sim.sqlite"
PROBE_BYTES = 64 * 1024


class UserDbProblem(Exception):
    """Why the user database cannot be opened as it is.

    kind: damaged (moved aside: moved_to), lost (no database but a backup), locked,
    newer, unreadable, unwritable (read-only folder, full disk), busy (in use by
    the running simulator, which alone may repair it). `backup` is the newest
    healthy backup when restoring it is the remedy."""

    def __init__(self, kind: str, message: str, path: Path, *, moved_to: Path | None = None,
                 backup: Backup | None = None) -> None:
        super().__init__(message)
        self.kind, self.message, self.path, self.moved_to, self.backup = kind, message, path, moved_to, backup

    @property
    def restorable(self) -> bool:
        return self.backup is not None and self.kind in ("damaged", "lost")

    def one_line(self) -> str:
        """The message for the command line, with what to do about it."""
        text = self.message
        if self.restorable and self.backup is not None:
            text += (f" To restore the backup, copy {self.backup.path} to {self.path}, "
                     "or start the program, which offers it.")
        return " ".join(text.split())


def open_user_db(folder: Path, *, readonly: bool = False, fresh: bool = False,
                 check_writable: bool = False) -> bool:
    """Check (and if allowed repair and upgrade) DATA/cpim-sim.sqlite.

    readonly: another program owns the folder (it holds the lock): look, change nothing.
    fresh: when there is no database, make a new one even though backups exist
    (the user declined to restore). check_writable: prove the folder can be written.
    Returns True when there is no database yet and the caller must create one
    (create_schema). Raises UserDbProblem."""
    path = folder / USER_DB
    if check_writable:
        probe_folder(folder)
    health = inspect(path)
    state = health.state
    if state in ("missing", "blank"):
        if readonly:
            raise UserDbProblem("busy", f"There is no file of attempts in {folder} yet, and it cannot be "
                                "made now (the simulator is running there, or the folder is read-only).",
                                path)
        from .backups import latest_backup  # a problem's path: not with the module (the start)
        backup = None if fresh else latest_backup(folder)
        if backup is not None:
            raise UserDbProblem("lost", f"There is no file of your attempts in {folder} ({path.name} is "
                                f"missing or empty), but there is {backup.describe()}: {backup.path}.",
                                path, backup=backup)
        if state == "missing" and any(Path(f"{path}{s}").exists() for s in SIDE_FILES):
            moved = move_aside(path, "orphan")  # a stale WAL must not meet the new database
            log.warning("moved the leftovers of a missing database aside to %s", moved)
        return True
    if state == "locked":
        raise UserDbProblem("locked", f"The file of your attempts, {path}, is locked by another program "
                            "(a database browser, a backup or sync tool?). Close it and start again; "
                            "nothing was changed.", path)
    if state == "newer":
        raise UserDbProblem("newer", f"The file of your attempts, {path}: {health.reason}. Use that "
                            "version, or a data folder of its own; nothing was changed.", path)
    if state == "unreadable":
        raise UserDbProblem("unreadable", f"The file of your attempts, {path}, cannot be opened: "
                            f"{health.reason}. Check that it is a file you may read and write (or move it "
                            "away), or choose another folder with --data-dir; nothing was changed.", path)
    if state == "damaged":
        if readonly:
            raise UserDbProblem("busy", f"The file of your attempts, {path}, is damaged ({health.reason}). "
                                "Close the running simulator and start again to repair it.", path)
        try:
            moved = move_aside(path)
        except OSError as exc:
            raise UserDbProblem("unwritable", f"The file of your attempts, {path}, is damaged "
                                f"({health.reason}) and cannot be moved aside: {exc.strerror or exc}.",
                                path) from None
        log.error("user database %s damaged (%s); moved to %s", path, health.reason, moved)
        from .backups import latest_backup
        backup = latest_backup(folder)
        remedy = (f"The latest automatic backup is {backup.describe()}: {backup.path}." if backup else
                  "There is no backup to restore: a new, empty file of attempts is started.")
        raise UserDbProblem("damaged", f"The file of your attempts, {path}, is damaged: {health.reason}. "
                            f"It was moved to {moved} and kept as it is. {remedy}",
                            path, moved_to=moved, backup=backup)
    assert health.version is not None
    if health.version < CURRENT_VERSION:
        if readonly:
            raise UserDbProblem("busy", f"The file of your attempts, {path}, needs an upgrade, which the "
                                "running simulator must not meet. Close it and try again.", path)
        migrate(path, health.version)
    return False


def migrate(path: Path, version: int) -> int:
    """Back up, then upgrade from `version` to the current schema in one transaction."""
    try:
        from .backups import make_backup
        backup = make_backup(path, f"before-v{CURRENT_VERSION}")
    except (OSError, sqlite3.Error) as exc:
        raise UserDbProblem("unwritable", f"The file of your attempts, {path}, must be upgraded, but no "
                            f"backup could be made first: {_reason(exc)}. Nothing was changed: free some "
                            "disk space "
                            "or make the folder writable, and start again.",
                            path) from None
    db = connect(path)
    try:
        reached = upgrade(db, version)
    except sqlite3.Error as exc:
        kind = "locked" if classify(exc) == "locked" else "unwritable"
        raise UserDbProblem(kind, f"The file of your attempts, {path}, could not be upgraded: {exc}. "
                            f"Nothing was changed (a backup is in {backup}): free some disk space or make "
                            "the folder writable, and start again.", path) from None
    finally:
        db.close()
    log.warning("user database %s upgraded from schema %s to %s (backup %s)", path, version, reached, backup)
    return reached


def create_schema(path: Path) -> None:
    """A new user database in one transaction: the tables of models.py and the version."""
    from .database import schema_statements
    from .models import UserBase

    statements = schema_statements(UserBase.metadata)
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements:
                db.execute(statement)
            db.execute("INSERT INTO meta (name, value) VALUES ('schema_version', ?)", (str(CURRENT_VERSION),))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    finally:
        db.close()


def probe_folder(folder: Path) -> None:
    """Write, flush and remove a small file: a read-only folder or a full disk shows here."""
    probe = folder / f".cpim-sim-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, b"\0" * PROBE_BYTES)
            os.fsync(fd)
        finally:
            os.close(fd)
        probe.unlink()
    except OSError as exc:
        with contextlib.suppress(OSError):
            probe.unlink(missing_ok=True)
        raise unwritable(folder, exc.strerror or str(exc)) from None


def probe_database(path: Path) -> None:
    """One real write transaction in the user database."""
    try:
        db = connect(path)
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('last_opened', ?)",
                       (datetime.now(UTC).isoformat(timespec="seconds"),))
            db.execute("COMMIT")
        finally:
            db.close()
    except sqlite3.Error as exc:
        if classify(exc) == "locked":
            raise UserDbProblem("locked", f"The file of your attempts, {path}, is locked by another "
                                "program. Close it and start again; nothing was changed.", path) from None
        raise unwritable(path.parent, str(exc)) from None


def unwritable(folder: Path, reason: str) -> UserDbProblem:
    return UserDbProblem("unwritable", f"Your answers could not be saved in the data folder {folder}: "
                         f"{reason}. No exam is started, because it could not be saved. Free some disk "
                         "space or make the folder writable, or choose another folder with --data-dir.",
                         folder / USER_DB)


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)
