"""Schema versions: a database of the first released schema,
with attempts in it, is upgraded losing nothing, after a backup."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from simulator.storage import migrations
from simulator.storage.attempts import USER_DB
from simulator.storage.backups import backups
from simulator.storage.bank import BANK_FILE, Bank
from simulator.storage.migrations import CURRENT_VERSION, columns, upgrade
from simulator.storage.models import UserBase
from simulator.storage.userdb import create_schema
from simulator.workspace import Workspace

SCHEMA_V1 = Path(__file__).parent / "data" / "schema_v1.sql"
V1_ATTEMPT_COLS = sorted(columns(1)["attempts"])
V1_ITEM_COLS = sorted(columns(1)["attempt_items"])


def make_v1(path: Path, item_ids: list[str]) -> None:
    """A database exactly as version 1 wrote it, with a finished and an unfinished attempt."""
    db = sqlite3.connect(path)
    db.executescript(SCHEMA_V1.read_text())
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    domains = json.dumps(["D1", "D2"])
    attempt = ("INSERT INTO attempts (id, started_at, finished_at, status, candidate, title, mode, "
               "form_seed, time_allowed_s, time_used_s, extra_time_pct, onvue, focus_losses, phase, "
               "position, "
               "passing_theta, domains_json, scaled_score, passed, raw_correct, raw_cut) VALUES "
               "(?, ?, ?, ?, 'Sam', 'CPIM Practice Exam', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0.1, ?, ?, ?, ?, ?)")
    db.execute(attempt, (1, "2026-01-02T09:00:00+00:00", "2026-01-02T11:30:00+00:00", "finished", "exam", 11,
                         12600.0, 9000.5, 0.0, 0, 0, "finished", 11, domains, 312, 1, 8, 7.25))
    db.execute(attempt, (2, "2026-01-03T09:00:00+00:00", None, "in_progress", "study", 22, 1800.0, 300.25,
                         25.0, 1, 2, "items", 4, domains, None, None, None, None))
    item = ("INSERT INTO attempt_items (attempt_id, position, item_id, domain, key, difficulty, pretest, "
            "response, flagged, visited, seconds, struck) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    for attempt_id in (1, 2):
        for p, item_id in enumerate(item_ids):
            response = "ABCD"[(p + attempt_id) % 4] if (attempt_id == 1 or p < 4) else None
            db.execute(item, (attempt_id, p, item_id, "D1" if p % 2 else "D2", "ABCD"[p % 4], p / 10 - 0.5,
                              p == 11, response, p in (1, 3), attempt_id == 1 or p <= 4, 10.5 * p,
                              "BD" if p == 2 else ""))
    db.commit()
    db.close()


def rows(path: Path, table: str, cols: list[str]) -> list[tuple]:
    with sqlite3.connect(path) as db:
        quoted = ", ".join(f'"{c}"' for c in cols)
        key = "id" if table == "attempts" else "attempt_id, position"
        found = db.execute(f"SELECT {quoted} FROM {table} ORDER BY {key}").fetchall()
    db.close()
    return found


def version(path: Path) -> str:
    with sqlite3.connect(path) as db:
        found = db.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()[0]
    db.close()
    return found


@pytest.fixture
def v1_folder(data_dir):
    bank = Bank(data_dir / BANK_FILE)
    ids = [item.id for item in bank.items()[:12]]
    bank.close()
    make_v1(data_dir / USER_DB, ids)
    return data_dir


def test_a_version_1_database_is_upgraded_losing_nothing(v1_folder, clock):
    path = v1_folder / USER_DB
    attempts_before = rows(path, "attempts", V1_ATTEMPT_COLS)
    items_before = rows(path, "attempt_items", V1_ITEM_COLS)
    assert version(path) == "1" and len(items_before) == 24

    ws = Workspace(v1_folder)
    assert version(path) == str(CURRENT_VERSION)
    assert rows(path, "attempts", V1_ATTEMPT_COLS) == attempts_before
    assert rows(path, "attempt_items", V1_ITEM_COLS) == items_before
    assert rows(path, "attempts", ["id", "settings_json"]) == [(1, "{}"), (2, "{}")]
    assert {r[0] for r in rows(path, "attempt_items", ["highlights"])} == {""}
    assert rows(path, "attempts", ["id", "kind"]) == [(1, "exam"), (2, "exam")]  # schema 3
    # schema 4: no copy of the items as shown in attempts from before (they read the bank)
    assert set(rows(path, "attempt_items", ["stem", "options_json", "exhibit_json", "explanation",
                                            "seed"])) == {
        (None, None, None, None, None)}
    with sqlite3.connect(path) as db:  # schema 5: the highest attempt id given so far
        assert db.execute("SELECT value FROM meta WHERE name = 'attempt_id_high'").fetchone() == ("2",)
    db.close()

    # the program reads the old attempts as its own
    history = ws.history()
    assert [(h["status"], h["scaled_score"], h["passed"]) for h in history] == [
        ("finished", 312, True), ("in_progress", None, None)]
    shown = ws.report(1)
    assert [i["response"] for i in shown["items"]] == ["ABCD"[(p + 1) % 4] for p in range(12)]
    assert [i["flagged"] for i in shown["items"]][:4] == [False, True, False, True]
    assert shown["items"][5]["seconds"] == 52.5 and shown["time_used_s"] == 9000.5

    unfinished = ws.unfinished()
    assert unfinished.id == 2
    run = ws.resume(unfinished, clock)
    s = run.session
    assert s.position == 4 and s.used() == 300.25 and s.mode == "study"
    assert [st.response for st in s.states[:5]] == ["C", "D", "A", "B", None]
    assert s.states[2].struck == {"B", "D"} and s.states[3].flagged and s.states[3].seconds == 31.5
    s.resume()
    s.highlight(0, 5)  # the new column is written like the others
    s.answer("A")
    ws.close()
    assert rows(path, "attempt_items", ["attempt_id", "position", "response", "highlights"])[12 + 4] == (
        2, 4, "A", "[[0, 5]]")


def test_a_backup_of_version_1_is_made_before_upgrading(v1_folder):
    path = v1_folder / USER_DB
    before = rows(path, "attempt_items", V1_ITEM_COLS)
    Workspace(v1_folder).close()
    made = backups(v1_folder)
    assert len(made) == 1 and made[0].name.endswith(f"-before-v{CURRENT_VERSION}.sqlite")
    assert version(made[0]) == "1"
    assert rows(made[0], "attempt_items", V1_ITEM_COLS) == before
    Workspace(v1_folder).close()  # already current: no second upgrade, no second backup
    assert len(backups(v1_folder)) == 1


def table_shapes(path: Path) -> dict:
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "ORDER BY name")]
        shapes = {t: db.execute(f'PRAGMA table_info("{t}")').fetchall() for t in tables}
        shapes["indexes"] = sorted(db.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
                                              "AND name NOT LIKE 'sqlite_autoindex%'").fetchall())
    db.close()
    return shapes


def test_an_upgraded_database_has_exactly_the_shape_of_a_new_one(v1_folder, tmp_path):
    Workspace(v1_folder).close()
    new = tmp_path / "new.sqlite"
    create_schema(new)
    assert table_shapes(v1_folder / USER_DB) == table_shapes(new)


def test_the_declared_columns_match_the_frozen_v1_schema_and_the_models():
    frozen = {}
    for table, body in re.findall(r"CREATE TABLE (\w+) \((.*?)\n\);", SCHEMA_V1.read_text(), re.S):
        names = [line.strip().split()[0].strip('"') for line in body.strip().splitlines()]
        frozen[table] = {n for n in names if n not in ("PRIMARY", "FOREIGN")}
    assert frozen == columns(1)
    models = {t.name: {c.name for c in t.columns} for t in UserBase.metadata.sorted_tables}
    assert models == columns(CURRENT_VERSION)


def test_a_failing_migration_changes_nothing(v1_folder, monkeypatch):
    path = v1_folder / USER_DB
    before = table_shapes(path)

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, (3, broken)])
    db = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        upgrade(db, 1)
    db.close()
    assert table_shapes(path) == before and version(path) == "1"


def test_migrations_are_numbered_in_order():
    numbers = [v for v, _step in migrations.MIGRATIONS]
    # Versions are assigned to areas in advance, so one may land before another below it.
    assert numbers == sorted(set(numbers)) and numbers[0] == 2 and numbers[-1] == CURRENT_VERSION
    assert {2, 3, 4, 5} <= set(numbers)


def test_the_command_line_upgrades_only_when_no_window_runs(v1_folder, capsys):
    from simulator.cli import main
    from simulator.storage.lock import DataFolderLock
    path = v1_folder / USER_DB
    with DataFolderLock(v1_folder):  # a window (of another version) has the folder
        assert main(["--data-dir", str(v1_folder), "attempts", "list"]) == 2
        assert "upgrade" in capsys.readouterr().err
    assert version(path) == "1" and backups(v1_folder) == []
    assert main(["--data-dir", str(v1_folder), "attempts", "list", "--json"]) == 0
    assert [r["scaled_score"] for r in json.loads(capsys.readouterr().out)] == [312, None]
    assert version(path) == str(CURRENT_VERSION) and len(backups(v1_folder)) == 1
