"""The study desk: the data folder a window works on, and what the screens ask of it.

One Desk per window's life. It holds the folder's lock, the user database (the
attempts), the question bank and the settings; it makes new runs and resumed ones
(runs.py), reads the history and the reports, deletes attempts, and answers Home's
progress panels with one aggregate query each. No Qt here: the screens call it, and
tests drive it with plain functions for `ask` and `tell`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.assembly import AssemblyError
from ..core.blueprint import Blueprint, BlueprintError
from ..core.clock import Clock, hms
from ..storage.datadir import ensure
from ..storage.lock import AlreadyRunning, DataFolderLock
from ..storage.settings import AppSettings, SettingsFile
from ..storage.userdb import USER_DB, UserDbProblem, unwritable
from ..workspace import ExamOptions, Workspace, login_name

if TYPE_CHECKING:
    from ..storage.models import Attempt
    from .runs import Draft, Run

TITLE = "CPIM Exam Simulator"
Tell = Callable[[str, str, bool], None]       # title, text, fatal
Ask = Callable[[str, str], "bool | None"]     # title, text -> Yes, No, or None: no one can answer
MAX_ROUNDS = 5
FULL_ITEMS, FULL_MINUTES = 150, 210.0
PACE_MINUTES = 1.4  # the real exam's pace: 210 minutes for 150 items


@dataclass(frozen=True)
class Progress:
    """What Home shows at a glance."""
    recent: list[dict[str, Any]]                 # the last scored attempts, oldest first
    domains: list[tuple[str, int, int]]          # (name, answered, correct), blueprint order
    seen: int
    total: int
    readiness: Any = None                        # filled by the practice layer
    due_today: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Desk:
    def __init__(self, workspace: Workspace, settings: SettingsFile | None = None) -> None:
        self.workspace = workspace
        self.folder = workspace.folder
        self._settings = settings or SettingsFile(workspace.folder)
        self._problem_told = False

    @classmethod
    def open(cls, folder: Path, ask: Ask, tell: Tell) -> Desk | int:
        """The desk of `folder` for a window (locked, proven writable, the user database
        checked); or, having told the user why not, the exit status 2."""
        workspace = open_for_exam(folder, ask, tell)
        return workspace if isinstance(workspace, int) else cls(workspace)

    def preload(self) -> list[Callable[[], object]]:
        """What to load once the first screen is painted, step by step: the ORM, which
        the first write (Begin, a resumed exam's first answer) needs and which takes
        0.2-0.4 s to import, longer than the rest of the start."""
        return self.workspace.store.preload()

    def close(self) -> None:
        self.workspace.store.retry()  # a last try for anything a full disk held back
        self.workspace.close()        # releases the folder's lock

    # --- settings ----------------------------------------------------------------------
    @property
    def settings(self) -> AppSettings:
        return self._settings.values

    @property
    def settings_path(self) -> Path:
        return self._settings.path

    def settings_problem(self) -> str | None:
        """The damaged settings file's one line, the first time it is asked for only."""
        if self._problem_told:
            return None
        self._problem_told = True
        return self._settings.problem

    def update_settings(self, **changes: Any) -> str | None:
        """Change and keep settings (ValueError if a value is not valid); the reason they
        could not be written to disk, or None."""
        return self._settings.update(**changes)

    def candidate(self) -> str:
        return self.settings.candidate or login_name()

    # --- the bank ----------------------------------------------------------------------
    @property
    def blueprint(self) -> Blueprint:
        return self.workspace.blueprint

    def subtopic_counts(self) -> dict[tuple[str, str], int]:
        return self.workspace.bank.counts()

    def banks(self) -> list[dict[str, object]]:
        """The shipped bank, then the imported ones: {name, items, source}."""
        from ..storage.userbanks import SHIPPED_NAME, list_banks
        shipped: dict[str, object] = {"name": SHIPPED_NAME, "items": len(self.workspace.catalogue),
                                      "source": "shipped"}
        return [shipped, *list_banks(self.workspace.folder)]

    def import_bank(self, path: Path, name: str | None = None) -> Any:
        """Import a question file as a user bank (storage.userbanks.ImportReport). Raises
        ValueError (a format or name problem, one line) or OSError; nothing is written then."""
        from ..exchange import check_user_bank
        from ..storage.userbanks import import_file
        return import_file(self.workspace.folder, path, None, name, check=check_user_bank)

    # --- runs --------------------------------------------------------------------------
    def exam_options(self, **chosen: Any) -> ExamOptions:
        """Options for an exam started from Home: the candidate and extra time from
        Settings unless `chosen` says otherwise."""
        chosen.setdefault("candidate", self.settings.candidate or None)
        chosen.setdefault("extra_time_pct", self.settings.extra_time_pct)
        return ExamOptions(**chosen)

    def new_run(self, options: ExamOptions, clock: Clock) -> Run:
        """A new exam, not begun (raises AssemblyError if the bank cannot fill the form)."""
        from .runs import Run
        return Run(self, self.workspace.new_exam(options, clock))

    def draft(self, options: ExamOptions, clock: Clock) -> Run | Draft:
        """A new exam for a window. On the shipped bank's whole blueprint: a Draft, its
        form drawn once the window is painted; otherwise the Run, drawn now. Either
        raises AssemblyError when the bank or the blueprint cannot give it."""
        plan = self.workspace.plan(options)
        if plan is None:
            return self.new_run(options, clock)
        from .runs import Draft
        return Draft(self, plan, options, clock)

    def adopt(self, exam: Any) -> Run:
        """A Run around an ExamRun made by the workspace directly (older callers)."""
        from .runs import Run
        return Run(self, exam)

    def unfinished(self) -> Attempt | None:
        return self.workspace.unfinished()

    def resume_run(self, attempt: Attempt, clock: Clock) -> Run:
        from .runs import Run
        return Run(self, self.workspace.resume(attempt, clock))

    # --- reports and history -------------------------------------------------------------
    def report(self, attempt_id: int) -> dict[str, Any]:
        return self.workspace.report(attempt_id)

    def answers(self, attempt_id: int) -> list[dict[str, Any]]:
        return self.workspace.answers(attempt_id)

    def history(self) -> list[dict[str, Any]]:
        return self.workspace.history()

    def history_reports(self, rows: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
        return {row["id"]: self.workspace.report(row["id"])
                for row in rows if row["scaled_score"] is not None}

    def delete(self, attempt_id: int) -> None:
        self.workspace.delete(attempt_id)

    # --- Home's panels: one query each ---------------------------------------------------
    def progress(self) -> Progress:
        store = self.workspace.store
        mastery = store.mastery()
        domains = [(name, *mastery.get(name, (0, 0, 0))[:2]) for name in self.blueprint.names]
        seen = sum(m[2] for m in mastery.values())  # an item belongs to one domain
        total = self.workspace.bank.size()
        return Progress(recent=store.recent_scores(10), domains=domains, seen=seen, total=total)


def resume_text(run: Run, started: str) -> str:
    """The resume question's facts about the unfinished attempt."""
    s = run.session
    answered = sum(1 for st in s.states if st.response)
    if s.kind == "practice":  # a practice set has no clock to speak of
        return f"A practice set started {started} was not finished: {answered} of {len(s)} items answered."
    return (f"An exam started {started} was not finished: {answered} of {len(s)} items answered, "
            f"{hms(s.remaining())} left.")


def open_for_exam(folder: Path, ask: Ask, tell: Tell) -> Workspace | int:
    """The workspace of `folder`, holding its lock, checked writable; or, having
    told the user why not, the exit status (2). A damaged user database is moved
    aside and its latest backup offered (ask); with no one to answer, nothing is
    decided and the start ends."""
    try:
        ensure(folder)
    except OSError as exc:
        tell(TITLE, f"Cannot use the data folder {folder}: {exc.strerror or exc}.", True)
        return 2
    lock = DataFolderLock(folder)
    try:
        lock.acquire()
    except AlreadyRunning as exc:
        tell(TITLE, str(exc), True)
        return 2
    except OSError as exc:
        tell(TITLE, unwritable(folder, exc.strerror or str(exc)).message, True)
        return 2
    fresh = False
    for _round in range(MAX_ROUNDS):
        try:
            return Workspace(folder, lock=lock, fresh=fresh, check_writable=True)
        except UserDbProblem as problem:
            if problem.restorable:
                answer = ask("Restore the backup?", restore_question(problem))
                if answer is None:
                    tell(TITLE, problem.one_line(), True)
                    break
                if answer:
                    try:
                        assert problem.backup is not None
                        from ..storage.backups import restore_backup  # not with the module (the start)
                        restore_backup(problem.backup.path, folder / USER_DB)
                    except (OSError, sqlite3.Error) as exc:
                        assert problem.backup is not None
                        tell(TITLE, f"The backup {problem.backup.path} could not be restored: {exc}. "
                                    "Nothing else was changed.", True)
                        break
                else:
                    fresh = True
            elif problem.kind == "damaged":  # moved aside, and no backup: carry on with a new file
                tell(TITLE, problem.message, False)
                fresh = True
            else:
                tell(TITLE, problem.message, True)
                break
        except (BlueprintError, AssemblyError) as exc:
            tell(TITLE, str(exc), True)
            break
        except OSError as exc:
            tell(TITLE, f"Cannot use the data folder {folder}: {exc.strerror or exc}.", True)
            break
    lock.release()
    return 2


def restore_question(problem: UserDbProblem) -> str:
    keep = ("the damaged file and the backups stay where they are" if problem.kind == "damaged"
            else "the backups stay where they are")
    return (f"{problem.message}\n\nRestore that backup now?\n\n"
            "Yes: your attempts come back as they were when the backup was made.\n"
            f"No: start with an empty history ({keep}).")
