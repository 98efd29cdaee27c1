"""Exposure control: a candidate's consecutive full attempts draw fresh items."""

from simulator.workspace import ExamOptions


def sit_full_form(workspace, clock, seed):
    run = workspace.new_exam(ExamOptions(seed=seed), clock)
    workspace.begin(run)
    run.session.end()
    workspace.finish(run)
    return run.session.form


def test_four_full_attempts_share_no_scored_item(workspace, clock):
    forms = [sit_full_form(workspace, clock, seed) for seed in (1, 2, 3, 4)]
    scored = [{f.item.id for f in form if not f.pretest} for form in forms]
    assert all(len(s) == 130 for s in scored)
    for i in range(4):
        for j in range(i + 1, 4):
            assert not scored[i] & scored[j], (i, j)


def test_after_that_the_least_recently_seen_come_first(workspace, clock):
    forms = [sit_full_form(workspace, clock, seed) for seed in (1, 2, 3, 4, 5)]
    first = {f.item.id for f in forms[0]}
    fourth = {f.item.id for f in forms[3]}
    fifth = {f.item.id for f in forms[4]}
    # The fifth form reuses items, taking the ones seen longest ago (the first form) before the fourth's.
    assert len(fifth & first) > len(fifth & fourth)
