"""The spaced-repetition tables: cards (one per item) and review logs (one per answer
that reviewed a card). Every read and write of them is here.

Writes take the caller's open SQLAlchemy session, so a review goes into the same
transaction as what caused it: a practice answer with its response, an exam's
reviews with its score, a deleted attempt with the rebuilding of the cards it
touched. The logs are the truth and the cards a cache of them: a card is always
what replaying its item's remaining logs, oldest first, gives (core/srs.py keeps the
scheduler deterministic for that). Reads for Home and the command line are single
aggregate queries on a plain sqlite3 connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from fsrs import Card as FsrsCard

from ..core import srs

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class Answered:
    """An answer to review: its place in the attempt, the item, right or wrong."""

    position: int
    item_id: str
    correct: bool
    seconds: float = 0.0


def stamp(moment: datetime) -> str:
    """UTC, fixed width, so that text order is time order in SQL."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


# --- writing (inside the caller's transaction) ----------------------------------------

def record(db: Session, attempt_id: int, answers: Sequence[Answered], at: datetime) -> int:
    """Review the card of each answer not yet logged for this attempt and position
    (a retried write, a resumed practice or a re-scored exam adds nothing twice).
    Returns how many were new."""
    from sqlalchemy import select

    from .models import ReviewLog
    if not answers:
        return 0
    logged = set(db.scalars(select(ReviewLog.position).where(ReviewLog.attempt_id == attempt_id)))
    new = 0
    for answer in answers:
        if answer.position in logged:
            continue
        db.add(ReviewLog(attempt_id=attempt_id, position=answer.position, item_id=answer.item_id,
                         correct=answer.correct, rating=int(srs.rating(answer.correct)),
                         reviewed_at=stamp(at), seconds=float(answer.seconds)))
        _store(db, answer.item_id, srs.review(_card(db, answer.item_id),
                                              srs.Review(answer.item_id, answer.correct, at, answer.seconds)))
        new += 1
    db.flush()
    return new


def forget_attempt(db: Session, attempt_id: int) -> list[str]:
    """Delete an attempt's review logs and rebuild the cards they touched from the logs
    that remain; returns those items. Call it in the transaction that deletes the attempt."""
    from sqlalchemy import delete, select

    from .models import ReviewLog
    touched = sorted(set(db.scalars(select(ReviewLog.item_id).where(ReviewLog.attempt_id == attempt_id))))
    db.execute(delete(ReviewLog).where(ReviewLog.attempt_id == attempt_id))
    rebuild(db, touched)
    return touched


def rebuild(db: Session, item_ids: Iterable[str]) -> None:
    """Each item's card as its logs make it, replayed in order; no logs, no card."""
    from sqlalchemy import delete, select

    from .models import Card, ReviewLog
    for item_id in item_ids:
        logs = db.execute(select(ReviewLog.correct, ReviewLog.reviewed_at, ReviewLog.seconds)
                          .where(ReviewLog.item_id == item_id)
                          .order_by(ReviewLog.reviewed_at, ReviewLog.id)).all()
        card = srs.replay(item_id, [srs.Review(item_id, bool(c), parse(at), float(s)) for c, at, s in logs])
        if card is None:
            db.execute(delete(Card).where(Card.item_id == item_id))
        else:
            _store(db, item_id, card)


def _card(db: Session, item_id: str) -> FsrsCard | None:
    from .models import Card
    row = db.get(Card, item_id)
    return srs.from_json(row.card_json) if row is not None else None


def _store(db: Session, item_id: str, card: FsrsCard) -> None:
    from .models import Card
    values = {"due": stamp(card.due), "state": int(card.state), "card_json": srs.to_json(card),
              "last_review": stamp(card.last_review or card.due)}
    row = db.get(Card, item_id)
    if row is None:
        db.add(Card(item_id=item_id, **values))
        return
    for name, value in values.items():
        setattr(row, name, value)


# --- reading (plain sqlite3, one query each) -------------------------------------------

def due_count(db: sqlite3.Connection, before: datetime) -> int:
    """Cards due before `before` (the end of the local day, for "due today")."""
    return int(db.execute("SELECT COUNT(*) FROM cards WHERE due < ?", (stamp(before),)).fetchone()[0])


def due_items(db: sqlite3.Connection, before: datetime) -> list[str]:
    return [r[0] for r in db.execute("SELECT item_id FROM cards WHERE due < ? ORDER BY due, item_id",
                                     (stamp(before),))]


def schedule_of(db: sqlite3.Connection, attempt_id: int) -> dict[str, datetime]:
    """The due time now of each card the attempt reviewed (a practice set's summary)."""
    rows = db.execute("SELECT c.item_id, c.due FROM cards c WHERE c.item_id IN "
                      "(SELECT item_id FROM review_logs WHERE attempt_id = ?)", (attempt_id,)).fetchall()
    return {item_id: parse(due) for item_id, due in rows}


def reviews_of(db: sqlite3.Connection, attempt_id: int) -> int:
    return int(db.execute("SELECT COUNT(*) FROM review_logs WHERE attempt_id = ?", (attempt_id,
                                                                                    )).fetchone()[0])


def all_cards(db: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """item id -> (due, card JSON): for tests that compare whole schedules."""
    return {r[0]: (r[1], r[2]) for r in db.execute("SELECT item_id, due, card_json FROM cards")}
