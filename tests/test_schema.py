"""One schema, one owner per table.

The schema is defined once, in storage/models.py: a new database is made from it
(userdb.create_schema, the bank's build), the migrations are checked against it
(test_migrations.py), and here every statement the program sends to SQLite, the
plain-sqlite3 reads of the start as much as the ORM's writes, is compiled against
a database made from the models alone. Each table is read and written by one module
(storage/__init__.py names them).
"""

from __future__ import annotations

import re
import sqlite3
import sqlite3.dbapi2
from datetime import UTC, datetime
from pathlib import Path

import pytest

import simulator
from simulator.app.practice import progress
from simulator.storage.attempts import USER_DB
from simulator.storage.bank import BANK_FILE
from simulator.storage.models import BankBase, UserBase
from simulator.storage.userdb import create_schema
from simulator.workspace import ExamOptions, Workspace

PACKAGE = Path(simulator.__file__).parent

# table -> the module that reads and writes it (the bank's tables live in their own file)
OWNERS = {
    "attempts": "storage/attempts.py",
    "attempt_items": "storage/attempts.py",
    "cards": "storage/cards.py",
    "review_logs": "storage/cards.py",
    "items": "storage/bankdb.py",
}
MODELS = {"Attempt": "attempts", "AttemptItem": "attempt_items", "Card": "cards", "ReviewLog": "review_logs",
          "BankItem": "items"}
# Modules that change the schema itself, or copy or check a whole database, not its rows.
# (bank.py builds the bank's rows from the text; bankdb.py writes and reads them.)
SCHEMA_KEEPERS = {"storage/models.py", "storage/migrations.py", "storage/userdb.py", "storage/health.py",
                  "storage/backups.py"}


def _traced(monkeypatch) -> list[tuple[str, str]]:
    """(database file name, statement) for every statement any connection runs from now on."""
    seen: list[tuple[str, str]] = []
    real = sqlite3.connect

    def connect(database, *args, **kwargs):
        conn = real(database, *args, **kwargs)
        name = Path(str(database).split("?")[0].removeprefix("file:")).name
        conn.set_trace_callback(lambda sql: seen.append((name, sql)))
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", connect)  # the module SQLAlchemy's driver calls
    return seen


def _fresh(tmp_path: Path) -> dict[str, sqlite3.Connection]:
    """Databases made from the models alone, one of each kind."""
    from sqlalchemy import create_engine
    user = tmp_path / "fresh-user.sqlite"
    create_schema(user)
    bank = tmp_path / "fresh-bank.sqlite"
    engine = create_engine(f"sqlite:///{bank}")
    BankBase.metadata.create_all(engine)
    engine.dispose()
    return {USER_DB: sqlite3.connect(user), BANK_FILE: sqlite3.connect(bank)}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("start", ["new", "upgraded from version 1"])
def test_every_statement_of_a_sitting_compiles_against_the_schema_of_the_models(start, data_dir, clock,
                                                                                 monkeypatch, tmp_path):
    if start != "new":  # the code's statements fit what the migrations made: do they fit the models?
        from simulator.storage.bank import Bank
        from tests.test_migrations import make_v1
        bank = Bank(data_dir / BANK_FILE)
        make_v1(data_dir / USER_DB, [item.id for item in bank.items()[:12]])
        bank.close()
    seen = _traced(monkeypatch)
    ws = Workspace(data_dir)  # a first start (the user database made or upgraded)
    try:
        run = ws.new_exam(ExamOptions(items=6, seed=3), clock)
        ws.begin(run)
        for k in range(3):
            run.session.answer("ABCD"[k])
            if k == 1:
                run.session.toggle_flag()
            clock.advance(30)
            run.session.next()
    finally:
        ws.close()
    ws = Workspace(data_dir)  # the next start: the resume question, then the exam to its end
    try:
        attempt = ws.store.unfinished()
        assert attempt is not None and attempt.candidate != "Sam"  # ours, not version 1's
        ws.store.last_seen()
        run = ws.resume(attempt, clock)
        while run.session.position < len(run.session.form) - 1:
            run.session.answer("A")
            run.session.next()
        run.session.end()
        ws.finish(run)
        progress(ws, datetime(2026, 12, 1, tzinfo=UTC))  # Home's panels and `progress`
        assert run.attempt_id is not None
        ws.store.delete(run.attempt_id)  # and the cards it made, replayed without it
    finally:
        ws.close()
    monkeypatch.undo()

    fresh = _fresh(tmp_path)
    dml = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH)\b", re.I)
    checked = 0
    for name, sql in seen:
        if name in fresh and dml.match(sql):
            try:
                fresh[name].execute("EXPLAIN " + sql)
            except sqlite3.Error as exc:
                pytest.fail(f"{name}: {sql[:200]!r} does not fit the models' schema: {exc}")
            checked += 1
    for conn in fresh.values():
        conn.close()
    assert checked > 30  # the reads of the start and the writes of the sitting were all seen
    assert {name for name, _ in seen} >= {USER_DB, BANK_FILE}


def test_each_table_is_read_and_written_by_its_one_module():
    tables = "|".join(OWNERS)
    sql = re.compile(rf"\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\s+\"?({tables})\b")  # SQL's words, in capitals
    # the ORM's reads and writes of a model (its objects passed around as data are not)
    orm = re.compile(rf"\b(?:select|query|insert|update|delete|get)\(\s*({'|'.join(MODELS)})\b")
    strays = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        if module in SCHEMA_KEEPERS:
            continue
        text = path.read_text(encoding="utf-8")
        touched = {m.group(1) for m in sql.finditer(text)} | {MODELS[m.group(1)] for m in orm.finditer(text)}
        strays += [f"{module} touches {t} (its owner is {OWNERS[t]})" for t in sorted(touched)
                   if OWNERS[t] != module]
    assert not strays, "\n".join(strays)
    assert set(OWNERS) | {"meta"} == {t.name for t in UserBase.metadata.sorted_tables} | {"items"}
