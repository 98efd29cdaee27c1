"""The user's attempts: created from a form, written action by action, read back
for resuming, reports and the history."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..core.assembly import FormItem
from ..core.session import Change, ExamSession, ItemState, Phase
from .database import session_factory, sqlite_engine
from .models import Attempt, AttemptItem, UserBase, UserMeta

log = logging.getLogger(__name__)
USER_DB = "cpim-sim.sqlite"
SCHEMA_VERSION = "1"
STATUS_OF_PHASE = {Phase.FINISHED: "finished", Phase.EXPIRED: "expired"}


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class AttemptStore:
    def __init__(self, folder: Path) -> None:
        self.path = folder / USER_DB
        self.engine = sqlite_engine(self.path)
        self.Session = session_factory(self.engine)
        UserBase.metadata.create_all(self.engine)
        with self.Session.begin() as db:
            if db.get(UserMeta, "schema_version") is None:
                db.add(UserMeta(name="schema_version", value=SCHEMA_VERSION))
        self.write_error: str | None = None  # the last failed write, until one succeeds

    def close(self) -> None:
        self.engine.dispose()

    # --- writing ---------------------------------------------------------------
    def create(self, form: list[FormItem], *, candidate: str, title: str, mode: str, seed: int,
               allowed_s: float, extra_time_pct: float, onvue: bool, passing_theta: float,
               domains: list[str]) -> int:
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

    def recorder(self, attempt_id: int):
        """A session listener that writes each change as it happens, in one short
        transaction. A write that fails (full disk, read-only folder) is kept in
        mind and the whole attempt is written again with the next one."""
        flush_all = False

        def record(session: ExamSession, change: Change, payload: object) -> None:
            nonlocal flush_all
            if change is Change.TICK or change is Change.WARNING:
                return
            if change is Change.PHASE and payload in STATUS_OF_PHASE:
                return  # finish() writes the end, with the score, in one go
            positions = range(len(session)) if flush_all else (
                [payload] if change is Change.ITEM else [])
            try:
                self._write(attempt_id, session, positions)
            except SQLAlchemyError as exc:
                flush_all = True
                self.write_error = str(exc.orig if hasattr(exc, "orig") else exc)
                log.error("could not save attempt %s: %s", attempt_id, self.write_error)
            else:
                flush_all = False
                self.write_error = None

        return record

    def _write(self, attempt_id: int, session: ExamSession, positions) -> None:
        with self.Session.begin() as db:
            for p in positions:
                s = session.states[p]
                db.execute(update(AttemptItem)
                           .where(AttemptItem.attempt_id == attempt_id, AttemptItem.position == p)
                           .values(response=s.response, flagged=s.flagged, visited=s.visited,
                                   seconds=s.seconds, struck="".join(sorted(s.struck))))
            db.execute(update(Attempt).where(Attempt.id == attempt_id).values(
                time_used_s=session.used(), position=session.position, phase=session.phase.value))

    def finish(self, attempt_id: int, session: ExamSession, *, scaled: int, passed: bool,
               raw_correct: int, raw_cut: float) -> None:
        self._write(attempt_id, session, range(len(session)))
        with self.Session.begin() as db:
            db.execute(update(Attempt).where(Attempt.id == attempt_id).values(
                status=STATUS_OF_PHASE.get(session.phase, "finished"), finished_at=utc_now(),
                scaled_score=scaled, passed=passed, raw_correct=raw_correct, raw_cut=raw_cut))

    def delete(self, attempt_id: int) -> None:
        with self.Session.begin() as db:
            db.execute(delete(Attempt).where(Attempt.id == attempt_id))

    # --- reading ---------------------------------------------------------------
    def get(self, attempt_id: int) -> Attempt | None:
        with self.Session() as db:
            attempt = db.get(Attempt, attempt_id)
            if attempt is not None:
                attempt.items  # noqa: B018 - load the items before the session closes
            return attempt

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


def states_of(attempt: Attempt) -> list[ItemState]:
    return [ItemState(response=row.response, flagged=row.flagged, visited=row.visited,
                      seconds=row.seconds, struck=set(row.struck)) for row in attempt.items]
