"""Opening the data folder for the window: one program per folder, a damaged or
missing user database, a folder that cannot be written.

open_for_exam() holds the decisions and no Qt: it is given two small functions,
`tell` (a message) and `ask` (a Yes/No question), so tests drive it with plain
lambdas. The window passes tell_user / ask_user, which show a QMessageBox. These
run before any window exists, so they block (exec) - nothing else runs yet. When no
one can answer (the offscreen or minimal Qt platform, as in tests and scripted
runs) they print to stderr instead and a question ends the start with status 2,
deciding nothing, like the command line.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Callable

from ..core.assembly import AssemblyError
from ..core.blueprint import BlueprintError
from ..storage.backups import restore_backup
from ..storage.datadir import ensure
from ..storage.lock import AlreadyRunning, DataFolderLock
from ..storage.userdb import USER_DB, UserDbProblem, unwritable
from ..workspace import Workspace

TITLE = "CPIM Exam Simulator"
Tell = Callable[[str, str, bool], None]       # title, text, fatal
Ask = Callable[[str, str], "bool | None"]     # title, text -> Yes, No, or None: no one can answer
HEADLESS_PLATFORMS = ("offscreen", "minimal")
MAX_ROUNDS = 5


def open_for_exam(folder: Path, ask: Ask, tell: Tell) -> Workspace | int:
    """The workspace of `folder`, holding its lock, checked writable; or, having
    told the user why not, the exit status (2)."""
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
                        restore_backup(problem.backup.path, folder / USER_DB)
                    except (OSError, sqlite3.Error) as exc:
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


# --- the real dialogs -----------------------------------------------------------------

def headless() -> bool:
    from PySide6.QtGui import QGuiApplication
    return QGuiApplication.instance() is None or QGuiApplication.platformName() in HEADLESS_PLATFORMS


def tell_user(title: str, text: str, fatal: bool = True) -> None:
    print(f"cpim-sim: {'error' if fatal else 'warning'}: {' '.join(text.split())}", file=sys.stderr)
    if headless():
        return
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox(QMessageBox.Icon.Critical if fatal else QMessageBox.Icon.Warning, title, text)
    box.exec()


def ask_user(title: str, text: str) -> bool | None:
    if headless():
        return None
    from PySide6.QtWidgets import QMessageBox
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = QMessageBox.question(None, title, text, buttons, QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes
