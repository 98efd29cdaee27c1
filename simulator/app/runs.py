"""One exam's life, from the form to the report, without Qt.

A Run is made new or resumed by the Desk; `begin()` creates the saved attempt and
subscribes the store; when the session ends (the candidate, the clock) the run
scores and saves it and hands the report to `on_report`, a plain callback (the
window shows it). `abandon()` ends an unfinished attempt with no one watching
(scored as it stands, no screen built), and `close()` keeps an unfinished one for a
later resume. Whoever watches the run (the window) hears the store's write trouble
through `watch_writes`; `detach()` stops every such call at once, so a window
that is gone is never called again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..core.session import Change, ExamSession, Phase
from ..workspace import ExamRun

if TYPE_CHECKING:
    from ..core.clock import Clock
    from ..workspace import ExamOptions, ExamPlan
    from .desk import Desk

log = logging.getLogger(__name__)
ReportListener = Callable[[dict[str, Any]], None]
WriteListener = Callable[[str | None], None]
SCORED_PHASES = (Phase.FINISHED, Phase.EXPIRED)


class Run:
    def __init__(self, desk: Desk, exam: ExamRun) -> None:
        self.desk = desk
        self.exam = exam
        self.session: ExamSession = exam.session
        self.report: dict[str, Any] | None = None
        self.on_report: ReportListener | None = None
        self._write_listeners: list[WriteListener] = []
        self._unwatch_store: Callable[[], None] | None = None
        self.session.subscribe(self._changed)

    # --- what the screens show of it -------------------------------------------------
    @property
    def title(self) -> str:
        return self.exam.title

    @property
    def candidate(self) -> str:
        return self.exam.candidate

    @property
    def seed(self) -> int:
        return self.exam.seed

    @property
    def onvue(self) -> bool:
        return self.exam.onvue

    @property
    def extra_time_pct(self) -> float:
        return self.exam.extra_time_pct

    @property
    def extras(self) -> dict[str, Any]:
        return self.exam.extras

    @property
    def attempt_id(self) -> int | None:
        return self.exam.attempt_id

    @attempt_id.setter
    def attempt_id(self, value: int | None) -> None:  # Workspace.begin(run) sets it
        self.exam.attempt_id = value

    @property
    def items(self) -> int:
        return len(self.session)

    @property
    def allowed_s(self) -> float:
        return self.session.countdown.allowed_s

    @property
    def mode(self) -> str:
        return self.session.mode

    @property
    def kind(self) -> str:
        return self.session.kind

    @property
    def in_exam(self) -> bool:
        """On the exam clock: an attempt that closing keeps for a resume."""
        return self.session.phase in (Phase.ITEMS, Phase.REVIEW)

    # --- its life ----------------------------------------------------------------------
    def begin(self) -> int:
        """'Begin the exam?' Yes: the attempt is saved from here on. Raises
        storage.attempts.WriteFailed if it cannot be created; nothing has started then."""
        return self.desk.workspace.begin(self.exam)

    def _changed(self, _session: ExamSession, change: Change, payload: object) -> None:
        if change is not Change.PHASE or payload not in SCORED_PHASES:
            return
        if self.exam.attempt_id is None or self.report is not None:
            return  # never begun (nothing saved), or scored already
        self.report = self.desk.workspace.finish(self.exam)
        if self.on_report is not None:
            self.on_report(self.report)

    def abandon(self) -> dict[str, Any] | None:
        """End the attempt as it stands, scored and saved, with no screen told (the
        candidate confirmed it). Returns the report."""
        self.detach()
        if not self.session.phase.over:
            self.session.end()
        return self.report

    def suspend(self) -> None:
        """Keep an unfinished attempt for a resume: the time on this item is added and
        the clock saved."""
        if self.in_exam:
            self.session.suspend()

    def close(self) -> None:
        """The window is going away: an exam still on the clock is kept for a resume."""
        self.suspend()
        self.detach()

    def detach(self) -> None:
        """No callback of this run's watchers is made again."""
        self.on_report = None
        self._write_listeners.clear()
        if self._unwatch_store is not None:
            self._unwatch_store()
            self._unwatch_store = None

    # --- saving ------------------------------------------------------------------------
    def watch_writes(self, listener: WriteListener) -> Callable[[], None]:
        """Call `listener(error)` when saving starts failing, and `listener(None)` when
        everything is saved again. Returns a function that stops it."""
        if self._unwatch_store is None:
            self._unwatch_store = self.desk.workspace.store.on_write_state(self._write_state)
        self._write_listeners.append(listener)

        def stop() -> None:
            if listener in self._write_listeners:
                self._write_listeners.remove(listener)
        return stop

    def _write_state(self, error: str | None) -> None:
        for listener in list(self._write_listeners):
            listener(error)

    @property
    def write_error(self) -> str | None:
        return self.desk.workspace.store.write_error

    @property
    def unsaved(self) -> bool:
        """Something the candidate did is not on disk yet."""
        return self.desk.workspace.store.pending

    def retry_saving(self) -> bool:
        """Write now whatever could not be written; True when nothing is left."""
        return self.desk.workspace.store.retry()

    def record_focus_loss(self) -> None:
        if self.exam.attempt_id is not None:
            self.desk.workspace.store.record_focus_loss(self.exam.attempt_id)

    def answers(self) -> list[dict[str, Any]]:
        """The items with their text, the answers and the keys, once scored."""
        return self.desk.answers(self.report["id"]) if self.report is not None else []


class Draft:
    """A new exam whose form is not drawn yet (Desk.draft): it says what the screens
    before the exam show (the same read-outs as a Run's), and draw() makes the Run.
    Drawing reads the bank's catalogue and renders the form's templates, about as
    long as the rest of a window's start: the window draws once its first screen is
    painted, or at once when something needs the session sooner."""

    kind = "exam"

    def __init__(self, desk: Desk, plan: ExamPlan, options: ExamOptions, clock: Clock) -> None:
        self.desk, self.plan, self.options, self.clock = desk, plan, options, clock
        self.title, self.candidate, self.onvue = plan.title, plan.candidate, plan.onvue
        self.extra_time_pct, self.items, self.allowed_s, self.mode = (
            plan.extra_time_pct, plan.items, plan.allowed_s, plan.mode)

    def draw(self) -> Run:
        """The Run, its form drawn by the plan (AssemblyError if the bank cannot fill it)."""
        return Run(self.desk, self.desk.workspace.new_exam(self.options, self.clock, self.plan))
