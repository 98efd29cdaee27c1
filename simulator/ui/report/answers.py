"""Answer review after the exam: each item with the candidate's answer, the key and
the explanation; All / Incorrect / Flagged, driven by the keys of the exam."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ...core.items import LETTERS, Exhibit
from ..common.exhibit import ExhibitView
from ..common.widgets import footer, named, push, scrolled, stacked, toolbar

FILTERS = {"all": "all items", "incorrect": "incorrect items", "flagged": "flagged items"}


class AnswerReviewScreen(QWidget):
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = stacked(self)
        self.where = named(QLabel(), "answerPosition", "Position")
        layout.addWidget(toolbar(self.where))
        self.scroll_area, column = scrolled()
        self.meta = named(QLabel(), "answerMeta", "About this item")
        self.meta.setObjectName("notice")
        self.meta.setTextFormat(Qt.TextFormat.PlainText)  # names may come from a user's blueprint
        self.stem = named(QLabel(), "answerStem", "Question")
        self.stem.setWordWrap(True)
        self.stem.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.meta)
        column.addWidget(self.stem)
        self.exhibit = ExhibitView("answerExhibit")  # the item's table, as it was shown
        column.addWidget(self.exhibit)
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        self.marks: dict[str, QLabel] = {}
        self.texts: dict[str, QLabel] = {}
        self.letter_labels: dict[str, QLabel] = {}
        for row, letter in enumerate(LETTERS):  # rows past the item's last option are hidden
            mark = QLabel()
            mark.setMinimumWidth(22)
            text = QLabel()
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setAccessibleName(f"Option {letter}")
            grid.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            label = QLabel(f"{letter}.")
            grid.addWidget(label, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 2)
            self.marks[letter], self.texts[letter], self.letter_labels[letter] = mark, text, label
        column.addLayout(grid)
        self.verdict = named(QLabel(), "answerVerdict", "Your answer")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation = named(QLabel(), "answerExplanation", "Explanation")
        self.explanation.setObjectName("feedback")
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.verdict)
        column.addWidget(self.explanation)
        column.addStretch(1)
        layout.addWidget(self.scroll_area, 1)

        self.back_button = push("&Back to Results", "backToResultsButton", "Back to results")
        self.all_button = push("Review &All", "answersAllButton", "Review all")
        self.incorrect_button = push("Review &Incorrect", "answersIncorrectButton", "Review incorrect")
        self.flagged_button = push("Review F&lagged", "answersFlaggedButton", "Review flagged")
        self.previous_button = push("&Previous", "answersPreviousButton", "Previous")
        self.next_button = push("&Next", "answersNextButton", "Next")
        self.back_button.clicked.connect(self.back)
        self.all_button.clicked.connect(lambda: self.set_filter("all"))
        self.incorrect_button.clicked.connect(lambda: self.set_filter("incorrect"))
        self.flagged_button.clicked.connect(lambda: self.set_filter("flagged"))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        layout.addWidget(footer([self.back_button, self.all_button, self.incorrect_button,
                                 self.flagged_button],
                                [self.previous_button, self.next_button]))
        self.items: list[dict[str, Any]] = []
        self.subset: list[int] = []
        self.index = 0
        self.filter = "all"

    def load(self, answers: list[dict[str, Any]], which: str = "all") -> None:
        self.items = answers
        self.set_filter(which)

    def set_filter(self, which: str) -> None:
        self.filter = which
        if which == "incorrect":
            self.subset = [i for i, it in enumerate(self.items) if not it["correct"]]
        elif which == "flagged":
            self.subset = [i for i, it in enumerate(self.items) if it["flagged"]]
        else:
            self.subset = list(range(len(self.items)))
        self.index = 0
        self.show_current()

    def step(self, delta: int) -> None:
        if self.subset:
            self.index = max(0, min(len(self.subset) - 1, self.index + delta))
            self.show_current()

    @property
    def current(self) -> dict[str, Any] | None:
        return self.items[self.subset[self.index]] if self.subset else None

    def show_current(self) -> None:
        it = self.current
        self.previous_button.setEnabled(bool(self.subset) and self.index > 0)
        self.next_button.setEnabled(bool(self.subset) and self.index < len(self.subset) - 1)
        if it is None:
            self.where.setText(f"Answer review: no {FILTERS[self.filter]}")
            self.meta.setText("")
            self.stem.setText(f"There are no {FILTERS[self.filter]} to review.")
            self.exhibit.show_exhibit(None)
            for letter in LETTERS:
                self.marks[letter].setText("")
                self.texts[letter].setText("")
            self.verdict.setText("")
            self.explanation.hide()
            return
        self.where.setText(f"Answer review: {self.index + 1} of {len(self.subset)} {FILTERS[self.filter]}")
        extra = "  |  unscored pretest item" if it["pretest"] else ""
        flag = "  |  flagged" if it["flagged"] else ""
        self.meta.setText(f"Item {it['position']}  |  {it['domain']}  |  {it['subtopic']}{extra}{flag}")
        self.stem.setText(it["stem"])
        self.exhibit.show_exhibit(Exhibit.from_json(it["exhibit"]) if it.get("exhibit") else None)
        for n, letter in enumerate(LETTERS):
            for widget in (self.marks[letter], self.texts[letter], self.letter_labels[letter]):
                widget.setVisible(n < len(it["options"]))
        for letter, text in zip(LETTERS, it["options"], strict=False):
            self.texts[letter].setText(text)
            mark = "\u2713" if letter == it["key"] else ("\u2717" if letter == it["response"] else "")
            self.marks[letter].setText(mark)
            self.marks[letter].setStyleSheet("color: #1d7a34; font-weight: bold;" if mark == "\u2713"
                                             else "color: #b3261e; font-weight: bold;")
        answer = it["response"] or "no answer"
        verdict = "Correct" if it["correct"] else "Incorrect"
        self.verdict.setText(f"Your answer: {answer}.  {verdict}.  The correct answer is {it['key']}.")
        self.explanation.setText(it["explanation"])
        self.explanation.show()
        self.scroll_area.verticalScrollBar().setValue(0)
