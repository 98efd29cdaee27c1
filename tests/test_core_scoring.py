"""Scoring properties, held by hypothesis over random forms."""

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.core.scoring import BELOW, NEAR, ScoredItem, score

DOMAINS = ["D1", "D2", "D3"]
difficulties = st.lists(st.floats(-2.5, 2.5), min_size=1, max_size=60)


def form(bs, correct, pretest=()):
    return [ScoredItem(DOMAINS[i % 3], b, i in pretest, c) for i, (b, c) in enumerate(zip(bs, correct,
                                                                                          strict=False))]


@given(difficulties)
def test_nothing_right_is_200_and_everything_right_is_350(bs):
    assert score(form(bs, [False] * len(bs)), DOMAINS, 0.7).scaled_score == 200
    assert score(form(bs, [True] * len(bs)), DOMAINS, 0.7).scaled_score == 350


@given(difficulties, st.data())
def test_more_right_never_scores_lower(bs, data):
    correct = data.draw(st.lists(st.booleans(), min_size=len(bs), max_size=len(bs)))
    base = score(form(bs, correct), DOMAINS, 0.7)
    for i, c in enumerate(correct):
        if not c:
            better = list(correct)
            better[i] = True
            assert score(form(bs, better), DOMAINS, 0.7).scaled_score >= base.scaled_score


@given(difficulties, st.data())
def test_pass_is_exactly_300_or_more(bs, data):
    correct = data.draw(st.lists(st.booleans(), min_size=len(bs), max_size=len(bs)))
    r = score(form(bs, correct), DOMAINS, 0.7)
    assert r.passed == (r.scaled_score >= 300) == (r.raw_correct >= r.raw_cut)


@given(difficulties, st.floats(0.1, 1.5))
def test_a_harder_form_needs_fewer_right_answers(bs, shift):
    easy = score(form(bs, [False] * len(bs)), DOMAINS, 0.7).raw_cut
    hard = score(form([b + shift for b in bs], [False] * len(bs)), DOMAINS, 0.7).raw_cut
    assert hard < easy


@settings(max_examples=50)
@given(difficulties, st.data())
def test_pretest_items_never_change_the_score(bs, data):
    correct = data.draw(st.lists(st.booleans(), min_size=len(bs), max_size=len(bs)))
    extra = data.draw(st.lists(st.tuples(st.floats(-2.5, 2.5), st.booleans()), min_size=1, max_size=20))
    base = score(form(bs, correct), DOMAINS, 0.7)
    items = form(bs, correct) + [ScoredItem("D1", b, True, c) for b, c in extra]
    with_pretest = score(items, DOMAINS, 0.7)
    assert with_pretest.scaled_score == base.scaled_score
    assert with_pretest.pretest_count == len(extra)


@given(st.lists(st.floats(-2.5, 2.5), min_size=4, max_size=4))
def test_one_miss_in_a_four_item_domain_is_never_below(bs):
    items = [ScoredItem("D1", b, False, i != 0) for i, b in enumerate(bs)]
    d1 = score(items, ["D1"], 0.7).domains[0]
    assert d1.level != BELOW


def test_a_domain_with_everything_wrong_on_many_items_is_below():
    items = [ScoredItem("D1", 0.0, False, False) for _ in range(20)]
    assert score(items, ["D1"], 0.7).domains[0].level == BELOW
    items = [ScoredItem("D1", 0.0, False, i % 3 != 0) for i in range(20)]
    assert score(items, ["D1"], 0.7).domains[0].level == NEAR
