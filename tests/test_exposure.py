"""Exposure control: a candidate's consecutive full attempts draw fresh items."""

from simulator.workspace import ExamOptions

FRESH_FORMS = 8  # the bank holds at least eight full forms' worth of every domain


def sit_full_form(workspace, clock, seed):
    run = workspace.new_exam(ExamOptions(seed=seed), clock)
    workspace.begin(run)
    run.session.end()
    workspace.finish(run)
    return run.session.form


def test_eight_full_attempts_share_no_item(workspace, clock):
    forms = [sit_full_form(workspace, clock, seed) for seed in range(1, FRESH_FORMS + 2)]
    items = [{f.item.id for f in form} for form in forms]
    assert all(len(s) == 150 for s in items)
    for i in range(FRESH_FORMS):
        for j in range(i + 1, FRESH_FORMS):
            assert not items[i] & items[j], (i, j)
    # The ninth form reuses items, taking the ones seen longest ago (the first form) before the eighth's.
    ninth = items[FRESH_FORMS]
    assert len(ninth & items[0]) > len(ninth & items[FRESH_FORMS - 1])
