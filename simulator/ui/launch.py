"""Starting the window: the application, the data folder, resume or a new exam."""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtWidgets import QApplication

from ..core.assembly import AssemblyError
from ..core.clock import Clock, MonotonicClock, hms
from ..storage.datadir import data_dir
from ..workspace import ExamOptions, ExamRun, Workspace
from .common import theme
from .common.dialogs import ask
from .exam.mainwindow import MainWindow
from .startup import ask_user, open_for_exam, tell_user

log = logging.getLogger(__name__)


def options_from(args: argparse.Namespace) -> ExamOptions:
    return ExamOptions(seed=args.seed, items=args.items, minutes=args.minutes, mode=args.mode,
                       onvue=args.onvue, extra_time_pct=args.extra_time, candidate=args.candidate)


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
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


def open_workspace(args: argparse.Namespace) -> Workspace | int:
    """The data folder for the window, locked for the program's life and proven
    writable, the user database checked (a damaged one moved aside, a backup offered:
    startup.py); or the exit status after saying why not."""
    return open_for_exam(data_dir(args.data_dir), ask=ask_user, tell=tell_user)


class Launcher:
    """Decides between resuming and a new exam, then shows the window."""

    def __init__(self, workspace: Workspace, options: ExamOptions, clock: Clock, resume: bool) -> None:
        self.workspace, self.options, self.clock, self.auto_resume = workspace, options, clock, resume
        self.window: MainWindow | None = None

    def start(self) -> MainWindow | None:
        attempt = self.workspace.unfinished()
        if attempt is None:
            return self._open(self._new())
        if self.auto_resume:
            return self._open(self.workspace.resume(attempt, self.clock))
        run = self.workspace.resume(attempt, self.clock)
        answered = sum(1 for st in run.session.states if st.response)
        window = self._open(run, show_first=False)
        ask(window, "Resume the unfinished exam?",
            f"An exam started {attempt.started_at} was not finished: {answered} of {len(run.session)} "
            f"items answered, {hms(run.session.remaining())} left.\n\n"
            "Yes: resume it where you stopped.\nNo: end it (it is scored as it stands) and start a new exam.",
            on_yes=window.start, on_no=lambda: self._abandon(window))
        return window

    def _new(self) -> ExamRun:
        return self.workspace.new_exam(self.options, self.clock)

    def _open(self, run: ExamRun, show_first: bool = True) -> MainWindow:
        window = MainWindow(self.workspace, run, self.clock)
        # Fill the screen as the real driver does; the size is for window managers that
        # do not maximise, and never larger than the screen (1024x768 included).
        available = window.screen().availableGeometry()
        window.resize(min(1280, available.width()), min(820, available.height()))
        if run.onvue:
            window.showFullScreen()  # as OnVUE does: nothing else on the screen
        else:
            window.showMaximized()
        self.window = window
        if show_first:
            window.start()
        return window

    def _abandon(self, old: MainWindow) -> None:
        old.session.end()  # scored and saved as it stands
        old.hide()
        old.deleteLater()
        self._open(self._new())


def run_gui(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING)
    app = make_app()
    workspace = open_workspace(args)
    if isinstance(workspace, int):
        return workspace
    try:
        launcher = Launcher(workspace, options_from(args), MonotonicClock(), args.resume)
        if launcher.start() is None:
            workspace.close()
            return 2
    except AssemblyError as exc:
        workspace.close()
        return fail(str(exc))
    code = app.exec()
    workspace.store.retry()  # a last try for anything a full disk held back
    workspace.close()  # releases the data folder's lock
    return code
