"""The exam window: the title bar over a stack of screens, wired to one session.

The session owns the truth; this window turns the candidate's clicks and keys
into the session's intents and shows what the session says changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from ...app.runs import Draft, Run
from ...core.assembly import AssemblyError
from ...core.clock import Clock, hms
from ...core.session import ExamSession, Filter, Phase
from ...core.words import plural
from ...storage.attempts import WriteFailed
from ..common import theme
from ..common.dialogs import MessageDialog, ask, inform
from ..common.hub import SessionHub
from ..common.widgets import TitleBar, named
from .intro import WelcomeScreen

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from ..tools.calculator import CalculatorWindow
    from ..tools.whiteboard import Whiteboard

TICK_MS = 250
INTRO_SCREENS = ("system_check", "rules", "welcome", "nda", "tutorial")  # before the exam begins
END_TEXT = "You have chosen to end this exam. Are you sure you want to end this exam?"


class MainWindow(QMainWindow):
    finished = Signal(dict)  # the report, once the exam is scored

    left = Signal(bool)      # the window has closed; True if the exam was still on the clock

    def __init__(self, run: Run | Draft, clock: Clock, legacy_clock: Clock | None = None) -> None:
        """The window of one run (app/runs.py): it shows the run and sends it the
        candidate's intents; the run saves and scores, the desk keeps the settings.
        A Draft (a new exam whose form is not drawn yet) is drawn once Welcome is
        painted, or as soon as something needs its session (run, session).
        MainWindow(workspace, exam_run, clock), the older form, is still accepted."""
        super().__init__()
        if legacy_clock is not None:
            from ...app.desk import Desk
            run, clock = Desk(run).adopt(clock), legacy_clock  # type: ignore[arg-type]
        self.desk = run.desk
        self.intro: Run | Draft = run  # what the screens before the exam say of it
        self._run: Run | None = None
        self._draft = run if isinstance(run, Draft) else None
        self.setObjectName("examWindow")
        self.setWindowTitle(f"{run.title} - {run.candidate}")
        self.setMinimumSize(800, 600)
        self.report: dict[str, Any] | None = None
        self.text_step = theme.SIZE_STEPS.index(theme.BASE_PT)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.title_bar = TitleBar()
        self.title_bar.title.setText(run.title)
        self.title_bar.candidate.setText(run.candidate)
        layout.addWidget(self.title_bar)
        # Shown while answers cannot be written (a full disk, a folder gone read-only).
        self.save_warning = named(QLabel(), "saveWarning", "Saving problem")
        self.save_warning.setWordWrap(True)
        self.save_warning.setStyleSheet("background: #b3261e; color: #ffffff; padding: 6px 12px; "
                                        "font-weight: bold;")
        self.save_warning.hide()
        layout.addWidget(self.save_warning)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        # Only the first screen is built now; the others when first shown (and their
        # modules imported then), so the window is on screen sooner.
        self.clock = clock
        self._screens: dict[str, QWidget] = {}
        self.calculator: CalculatorWindow | None = None  # made on first use
        self.whiteboard: Whiteboard | None = None
        self.focus_losses = 0
        self._dock = None  # where the tools open: made with the first tool
        self._focus_warning: MessageDialog | None = None
        if run.onvue:
            app = QGuiApplication.instance()
            assert isinstance(app, QGuiApplication)  # a window needs one
            app.focusWindowChanged.connect(self._focus_changed)

        self.scheme = theme.scheme_named(self.desk.settings.scheme)
        remembered = self.desk.settings.text_pt
        if remembered in theme.SIZE_STEPS:
            self.text_step = theme.SIZE_STEPS.index(remembered)
        self.scheme_actions: list[QAction] = []
        self._apply_theme()
        if self._draft is None:
            self._add_controls()

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        # During the exam the clock's checkpoints retry failed writes; after it, this does.
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(5000)
        self.retry_timer.timeout.connect(self._retry_saving)
        self._stop_watching_writes: Callable[[], None] = lambda: None
        self._close_warned = False
        self._close_confirmed = False
        self._close_question: QDialog | None = None
        if isinstance(run, Run):
            self._attach(run)

    # --- the run -------------------------------------------------------------------------
    def _attach(self, run: Run) -> None:
        self._run, self._draft, self.intro = run, None, run
        run.on_report = self._on_report
        self.hub = SessionHub(run.session, self)
        self.hub.positionChanged.connect(self._on_position)
        self.hub.itemChanged.connect(self._on_item)
        self.hub.phaseChanged.connect(self._on_phase)
        self.hub.ticked.connect(self.title_bar.set_remaining)
        self.hub.warned.connect(self._on_warning)
        self._stop_watching_writes = run.watch_writes(self._write_state)

    @property
    def drawn(self) -> bool:
        return self._run is not None

    @property
    def run(self) -> Run:
        """The run; a Draft's form is drawn now if it was not yet (AssemblyError)."""
        if self._run is None:
            assert self._draft is not None, "a form that could not be drawn has no run"
            self._attach(self._draft.draw())
        assert self._run is not None
        return self._run

    @property
    def session(self) -> ExamSession:
        return self.run.session

    def draw(self) -> bool:
        """Draw a Draft's form (the first idle moment after Welcome is painted, or Next):
        True once there is a session. If the bank cannot fill it, the candidate is told
        and the window closes, having begun nothing."""
        self._add_controls()
        if self._run is not None:
            return True
        if self._draft is None:  # told already
            return False
        try:
            self._attach(self._draft.draw())
        except AssemblyError as exc:
            print(f"cpim-sim: error: {exc}", file=sys.stderr)
            self._draft = None
            inform(self, "The exam cannot be put together", str(exc), on_ok=self.close)
            return False
        return True

    # --- the screens, built on first use ---------------------------------------------------
    def _screen(self, name: str, build: Callable[[], QWidget]) -> QWidget:
        if name not in self._screens:
            screen = build()
            self.stack.addWidget(screen)
            self._screens[name] = screen
        return self._screens[name]

    def _current(self, name: str) -> bool:
        return name in self._screens and self.stack.currentWidget() is self._screens[name]

    @property
    def welcome(self) -> WelcomeScreen:
        def build() -> WelcomeScreen:
            r = self.intro
            screen = WelcomeScreen(r.title, r.candidate, r.items, r.allowed_s / 60, r.extra_time_pct,
                                   study=r.mode == "study")
            screen.next.connect(self._show_nda)
            return screen
        return cast(WelcomeScreen, self._screen("welcome", build))

    @property
    def system_check(self):
        def build():
            from .onvue import SystemCheckScreen
            screen = SystemCheckScreen()
            screen.next.connect(lambda: self._show(self.rules))
            return screen
        return self._screen("system_check", build)

    @property
    def rules(self):
        def build():
            from .onvue import RulesScreen
            screen = RulesScreen()
            screen.next.connect(lambda: self._show(self.welcome))
            return screen
        return self._screen("rules", build)

    @property
    def nda(self):
        def build():
            from .intro import NdaScreen
            screen = NdaScreen(self.clock)
            screen.accepted.connect(self._show_tutorial)
            screen.declined.connect(self._declined)
            return screen
        return self._screen("nda", build)

    @property
    def tutorial(self):
        def build():
            from .tutorial import TutorialScreen
            s = self.session
            screen = TutorialScreen(self.clock, items=len(s), pretest=sum(1 for f in s.form if f.pretest),
                                    minutes=s.countdown.allowed_s / 60, onvue=self.run.onvue)
            screen.next.connect(self._ask_begin)
            return screen
        return self._screen("tutorial", build)

    @property
    def item(self):
        def build():
            from .item import ItemScreen
            s, screen = self.session, ItemScreen()
            screen.answered.connect(s.answer)
            screen.flag_toggled.connect(s.toggle_flag)
            screen.strike_toggled.connect(s.toggle_strike)
            screen.highlighted.connect(s.highlight)
            screen.highlights_cleared.connect(s.clear_highlights)
            screen.next.connect(lambda: self._leave_item(s.next))
            screen.previous.connect(lambda: self._leave_item(s.previous))
            screen.review.connect(lambda: self._leave_item(s.open_review))
            screen.calculator.connect(self.toggle_calculator)
            screen.whiteboard.connect(self.show_whiteboard)
            screen.whiteboard_button.setVisible(self.run.onvue)
            screen.set_study(s.mode == "study")
            screen.end.connect(self.confirm_end)
            return screen
        return self._screen("item", build)

    @property
    def review(self):
        def build():
            from .review import ReviewScreen
            screen = ReviewScreen()
            screen.open_item.connect(self.session.goto)
            screen.filter_chosen.connect(self._filter)
            screen.end.connect(self.confirm_end)
            return screen
        return self._screen("review", build)

    @property
    def results(self):
        def build():
            from ..report.results import ResultsScreen
            screen = ResultsScreen(self.desk.answers)
            screen.paper = self.desk.settings.paper
            screen.close_requested.connect(self.close)
            screen.review_requested.connect(self.show_answers)
            screen.history_requested.connect(self.show_history)
            return screen
        return self._screen("results", build)

    @property
    def answers(self):
        def build():
            from ..report.answers import AnswerReviewScreen
            screen = AnswerReviewScreen()
            screen.back.connect(self._show_results)
            return screen
        return self._screen("answers", build)

    @property
    def history(self):
        def build():
            from ..report.history import HistoryScreen
            screen = HistoryScreen()
            screen.back.connect(self._show_results)
            screen.delete_requested.connect(self._confirm_delete)
            screen.open_requested.connect(self._open_report)
            return screen
        return self._screen("history", build)

    @property
    def closed(self):
        def build():
            from .intro import ClosedScreen
            screen = ClosedScreen()
            screen.close_requested.connect(self.close)
            return screen
        return self._screen("closed", build)

    # --- start ---------------------------------------------------------------------
    def start(self) -> None:
        """Show the first screen: Welcome for a new exam, the saved place for a resumed one."""
        self.timer.start()
        if self._draft is not None:  # a new exam: its form is drawn once the first screen shows
            from ..idle import after_first_paint
            after_first_paint([self.draw], self)  # the Display menu and keys with it
        if not self.drawn or self.session.phase is Phase.INTRO:
            if self.intro.onvue:
                self.system_check.run()
                self._show(self.system_check)
            else:
                self._show(self.welcome)
        else:
            self.session.resume()

    def tick(self) -> None:
        if self._current("nda"):
            self.nda.tick()
        elif self._current("tutorial"):
            self.tutorial.tick()
        if self.drawn:
            self.session.tick()

    def _show(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        in_exam = screen in (self._screens.get("item"), self._screens.get("review"))
        self.title_bar.show_exam_info(in_exam)
        if in_exam:
            self.title_bar.set_remaining(self.session.remaining())

    def _show_nda(self) -> None:
        if not self.draw():
            return
        self._show(self.nda)
        self.nda.start()

    def _show_tutorial(self) -> None:
        self._show(self.tutorial)
        self.tutorial.start()

    def _declined(self, why: str) -> None:
        self.session.decline()
        reason = ("The time allowed to accept the candidate agreement has expired."
                  if why == "timeout" else "You declined the candidate agreement.")
        self.closed.set_reason(f"{reason}\n\nThe exam has ended and no score is reported. "
                               "Start the program again to sit a new exam.")
        self._show(self.closed)

    def _ask_begin(self) -> None:
        ask(self, "Begin the exam?",
            f"The exam has {len(self.session)} items and you have {hms(self.session.countdown.allowed_s)} "
            "to answer them. The clock starts when you choose Yes.\n\nBegin the exam now?",
            on_yes=self._begin, on_no=self.tutorial.reopen)

    def _begin(self) -> None:
        try:
            self.run.begin()
        except WriteFailed as exc:  # nothing could be saved: better no exam than a lost one
            inform(self, "The exam cannot start", str(exc), on_ok=self.tutorial.reopen)

    # --- saving trouble --------------------------------------------------------------
    def _write_state(self, error: str | None) -> None:
        if error is None:
            self.save_warning.hide()
            self.retry_timer.stop()
            return
        self.save_warning.setText(
            f"Your answers could not be saved ({error}). The exam goes on, and they will be saved as soon "
            "as possible. Free some disk space or check the data folder.")
        self.save_warning.show()
        if self.session.phase.over:
            self.retry_timer.start()

    def _retry_saving(self) -> None:
        if self.run.retry_saving():
            self.retry_timer.stop()

    # --- during the exam ---------------------------------------------------------------
    def _on_position(self, position: int) -> None:
        self._close_calculator()  # it belongs to the item it was opened on
        if self.session.phase is Phase.ITEMS:
            self._show_item()
            self._keep_review_row(position)  # seen now: no longer Unseen
        elif self.session.phase is Phase.REVIEW:
            self.review.update_summary(self.session)

    def _leave_item(self, go) -> None:
        """Leaving an item the candidate has not scrolled to the end of asks once first."""
        if self.item.unseen_content():
            self.item.mark_seen()
            inform(self, "Unseen content",
                   "Part of this item is below the visible area and has not been seen. Scroll down to see "
                   "all of it. Choose OK to return to the item.")
            return
        go()

    def _show_item(self) -> None:
        s = self.session
        self.item.show_item(s.current, s.state, first=s.at_first, feedback=s.feedback_due(),
                            from_review=s.reviewed)
        self.title_bar.set_counter(s.position + 1, len(s))
        # On a resume the item screen is the first one built, so the stack shows it by
        # itself: the check is on the clock too, or the title bar would stay bare.
        if self.stack.currentWidget() is not self.item or not self.title_bar.time.isVisibleTo(self):
            self._show(self.item)

    def _on_item(self, position: int) -> None:
        s = self.session
        if s.phase is Phase.ITEMS:
            if position == s.position:
                self.item.show_state(s.state)
                if s.feedback_due():
                    self.item.show_item(s.current, s.state, first=s.at_first, feedback=True)
            self._keep_review_row(position)
        elif s.phase is Phase.REVIEW:
            self.review.update_row(s, position)
            self.review.update_summary(s)

    def _on_phase(self, phase: str) -> None:
        p = Phase(phase)
        self._close_calculator()
        if p.over and self.whiteboard is not None:
            self.whiteboard.wipe()  # scratch work never outlives the exam
            self.whiteboard.hide()
        if p in (Phase.ITEMS, Phase.REVIEW):
            self._drop_intro()
        if p is Phase.ITEMS:
            self._show_item()
            if "review" not in self._screens:
                QTimer.singleShot(0, self._prepare)
        elif p is Phase.REVIEW:
            self.review.load(self.session)
            self._show(self.review)
            self.review.table.setFocus()
        elif p in (Phase.FINISHED, Phase.EXPIRED):
            self.timer.stop()  # the run scores it and hands the report to _on_report

    def _prepare(self) -> None:
        """In the first idle moment of the exam (the candidate reads the first item, and
        this takes some tens of milliseconds), the review screen is made, filled, styled
        and laid out, and from then on each row follows its item (_keep_review_row): its
        first opening costs about what later ones do. The form's exhibits are measured,
        so an item with one shows it sooner the first time too."""
        if self.session.phase is Phase.ITEMS and "review" not in self._screens:
            self.review.prepare(self.session, self.stack.size())
            self.item.exhibit.measure(list(dict.fromkeys(f.item.exhibit for f in self.session.form
                                                         if f.item.exhibit is not None)))

    def _keep_review_row(self, position: int) -> None:
        if "review" in self._screens:
            self.review.update_row(self.session, position)  # a few microseconds; none if unchanged

    def _drop_intro(self) -> None:
        """The exam has begun: the screens before it are never shown again. A stack asks
        each of its screens its height for a width when it changes screens, so kept, they
        cost every opening of the review screen (11% of its instructions, callgrind)."""
        for name in INTRO_SCREENS:
            screen = self._screens.pop(name, None)
            if screen is not None:
                self.stack.removeWidget(screen)
                screen.deleteLater()

    def _on_report(self, report: dict[str, Any]) -> None:
        """The run has scored and saved the exam (app/runs.py): the score report."""
        self.timer.stop()
        self.report = report
        if self.run.write_error:
            self.retry_timer.start()  # no more checkpoints to retry for us
        self.results.show_report(report)
        if self.session.phase is Phase.EXPIRED:
            inform(self, "Time has expired",
                   "Time has expired. The exam has ended, and the answers you gave are scored.",
                   on_ok=self._show_results)
        else:
            self._show_results()
        self.finished.emit(report)

    def _show_results(self) -> None:
        self._show(self.results)
        self.results.export_button.setFocus()

    # --- tools ---------------------------------------------------------------------
    def toggle_calculator(self) -> None:
        if self.calculator is None:
            from ..tools.calculator import CalculatorWindow
            self.calculator = CalculatorWindow(self)
            self.calculator.setProperty("docked", True)
            self._tool_dock().add(self.calculator)
        if self.calculator.isVisible():
            self.calculator.hide()
        else:
            self.calculator.reset()
            self.calculator.show()
            self.calculator.raise_()
            self.calculator.activateWindow()

    def _close_calculator(self) -> None:
        if self.calculator is not None and self.calculator.isVisible():
            self.calculator.hide()

    def show_whiteboard(self) -> None:
        if self.whiteboard is None:
            from ..tools.whiteboard import Whiteboard
            self.whiteboard = Whiteboard(self)
            self._tool_dock().add(self.whiteboard)
        if self.whiteboard.isVisible():  # Alt+W toggles it, as Alt+C does the calculator
            self.whiteboard.hide()
        else:
            self.whiteboard.present()

    def _tool_dock(self):
        """The tools open beside the item, which makes room for them (ui/tools/dock.py)."""
        if self._dock is None:
            from ..tools.dock import ToolDock
            self._dock = ToolDock(self, lambda: self.item if "item" in self._screens else None,
                                  lambda px: self.item.set_side_room(px) if "item" in self._screens else None)
        return self._dock

    def _focus_changed(self, window) -> None:
        """OnVUE: the exam window (or one of its own tools) lost the focus to another program."""
        if window is not None or not self.drawn or self.session.phase not in (Phase.ITEMS, Phase.REVIEW):
            return
        self.focus_losses += 1
        self.run.record_focus_loss()
        text = (f"The exam window lost focus ({plural(self.focus_losses, 'time')} so far). In an online "
                "proctored exam the proctor is alerted each time, and it can end your exam. Stay in the "
                "exam window.")
        # One warning at a time, counting on: a second one behind it would block its OK.
        warning = self._focus_warning
        if warning is not None and warning.isVisible():
            warning.body.setText(text)
        else:
            warning = self._focus_warning = inform(self, "Warning", text, on_top=True)
            warning.finished.connect(lambda _r: setattr(self, "_focus_warning", None))
        warning.raise_()
        warning.activateWindow()

    def show_answers(self, which: str = "all") -> None:
        if self.report is not None:
            self.answers.load(self.desk.answers(self.report["id"]), which)
            self._show(self.answers)

    def show_history(self) -> None:
        rows = self.desk.history()
        reports = self.desk.history_reports(rows)
        self.history.load(rows, reports)
        self._show(self.history)
        self.history.table.setFocus()

    def _open_report(self, report: dict[str, Any]) -> None:
        """History: a past attempt's score report, with its answer review and PDF behind it."""
        self.report = report
        self.results.show_report(report)
        self.results.review_button.setEnabled(True)
        self.results.include_items.setEnabled(True)
        self._show_results()

    def _confirm_delete(self, attempt_id: int) -> None:
        def delete() -> None:
            self.desk.delete(attempt_id)
            if self.report is not None and self.report["id"] == attempt_id:
                # The report on screen stays readable, but it has nothing left behind it.
                self.results.review_button.setEnabled(False)
                self.results.include_items.setChecked(False)
                self.results.include_items.setEnabled(False)
            self.show_history()
        ask(self, "Delete Attempt",
            f"Delete attempt {attempt_id} and all its answers? This cannot be undone.",
            on_yes=delete, default_yes=False)

    def _on_warning(self, threshold: int) -> None:
        if threshold <= 5 * 60:
            self.title_bar.warn_time()
        minutes = threshold // 60
        inform(self, "Time Remaining", f"You have {minutes} minutes remaining.")

    def _filter(self, which: str) -> None:
        f = Filter(which)
        if f is not Filter.ALL and not self.session.positions(f):
            inform(self, "Review", f"There are no {f.value} items to review.")
            return
        self.session.set_filter(f)

    def confirm_end(self) -> None:
        s = self.session
        ask(self, "End Exam",
            f"{END_TEXT}\n\nIncomplete items: {s.incomplete_count}\nItems flagged for review: "
            f"{s.flagged_count}",
            on_yes=s.end, default_yes=False)

    def change_text_size(self, step: int) -> None:
        last = len(theme.SIZE_STEPS) - 1
        base = theme.SIZE_STEPS.index(theme.BASE_PT)
        self.text_step = base if step == 0 else max(0, min(last, self.text_step + step))
        self.desk.update_settings(text_pt=theme.SIZE_STEPS[self.text_step])
        self._apply_theme()

    def set_scheme(self, name: str) -> None:
        self.scheme = theme.scheme_named(name)
        self.desk.update_settings(scheme=self.scheme.name)
        self._apply_theme()

    @property
    def text_pt(self) -> int:
        return theme.SIZE_STEPS[self.text_step]

    def _apply_theme(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # a window needs one
        theme.apply(app, self.scheme, self.text_pt)
        for action in self.scheme_actions:
            action.setChecked(action.text() == self.scheme.name)

    def _add_controls(self) -> None:
        """The Display menu and the text-size keys. A new exam's window adds them once
        Welcome is painted (before Next can be chosen): PySide creates its action, menu
        and key classes on first use, a millisecond or two of the start."""
        if self.scheme_actions:
            return
        from PySide6.QtGui import QKeySequence, QShortcut
        for keys, step in ((("Ctrl+=", "Ctrl++"), 1), (("Ctrl+-",), -1), (("Ctrl+0",), 0)):
            for key in keys:
                QShortcut(QKeySequence(key), self).activated.connect(
                    lambda step=step: self.change_text_size(step))
        self.title_bar.display.setMenu(self._display_menu())
        QShortcut(QKeySequence("Ctrl+D"), self).activated.connect(self.title_bar.display.showMenu)
        for action in self.scheme_actions:
            action.setChecked(action.text() == self.scheme.name)

    def _display_menu(self) -> QMenu:
        from PySide6.QtGui import QActionGroup
        from PySide6.QtWidgets import QMenu
        menu = QMenu(self)
        menu.setObjectName("displayMenu")
        group = QActionGroup(menu)
        for scheme in theme.SCHEMES:
            action = menu.addAction(scheme.name)
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, name=scheme.name: self.set_scheme(name))
            self.scheme_actions.append(action)
        menu.addSeparator()
        steps = (("Larger text\tCtrl+=", 1), ("Smaller text\tCtrl+-", -1), ("Normal text\tCtrl+0", 0))
        for text, step in steps:
            menu.addAction(text).triggered.connect(
                lambda _checked=False, step=step: self.change_text_size(step))
        return menu

    def close_keeping(self) -> bool:
        """Close now, mid-exam too, without asking (the attempt is kept for a resume)."""
        self._close_confirmed = True
        return self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # A window closed mid-exam keeps the attempt: the time on this item is
        # added and the clock saved, and the next start offers to resume. The real
        # driver asks first; so do we, saying what happens to the attempt.
        if not self.drawn:  # Welcome of a new exam, or a form that could not be drawn
            self.timer.stop()
            super().closeEvent(event)
            self.left.emit(False)
            return
        if self.run.in_exam and not self._close_confirmed:
            event.ignore()
            if self._close_question is None:
                self._close_question = ask(
                    self, "Close the exam?",
                    "Your answers, flags and the time left are saved. The exam is kept unfinished: the next "
                    "time you start the program it offers to resume it where you stopped.\n\n"
                    "Close the exam window now?",
                    on_yes=self.close_keeping, default_yes=False)
                self._close_question.finished.connect(lambda _r: setattr(self, "_close_question", None))
            return
        self.run.suspend()
        if self.run.unsaved and not self.run.retry_saving() and not self._close_warned:
            self._close_warned = True  # a second close goes ahead
            event.ignore()
            inform(self, "Not everything is saved",
                   "Some of your answers could not be written to disk yet. Free some space and try again, "
                   "or close once more to quit; the attempt then resumes from what was saved.")
            return
        in_exam = self.run.in_exam
        self._stop_watching_writes()
        self.run.detach()  # suspended above: nothing of this window is called again
        self.hub.detach()
        self.retry_timer.stop()
        if self.whiteboard is not None:
            self.whiteboard.wipe()
        for tool in (self.calculator, self.whiteboard):
            if tool is not None:  # a tool left open would outlive its exam (and keep the program running)
                tool.hide()
        self.timer.stop()
        super().closeEvent(event)
        self.left.emit(in_exam)
