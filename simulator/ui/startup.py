"""Opening the data folder for the window: one program per folder, a damaged or
missing user database, a folder that cannot be written.

open_for_exam() (in the application layer, app/desk.py) holds the decisions and no
Qt: it is given two small functions, `tell` (a message) and `ask` (a Yes/No
question), so tests drive it with plain lambdas. The window passes tell_user /
ask_user, which show a QMessageBox. These
run before any window exists, so they block (exec) - nothing else runs yet. When no
one can answer (the offscreen or minimal Qt platform, as in tests and scripted
runs) they print to stderr instead and a question ends the start with status 2,
deciding nothing, like the command line.
"""

from __future__ import annotations

import sys

from ..app.desk import TITLE, Ask, Tell, open_for_exam, restore_question  # noqa: F401 - the decisions live there

HEADLESS_PLATFORMS = ("offscreen", "minimal")


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
