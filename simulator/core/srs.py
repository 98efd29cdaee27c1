"""Spaced repetition: what an answer means to the FSRS scheduler, and what "due today" is.

The algorithm is the `fsrs` package's (FSRS v6, Anki's scheduler); this module holds
only the decisions that are ours:

- The rating of an answer: wrong is Again, right is Good. Neither the time taken nor
  a flag changes it. Time on an item says more about the length of its stem and its
  arithmetic than about recall, and a flag is as often "come back to this" as "I am
  unsure"; a rating that moved with either would move the schedule on noise. An item
  left unanswered gets no rating at all (it was not recalled, nor tried).
- One learning step of 10 minutes, one relearning step of 10 minutes, no fuzzing. A
  first right answer graduates at once (due in about 2 days, then longer); a wrong one
  comes back 10 minutes later, i.e. later the same day. Without fuzz the schedule is a
  pure function of the review history, so deleting an attempt and replaying the
  remaining reviews gives exactly the cards that would exist had it never been.
- "Due today" is due before the end of the candidate's local day (Anki's rule), not
  within 24 hours.

No Qt, no database: cards go in and out as JSON text (storage/cards.py keeps them).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from fsrs import Card, Rating, Scheduler

LEARNING_STEPS = (timedelta(minutes=10),)
RELEARNING_STEPS = (timedelta(minutes=10),)
DESIRED_RETENTION = 0.9

_scheduler: Scheduler | None = None


def scheduler() -> Scheduler:
    global _scheduler
    if _scheduler is None:
        _scheduler = Scheduler(desired_retention=DESIRED_RETENTION, learning_steps=LEARNING_STEPS,
                               relearning_steps=RELEARNING_STEPS, enable_fuzzing=False)
    return _scheduler


def rating(correct: bool) -> Rating:
    """The one mapping from an answer to a rating (see the module's docstring)."""
    return Rating.Good if correct else Rating.Again


@dataclass(frozen=True, slots=True)
class Review:
    """One answer as the scheduler sees it."""

    item_id: str
    correct: bool
    at: datetime          # timezone-aware
    seconds: float = 0.0  # kept in the log; does not change the rating


def card_id(item_id: str) -> int:
    """A stable number per item (fsrs wants an int; its default reads the clock)."""
    return zlib.crc32(item_id.encode("utf-8"))


def new_card(item_id: str, at: datetime) -> Card:
    return Card(card_id=card_id(item_id), due=at)


def review(card: Card | None, answer: Review) -> Card:
    """The card after one more answer (a new card if there was none)."""
    current = card if card is not None else new_card(answer.item_id, answer.at)
    updated, _log = scheduler().review_card(current, rating(answer.correct), answer.at,
                                            round(answer.seconds * 1000))
    return updated


def replay(item_id: str, answers: Iterable[Review]) -> Card | None:
    """The card that a history of answers (in order) makes; None for no answers."""
    card: Card | None = None
    for answer in answers:
        card = review(card, answer)
    return card


def to_json(card: Card) -> str:
    return str(card.to_json())


def from_json(text: str) -> Card:
    return Card.from_json(text)


def end_of_day(now: datetime, tz: tzinfo | None = None) -> datetime:
    """The first instant of tomorrow in the local time zone (tz None: the system's)."""
    local = now.astimezone(tz)
    tomorrow = local.date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(0, 0), tzinfo=local.tzinfo)


def due_today(due: datetime, now: datetime, tz: tzinfo | None = None) -> bool:
    return due < end_of_day(now, tz)


@dataclass(frozen=True, slots=True)
class ScheduleChange:
    """What a practice set did to the schedule, for its summary."""

    due_today: int            # items of the set due again before the day ends
    later: int                # items scheduled for a later day
    min_days: int             # the nearest and farthest of those later days (0 when none)
    max_days: int

    def describe(self) -> str:
        parts = []
        if self.due_today:
            parts.append(f"{self.due_today} item{'s' if self.due_today != 1 else ''} due again today")
        if self.later:
            span = (f"{self.min_days} day{'s' if self.min_days != 1 else ''}"
                    if self.min_days == self.max_days
                    else f"{self.min_days}-{self.max_days} days")
            parts.append(f"{self.later} scheduled {span} out")
        return ", ".join(parts) if parts else "no change to the schedule"


def schedule_change(dues: Sequence[datetime], now: datetime, tz: tzinfo | None = None) -> ScheduleChange:
    """Summarise the due dates of the cards a practice set touched."""
    today_end = end_of_day(now, tz)
    today = sum(1 for d in dues if d < today_end)
    local_today = now.astimezone(tz).date()
    days = sorted((d.astimezone(tz).date() - local_today).days for d in dues if d >= today_end)
    return ScheduleChange(today, len(days), days[0] if days else 0, days[-1] if days else 0)
