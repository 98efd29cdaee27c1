"""The practice window: the exam window's item screen with feedback after each
answer (the key, the explanation, the APICS Dictionary term), without Welcome, the
agreement and the tutorial, without a clock unless one was asked for, ending on the
practice summary instead of a score report.

It is the exam window with a few screens swapped, so saving action by action,
resuming, the calculator, text size and colour schemes all work as in an exam.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtWidgets import QWidget

from ...app import practice
from ...core.readiness import describe
from ...core.session import Phase
from ...storage.attempts import WriteFailed
from ..common.dialogs import ask, inform
from .mainwindow import MainWindow

if TYPE_CHECKING:
    from ..report.summary import PracticeSummaryScreen
    from .item import ItemScreen


class PracticeWindow(MainWindow):
    def __init__(self, run: Any, clock: Any) -> None:
        super().__init__(run, clock)
        self.setObjectName("practiceWindow")
        self.setWindowTitle(f"{run.title} - {run.candidate}")
        # Untimed unless minutes were asked for: the countdown runs a week, unseen.
        self.timed = self.session.countdown.allowed_s < practice.NO_CLOCK_S
        self.summary_data: dict[str, Any] | None = None

    # --- screens -----------------------------------------------------------------------
    @property
    def item(self) -> ItemScreen:  # the exam's item screen, set up for practice on first use
        screen: ItemScreen = super().item
        if not screen.property("practiceReady"):
            screen.setProperty("practiceReady", True)
            screen.next.disconnect()
            screen.next.connect(lambda: self._leave_item(self._next))
            screen.end_button.setText("&End Practice")
            screen.end_button.setAccessibleName("End Practice")
            banner = getattr(screen, "study_banner", None)
            if banner is not None:
                banner.setText("Practice: after each answer you see the correct answer, its explanation and "
                               "the APICS Dictionary term. Your first answer is the one that counts, and it "
                               "sets when the item comes back for review.")
        return screen

    @property
    def summary(self) -> PracticeSummaryScreen:
        def build() -> QWidget:
            from ..report.summary import PracticeSummaryScreen
            screen = PracticeSummaryScreen()
            screen.close_requested.connect(self.close)
            screen.review_requested.connect(self.show_answers)
            return screen
        return cast("PracticeSummaryScreen", self._screen("summary", build))

    def _show(self, screen: QWidget) -> None:
        super()._show(screen)
        if not self.timed:
            self.title_bar.time.hide()

    # --- the flow ----------------------------------------------------------------------
    def start(self) -> None:
        """Straight onto the first item (a new set), or where it stopped (a resumed one)."""
        self.timer.start()
        if self.session.phase is Phase.INTRO:
            try:
                self.run.begin()
            except WriteFailed as exc:
                inform(self, "The practice cannot start", str(exc), on_ok=self._close_now)
        else:
            self.session.resume()

    def closeEvent(self, event: Any) -> None:
        # Every answer of a practice set is saved as it is given: closing mid-way keeps
        # the set for later without the exam's question.
        self._close_confirmed = True
        super().closeEvent(event)

    def _close_now(self) -> None:
        self.close()

    def _next(self) -> None:
        s = self.session
        if s.review_set is None and s.position == len(s) - 1:
            self.confirm_end(last=True)
        else:
            s.next()

    def confirm_end(self, last: bool = False) -> None:
        s = self.session
        open_items = s.incomplete_count
        lead = "That was the last item." if last else "You have chosen to end this practice set."
        rest = (f" {open_items} item{'s are' if open_items != 1 else ' is'} not answered; they are left out "
                "of the schedule." if open_items else "")
        ask(self, "End Practice", f"{lead}{rest}\n\nEnd the practice set and see the summary?",
            on_yes=s.end, default_yes=last and not open_items)

    def _on_report(self, report: dict[str, Any]) -> None:
        """The run has saved the ended set: the summary, with the schedule it made."""
        self.timer.stop()
        self.report = report
        if self.run.write_error:
            self.retry_timer.start()
        ws = self.desk.workspace
        now = practice.wall(self.clock)
        self.summary_data = practice.summary(ws, report["id"], now)
        self.summary.show_summary(self.run.title, self.summary_data,
                                  describe(practice.readiness(ws, now), ws.blueprint.passing_theta))
        if self.session.phase is Phase.EXPIRED:
            inform(self, "Time has expired", "Time has expired. The practice set has ended.",
                   on_ok=self._show_results)
        else:
            self._show_results()
        self.finished.emit(report)

    def _show_results(self) -> None:
        self._show(self.summary)
        self.summary.close_button.setFocus()
