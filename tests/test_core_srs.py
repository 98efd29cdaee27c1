"""Spaced repetition in the core: the rating of an answer, due today, replay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from fsrs import Rating

from simulator.core import srs

T = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_wrong_is_again_right_is_good():
    assert srs.rating(False) is Rating.Again
    assert srs.rating(True) is Rating.Good


def test_a_missed_item_is_due_again_today_a_right_one_days_later():
    missed = srs.review(None, srs.Review("X", False, T))
    right = srs.review(None, srs.Review("Y", True, T))
    assert srs.due_today(missed.due, T, UTC)
    assert not srs.due_today(right.due, T, UTC)
    assert (right.due - T) >= timedelta(days=1)


def test_time_taken_does_not_change_the_schedule():
    quick = srs.review(None, srs.Review("X", True, T, seconds=5))
    slow = srs.review(None, srs.Review("X", True, T, seconds=500))
    assert quick.due == slow.due and quick.stability == slow.stability


def test_due_today_ends_at_local_midnight_not_in_24_hours():
    tz = timezone(timedelta(hours=-5))  # 04:00 local when it is 09:00 UTC
    assert srs.end_of_day(T, tz) == datetime(2026, 12, 2, 0, 0, tzinfo=tz)
    assert srs.due_today(T + timedelta(hours=19, minutes=59), T, tz)
    assert not srs.due_today(T + timedelta(hours=20), T, tz)


def test_replay_is_the_same_card_as_reviewing_step_by_step():
    answers = [srs.Review("X", ok, T + timedelta(days=d)) for ok, d in ((False, 0), (True, 0.01), (True, 3))]
    card = None
    for a in answers:
        card = srs.review(card, a)
    replayed = srs.replay("X", answers)
    assert srs.to_json(card) == srs.to_json(replayed)
    assert srs.replay("X", []) is None


def test_schedule_change_says_what_is_due_when():
    dues = [T + timedelta(minutes=10)] * 7 + [T + timedelta(days=d) for d in (3, 5, 9)]
    change = srs.schedule_change(dues, T, UTC)
    assert (change.due_today, change.later, change.min_days, change.max_days) == (7, 3, 3, 9)
    assert change.describe() == "7 items due again today, 3 scheduled 3-9 days out"
