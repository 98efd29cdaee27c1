"""Starting the program: the application, the desk, and the shell that moves the
candidate between Home and one exam window at a time.

The start (the command line's promise): with no exam option, Home; with one (or
`cpim-sim exam ...`), the exam's Welcome. An unfinished attempt is offered first,
before either: Yes resumes it; "No, end it" asks once more before it is ended and
scored; Esc, the close button or Later keep it unfinished and go on to Home (or,
started with exam options, quit). `--resume` resumes without asking.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ..app.desk import Desk, resume_text
from ..app.runs import Draft, Run
from ..core.assembly import AssemblyError
from ..core.clock import Clock, MonotonicClock
from ..storage.datadir import data_dir
from ..workspace import ExamOptions, Workspace
from .common import theme
from .common.dialogs import MessageDialog, inform
from .startup import ask_user, tell_user

if TYPE_CHECKING:
    from .exam.mainwindow import MainWindow
    from .home.home import HomeWindow

log = logging.getLogger(__name__)
EXAM_OPTIONS = ("seed", "items", "minutes", "mode", "onvue", "extra_time", "candidate", "bank")
RESUME_LATER, RESUME_YES, RESUME_END = 0, 1, 2


def exam_requested(args: argparse.Namespace) -> bool:
    """`cpim-sim exam ...`, or any exam option given: straight to the exam's Welcome."""
    if getattr(args, "command", None) == "exam":
        return True
    return any(getattr(args, name, None) not in (None, False) for name in EXAM_OPTIONS)


def options_from(args: argparse.Namespace, desk: Desk | None = None) -> ExamOptions:
    """The exam options of the command line; what it leaves out, Settings give."""
    settings = desk.settings if desk is not None else None
    extra = args.extra_time if getattr(args, "extra_time", None) is not None else (
        settings.extra_time_pct if settings else 0.0)
    candidate = args.candidate or (settings.candidate if settings and settings.candidate else None)
    return ExamOptions(seed=args.seed, items=args.items, minutes=args.minutes, mode=args.mode or "exam",
                       onvue=bool(args.onvue), extra_time_pct=extra, candidate=candidate,
                       bank=getattr(args, "bank", None))


def make_app(argv: list[str] | None = None) -> QApplication:
    app = cast(QApplication, QApplication.instance())
    if app is None:
        # Fusion from the start, as Qt's own -style option sets it: setStyle() from Python
        # returns the style, and wrapping it costs PySide some 5 ms of the start.
        app = QApplication([*(argv or [sys.argv[0]]), "-style", theme.STYLE])
        theme.styled(app)
    app.setApplicationName("cpim-sim")
    app.setApplicationDisplayName("CPIM Exam Simulator")
    theme.load_fonts()
    theme.apply(app)
    return app


def fail(message: str) -> int:
    """A problem before the window exists: a dialog for the user (none when no one
    could answer it: the offscreen platform), a line on stderr."""
    tell_user("CPIM Exam Simulator", message, True)
    return 2


