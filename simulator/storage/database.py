"""Connections to SQLite files: WAL, foreign keys, and durable commits.

SQLAlchemy is imported only when an engine is first made. Its import takes about
0.3 s on the reference machine, as long as a bare Qt window takes to appear, so the
start of the program reads what it needs (the bank, the unfinished attempt, which
items were seen) with the standard sqlite3 module through connect(), and the ORM is
loaded the first time an attempt is written or read in full. benchmarks/ measures it.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine, MetaData
    from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 2000
# The ORM's modules in the order that loads them in the smallest steps (about 0.1 s
# each at most): sqlalchemy's own first import pulls asyncio and importlib.metadata.
ORM_MODULES = ("asyncio", "importlib.metadata", "sqlalchemy", "sqlalchemy.orm", f"{__package__}.models")


def pragmas(durable: bool) -> list[str]:
    """The settings of every connection, an engine's or a plain one."""
    return ["PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON",
            # FULL makes each committed action survive a power cut, not just a crash.
            f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}",
            f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}"]


def connect(path: Path, *, durable: bool = True) -> sqlite3.Connection:
    """A plain connection in autocommit mode (each statement is its own transaction
    unless BEGIN is said), with the same settings as an engine's."""
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        for statement in pragmas(durable):
            db.execute(statement)
    except BaseException:
        db.close()
        raise
    return db


def sqlite_engine(path: Path, *, durable: bool = True) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}", future=True)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        for statement in pragmas(durable):
            cursor.execute(statement)
        cursor.close()

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(engine, expire_on_commit=False)


def orm_steps() -> list[Callable[[], object]]:
    """Loading the ORM ahead of the first write, in steps a window runs one per turn of
    its event loop once its first screen is painted (ui/idle.py): the modules, then the
    models' mappers. Each step does nothing if that part is loaded already."""
    return [*(partial(importlib.import_module, name) for name in ORM_MODULES), _configure_mappers]


def _configure_mappers() -> None:
    from sqlalchemy.orm import configure_mappers

    configure_mappers()


def schema_statements(metadata: MetaData) -> list[str]:
    """CREATE TABLE and CREATE INDEX for the tables of models.py: a new database of
    either kind is made from the one definition of its schema (SQLAlchemy is imported
    here only when a database is made, never on an ordinary start)."""
    from sqlalchemy.dialects import sqlite as sqlite_dialect
    from sqlalchemy.schema import CreateIndex, CreateTable

    dialect = sqlite_dialect.dialect()
    statements = []
    for table in metadata.sorted_tables:
        statements.append(str(CreateTable(table).compile(dialect=dialect)))
        statements += [str(CreateIndex(index).compile(dialect=dialect)) for index in table.indexes]
    return statements
