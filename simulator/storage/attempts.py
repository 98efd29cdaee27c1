"""The user's attempts: created from a form, written action by action, read back
for resuming, reports and the history.

Writes that fail (a full disk, a folder gone read-only, a locked file) do not stop
the exam: the store remembers which attempt could not be written, reports the
failure to its observers (on_write_state), and writes the whole attempt again with
the next change, the next clock checkpoint (every 4 s of exam time) or retry().
Until then get() shows the attempt as the program knows it, not as the disk has it.

SQLAlchemy is loaded on the first write or full read (the Session property), not
when the store opens: the start of the program reads the unfinished attempt and
which items were seen with plain sqlite3 (storage/database.py), and writes nothing
but through the ORM.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from ..core.session import Change, ExamSession, ItemState, Phase
from .database import connect, orm_steps, session_factory, sqlite_engine
from .migrations import CURRENT_VERSION
from .userdb import (
    USER_DB,
    create_schema,
    open_user_db,
    probe_database,
    unwritable,
)

log = logging.getLogger(__name__)
SCHEMA_VERSION = str(CURRENT_VERSION)
STATUS_OF_PHASE = {Phase.FINISHED: "finished", Phase.EXPIRED: "expired"}

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session as OrmSession
    from sqlalchemy.orm import sessionmaker

    from ..core.assembly import FormItem
    from ..core.items import Item
    from .models import Attempt, AttemptItem

WriteStateListener = Callable[[str | None], None]
Recorder = Callable[[ExamSession, Change, object], None]  # a session listener


class WriteFailed(Exception):
    """A new attempt could not be created: nothing of it is saved."""


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def write_errors() -> tuple[type[BaseException], ...]:
    """What a failed write raises: sqlite3's and the system's errors, and SQLAlchemy's
    once it is loaded (nothing can raise those before)."""
    orm = sys.modules.get("sqlalchemy.exc")
    return (sqlite3.Error, OSError) + ((orm.SQLAlchemyError,) if orm is not None else ())


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "orig", None) or exc)


class Record(SimpleNamespace):
    """A row read with plain sqlite3 (AttemptStore._records): its columns as attributes."""


class AttemptStore:
    def __init__(self, folder: Path, *, readonly: bool = False, fresh: bool = False,
                 check_writable: bool = False) -> None:
        """Open DATA/cpim-sim.sqlite, checked, repaired and upgraded first (userdb.py;
        raises UserDbProblem). readonly: another program owns the folder, change
        nothing. check_writable: prove a write works before an exam starts."""
        self.path = folder / USER_DB
        self.readonly = readonly
        if open_user_db(folder, readonly=readonly, fresh=fresh, check_writable=check_writable):
            try:
                create_schema(self.path)
            except sqlite3.Error as exc:
                raise unwritable(folder, str(exc)) from None
        if check_writable:
            probe_database(self.path)
        self._engine: Engine | None = None
        self._sessions: sessionmaker[OrmSession] | None = None
        self._db: sqlite3.Connection | None = None  # plain reads (unfinished, last_seen)
        self.write_error: str | None = None  # the last failed write, until everything is written
        self._listeners: list[WriteStateListener] = []
        self._unsaved: dict[int, ExamSession] = {}          # attempts to write again, whole
        self._final: dict[int, dict[str, Any]] = {}         # finish() values not written yet
        self._unsaved_settings: dict[int, dict[str, Any]] = {}
        # Per attempt: each position's marks (durable_marks) as last written, and the
        # positions whose time tally alone waits for the next write (recorder()).
        self._written: dict[int, dict[int, tuple[object, ...]]] = {}
        self._pending: dict[int, set[int]] = {}
        self._indexed = False  # the progress panels' index (mastery())
        self._practice_indexed = False  # practice and readiness's index (item_histories())
        self._kinds: dict[int, str] = {}  # attempt id -> "exam" | "practice", for the reviews
        self._catching_up = False
        self._booleans: dict[str, set[str]] = {}  # per table, its BOOLEAN columns (_records)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = sqlite_engine(self.path)
        return self._engine

    @property
    def Session(self) -> sessionmaker[OrmSession]:
        if self._sessions is None:
            self._sessions = session_factory(self.engine)
        return self._sessions

    def preload(self) -> list[Callable[[], object]]:
        """The steps that load what the first write needs (database.orm_steps), the
        session factory last."""
        return [*orm_steps(), lambda: self.Session]

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = connect(self.path)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._engine is not None:
            self._engine.dispose()

    # --- the state of writing -------------------------------------------------------
    def on_write_state(self, callback: WriteStateListener) -> Callable[[], None]:
        """Call `callback(error)` whenever saving starts failing (error: the reason, a
        short technical text) or everything is saved again (None). Returns a function
        that stops the calls."""
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback) if callback in self._listeners else None

    @property
    def pending(self) -> bool:
        """Something the candidate did is not on disk yet."""
        return bool(self._unsaved or self._final or self._unsaved_settings)

    def retry(self) -> bool:
        """Write now whatever could not be written; True when nothing is left."""
        for attempt_id, session in list(self._unsaved.items()):
            if attempt_id not in self._final:
                self._try(attempt_id, session, partial(self._write, attempt_id, session, range(len(session))))
        for attempt_id in list(self._final):
            self._write_final(attempt_id)
        for attempt_id, settings in list(self._unsaved_settings.items()):
            self.save_settings(attempt_id, settings)
        return not self.pending

    def _set_error(self, error: str | None) -> None:
        if error == self.write_error:
            return
        self.write_error = error
        for callback in list(self._listeners):
            try:
                callback(error)
            except Exception:
                log.exception("write-state observer failed")

    def _try(self, attempt_id: int, session: ExamSession, write: Callable[[], None]) -> bool:
        try:
            write()
        except write_errors() as exc:
            self._unsaved[attempt_id] = session
            log.error("could not save attempt %s: %s", attempt_id, _reason(exc))
            self._set_error(_reason(exc))
            return False
        self._unsaved.pop(attempt_id, None)
        self._catch_up()
        if not self.pending:
            self._set_error(None)
        return True

    def _catch_up(self) -> None:
        """A write that worked shows the disk works again: write what still waits at
        once (the end of an exam finished on a full disk has no later change of its
        own to carry it)."""
        if self.pending and not self._catching_up:
            self._catching_up = True
            try:
                self.retry()
            finally:
                self._catching_up = False

    # --- writing ---------------------------------------------------------------
    def create(self, form: list[FormItem], *, candidate: str, title: str, mode: str, seed: int,
               allowed_s: float, extra_time_pct: float, onvue: bool, passing_theta: float,
               domains: list[str], kind: str = "exam") -> int:
        from .models import Attempt, AttemptItem
        try:
            with self.Session.begin() as db:
                attempt = Attempt(
                    id=_next_attempt_id(db), started_at=utc_now(), status="in_progress", candidate=candidate,
                    title=title, mode=mode,
                    form_seed=seed, time_allowed_s=allowed_s, extra_time_pct=extra_time_pct, onvue=onvue,
                    phase=Phase.ITEMS.value, position=0, passing_theta=passing_theta,
                    domains_json=json.dumps(domains), kind=kind,
                    items=[AttemptItem(position=f.position, item_id=f.item.id, domain=f.item.domain,
                                       key=f.item.key, difficulty=f.item.difficulty, pretest=f.pretest,
                                       **shown_columns(f.item), seed=f.seed)
                           for f in form])
                db.add(attempt)
                db.flush()
                self._kinds[attempt.id] = kind
                return attempt.id
        except write_errors() as exc:
            log.error("could not create an attempt: %s", _reason(exc))
            raise WriteFailed(f"The exam cannot be saved in {self.path.parent}: {_reason(exc)}. "
                              "Free some disk space or choose another data folder.") from None

    def recorder(self, attempt_id: int, kind: str | None = None) -> Recorder:
        """A session listener that writes each change as it happens, in one short
        transaction. After a failed write the whole attempt is written with the next
        change or clock checkpoint, and observers hear of both (on_write_state).

        The time tally an item gets when the candidate leaves it is not a transaction
        of its own: leaving is always followed at once by another change (the new
        position, the review screen, the end), and the tally goes with that write, so
        Next and Previous cost one commit (an fsync), not two. Answers, flags,
        strike-outs and highlights are written the moment they change.

        kind "practice": each answer reviews its spaced-repetition card in the same
        transaction as the response (an exam's answers do so when it is scored)."""
        if kind is not None:
            self._kinds[attempt_id] = kind

        def record(session: ExamSession, change: Change, payload: object) -> None:
            if change is Change.TICK or change is Change.WARNING or attempt_id in self._final:
                return
            if change is Change.PHASE and payload in STATUS_OF_PHASE:
                return  # finish() writes the end, with the score, in one go
            if attempt_id not in self._written:  # what is on disk: the session as it was handed over
                self._written[attempt_id] = {p: durable_marks(st) for p, st in enumerate(session.states)
                                             if not (change is Change.ITEM and p == payload)}
            if (change is Change.ITEM and isinstance(payload, int) and attempt_id not in self._unsaved
                    and self._written[attempt_id].get(payload) == durable_marks(session.states[payload])):
                self._pending.setdefault(attempt_id, set()).add(payload)  # its time alone changed
                return
            positions: Iterable[int] = range(len(session)) if attempt_id in self._unsaved else (
                [payload] if change is Change.ITEM and isinstance(payload, int) else [])
            self._try(attempt_id, session, lambda: self._write(attempt_id, session, positions))

        return record

    def _write(self, attempt_id: int, session: ExamSession, positions: Iterable[int],
               final: dict[str, Any] | None = None) -> None:
        from sqlalchemy import update

        from .models import Attempt, AttemptItem
        pending = self._pending.pop(attempt_id, set())
        positions = sorted(set(positions) | pending)  # with the time tallies that waited
        try:
            with self.Session.begin() as db:
                for p in positions:
                    s = session.states[p]
                    db.execute(update(AttemptItem)
                               .where(AttemptItem.attempt_id == attempt_id, AttemptItem.position == p)
                               .values(response=s.response, flagged=s.flagged, visited=s.visited,
                                       seconds=s.seconds, struck="".join(sorted(s.struck)),
                                       highlights=encode_highlights(s.highlights)))
                db.execute(update(Attempt).where(Attempt.id == attempt_id).values(
                    time_used_s=session.used(), position=session.position, phase=session.phase.value,
                    **(final or {})))
                self._review(db, attempt_id, session, positions, final is not None)
        except BaseException:
            self._pending.setdefault(attempt_id, set()).update(pending)
            raise
        written = self._written.get(attempt_id)
        if written is not None:
            for p in positions:
                written[p] = durable_marks(session.states[p])

    def _review(self, db: OrmSession, attempt_id: int, session: ExamSession, positions: Iterable[int],
                final: bool) -> None:
        """The spaced-repetition reviews this write brings: a practice answer at once,
        an exam's answers when it is scored (cards.py skips what is already logged)."""
        practice = self._kinds.get(attempt_id, "exam") == "practice"
        if not (practice or final):
            return
        from . import cards
        answered = [cards.Answered(p, session.form[p].item.id,
                                   session.states[p].response == session.form[p].item.key,
                                   session.states[p].seconds)
                    for p in (range(len(session)) if final else positions)
                    if session.states[p].response is not None]
        wall = getattr(session.clock, "wall", None)
        cards.record(db, attempt_id, answered, wall() if callable(wall) else datetime.now(UTC))

    def finish(self, attempt_id: int, session: ExamSession, *, scaled: int | None, passed: bool | None,
               raw_correct: int, raw_cut: float) -> bool:
        """Write the ended attempt whole, with its score, in one transaction, then back
        the database up. False if it could not be written yet (retry() carries on)."""
        self._final[attempt_id] = {
            "session": session, "status": STATUS_OF_PHASE.get(session.phase, "finished"),
            "finished_at": utc_now(), "scaled_score": scaled, "passed": passed,
            "raw_correct": raw_correct, "raw_cut": raw_cut}
        return self._write_final(attempt_id)

    def _write_final(self, attempt_id: int) -> bool:
        values = dict(self._final[attempt_id])
        session = values.pop("session")
        self._final.pop(attempt_id)  # written or remembered again by _try
        ok = self._try(attempt_id, session,
                       lambda: self._write(attempt_id, session, range(len(session)), values))
        if not ok:
            self._final[attempt_id] = {"session": session, **values}
            return False
        self.backup("finished")
        return True

    def backup(self, label: str) -> Path | None:
        """A backup in DATA/backups/ (the newest 10 are kept); None if it failed,
        which is logged and otherwise ignored: the database itself is fine."""
        try:
            from .backups import make_backup  # not with the module (the start)
            return make_backup(self.path, label)
        except (OSError, sqlite3.Error) as exc:
            log.warning("could not back up %s: %s", self.path, exc)
            return None

    def save_settings(self, attempt_id: int, settings: dict[str, Any]) -> bool:
        """Remember the colour scheme, text size ... of one attempt (a JSON object)."""
        from sqlalchemy import update

        from .models import Attempt
        try:
            with self.Session.begin() as db:
                db.execute(update(Attempt).where(Attempt.id == attempt_id)
                           .values(settings_json=json.dumps(settings, sort_keys=True)))
        except write_errors() as exc:
            self._unsaved_settings[attempt_id] = dict(settings)
            self._set_error(_reason(exc))
            return False
        self._unsaved_settings.pop(attempt_id, None)
        if not self.pending:
            self._set_error(None)
        return True

    def settings(self, attempt_id: int) -> dict[str, Any]:
        from sqlalchemy import select

        from .models import Attempt
        if attempt_id in self._unsaved_settings:
            return dict(self._unsaved_settings[attempt_id])
        with self.Session() as db:
            text = db.scalar(select(Attempt.settings_json).where(Attempt.id == attempt_id))
        try:
            value = json.loads(text or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def record_focus_loss(self, attempt_id: int) -> None:
        """OnVUE: one more time the exam window lost the focus, counted at once."""
        try:
            with self.db:  # one short transaction
                self.db.execute("UPDATE attempts SET focus_losses = focus_losses + 1 WHERE id = ?",
                                (attempt_id,))
        except write_errors() as exc:
            log.error("could not count a focus loss of attempt %s: %s", attempt_id, _reason(exc))

    def delete(self, attempt_id: int) -> None:
        from sqlalchemy import delete

        from . import cards
        from .models import Attempt
        with self.Session.begin() as db:  # the cards it touched are rebuilt in the same transaction
            cards.forget_attempt(db, attempt_id)
            db.execute(delete(Attempt).where(Attempt.id == attempt_id))

    # --- reading ---------------------------------------------------------------
    def get(self, attempt_id: int) -> Attempt | None:
        """The attempt as the program knows it: what is stored, with what could not
        be written yet laid over it (a detached copy; changing it changes nothing)."""
        from .models import Attempt
        with self.Session() as db:
            attempt: Attempt | None = db.get(Attempt, attempt_id)
            if attempt is not None:
                attempt.items  # noqa: B018 - load the items before the session closes
        if attempt is not None:
            self._overlay(attempt)
        return attempt

    def _overlay(self, attempt: Attempt) -> None:
        final = dict(self._final.get(attempt.id, {}))
        session = final.pop("session", None) or self._unsaved.get(attempt.id)
        if session is None:
            return
        for row in attempt.items:
            if 0 <= row.position < len(session):
                s = session.states[row.position]
                row.response, row.flagged, row.visited = s.response, s.flagged, s.visited
                row.seconds = s.seconds
                row.struck, row.highlights = "".join(sorted(s.struck)), encode_highlights(s.highlights)
        attempt.time_used_s, attempt.position = session.used(), session.position
        attempt.phase = session.phase.value
        for name, value in final.items():
            setattr(attempt, name, value)

    def last_id(self) -> int | None:
        high = self.db.execute("SELECT MAX(id) FROM attempts").fetchall()[0][0]
        return None if high is None else int(high)

    def unfinished(self) -> Attempt | None:
        """The attempt still in progress, as get() gives it but read with plain sqlite3:
        the start asks its resume question before the ORM is loaded. A detached copy
        with the model's attributes (its rows in `items`), not an ORM object."""
        rows = self.db.execute("SELECT id FROM attempts WHERE status = 'in_progress' "
                               "ORDER BY id DESC LIMIT 1").fetchall()
        if not rows:
            return None
        found = self._records("attempts", "id = ?", (rows[0][0],))
        if not found:
            return None
        attempt = found[0]
        attempt.items = self._records("attempt_items", "attempt_id = ? ORDER BY position", (attempt.id,))
        self._overlay(cast("Attempt", attempt))
        return cast("Attempt", attempt)

    def _records(self, table: str, where: str, args: tuple[object, ...]) -> list[Record]:
        """Rows of `table` as Records: a column's name is its attribute, as in models.py,
        and a column the schema declares BOOLEAN reads as a bool, as the ORM gives it."""
        flags = self._booleans.get(table)
        if flags is None:
            flags = self._booleans[table] = {
                str(column[1]) for column in self.db.execute(f"PRAGMA table_info({table})").fetchall()
                if str(column[2]).upper() == "BOOLEAN"}
        cursor = self.db.execute(f"SELECT * FROM {table} WHERE {where}", args)
        names = [d[0] for d in cursor.description]
        out = []
        for row in cursor.fetchall():
            values = dict(zip(names, row, strict=True))
            for name in flags.intersection(values):
                if values[name] is not None:
                    values[name] = bool(values[name])
            out.append(Record(**values))
        return out

    def all(self) -> list[Attempt]:
        from sqlalchemy import select

        from .models import Attempt
        with self.Session() as db:
            return list(db.scalars(select(Attempt).order_by(Attempt.id)).all())

    def item_counts(self) -> dict[int, int]:
        """Each attempt's number of items (the length of its form), in one query."""
        rows = self.db.execute("SELECT attempt_id, COUNT(*) FROM attempt_items GROUP BY "
                               "attempt_id").fetchall()
        return {int(attempt_id): int(n) for attempt_id, n in rows}

    def last_seen(self) -> dict[str, float]:
        """For exposure control: each item's most recent attempt id (higher is more recent)."""
        rows = self.db.execute("SELECT item_id, MAX(attempt_id) FROM attempt_items GROUP BY "
                               "item_id").fetchall()
        return {item_id: float(attempt_id) for item_id, attempt_id in rows}

    # --- what practice and readiness read of the history: one query each -----------------
    # An exam still in progress is not history yet (its answers may change); a practice
    # set is, answer by answer (its answers are final once the key is shown).
    _HISTORY = "NOT (a.kind = 'exam' AND a.status = 'in_progress')"

    def item_histories(self) -> list[tuple[str, int, int, bool, int, bool | None]]:
        """Per item ever on a form: (item id, times answered, times wrong, flagged in
        any attempt, latest attempt id, right at its latest answer or None). One scan
        of a covering index; the latest answer's rightness rides in the low bit of the
        largest (attempt, position) code among the answered rows."""
        self._practice_index()
        rows = self.db.execute(
            "SELECT i.item_id, COUNT(i.response), SUM(i.response IS NOT NULL AND i.response != i.key), "
            "MAX(i.flagged), MAX(a.id), MAX(CASE WHEN i.response IS NOT NULL "
            "THEN (a.id * 100000 + i.position) * 2 + (i.response = i.key) END) "
            f"FROM attempt_items i JOIN attempts a ON a.id = i.attempt_id WHERE {self._HISTORY} "
            "GROUP BY i.item_id").fetchall()
        return [(r[0], int(r[1]), int(r[2] or 0), bool(r[3]), int(r[4]), None if r[5] is None
                 else bool(r[5] % 2))
                for r in rows]

    def first_scored_answers(self) -> list[tuple[str, float, bool, str, str]]:
        """Each item's first answer that readiness may count, oldest first: (item id,
        difficulty, right, kind, when). Exams: every operational item of an ended exam
        (a blank is wrong); practice: every answered item. (SQLite gives the other
        columns of the row holding the MIN.)"""
        self._practice_index()
        rows = self.db.execute(
            "SELECT i.item_id, i.difficulty, COALESCE(i.response = i.key, 0), a.kind, "
            "COALESCE(a.finished_at, a.started_at), MIN(a.id * 100000 + i.position) AS first "
            "FROM attempt_items i JOIN attempts a ON a.id = i.attempt_id "
            "WHERE (a.kind = 'exam' AND a.status != 'in_progress' AND NOT i.pretest) "
            "OR (a.kind = 'practice' AND i.response IS NOT NULL) GROUP BY i.item_id ORDER BY "
            "first").fetchall()
        return [(r[0], float(r[1]), bool(r[2]), r[3], r[4]) for r in rows]

    def _practice_index(self) -> None:
        """The index practice and readiness read: every column they need, so a scan
        never touches the large item rows (made once; a folder only read goes without)."""
        if self._practice_indexed or self.readonly:
            return
        try:
            with self.db:
                self.db.execute("CREATE INDEX IF NOT EXISTS attempt_items_practice ON attempt_items "
                                "(item_id, attempt_id, position, response, key, flagged, pretest, "
                                "difficulty)")
        except write_errors() as exc:  # slower without it, never wrong
            log.warning("could not index %s for practice: %s", self.path, _reason(exc))
        self._practice_indexed = True

    def sittings(self, items: Collection[str] | None = None) -> int:
        """Ended exams (not practice sets); with `items`, only those drawn from them (an
        exam sits one bank, so its first item tells which: the shipped one or an import)."""
        ended = "FROM attempts a WHERE a.kind = 'exam' AND a.status != 'in_progress'"
        if items is None:
            return int(self.db.execute(f"SELECT COUNT(*) {ended}").fetchall()[0][0])
        first = self.db.execute(f"SELECT (SELECT i.item_id FROM attempt_items i WHERE i.attempt_id = a.id "
                                f"ORDER BY i.position LIMIT 1) {ended}").fetchall()
        return sum(1 for (item_id,) in first if item_id in items)

    # --- aggregates for the study desk: one query each, never every attempt loaded ------
    def recent_scores(self, limit: int = 10) -> list[dict[str, Any]]:
        """The last `limit` scored attempts, oldest first: id, finished_at, mode,
        scaled_score, passed and the number of items on the form."""
        rows = self.db.execute(
            "SELECT a.id, a.finished_at, a.mode, a.scaled_score, a.passed, "
            "(SELECT COUNT(*) FROM attempt_items i WHERE i.attempt_id = a.id) "
            "FROM attempts a WHERE a.scaled_score IS NOT NULL AND a.status != 'in_progress' "
            "ORDER BY a.id DESC LIMIT ?", (limit,)).fetchall()
        return [{"id": r[0], "finished_at": r[1], "mode": r[2], "scaled_score": r[3],
                 "passed": None if r[4] is None else bool(r[4]), "items": r[5]} for r in reversed(rows)]

    def mastery(self) -> dict[str, tuple[int, int, int]]:
        """Per domain, over every answer given (pretest items left out): (answered,
        correct, different items seen). One scan of a covering index: the rows
        themselves carry each item as shown and are large."""
        self._progress_index()
        rows = self.db.execute(
            "SELECT domain, SUM(response IS NOT NULL AND NOT pretest), SUM(response = key AND NOT pretest), "
            "COUNT(DISTINCT CASE WHEN visited THEN item_id END) FROM attempt_items GROUP BY "
            "domain").fetchall()
        return {domain: (int(answered or 0), int(correct or 0), int(seen or 0))
                for domain, answered, correct, seen in rows}

    def _progress_index(self) -> None:
        """The index Home's panels read (made once; a folder only read goes without)."""
        if self._indexed or self.readonly:
            return
        try:
            with self.db:
                self.db.execute("CREATE INDEX IF NOT EXISTS attempt_items_progress ON attempt_items "
                                "(domain, item_id, visited, pretest, response, key)")
        except write_errors() as exc:  # slower without it, never wrong
            log.warning("could not index %s for the progress panels: %s", self.path, _reason(exc))
        self._indexed = True


def _next_attempt_id(db: OrmSession) -> int:
    """The id for a new attempt, never one given before: a deleted attempt's id stays
    used, so a report file named after it is never confused with a later one. The
    highest id given is kept in the meta table (schema 5), in the same transaction."""
    from sqlalchemy import text
    high = db.execute(text("SELECT value FROM meta WHERE name = 'attempt_id_high'")).scalar()
    largest = db.execute(text("SELECT MAX(id) FROM attempts")).scalar()
    new = max(int(high or 0), int(largest or 0)) + 1
    db.execute(text("INSERT INTO meta (name, value) VALUES ('attempt_id_high', :v) "
                    "ON CONFLICT(name) DO UPDATE SET value = excluded.value"), {"v": str(new)})
    return new


def durable_marks(state: ItemState) -> tuple[object, ...]:
    """What of an item's state must reach the disk the moment it changes (its time
    and the visited mark may wait for the next write)."""
    return state.response, state.flagged, frozenset(state.struck), tuple(state.highlights)


def encode_highlights(spans: Iterable[tuple[int, int]]) -> str:
    return json.dumps([[int(a), int(b)] for a, b in spans]) if spans else ""


def decode_highlights(text: str | None) -> list[tuple[int, int]]:
    """The stored spans; anything unreadable counts as no highlight (they are a study aid)."""
    if not text:
        return []
    try:
        return [(int(a), int(b)) for a, b in json.loads(text)]
    except (ValueError, TypeError):
        return []


def states_of(attempt: Attempt) -> list[ItemState]:
    return [ItemState(response=row.response, flagged=row.flagged, visited=row.visited,
                      seconds=row.seconds, struck=set(row.struck),
                      highlights=decode_highlights(row.highlights)) for row in attempt.items]


def shown_columns(item: Item) -> dict[str, Any]:
    """The attempt-item columns that keep an item as it was shown (schema 4)."""
    return {"stem": item.stem, "options_json": json.dumps(list(item.options)),
            "exhibit_json": json.dumps(item.exhibit.to_json()) if item.exhibit else None,
            "explanation": item.explanation}


def as_stored(row: AttemptItem, base: Item) -> Item:
    """The item of an attempt row as the candidate saw it: the stored copy over `base`
    (the bank's item, for what is not stored: level, term, calculation). A row from
    before schema 4 has no copy: then `base` as it is. A damaged copy counts as none."""
    if row.stem is None or row.options_json is None:
        return base
    from ..core.items import Exhibit  # not with the module: the start reads no item
    try:
        options = tuple(str(o) for o in json.loads(row.options_json))
        exhibit = Exhibit.from_json(json.loads(row.exhibit_json)) if row.exhibit_json else None
    except (ValueError, TypeError, KeyError):
        return base
    if not 2 <= len(options) <= 6:
        return base
    return replace(base, stem=row.stem, options=options, exhibit=exhibit, key=row.key,
                   explanation=row.explanation if row.explanation is not None else base.explanation)
