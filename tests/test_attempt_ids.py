"""Attempt ids are never reused after a delete, so default PDF names never collide."""

from __future__ import annotations

from simulator.workspace import ExamOptions, Workspace


def _sit(workspace, clock) -> int:
    run = workspace.new_exam(ExamOptions(seed=4, items=3), clock)
    return workspace.begin(run)


def test_deleted_ids_are_never_given_again(workspace, clock, data_dir):
    first, second = _sit(workspace, clock), _sit(workspace, clock)
    assert (first, second) == (1, 2)
    workspace.delete(second)
    assert _sit(workspace, clock) == 3          # not 2 again
    workspace.delete(1)
    workspace.delete(3)
    assert workspace.history() == []
    assert _sit(workspace, clock) == 4          # not 1, with the table empty
    workspace.close()
    again = Workspace(data_dir)                 # and after a restart
    try:
        again.delete(4)
        assert _sit(again, clock) == 5
    finally:
        again.close()
