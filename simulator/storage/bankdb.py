"""The built bank, read: its items, their counts, and whether it is current.

This is what the start needs of the bank, with the standard sqlite3 module alone.
Building it (bank.py) needs the validator and SQLAlchemy, which take longer to
import than the rest of the start; they are imported only when the text changed.

Whether it changed: the hash of every bank file (bank.source_hash, which reads
them all) decides. Once the bank is known to match, a stamp of the source folder
(its entries' names, sizes and modification times) is kept in the bank's meta
table, and a start that finds the same stamp skips the hash. A file changed in the
last seconds gets no stamp (its time could be the same after another change in the
same tick of the file system's clock), so the next start hashes again.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.blueprint import Blueprint
from .database import connect

if TYPE_CHECKING:
    from ..core.items import Item
    from ..core.validate import Problem

log = logging.getLogger(__name__)
BANK_FILE = "bank.sqlite"
STAMP_FORMAT = "1"
RACY_S = 2.0  # a file changed this recently is hashed again on the next start


# The columns of models.BankItem that make an Item, in to_items's order.
ITEM_COLUMNS = ("id, domain, subtopic, level, difficulty, stem, options_json, "
                "key, explanation, term, reviewed, calc_json, exhibit_json, angoff_json")
IN_CHUNK = 500  # ids per IN (...) query, well below SQLite's limit on parameters


class Bank:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = connect(self.path, durable=False)
        return self._db

    def items(self) -> list[Item]:
        rows = self.db.execute(f"SELECT {ITEM_COLUMNS} FROM items ORDER BY id").fetchall()
        return to_items(rows)

    def catalogue(self) -> list[Item]:
        """Every item with what drawing a form and counting read of it (id, domain,
        subtopic, level, difficulty, key, reviewed) and its texts left empty; a template
        item in full, since a form renders it as it is drawn. For the start: reading
        every text takes items() 30 ms for the shipped 1,300 items, this half of that,
        and Workspace.new_exam reads the drawn items in full (get)."""
        rows = self.db.execute("SELECT id, domain, subtopic, level, difficulty, key, reviewed, "
                               "instr(calc_json, '\"template\"') FROM items").fetchall()
        rows.sort()  # by id, as items(): cheaper here than through the id's index
        templates = self.get([row[0] for row in rows if row[7]])
        from ..core.items import Item
        return [templates[row[0]] if row[0] in templates else
                Item(id=row[0], domain=row[1], subtopic=row[2], level=row[3], difficulty=row[4], stem="",
                     options=(), key=row[5], explanation="", reviewed=bool(row[6]))
                for row in rows]

    def get(self, item_ids: list[str]) -> dict[str, Item]:
        ids = list(dict.fromkeys(item_ids))
        found: dict[str, Item] = {}
        for start in range(0, len(ids), IN_CHUNK):
            chunk = ids[start:start + IN_CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT {ITEM_COLUMNS} FROM items WHERE id IN ({marks})",
                                   chunk).fetchall()
            found.update((item.id, item) for item in to_items(rows))
        return found

    def counts(self) -> dict[tuple[str, str], int]:
        """Items per (domain, subtopic), in one query: for the study desk's choices and coverage."""
        rows = self.db.execute("SELECT domain, subtopic, COUNT(*) FROM items GROUP BY domain, "
                               "subtopic").fetchall()
        return {(domain, subtopic): int(n) for domain, subtopic, n in rows}

    def size(self) -> int:
        """The number of items: the id index is counted, not the table (3 ms) scanned."""
        return int(self.db.execute("SELECT COUNT(*) FROM items").fetchall()[0][0])

    def meta(self, name: str) -> str | None:
        rows = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchall()
        return rows[0][0] if rows else None

    def remember_stamp(self, stamp: str | None) -> None:
        """Keep the source's stamp once the bank is known to match it (source_stamp);
        a bank that cannot be written goes without (the next start hashes again)."""
        if stamp is None:
            return
        try:
            self.db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('stamp', ?)", (stamp,))
        except sqlite3.Error as exc:
            log.info("could not keep the bank's stamp in %s: %s", self.path, exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def write_bank(path: Path, rows: list[dict[str, Any]], digest: str) -> None:
    """A new bank file at `path` (nothing is there): the tables of models.py, the
    items (rows: models.BankItem's columns) and the hash of the text they came from.
    The one writer of the bank's tables, as Bank is their one reader."""
    from .database import schema_statements
    from .models import BankBase

    db = connect(path, durable=False)
    try:
        db.execute("BEGIN IMMEDIATE")
        for statement in schema_statements(BankBase.metadata):
            db.execute(statement)
        if rows:  # one executemany for all (a 10,000-item import)
            columns = list(rows[0])
            marks = ", ".join("?" * len(columns))
            db.executemany(f"INSERT INTO items ({', '.join(columns)}) VALUES ({marks})",
                           [tuple(row[c] for c in columns) for row in rows])
        db.execute("INSERT INTO meta (name, value) VALUES ('hash', ?)", (digest,))
        db.execute("COMMIT")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


def to_items(rows: list[tuple[Any, ...]]) -> list[Item]:
    """Items from rows of ITEM_COLUMNS."""
    # Imported here, once per read, not with the module: the start opens the bank before
    # any item is read, and the item classes cost it 2 ms.
    from ..core.items import Exhibit, Item
    items = []
    for (id_, domain, subtopic, level, difficulty, stem, options_json, key, explanation, term, reviewed,
         calc_json, exhibit_json, angoff_json) in rows:
        items.append(Item(
            id=id_, domain=domain, subtopic=subtopic, level=level, difficulty=difficulty, stem=stem,
            options=tuple(json.loads(options_json)), key=key, explanation=explanation, term=term,
            reviewed=bool(reviewed), calc=json.loads(calc_json) if calc_json else None,
            exhibit=Exhibit.from_json(json.loads(exhibit_json)) if exhibit_json else None,
            angoff=tuple(json.loads(angoff_json)) if angoff_json else ()))
    return items


def source_stamp(source: Path, blueprint: Blueprint) -> str | None:
    """The source's names, sizes and modification times (of a folder: of everything
    in it), with the blueprint; None if it cannot be read or changed just now."""
    try:
        if source.is_dir():
            entries = sorted((e.name, e.stat()) for e in os.scandir(source))
        else:
            entries = [(source.name, source.stat())]
    except OSError:
        return None
    newest = max((info.st_mtime for _name, info in entries), default=0.0)
    if newest > time.time() - RACY_S:
        return None
    lines = [f"{STAMP_FORMAT} {source.resolve()}", repr(blueprint)]
    lines += [f"{name} {info.st_size} {info.st_mtime_ns} {info.st_ino}" for name, info in entries]
    return "\n".join(lines)


def open_bank(source: Path, folder: Path, blueprint: Blueprint) -> tuple[Bank, list[Problem]]:
    """The bank built from `source`, rebuilt first if the text changed.

    Returns the problems of files that were rejected (their items left out)."""
    stamp = source_stamp(source, blueprint)
    target = folder / BANK_FILE
    if stamp is not None and target.exists():
        bank = Bank(target)
        try:
            if bank.meta("stamp") == stamp:
                return bank, []
        except sqlite3.Error:
            pass  # the full check says what is wrong with it
        bank.close()
    from .bank import open_checked  # the hash, and the build: the validator and SQLAlchemy
    return open_checked(source, folder, blueprint, stamp)
