"""Home's practice layer: the practice picker behind "Practice..." (the readiness,
due-today and "where to study next" panels are in panels.py).

The picker is the custom exam's dialog with a source instead of the feedback choice
and no clock: all items, missed, flagged, due today or weakest first, narrowed to
the ticked domains and subtopics. Its counts come from one query each."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from ...app import practice
from ...core.practice import DEFAULT_ITEMS, PracticeError
from .custom import CustomExamDialog

if TYPE_CHECKING:
    from .home import HomeWindow

SOURCE_LABELS = {
    "all": "All items (due ones first, then unseen)",
    "missed": "Missed in an earlier sitting",
    "flagged": "Flagged in an earlier sitting",
    "due": "Due for review today",
    "weak": "Weakest first: furthest below the passing standard",
}


class PracticePicker(CustomExamDialog):
    """Which items to practise: emits start_requested with PracticeOptions fields."""

    def __init__(self, parent: QWidget, blueprint: Any, counts: dict[tuple[str, str], int],
                 source_counts: dict[str, int]) -> None:
        super().__init__(parent, blueprint, counts)
        self.setObjectName("practicePicker")
        self.setAccessibleName("Practice")
        self.setWindowTitle("Practice")
        heading = self.findChild(QLabel, "homeCardTitle")
        if heading is not None:
            heading.setText("Practice: feedback after each answer, no clock")
        self.items.setRange(1, 150)
        self.items.setValue(DEFAULT_ITEMS)
        form = self.findChild(QFormLayout)
        if form is not None:
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                label = item.widget() if item is not None else None
                if isinstance(label, QLabel) and label.buddy() is self.minutes:
                    form.setRowVisible(row, False)  # practice has no clock
                elif isinstance(label, QLabel) and label.buddy() is self.mode:
                    label.setText("S&ource:")
        self.setMinimumWidth(660)
        self.mode.clear()
        self.mode.setObjectName("practiceSource")
        self.mode.setAccessibleName("Practice source")
        for source, text in SOURCE_LABELS.items():
            n = source_counts.get(source)
            self.mode.addItem(text if n is None else f"{text} ({n})", source)
        self.source = self.mode
        self.source.setFocus()
        self.start_button.setObjectName("practiceStart")
        self.start_button.setAccessibleName("Start the practice")

    def select_source(self, source: str) -> None:
        self.source.setCurrentIndex(self.source.findData(source))

    def values(self) -> dict[str, Any]:
        domains, subtopics, whole = self.chosen_scope()
        seed_text = self.seed.text().strip()
        return {"source": self.source.currentData(), "items": self.items.value(),
                "domains": tuple(domains), "subtopics": () if whole else tuple(subtopics),
                "seed": int(seed_text) if seed_text else None}

    def _update_available(self, *_args: Any) -> None:
        super()._update_available()
        if self.chosen_scope()[0]:
            self.available.setText(f"{self._available_count()} items in the chosen domains and subtopics; "
                                   "the source picks from them.")


def source_counts(home: HomeWindow) -> dict[str, int]:
    ws = home.desk.workspace
    now = practice.wall(home.shell.clock)
    return {"missed": len(practice.missed_ids(ws)), "flagged": len(practice.flagged_ids(ws)),
            "due": len(practice.due_today(ws, now))}


def open_practice_picker(home: HomeWindow) -> PracticePicker:
    dialog = PracticePicker(home, home.desk.blueprint, home.desk.subtopic_counts(), source_counts(home))
    dialog.start_requested.connect(lambda chosen: start_practice(home, chosen))
    home._open(dialog)
    return dialog


def start_practice(home: HomeWindow, chosen: dict[str, Any]) -> None:
    from ..common.dialogs import inform
    options = practice.PracticeOptions(candidate=home.desk.settings.candidate or None, **chosen)
    try:
        run = practice.new_practice(home.desk.workspace, options, home.shell.clock)
    except PracticeError as exc:
        inform(home, "Nothing to practise", f"{str(exc)[0].upper()}{str(exc)[1:]}.")
        return
    home.shell.open_exam(home.desk.adopt(run))
