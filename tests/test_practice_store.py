"""Practice and spaced repetition through the real store, with a fake clock."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from simulator.app import practice
from simulator.app.practice import PracticeOptions
from simulator.core.practice import PracticeError
from simulator.core.srs import due_today, end_of_day
from simulator.storage import cards
from simulator.workspace import ExamOptions

DAY = 24 * 3600.0


def sit_exam(ws, clock, n=10, seed=1, right=lambda k: k % 2 == 0):
    """A short exam, item k answered right when right(k), then ended and scored."""
    run = ws.new_exam(ExamOptions(items=n, seed=seed), clock)
    ws.begin(run)
    s = run.session
    for k, f in enumerate(s.form):
        s.goto(k)
        wrong = next(letter for letter in "ABCD" if letter != f.item.key)
        s.answer(f.item.key if right(k) else wrong)
        clock.advance(30)
    s.end()
    return run, ws.finish(run)


def start_practice(ws, clock, **options):
    run = practice.new_practice(ws, PracticeOptions(**options), clock)
    ws.begin(run)
    return run


def answer(session, position, right):
    f = session.form[position]
    session.goto(position)
    session.answer(f.item.key if right else next(x for x in "ABCD" if x != f.item.key))


def card_due(ws, item_id):
    return cards.parse(cards.all_cards(ws.store.db)[item_id][0])


def test_a_missed_item_is_due_again_today_a_right_one_days_later(workspace, clock):
    run = start_practice(workspace, clock, source="all", items=4, seed=3)
    s = run.session
    answer(s, 0, right=False)
    answer(s, 1, right=True)
    now = clock.wall()
    missed, right = s.form[0].item.id, s.form[1].item.id
    # written at the answer: the cards are there before the set ends
    assert due_today(card_due(workspace, missed), now)
    assert not due_today(card_due(workspace, right), now)
    assert card_due(workspace, right) - now >= timedelta(days=1)
    assert missed in practice.due_today(workspace, now) and right not in practice.due_today(workspace, now)
    clock.advance(3 * DAY)  # days later the right one is due too
    assert right in practice.due_today(workspace, clock.wall())


def test_the_answer_and_its_card_are_one_transaction(workspace, clock):
    run = start_practice(workspace, clock, source="all", items=2, seed=3)
    answer(run.session, 0, right=True)
    db = sqlite3.connect(workspace.store.path)
    logged = db.execute("SELECT COUNT(*) FROM review_logs").fetchone()[0]
    responses = db.execute("SELECT COUNT(*) FROM attempt_items WHERE response IS NOT NULL").fetchone()[0]
    db.close()
    assert logged == responses == 1


def test_an_exam_updates_the_cards_when_it_is_scored(workspace, clock):
    run = workspace.new_exam(ExamOptions(items=6, seed=2), clock)
    workspace.begin(run)
    s = run.session
    for k in range(6):
        answer(s, k, right=k < 3)
    assert cards.all_cards(workspace.store.db) == {}  # not while the exam runs
    s.end()
    report = workspace.finish(run)
    assert len(cards.all_cards(workspace.store.db)) == 6
    assert report["kind"] == "exam" and report["scaled_score"] is not None


def test_a_resumed_practice_keeps_the_schedule(workspace, clock, data_dir):
    from simulator.workspace import Workspace
    run = start_practice(workspace, clock, source="all", items=5, seed=4)
    answer(run.session, 0, right=False)
    answer(run.session, 1, right=True)
    before = cards.all_cards(workspace.store.db)
    run.session.suspend()
    workspace.close()

    ws = Workspace(data_dir)
    try:
        attempt = ws.unfinished()
        assert attempt is not None and attempt.kind == "practice"
        resumed = ws.resume(attempt, clock)
        s = resumed.session
        s.resume()
        assert s.kind == "practice" and s.states[0].response is not None
        assert cards.all_cards(ws.store.db) == before  # resuming reviews nothing again
        s.answer("A")  # a shown answer is locked: no second review
        answer(s, 2, right=True)
        after = cards.all_cards(ws.store.db)
        assert {k: v for k, v in after.items() if k in before} == before and len(after) == 3
        s.end()
        report = ws.finish(resumed)
        assert report["kind"] == "practice" and report["scaled_score"] is None and report["passed"] is None
        assert cards.all_cards(ws.store.db) == after
    finally:
        ws.close()


def test_deleting_an_attempt_leaves_the_cards_as_if_it_had_never_been(workspace, clock, tmp_path, built_bank):
    import shutil

    from simulator.storage.bank import BANK_FILE
    from simulator.workspace import Workspace
    twin_dir = tmp_path / "twin"
    twin_dir.mkdir()
    shutil.copy(built_bank, twin_dir / BANK_FILE)
    twin = Workspace(twin_dir)
    twin_clock = type(clock)()
    try:
        # The same history in both folders, except one practice set in the middle.
        for ws, c, with_extra in ((workspace, clock, True), (twin, twin_clock, False)):
            sit_exam(ws, c, n=8, seed=5)
            c.advance(DAY)
            if with_extra:
                run = start_practice(ws, c, source="all", items=6, seed=9)
                for k in range(6):
                    answer(run.session, k, right=k % 3 == 0)
                run.session.end()
                ws.finish(run)
                extra_id = run.attempt_id
            c.advance(DAY)
            sit_exam(ws, c, n=8, seed=5, right=lambda k: k % 3 != 0)
        assert cards.all_cards(workspace.store.db) != cards.all_cards(twin.store.db)
        workspace.delete(extra_id)
        assert cards.all_cards(workspace.store.db) == cards.all_cards(twin.store.db)
    finally:
        twin.close()


def test_a_practice_from_missed_holds_only_items_answered_wrong_before(workspace, clock):
    _run, report = sit_exam(workspace, clock, n=60, seed=11, right=lambda k: k % 3 == 0)
    missed = {it["item_id"] for it in report["items"] if not it["correct"]}
    assert len(missed) == 40
    run = start_practice(workspace, clock, source="missed", items=20, seed=1)
    ids = [f.item.id for f in run.session.form]
    assert len(ids) == 20 and set(ids) <= missed


def test_an_empty_source_says_why(workspace, clock):
    with pytest.raises(PracticeError, match="no missed items"):
        practice.new_practice(workspace, PracticeOptions(source="missed"), clock)


def test_progress_counts_answers_readiness_and_due(workspace, clock):
    empty = practice.progress(workspace, clock.wall())
    assert empty["readiness"] is None and empty["answers"] == 0 and empty["due_today"] == 0
    sit_exam(workspace, clock, n=40, seed=3, right=lambda k: k % 4 != 0)
    p = practice.progress(workspace, clock.wall())
    assert p["sittings"] == 1 and p["answers"] == 40 and p["coverage"]["seen"] == 40
    assert p["due_today"] == 10  # the ten missed
    r = p["readiness"]
    assert set(r) == {"p_pass", "low", "high", "theta", "se"} and r["low"] < r["theta"] < r["high"]
    assert sum(d["answered"] for d in p["domains"]) == 40
    assert len(p["study_next"]) == 3
    assert end_of_day(clock.wall()) > clock.wall()


def test_the_summary_says_what_changed_in_the_schedule(workspace, clock):
    run = start_practice(workspace, clock, source="all", items=5, seed=2)
    for k in range(5):
        answer(run.session, k, right=k >= 2)
    run.session.end()
    workspace.finish(run)
    s = practice.summary(workspace, run.attempt_id, clock.wall())
    assert (s["right"], s["wrong"], s["due_today"], s["later"]) == (3, 2, 2, 3)
    assert s["schedule"].startswith("2 items due again today, 3 scheduled 2 days out")
