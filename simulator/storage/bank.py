"""The bank: question_db/*.toml built into an SQLite file in the data folder.

The build runs only when the text changed (a hash of the files), into a new file
that replaces the old one in one step, so a failed or rejected build leaves the
bank as it was.

Reading the built bank needs only the standard sqlite3 module (bankdb.py, where
open_bank is): this module, with the validator and SQLAlchemy, is imported only
when the bank must be checked in full or built, which keeps them off the
program's start (storage/database.py).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import sqlite3
from pathlib import Path
from typing import Any

from ..core.blueprint import Blueprint
from ..core.validate import (
    MAX_FILE_BYTES,
    ParsedFile,
    Problem,
    accepted_files,
    bank_files,
    check_bank,
    read_bank_file,
)

# Reading the built bank moved to bankdb.py; its names stay importable from here.
from .bankdb import BANK_FILE as BANK_FILE
from .bankdb import Bank as Bank
from .bankdb import open_bank as open_bank
from .bankdb import write_bank

log = logging.getLogger(__name__)
BANK_FORMAT = "2"  # 2: options, exhibit and Angoff ratings as JSON


def source_hash(paths: list[Path], blueprint: Blueprint) -> str:
    digest = hashlib.sha256(BANK_FORMAT.encode())
    digest.update(repr(blueprint).encode())
    for path in paths:
        digest.update(path.name.encode())
        try:
            info = path.stat()
            if info.st_size > MAX_FILE_BYTES or not path.is_file():
                # Never read a file the validator would refuse for its size (or a FIFO):
                # its size and time stand for its content.
                digest.update(f"{info.st_size}:{info.st_mtime_ns}".encode())
            else:
                digest.update(path.read_bytes())
        except OSError as exc:
            digest.update(f"unreadable:{exc.errno}".encode())
    return digest.hexdigest()


def open_checked(source: Path, folder: Path, blueprint: Blueprint,
                 stamp: str | None = None) -> tuple[Bank, list[Problem]]:
    """open_bank() when the source's stamp does not say the bank is current
    (bankdb.py): the hash of the files decides, and the bank is rebuilt if the text
    changed. `stamp` is recorded once the bank is known to match it."""
    paths = bank_files(source)
    target = folder / BANK_FILE
    wanted = source_hash(paths, blueprint)
    usable = False
    if target.exists():
        bank = Bank(target)
        try:
            if bank.meta("hash") == wanted:
                bank.remember_stamp(stamp)
                return bank, []
            usable = True
        except Exception:
            log.warning("the built bank %s is unreadable; rebuilding it", target)
        bank.close()
    try:
        problems = build(paths, target, blueprint, wanted)
    except BankBuildError as exc:
        if not usable:
            raise
        # A full disk must not cost the candidate the bank they had: it is used as it was.
        log.warning("%s", exc.strerror)
        return Bank(target), []
    bank = Bank(target)
    bank.remember_stamp(stamp)
    return bank, problems


class BankBuildError(OSError):
    """The bank could not be written (a full disk, a read-only folder); strerror is
    the line for the user, `reason` the system's words alone. An OSError, so whoever
    reports a data folder's OSError reports this one too."""

    reason: str = ""


def _build_failed(target: Path, exc: BaseException) -> BankBuildError:
    cause = getattr(exc, "orig", None) or exc
    reason = str(getattr(cause, "strerror", None) or cause)
    error = BankBuildError(getattr(exc, "errno", None) or errno.EIO,
                           f"the question bank could not be built in {target.parent} ({reason}); free some "
                           "disk space or make the folder writable, or choose another folder with --data-dir "
                           "(the bank built before, if any, is kept)")
    error.reason = reason
    return error


def build(paths: list[Path], target: Path, blueprint: Blueprint, digest: str,
          loaded: dict[str, dict[str, Any]] | None = None) -> list[Problem]:
    """Build the bank into `target`; BankBuildError if it cannot be written (nothing changed then).

    loaded: file name -> its TOML as tables, for files whose writer still holds them
    (an import), so that they are not parsed again."""
    loaded = loaded or {}
    parsed = [read_bank_file(p, blueprint, warnings=False, loaded=loaded.get(p.name)) for p in paths]
    # whole files or nothing: one with a problem, or reusing an id of an earlier file, is left out
    accepted, problems = accepted_files(parsed)
    rejected = {f.path for f in parsed} - {f.path for f in accepted}
    problems += check_bank(accepted, blueprint.house_rules) if len(accepted) == len(parsed) else []
    for path in sorted(rejected):
        log.warning("bank file %s rejected; its items are left out", path)
    tmp = target.with_name(target.name + ".new")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        _write(accepted, tmp, digest)
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        raise _build_failed(target, exc) from None
    return problems


def _write(accepted: list[ParsedFile], tmp: Path, digest: str) -> None:
    """The accepted files' items into a new bank file at `tmp` (bankdb writes it)."""
    rows = [dict(id=item.id, domain=item.domain, subtopic=item.subtopic, level=item.level,
                 difficulty=item.difficulty, term=item.term, stem=item.stem,
                 options_json=json.dumps(list(item.options)), key=item.key,
                 explanation=item.explanation, reviewed=item.reviewed,
                 calc_json=json.dumps(item.calc) if item.calc else None,
                 exhibit_json=json.dumps(item.exhibit.to_json()) if item.exhibit else None,
                 angoff_json=json.dumps(list(item.angoff)) if item.angoff else None,
                 source=Path(f.path).name)
            for f in accepted for item in f.items]
    write_bank(tmp, rows, digest)
