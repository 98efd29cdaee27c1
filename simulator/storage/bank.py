"""The bank: question_db/*.toml built into an SQLite file in the data folder.

The build runs only when the text changed (a hash of the files), into a new file
that replaces the old one in one step, so a failed or rejected build leaves the
bank as it was.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from sqlalchemy import select

from ..core.blueprint import Blueprint
from ..core.items import Item
from ..core.validate import Problem, bank_files, check_bank, read_bank_file
from .database import session_factory, sqlite_engine
from .models import BankBase, BankItem, BankMeta

log = logging.getLogger(__name__)
BANK_FILE = "bank.sqlite"
BANK_FORMAT = "1"


def source_hash(paths: list[Path], blueprint: Blueprint) -> str:
    digest = hashlib.sha256(BANK_FORMAT.encode())
    digest.update(repr(blueprint).encode())
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class Bank:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = sqlite_engine(path, durable=False)
        self.Session = session_factory(self.engine)

    def items(self) -> list[Item]:
        with self.Session() as db:
            rows = db.scalars(select(BankItem).order_by(BankItem.id)).all()
            return [to_item(row) for row in rows]

    def get(self, item_ids: list[str]) -> dict[str, Item]:
        with self.Session() as db:
            rows = db.scalars(select(BankItem).where(BankItem.id.in_(item_ids))).all()
            return {row.id: to_item(row) for row in rows}

    def meta(self, name: str) -> str | None:
        with self.Session() as db:
            row = db.get(BankMeta, name)
            return row.value if row else None

    def close(self) -> None:
        self.engine.dispose()


def to_item(row: BankItem) -> Item:
    return Item(id=row.id, domain=row.domain, subtopic=row.subtopic, level=row.level,
                difficulty=row.difficulty, stem=row.stem,
                options=(row.option_a, row.option_b, row.option_c, row.option_d), key=row.key,
                explanation=row.explanation, term=row.term, reviewed=row.reviewed,
                calc=json.loads(row.calc_json) if row.calc_json else None)


def open_bank(source: Path, folder: Path, blueprint: Blueprint) -> tuple[Bank, list[Problem]]:
    """The bank built from `source`, rebuilt first if the text changed.

    Returns the problems of files that were rejected (their items left out)."""
    paths = bank_files(source)
    target = folder / BANK_FILE
    wanted = source_hash(paths, blueprint)
    if target.exists():
        bank = Bank(target)
        try:
            if bank.meta("hash") == wanted:
                return bank, []
        except Exception:  # noqa: BLE001 - a damaged cache is simply rebuilt
            log.warning("the built bank %s is unreadable; rebuilding it", target)
        bank.close()
    problems = build(paths, target, blueprint, wanted)
    return Bank(target), problems


def build(paths: list[Path], target: Path, blueprint: Blueprint, digest: str) -> list[Problem]:
    parsed = [read_bank_file(p, blueprint) for p in paths]
    problems = [p for f in parsed for p in f.problems]
    rejected = {p.path for p in problems}
    accepted = [f for f in parsed if f.path not in rejected]
    problems += check_bank(accepted) if len(accepted) == len(parsed) else []
    for path in sorted(rejected):
        log.warning("bank file %s rejected; its items are left out", path)
    tmp = target.with_name(target.name + ".new")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    engine = sqlite_engine(tmp, durable=False)
    try:
        BankBase.metadata.create_all(engine)
        with session_factory(engine)() as db:
            for f in accepted:
                for item in f.items:
                    db.add(BankItem(
                        id=item.id, domain=item.domain, subtopic=item.subtopic, level=item.level,
                        difficulty=item.difficulty, term=item.term, stem=item.stem,
                        option_a=item.options[0], option_b=item.options[1], option_c=item.options[2],
                        option_d=item.options[3], key=item.key, explanation=item.explanation,
                        reviewed=item.reviewed, calc_json=json.dumps(item.calc) if item.calc else None,
                        source=Path(f.path).name))
            db.add(BankMeta(name="hash", value=digest))
            db.commit()
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, target)
    return problems
