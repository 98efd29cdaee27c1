"""The item screen: one question, four options, flag, and the navigation footer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QButtonGroup, QGridLayout, QLabel, QRadioButton, QScrollArea,
                               QToolButton, QVBoxLayout, QWidget)

from ..core.assembly import FormItem
from ..core.items import LETTERS
from ..core.session import ItemState
from . import icons
from .widgets import Bar, ClickableLabel, footer, named, push


class ItemScreen(QWidget):
    answered = Signal(str)
    flag_toggled = Signal()
    next = Signal()
    previous = Signal()
    review = Signal()
    end = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        toolbar = Bar("toolBar", 38)
        toolbar.row.addStretch(1)
        self.flag_button = named(QToolButton(), "flagButton", "Flag for Review")
        self.flag_button.setText("&Flag for Review")
        self.flag_button.setCheckable(True)
        self.flag_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.flag_button.setIcon(icons.flag(False))
        self.flag_button.clicked.connect(lambda: self.flag_toggled.emit())
        toolbar.row.addWidget(self.flag_button)
        layout.addWidget(toolbar)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        content = QWidget()
        content.setObjectName("content")
        column = QVBoxLayout(content)
        column.setContentsMargins(48, 28, 48, 28)
        column.setSpacing(14)
        self.stem = named(QLabel(), "itemStem", "Question")
        self.stem.setWordWrap(True)
        self.stem.setTextFormat(Qt.TextFormat.PlainText)  # bank text is never rendered as markup
        self.stem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.stem)
        column.addSpacing(8)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(14)
        grid.setColumnStretch(1, 1)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.radios: dict[str, QRadioButton] = {}
        self.texts: dict[str, QLabel] = {}
        for row, letter in enumerate(LETTERS):
            radio = named(QRadioButton(f"{letter}."), f"option{letter}", f"Option {letter}")
            text = ClickableLabel()
            text.setObjectName("optionText")
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.clicked.connect(lambda letter=letter: self.answered.emit(letter))
            radio.clicked.connect(lambda _checked=False, letter=letter: self.answered.emit(letter))
            self.group.addButton(radio)
            grid.addWidget(radio, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1)
            self.radios[letter], self.texts[letter] = radio, text
            # The option letters and 1-4 select; QShortcuts, since no button owns these keys.
            for key in (letter, str(row + 1)):
                QShortcut(QKeySequence(key), self, activated=lambda letter=letter: self.answered.emit(letter))
        column.addLayout(grid)
        self.feedback = named(QLabel(), "feedback", "Feedback")
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.hide()
        column.addWidget(self.feedback)
        column.addStretch(1)
        self.scroll.setWidget(content)
        layout.addWidget(self.scroll, 1)

        self.end_button = push("&End Exam", "endButton", "End Exam")
        self.previous_button = push("&Previous", "previousButton", "Previous")
        self.next_button = push("&Next", "nextButton", "Next")
        self.review_button = push("&Review", "reviewButton", "Review screen")
        self.end_button.clicked.connect(self.end)
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.review_button.clicked.connect(self.review)
        layout.addWidget(footer([self.end_button],
                                [self.previous_button, self.next_button, self.review_button]))
        self._shown: str | None = None

    def show_item(self, form_item: FormItem, state: ItemState, *, first: bool, feedback: bool) -> None:
        item = form_item.item
        if self._shown != item.id:
            self._shown = item.id
            self.stem.setText(item.stem)
            for letter, text in zip(LETTERS, item.options):
                self.texts[letter].setText(text)
                self.radios[letter].setAccessibleDescription(text)
            self.scroll.verticalScrollBar().setValue(0)
        self.show_state(state)
        self.previous_button.setEnabled(not first)
        if feedback:
            verdict = "Correct." if state.response == item.key else f"Incorrect. The answer is {item.key}."
            self.feedback.setText(f"{verdict}\n\n{item.explanation}")
        self.feedback.setVisible(feedback)

    def show_state(self, state: ItemState) -> None:
        # Show the session's truth without sending it back as a new answer.
        self.group.setExclusive(False)
        for letter, radio in self.radios.items():
            radio.setChecked(state.response == letter)
        self.group.setExclusive(True)
        self.flag_button.setChecked(state.flagged)
        self.flag_button.setIcon(icons.flag(state.flagged))
        self.flag_button.setAccessibleDescription("flagged" if state.flagged else "not flagged")
