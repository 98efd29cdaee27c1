"""A shorter custom exam gets the real pace, 1.4 minutes an item, unless --minutes says otherwise."""

from __future__ import annotations

from simulator.workspace import ExamOptions


def test_items_without_minutes_get_the_real_pace(workspace, clock):
    run = workspace.new_exam(ExamOptions(seed=3, items=10), clock)
    assert run.session.countdown.allowed_s == 14 * 60
    report_pace = run.session.countdown.allowed_s / len(run.session)
    assert report_pace == 84.0  # 1.4 minutes, not 1,260 s


def test_minutes_and_extra_time_still_rule(workspace, clock):
    assert workspace.new_exam(ExamOptions(seed=3, items=10, minutes=30),
                              clock).session.countdown.allowed_s == 1800
    extra = workspace.new_exam(ExamOptions(seed=3, items=10, extra_time_pct=50), clock)
    assert extra.session.countdown.allowed_s == 21 * 60
    full = workspace.new_exam(ExamOptions(seed=3), clock)
    assert len(full.session) == 150 and full.session.countdown.allowed_s == 210 * 60
