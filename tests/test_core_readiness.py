"""Readiness in the core: which answers count, the estimate, the minimum."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from simulator.core import readiness as rd

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def answers(n, right, b=0.0, at=NOW):
    return [rd.Answer(f"I{k}", b, k < right, at) for k in range(n)]


def test_below_the_minimum_there_is_no_number():
    assert rd.estimate(answers(rd.MIN_ANSWERS - 1, 20), 0.7) is None
    assert rd.estimate(answers(rd.MIN_ANSWERS, 20), 0.7) is not None


def test_half_right_on_items_of_difficulty_zero_is_ability_zero():
    r = rd.estimate(answers(100, 50), 0.0)
    assert r.theta == pytest.approx(0.0, abs=1e-6)
    assert r.se == pytest.approx(0.2, abs=1e-6)  # 1 / sqrt(100 x 0.25)
    assert r.p_pass == pytest.approx(0.5, abs=1e-6)
    assert r.low == pytest.approx(-1.645 * 0.2, abs=1e-3) and r.high == pytest.approx(1.645 * 0.2, abs=1e-3)


def test_all_right_is_finite_and_very_likely_a_pass():
    r = rd.estimate(answers(40, 40), 0.7)
    assert 2.0 < r.theta < rd.THETA_BOUND and r.p_pass > 0.9


def test_more_right_answers_mean_more_ability():
    thetas = [rd.estimate(answers(60, k), 0.7).theta for k in (10, 30, 50)]
    assert thetas == sorted(thetas)


def test_each_item_counts_once_by_its_first_answer_and_old_ones_drop_out():
    history = [rd.Answer("A", 0.0, False, NOW - timedelta(days=5)),
               rd.Answer("A", 0.0, True, NOW - timedelta(days=1)),
               rd.Answer("B", 0.0, True, NOW - timedelta(days=rd.RECENT_DAYS + 1))]
    counted = rd.counted_answers(history, NOW)
    assert [(a.item_id, a.correct) for a in counted] == [("A", False)]
