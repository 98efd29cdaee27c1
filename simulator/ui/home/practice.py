"""Home's "Practice...": for now, study-mode practice by domain (the key and the
explanation after each answer).

The practice layer plugs in here: `set_practice_opener(fn)` makes "Practice..."
call `fn(home)` instead (home: the HomeWindow; `home.desk` is the data folder,
`home.shell.start_exam(options)` / `home.shell.open_exam(run)` open the window,
`home.screen_.set_readiness(text)` and `set_due(text)` fill Home's two panels).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ...core.blueprint import Blueprint
from .custom import CustomExamDialog

if TYPE_CHECKING:
    from .home import HomeWindow

PracticeOpener = Callable[["HomeWindow"], None]
_opener: PracticeOpener | None = None
DEFAULT_PRACTICE_ITEMS = 20


def set_practice_opener(opener: PracticeOpener | None) -> None:
    """What "Practice..." opens from now on (None: the study-mode picker below)."""
    global _opener
    _opener = opener


def open_practice(home: HomeWindow) -> None:
    if _opener is not None:
        _opener(home)
        return
    from .study import open_practice_picker  # sources, spaced repetition (the practice layer)
    open_practice_picker(home)


class PracticeDialog(CustomExamDialog):
    """The custom exam's choices in study mode: domains, subtopics, length."""

    def __init__(self, parent: QWidget, blueprint: Blueprint, counts: dict[tuple[str, str], int]) -> None:
        super().__init__(parent, blueprint, counts)
        self.setObjectName("practiceDialog")
        self.setAccessibleName("Practice")
        self.setWindowTitle("Practice")
        self.heading.setText("Practice by domain (study mode)")
        self.mode.setCurrentIndex(self.mode.findData("study"))
        self.mode.setEnabled(False)
        self.items.setValue(DEFAULT_PRACTICE_ITEMS)
        self.start_button.setAccessibleName("Start the practice")


def open_study_practice(home: HomeWindow) -> None:
    dialog = PracticeDialog(home, home.desk.blueprint, home.desk.subtopic_counts())
    dialog.start_requested.connect(lambda chosen: home.shell.start_exam(home.desk.exam_options(**chosen)))
    home._open(dialog)
