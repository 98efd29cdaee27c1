"""Time for the exam: a monotonic source behind a small interface, so the
countdown ignores changes of the wall clock and tests can run 210 minutes in
microseconds with a fake."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale; only differences mean anything."""


class WallClock(Protocol):
    def wall(self) -> datetime:
        """The date and time now (timezone-aware, UTC): for schedules that live in
        calendar days, such as spaced repetition."""


class MonotonicClock:
    def now(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock the tests move by hand."""

    # The wall time at the start; it moves with advance(), so tests move days in microseconds.
    WALL_START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def __init__(self, start: float = 1000.0, wall: datetime | None = None) -> None:
        self._now = start
        self._start = start
        self._wall = wall or self.WALL_START

    def now(self) -> float:
        return self._now

    def wall(self) -> datetime:
        return self._wall + timedelta(seconds=self._now - self._start)

    def advance(self, seconds: float) -> None:
        self._now += seconds


class Countdown:
    """Time allowed, time used so far (carried over from a saved attempt), and
    whether it is running now."""

    def __init__(self, clock: Clock, allowed_s: float, used_s: float = 0.0) -> None:
        self.clock = clock
        self.allowed_s = float(allowed_s)
        self._used_before = float(used_s)
        self._started_at: float | None = None

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def start(self) -> None:
        if self._started_at is None:
            self._started_at = self.clock.now()

    def stop(self) -> None:
        if self._started_at is not None:
            self._used_before = self.used()
            self._started_at = None

    def used(self) -> float:
        running = 0.0 if self._started_at is None else max(0.0, self.clock.now() - self._started_at)
        return min(self.allowed_s, self._used_before + running)

    def remaining(self) -> float:
        return max(0.0, self.allowed_s - self.used())

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0


def hms(seconds: float) -> str:
    """3:29:51 style, rounding up so that the display reads 0:00:00 only at zero."""
    whole = int(-(-seconds // 1)) if seconds > 0 else 0
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
