"""Choosing a practice set: sources, filters, weakest first, repeatability."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.core.items import Item
from simulator.core.practice import ItemHistory, PracticeError, choose, standings, study_next

SUBTOPICS = [("D1", "s1"), ("D1", "s2"), ("D2", "s3"), ("D2", "s4"), ("D3", "s5")]


def bank(per_subtopic: int = 10) -> list[Item]:
    return [Item(id=f"{sub}-{k:02d}", domain=dom, subtopic=sub, level="recall", difficulty=0.0,
                 stem="?", options=("a", "b", "c", "d"), key="A", explanation="")
            for dom, sub in SUBTOPICS for k in range(per_subtopic)]


def test_missed_holds_only_items_answered_wrong_before():
    items = bank()
    hist = {it.id: ItemHistory(it.id, answers=1, wrong=int(k % 3 == 0), last_correct=k % 3 != 0)
            for k, it in enumerate(items)}
    chosen = choose("missed", items, hist, n=20, seed=1)
    assert len(chosen) == 17 and all(hist[it.id].wrong for it in chosen)


def test_flagged_due_and_filters():
    items = bank()
    hist = {"s1-00": ItemHistory("s1-00", flagged=True), "s3-01": ItemHistory("s3-01", flagged=True)}
    assert {it.id for it in choose("flagged", items, hist)} == {"s1-00", "s3-01"}
    assert [it.id for it in choose("flagged", items, hist, domains=["D2"])] == ["s3-01"]
    assert {it.id for it in choose("due", items, {}, due={"s5-03", "s2-04"})} == {"s5-03", "s2-04"}
    assert {it.subtopic for it in choose("all", items, {}, subtopics=["s4"], n=50)} == {"s4"}


def test_empty_sources_and_bad_names_say_why():
    with pytest.raises(PracticeError, match="no missed items"):
        choose("missed", bank(), {})
    with pytest.raises(PracticeError, match="no items are due"):
        choose("due", bank(), {})
    with pytest.raises(PracticeError, match="no domain named 'Nope'"):
        choose("all", bank(), {}, domains=["Nope"])
    with pytest.raises(PracticeError, match="unknown practice source"):
        choose("often", bank(), {})


def test_the_seed_makes_the_draw_repeatable():
    a = [it.id for it in choose("all", bank(), {}, n=12, seed=5)]
    assert a == [it.id for it in choose("all", bank(), {}, n=12, seed=5)]
    assert a != [it.id for it in choose("all", bank(), {}, n=12, seed=6)]


def test_few_answers_count_as_unknown_not_strong():
    items = bank()
    # s1: two right answers only; s2: twenty answers, 8 of 10 items right.
    hist = {"s1-00": ItemHistory("s1-00", 1, 0, last_correct=True),
            "s1-01": ItemHistory("s1-01", 1, 0, last_correct=True)}
    hist.update({f"s2-{k:02d}": ItemHistory(f"s2-{k:02d}", 2, 0, last_correct=k < 8) for k in range(10)})
    ranks = {s.subtopic: s.deficit for s in standings(items, hist, passing_theta=0.0)}
    assert ranks["s1"] > ranks["s2"]  # two lucky answers are not a record of strength
    assert ranks["s3"] == pytest.approx(0.25)  # never answered: unknown
    assert next(s.subtopic for s in study_next(items, hist, 0.0, n=3)) in {"s3", "s4", "s5"}


@settings(max_examples=60, deadline=None)
@given(rates=st.lists(st.integers(0, 10), min_size=len(SUBTOPICS), max_size=len(SUBTOPICS)),
       n=st.integers(1, 50), seed=st.integers(0, 1000))
def test_weakest_first_draws_from_the_lowest_subtopics(rates, n, seed):
    items = bank()
    # Every item answered once; `rate` of each subtopic's ten items right.
    hist = {}
    for (_dom, sub), rate in zip(SUBTOPICS, rates, strict=False):
        for k in range(10):
            hist[f"{sub}-{k:02d}"] = ItemHistory(f"{sub}-{k:02d}", 1, int(k >= rate), last_correct=k < rate)
    chosen = choose("weak", items, hist, n=n, seed=seed, passing_theta=0.0)
    assert len(chosen) == min(n, len(items))
    deficit = {s.subtopic: s.deficit for s in standings(items, hist, 0.0)}
    picked = {it.subtopic for it in chosen}
    # No subtopic left out stands lower than one drawn from.
    for left_out in set(deficit) - picked:
        assert all(deficit[left_out] <= deficit[p] for p in picked)
    # A subtopic is drawn from only once every weaker one has given all its items.
    for p in picked:
        weaker = [s for s in deficit if deficit[s] > deficit[p]]
        assert all(sum(1 for it in chosen if it.subtopic == s) == 10 for s in weaker)
