"""Automatic backups of the user database in DATA/backups/.

One is made after every finished attempt and before every schema change, with
SQLite's online backup API (a consistent copy even while the program writes),
into a temporary name first, then renamed; the newest KEEP are kept. Backups are
single files in rollback-journal mode, so they open without companions.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .health import SIDE_FILES, connect, inspect, move_aside

log = logging.getLogger(__name__)
BACKUP_DIR = "backups"
KEEP = 10
PREFIX = "cpim-sim-"


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime          # local time, from the file
    attempts: int           # how many attempts it holds

    def describe(self) -> str:
        plural = "s" if self.attempts != 1 else ""
        return f"the backup of {self.made:%Y-%m-%d %H:%M} ({self.attempts} attempt{plural})"


def backup_dir(folder: Path) -> Path:
    return folder / BACKUP_DIR


def make_backup(db_path: Path, label: str) -> Path:
    """Copy the database at `db_path` into DATA/backups/; returns the new file.
    Raises sqlite3.Error or OSError if it cannot (the caller decides what that means)."""
    target_dir = backup_dir(db_path.parent)
    target_dir.mkdir(exist_ok=True)
    # UTC with microseconds: names sort in the order they were made.
    name = f"{PREFIX}{datetime.now(UTC):%Y%m%d-%H%M%S-%f}-{label}"
    target = target_dir / f"{name}.sqlite"
    n = 1
    while target.exists():
        n += 1
        target = target_dir / f"{name}-{n}.sqlite"
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    copy_database(db_path, part)
    os.replace(part, target)
    prune(target_dir)
    log.info("backup %s made", target)
    return target


def copy_database(source: Path, target: Path, *, readonly: bool = False) -> None:
    """The online backup API, into a new single file, flushed to disk."""
    src = connect(source, readonly=readonly)
    try:
        dst = sqlite3.connect(target, isolation_level=None)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with open(target, "rb+") as f:
        os.fsync(f.fileno())


def backups(folder: Path) -> list[Path]:
    """The backups in DATA/backups/, newest first."""
    found = backup_dir(folder).glob(f"{PREFIX}*.sqlite")
    return sorted((p for p in found if p.is_file()), key=lambda p: p.name, reverse=True)


def prune(target_dir: Path) -> None:
    for old in backups(target_dir.parent)[KEEP:]:
        try:
            old.unlink()
        except OSError as exc:
            log.warning("could not remove the old backup %s: %s", old, exc)


def latest_backup(folder: Path) -> Backup | None:
    """The newest backup that passes the health check, or None."""
    for path in backups(folder):
        if not inspect(path, readonly=True).usable:
            log.warning("backup %s is damaged; skipping it", path)
            continue
        try:
            db = connect(path, readonly=True)
            try:
                count = db.execute("SELECT count(*) FROM attempts").fetchone()[0]
            finally:
                db.close()
        except sqlite3.Error:
            continue
        made = datetime.fromtimestamp(path.stat().st_mtime)
        return Backup(path, made, count)
    return None


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Put a copy of `backup` in place of the user database. Whatever is there now
    (a blank file, leftovers) is moved aside first, never overwritten; returns where
    it went, if anything was there."""
    moved = None
    if any(Path(f"{db_path}{s}").exists() for s in ("", *SIDE_FILES)):
        moved = move_aside(db_path, "replaced")
    part = db_path.with_name(db_path.name + ".restoring")
    part.unlink(missing_ok=True)
    copy_database(backup, part, readonly=True)
    os.replace(part, db_path)
    log.warning("restored %s from %s", db_path, backup)
    return moved