class Shell(QObject):
    """Home and the exam windows, one run at a time.

    options: the command line's exam options (straight to Welcome), or None (Home).
    quit: how to end the program (QApplication.quit; tests pass their own)."""

    def __init__(self, desk: Desk, clock: Clock, options: ExamOptions | None = None, *,
                 resume: bool = False, quit: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.desk, self.clock, self.options, self.auto_resume = desk, clock, options, resume
        self.quit = quit or QApplication.quit
        self.home: HomeWindow | None = None  # built when first shown
        self.window: MainWindow | None = None  # the exam window of the current run
        self.resume_dialog: MessageDialog | None = None
        self.quitting = False
        self._settings_problem = desk.settings_problem()
        if self._settings_problem:
            print(f"cpim-sim: warning: {self._settings_problem}", file=sys.stderr)

    # --- the start ----------------------------------------------------------------------
    def start(self) -> None:
        attempt = self.desk.unfinished()
        if attempt is None:
            self._first_screen()
            return
        run = self.desk.resume_run(attempt, self.clock)
        if self.auto_resume:
            self.open_exam(run)
            return
        from ..core.words import local_time  # as the PDF says it (report/pdf.py's when)
        self.ask_resume(run, local_time(attempt.started_at))

    def _first_screen(self) -> None:
        if self.options is not None:
            if self.start_exam(self.options) is None:
                self._end()
        else:
            self.show_home()

    def ask_resume(self, run: Run, started: str) -> MessageDialog:
        dialog = MessageDialog(
            None, "Resume the unfinished exam?",  # no window yet: a window of its own
            f"{resume_text(run, started)}\n\n"
            "Yes: resume it where you stopped.\n"
            "No, end it: it is scored as it stands (you are asked to confirm).\n"
            "Later (or Esc): keep it unfinished for now.",
            [("yes", "&Yes, resume it"), ("no", "&No, end it"), ("later", "&Later")], "yes")
        dialog.setObjectName("resumeDialog")
        dialog.setWindowModality(dialog.windowModality().ApplicationModal)
        dialog.buttons["no"].clicked.disconnect()
        dialog.buttons["no"].clicked.connect(lambda: dialog.done(RESUME_END))
        dialog.finished.connect(lambda result: self._resume_answered(run, started, result))
        dialog.finished.connect(dialog.deleteLater)
        self.resume_dialog = dialog
        dialog.open()
        return dialog

    def _resume_answered(self, run: Run, started: str, result: int) -> None:
        self.resume_dialog = None
        if result == RESUME_YES:
            self.open_exam(run)
        elif result == RESUME_END:
            self._confirm_end(run, started)
        else:  # Esc, the close button, Later: the attempt stays as it is
            run.detach()
            if self.options is not None:
                self._end()
            else:
                self.show_home()

    def _confirm_end(self, run: Run, started: str) -> None:
        s = run.session
        answered = sum(1 for st in s.states if st.response)
        confirm = MessageDialog(
            None, "End the unfinished exam?",
            f"The exam started {started} is scored as it stands ({answered} of {len(s)} items answered) "
            "and cannot be resumed afterwards.\n\nEnd it now?",
            [("yes", "&Yes, end it"), ("no", "&No")], "no")
        confirm.setObjectName("endUnfinishedDialog")
        confirm.setWindowModality(confirm.windowModality().ApplicationModal)

        def answered_(result: int) -> None:
            self.resume_dialog = None
            if result == 1:
                run.abandon()  # scored and saved, with no screen watching it
                self._first_screen()
            else:
                self.ask_resume(run, started)
        confirm.finished.connect(answered_)
        confirm.finished.connect(confirm.deleteLater)
        self.resume_dialog = confirm  # a window of its own: kept alive while it is open
        confirm.open()

    def _end(self) -> None:
        self.quitting = True
        self.quit()

    # --- an exam ------------------------------------------------------------------------
    def start_exam(self, options: ExamOptions) -> MainWindow | None:
        """A new exam's Welcome; None (having said why) if the bank cannot fill it."""
        try:
            run = self.desk.draft(options, self.clock)  # a full exam's form is drawn once Welcome shows
        except AssemblyError as exc:
            if self.home is not None and self.home.isVisible():
                inform(self.home, "The exam cannot be put together", str(exc))
            else:
                fail(str(exc))
            return None
        return self.open_exam(run)

    def open_exam(self, run: Run | Draft) -> MainWindow:
        from .exam.mainwindow import MainWindow
        window_class: type[MainWindow] = MainWindow
        if run.kind == "practice":  # feedback after each answer, no clock, a summary at the end
            from .exam.practice import PracticeWindow
            window_class = PracticeWindow
        window = window_class(run, self.clock)
        # Fill the screen as the real driver does; the size is for window managers that
        # do not maximise, and never larger than the screen (1024x768 included).
        available = window.screen().availableGeometry()
        window.resize(min(1280, available.width()), min(820, available.height()))
        window.left.connect(self._exam_left)
        self.window = window
        if run.onvue:
            window.showFullScreen()  # as OnVUE does: nothing else on the screen
        else:
            window.showMaximized()
        if self.home is not None:
            self.home.hide()  # the exam is "on": only its window
        window.start()
        self._tell_settings_problem(window)
        return window

    def _exam_left(self, in_exam: bool) -> None:
        """The exam window closed: mid-exam the candidate chose to quit (the attempt
        is kept); otherwise (the results' Close, an exam that never began) Home."""
        window, self.window = self.window, None
        if window is not None:
            window.deleteLater()
        if in_exam:
            self._end()
        else:
            self.show_home()

    # --- Home ---------------------------------------------------------------------------
    def show_home(self) -> HomeWindow:
        home = self.home
        if home is None:
            from .home.home import HomeWindow
            home = self.home = HomeWindow(self.desk, self)
            available = home.screen().availableGeometry()
            home.resize(min(1180, available.width()), min(820, available.height()))
        home.refresh()
        if available_small(home):
            home.showMaximized()
        else:
            home.show()
        home.raise_()
        home.activateWindow()
        self._tell_settings_problem(home)
        return home

    def _tell_settings_problem(self, parent: QWidget) -> None:
        if self._settings_problem:
            problem, self._settings_problem = self._settings_problem, None
            inform(parent, "Settings reset", problem)


def available_small(widget: QWidget) -> bool:
    geometry = widget.screen().availableGeometry()
    return geometry.width() <= 1100 or geometry.height() <= 800


class Launcher:
    """The start as scripts know it (straight to an exam), for tools that drive the
    window: start() returns the exam window when one opens at once."""

    def __init__(self, workspace: Workspace | Desk, options: ExamOptions, clock: Clock, resume: bool) -> None:
        desk = workspace if isinstance(workspace, Desk) else Desk(workspace)
        self.shell = Shell(desk, clock, options, resume=resume)

    @property
    def window(self):
        return self.shell.window

    def start(self):
        self.shell.start()
        return self.shell.window


COLLECT_AFTER_MS = 10_000  # the collector's latest return, painted or not


def collect_from_now() -> None:
    """The collector back on, everything made so far frozen first (never walked again).
    The start leaves about 600 unreachable objects, which freezing keeps: less than a
    full collection would cost (35-45 ms) to free."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run_gui(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING)
    app = make_app()
    desk = Desk.open(data_dir(args.data_dir), ask=ask_user, tell=tell_user)
    if isinstance(desk, int):
        return desk
    shell = Shell(desk, MonotonicClock(), options_from(args, desk) if exam_requested(args) else None,
                  resume=bool(args.resume))
    shell.start()
    from .idle import after_first_paint
    # The ORM, for the first write, once the first screen shows; then the collector
    # (cli.main), with everything made so far frozen: collections from then on (during
    # the exam too) never walk the program's modules and classes again.
    after_first_paint([*desk.preload(), collect_from_now])
    # A first screen that is never exposed (started minimised, on another desktop) runs
    # none of those steps until it is; the collector does not wait for it that long.
    QTimer.singleShot(COLLECT_AFTER_MS, lambda: collect_from_now())
    # Quitting already, before the event loop: the exam could not be put together.
    code = 2 if shell.quitting else app.exec()
    desk.close()  # a last try for anything a full disk held back; releases the lock
    return code
