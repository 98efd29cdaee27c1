"""Schema versions of the user database and the steps between them.

The version lives in the meta table (name 'schema_version', value '1', '2', ...).
Each migration is a numbered function that brings the database from the version
before it to its own; all pending ones run in order inside one transaction (SQLite
changes its schema transactionally), so a database is either fully upgraded or left
as it was. The caller makes a backup first (userdb.open_user_db).

To change the schema: add the columns to models.py, append a migration here that
makes the same change with SQL, and add its columns to COLUMNS. The tests check
that a database upgraded from tests/data/schema_v1.sql has exactly the columns a
new one gets.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _v2_highlights_and_settings(db: sqlite3.Connection) -> None:
    """Highlighted stem text per item (JSON), and the colour scheme / text size of an attempt."""
    db.execute("ALTER TABLE attempt_items ADD COLUMN highlights TEXT DEFAULT '' NOT NULL")
    db.execute("ALTER TABLE attempts ADD COLUMN settings_json TEXT DEFAULT '{}' NOT NULL")


def _v3_practice_and_cards(db: sqlite3.Connection) -> None:
    """Practice sets (attempts of kind 'practice'), spaced-repetition cards and their review logs."""
    db.execute("ALTER TABLE attempts ADD COLUMN kind VARCHAR(8) DEFAULT 'exam' NOT NULL")
    db.execute("""CREATE TABLE cards (
	item_id VARCHAR(16) NOT NULL,
	due VARCHAR(32) NOT NULL,
	state INTEGER NOT NULL,
	last_review VARCHAR(32) NOT NULL,
	card_json TEXT NOT NULL,
	PRIMARY KEY (item_id)
)""")
    db.execute("CREATE INDEX ix_cards_due ON cards (due)")
    db.execute("""CREATE TABLE review_logs (
	id INTEGER NOT NULL,
	attempt_id INTEGER NOT NULL,
	position INTEGER NOT NULL,
	item_id VARCHAR(16) NOT NULL,
	correct BOOLEAN NOT NULL,
	rating INTEGER NOT NULL,
	reviewed_at VARCHAR(32) NOT NULL,
	seconds FLOAT NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (attempt_id, position),
	FOREIGN KEY(attempt_id) REFERENCES attempts (id) ON DELETE CASCADE
)""")
    db.execute("CREATE INDEX ix_review_logs_attempt_id ON review_logs (attempt_id)")
    db.execute("CREATE INDEX ix_review_logs_item_id ON review_logs (item_id)")


def _v4_items_as_shown(db: sqlite3.Connection) -> None:
    """Each attempt item keeps the item as it was shown: stem, options, exhibit,
    explanation and a template's seed (the key was kept from the start)."""
    for column in ("stem TEXT", "options_json TEXT", "exhibit_json TEXT", "explanation TEXT", "seed INTEGER"):
        db.execute(f"ALTER TABLE attempt_items ADD COLUMN {column}")


def _v5_attempt_ids_never_reused(db: sqlite3.Connection) -> None:
    """Attempt ids are never given twice: the highest one given so far is kept in meta
    (attempts.py reads and raises it with each new attempt). Ids deleted before this
    upgrade above the largest one left cannot be known; from here on none is reused."""
    db.execute("INSERT OR REPLACE INTO meta (name, value) "
               "SELECT 'attempt_id_high', CAST(COALESCE(MAX(id), 0) AS TEXT) FROM attempts")


# (the version it brings the database to, the step), in order; append, never edit.
MIGRATIONS: list[tuple[int, Migration]] = [
    (2, _v2_highlights_and_settings),
    (3, _v3_practice_and_cards),
    (4, _v4_items_as_shown),
    (5, _v5_attempt_ids_never_reused),
]
CURRENT_VERSION = MIGRATIONS[-1][0] if MIGRATIONS else 1

_V1: dict[str, set[str]] = {
    "meta": {"name", "value"},
    "attempts": {"id", "started_at", "finished_at", "status", "candidate", "title", "mode", "form_seed",
                 "time_allowed_s", "time_used_s", "extra_time_pct", "onvue", "focus_losses", "phase",
                 "position", "passing_theta", "domains_json", "scaled_score", "passed", "raw_correct",
                 "raw_cut"},
    "attempt_items": {"attempt_id", "position", "item_id", "domain", "key", "difficulty", "pretest",
                      "response", "flagged", "visited", "seconds", "struck"},
}
_ADDED: dict[int, dict[str, set[str]]] = {
    2: {"attempt_items": {"highlights"}, "attempts": {"settings_json"}},
    3: {"attempts": {"kind"},
        "cards": {"item_id", "due", "state", "last_review", "card_json"},
        "review_logs": {"id", "attempt_id", "position", "item_id", "correct", "rating", "reviewed_at",
                        "seconds"}},
    4: {"attempt_items": {"stem", "options_json", "exhibit_json", "explanation", "seed"}},
}


def columns(version: int) -> dict[str, set[str]]:
    """The tables and columns a database of this version has (at least)."""
    tables = {name: set(cols) for name, cols in _V1.items()}
    for v in range(2, version + 1):
        for table, added in _ADDED.get(v, {}).items():
            tables.setdefault(table, set()).update(added)
    return tables


def missing_columns(db: sqlite3.Connection, version: int) -> list[str]:
    """'table.column' for each one this version needs that the database lacks."""
    missing = []
    for table, wanted in sorted(columns(version).items()):
        have = {row[1] for row in db.execute(f'PRAGMA table_info("{table}")')}
        missing += [f"{table}.{c}" for c in sorted(wanted - have)] if have else [table]
    return missing


def pending(version: int) -> list[tuple[int, Migration]]:
    return [(v, step) for v, step in MIGRATIONS if v > version]


def upgrade(db: sqlite3.Connection, version: int) -> int:
    """Run every migration after `version` in one transaction; returns the new version.
    `db` must be in autocommit mode (isolation_level=None): the transaction is ours."""
    steps = pending(version)
    if not steps:
        return version
    db.execute("BEGIN IMMEDIATE")
    try:
        for _v, step in steps:
            step(db)
        db.execute("UPDATE meta SET value = ? WHERE name = 'schema_version'", (str(steps[-1][0]),))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return steps[-1][0]
