"""The user's attempts: created from a form, written action by action, read back
for resuming, reports and the history.

Writes that fail (a full disk, a folder gone read-only, a locked file) do not stop
the exam: the store remembers which attempt could not be written, reports the
failure to its observers (on_write_state), and writes the whole attempt again with
the next change, the next clock checkpoint (every 5 s of exam time) or retry().
Until then get() shows the attempt as the program knows it, not as the disk has it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..core.assembly import FormItem
from ..core.session import Change, ExamSession, ItemState, Phase
from .backups import make_backup
from .database import session_factory, sqlite_engine
from .migrations import CURRENT_VERSION
from .models import Attempt, AttemptItem
from .userdb import USER_DB, create_schema, open_user_db, probe_database, unwritable  # noqa: F401 - USER_DB is re-exported

log = logging.getLogger(__name__)
SCHEMA_VERSION = str(CURRENT_VERSION)
STATUS_OF_PHASE = {Phase.FINISHED: "finished", Phase.EXPIRED: "expired"}
WRITE_ERRORS = (SQLAlchemyError, sqlite3.Error, OSError)

WriteStateListener = Callable[[str | None], None]


class WriteFailed(Exception):
    """A new attempt could not be created: nothing of it is saved."""


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "orig", None) or exc)


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
        self.engine = sqlite_engine(self.path)
        self.Session = session_factory(self.engine)
        self.write_error: str | None = None  # the last failed write, until everything is written
        self._listeners: list[WriteStateListener] = []
        self._unsaved: dict[int, ExamSession] = {}          # attempts to write again, whole
        self._final: dict[int, dict[str, Any]] = {}         # finish() values not written yet
        self._unsaved_settings: dict[int, dict[str, Any]] = {}

    def close(self) -> None:
        self.engine.dispose()

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
                self._try(attempt_id, session, lambda a=attempt_id, s=session: self._write(a, s, range(len(s))))
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
            except Exception:  # noqa: BLE001 - an observer's bug must not stop the saving
                log.exception("write-state observer failed")

    def _try(self, attempt_id: int, session: ExamSession, write: Callable[[], None]) -> bool:
        try:
            write()
        except WRITE_ERRORS as exc:
            self._unsaved[attempt_id] = session
            log.error("could not save attempt %s: %s", attempt_id, _reason(exc))
            self._set_error(_reason(exc))
            return False
        self._unsaved.pop(attempt_id, None)
        if not self.pending:
            self._set_error(None)
        return True

    # --- writing ---------------------------------------------------------------
    def create(self, form: list[FormItem], *, candidate: str, title: str, mode: str, seed: int,
               allowed_s: float, extra_time_pct: float, onvue: bool, passing_theta: float,
               domains: list[str]) -> int:
        try:
            with self.Session.begin() as db:
                attempt = Attempt(
                    started_at=utc_now(), status="in_progress", candidate=candidate, title=title, mode=mode,
                    form_seed=seed, time_allowed_s=allowed_s, extra_time_pct=extra_time_pct, onvue=onvue,
                    phase=Phase.ITEMS.value, position=0, passing_theta=passing_theta,
                    domains_json=json.dumps(domains),
                    items=[AttemptItem(position=f.position, item_id=f.item.id, domain=f.item.domain,
                                       key=f.item.key, difficulty=f.item.difficulty, pretest=f.pretest)
                           for f in form])
                db.add(attempt)
                db.flush()
                return attempt.id
        except WRITE_ERRORS as exc:
            log.error("could not create an attempt: %s", _reason(exc))
            raise WriteFailed(f"The exam cannot be saved in {self.path.parent}: {_reason(exc)}. "
                              "Free some disk space or choose another data folder.") from None

    def recorder(self, attempt_id: int):
        """A session listener that writes each change as it happens, in one short
        transaction. After a failed write the whole attempt is written with the next
        change or clock checkpoint, and observers hear of both (on_write_state)."""

        def record(session: ExamSession, change: Change, payload: object) -> None:
            if change is Change.TICK or change is Change.WARNING or attempt_id in self._final:
                return
            if change is Change.PHASE and payload in STATUS_OF_PHASE:
                return  # finish() writes the end, with the score, in one go
            positions = range(len(session)) if attempt_id in self._unsaved else (
                [payload] if change is Change.ITEM else [])
            self._try(attempt_id, session, lambda: self._write(attempt_id, session, positions))

        return record

    def _write(self, attempt_id: int, session: ExamSession, positions, final: dict[str, Any] | None = None) -> None:
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

    def finish(self, attempt_id: int, session: ExamSession, *, scaled: int, passed: bool,
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
        ok = self._try(attempt_id, session, lambda: self._write(attempt_id, session, range(len(session)), values))
        if not ok:
            self._final[attempt_id] = {"session": session, **values}
            return False
        self.backup("finished")
        return True

    def backup(self, label: str) -> Path | None:
        """A backup in DATA/backups/ (the newest 10 are kept); None if it failed,
        which is logged and otherwise ignored: the database itself is fine."""
        try:
            return make_backup(self.path, label)
        except (OSError, sqlite3.Error) as exc:
            log.warning("could not back up %s: %s", self.path, exc)
            return None

    def save_settings(self, attempt_id: int, settings: dict[str, Any]) -> bool:
        """Remember the colour scheme, text size ... of one attempt (a JSON object)."""
        try:
            with self.Session.begin() as db:
                db.execute(update(Attempt).where(Attempt.id == attempt_id)
                           .values(settings_json=json.dumps(settings, sort_keys=True)))
        except WRITE_ERRORS as exc:
            self._unsaved_settings[attempt_id] = dict(settings)
            self._set_error(_reason(exc))
            return False
        self._unsaved_settings.pop(attempt_id, None)
        if not self.pending:
            self._set_error(None)
        return True

    def settings(self, attempt_id: int) -> dict[str, Any]:
        if attempt_id in self._unsaved_settings:
            return dict(self._unsaved_settings[attempt_id])
        with self.Session() as db:
            text = db.scalar(select(Attempt.settings_json).where(Attempt.id == attempt_id))
        try:
            value = json.loads(text or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def delete(self, attempt_id: int) -> None:
        with self.Session.begin() as db:
            db.execute(delete(Attempt).where(Attempt.id == attempt_id))

    # --- reading ---------------------------------------------------------------
    def get(self, attempt_id: int) -> Attempt | None:
        """The attempt as the program knows it: what is stored, with what could not
        be written yet laid over it (a detached copy; changing it changes nothing)."""
        with self.Session() as db:
            attempt = db.get(Attempt, attempt_id)
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
                row.response, row.flagged, row.visited, row.seconds = s.response, s.flagged, s.visited, s.seconds
                row.struck, row.highlights = "".join(sorted(s.struck)), encode_highlights(s.highlights)
        attempt.time_used_s, attempt.position, attempt.phase = session.used(), session.position, session.phase.value
        for name, value in final.items():
            setattr(attempt, name, value)

    def last_id(self) -> int | None:
        with self.Session() as db:
            return db.scalar(select(func.max(Attempt.id)))

    def unfinished(self) -> Attempt | None:
        with self.Session() as db:
            attempt_id = db.scalar(select(Attempt.id).where(Attempt.status == "in_progress")
                                   .order_by(Attempt.id.desc()).limit(1))
        return self.get(attempt_id) if attempt_id is not None else None

    def all(self) -> list[Attempt]:
        with self.Session() as db:
            return list(db.scalars(select(Attempt).order_by(Attempt.id)).all())

    def last_seen(self) -> dict[str, float]:
        """For exposure control: each item's most recent attempt id (higher is more recent)."""
        with self.Session() as db:
            rows = db.execute(select(AttemptItem.item_id, func.max(AttemptItem.attempt_id))
                              .group_by(AttemptItem.item_id)).all()
        return {item_id: float(attempt_id) for item_id, attempt_id in rows}


def encode_highlights(spans) -> str:  # noqa: ANN001
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

