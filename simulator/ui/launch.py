"""Starting the window: the application, the data folder, resume or a new exam."""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.assembly import AssemblyError
from ..core.blueprint import BlueprintError
from ..core.clock import Clock, MonotonicClock, hms
from ..storage.datadir import data_dir
from ..workspace import ExamOptions, ExamRun, Workspace
from . import theme
from .dialogs import ask
from .mainwindow import MainWindow

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
    """A problem before the window exists: a dialog for the user, a line for the log."""
    print(f"cpim-sim: error: {message}", file=sys.stderr)
    QMessageBox.critical(None, "CPIM Exam Simulator", message)
    return 2


def open_workspace(args: argparse.Namespace) -> Workspace | str:
    folder = data_dir(args.data_dir)
    try:
        return Workspace(folder)
    except (BlueprintError, AssemblyError) as exc:
        return str(exc)
    except OSError as exc:
        return f"Cannot use the data folder {folder}: {exc.strerror or exc}"


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
    if isinstance(workspace, str):
        return fail(workspace)
    try:
        launcher = Launcher(workspace, options_from(args), MonotonicClock(), args.resume)
        if launcher.start() is None:
            return 2
    except AssemblyError as exc:
        return fail(str(exc))
    code = app.exec()
    workspace.close()
    return code
