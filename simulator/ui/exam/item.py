"""The item screen: one question, its exhibit, 2 to 6 options, flag, tools, and the navigation footer.

Marks the candidate makes are kept per item by the session: strike-through of
options ruled out (right-click an option, or Shift+its letter) and highlights in
the stem (select text, then right-click or Ctrl+H)."""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QMenu, QRadioButton, QToolButton, QWidget

from ...core.assembly import FormItem
from ...core.items import LETTERS
from ...core.session import ItemState
from ..common import icons
from ..common.exhibit import ExhibitView
from ..common.labels import ClickableLabel, SelectableLabel
from ..common.widgets import Bar, footer, named, push, scrolled, stacked

HIGHLIGHT = "#fff176"


def stem_html(text: str, spans: list[tuple[int, int]]) -> str:
    """The stem as rich text with highlighted spans. The bank's text is escaped, so
    nothing in it is ever taken as markup; offsets count characters of the plain text
    (each line break is one <br>, which a QLabel counts as one character too)."""
    out, last = [], 0
    for start, end in spans:
        start, end = max(last, start), min(len(text), end)
        if end <= start:
            continue
        out.append(html.escape(text[last:start]))
        out.append(f'<span style="background-color:{HIGHLIGHT}; '
                   f'color:#000000">{html.escape(text[start:end])}</span>')
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out).replace("\n", "<br>")


class ItemScreen(QWidget):
    answered = Signal(str)
    flag_toggled = Signal()
    strike_toggled = Signal(str)
    highlighted = Signal(int, int)
    highlights_cleared = Signal()
    calculator = Signal()
    whiteboard = Signal()
    next = Signal()
    previous = Signal()
    review = Signal()
    end = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = stacked(self)
        self.toolbar = Bar("toolBar", 38)
        self.calculator_button = named(QToolButton(), "calculatorButton", "Calculator")
        self.calculator_button.setText("&Calculator")
        self.calculator_button.clicked.connect(lambda: self.calculator.emit())
        self.toolbar.row.addWidget(self.calculator_button)
        # OnVUE only: the whiteboard that replaces scratch paper.
        self.whiteboard_button = named(QToolButton(), "whiteboardButton", "Whiteboard")
        self.whiteboard_button.setText("&Whiteboard")
        self.whiteboard_button.clicked.connect(lambda: self.whiteboard.emit())
        self.whiteboard_button.hide()
        self.toolbar.row.addWidget(self.whiteboard_button)
        self.toolbar.row.addStretch(1)
        self.flag_button = named(QToolButton(), "flagButton", "Flag for Review")
        self.flag_button.setText("&Flag for Review")
        self.flag_button.setCheckable(True)
        self.flag_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._flag_icons = {False: icons.flag(False), True: icons.flag(True)}  # drawn once, not per item
        self.flag_button.setIcon(self._flag_icons[False])
        self._flag_shown = False
        self.flag_button.clicked.connect(lambda: self.flag_toggled.emit())
        self.toolbar.row.addWidget(self.flag_button)
        layout.addWidget(self.toolbar)

        self.scroll_area, column = scrolled((48, 28, 48, 28), 14)
        # Study mode says so on every item: the key follows each answer.
        self.study_banner = named(QLabel("Study mode: after each answer you see the correct answer and its "
                                         "explanation. Your first answer is the one that counts."),
                                  "studyBanner", "Study mode")
        self.study_banner.setWordWrap(True)
        self.study_banner.hide()
        column.addWidget(self.study_banner)
        self.stem = named(SelectableLabel(), "itemStem", "Question")
        # Plain text, or rich text escaped by stem_html with only our own highlight spans.
        self.stem.setTextFormat(Qt.TextFormat.PlainText)
        self.stem.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.stem.customContextMenuRequested.connect(self._stem_menu)
        column.addWidget(self.stem)
        # The item's table (MPS record, demand history ...), hidden for an item without one.
        self.exhibit = ExhibitView("itemExhibit")
        column.addWidget(self.exhibit)
        column.addSpacing(8)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(14)
        grid.setColumnStretch(1, 1)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.radios: dict[str, QRadioButton] = {}
        self.texts: dict[str, QLabel] = {}
        self.letters: tuple[str, ...] = LETTERS[:4]  # the shown item's options; rows beyond are hidden
        for row, letter in enumerate(LETTERS):
            radio = named(QRadioButton(f"{letter}."), f"option{letter}", f"Option {letter}")
            text = ClickableLabel()
            text.setObjectName("optionText")
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.clicked.connect(lambda letter=letter: self.answered.emit(letter))
            radio.clicked.connect(lambda _checked=False, letter=letter: self.answered.emit(letter))
            for widget in (radio, text):
                widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
                widget.customContextMenuRequested.connect(
                    lambda _pos, letter=letter: self.strike_toggled.emit(letter))
            self.group.addButton(radio)
            grid.addWidget(radio, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1)
            self.radios[letter], self.texts[letter] = radio, text
            # The option letters A-F and 1-6 select, Shift+letter strikes through; QShortcuts,
            # since no button owns these keys (the buttons' mnemonics are Alt+letter). A key
            # past the item's last option does nothing.
            for key in (letter, str(row + 1)):
                QShortcut(QKeySequence(key), self).activated.connect(
                    lambda letter=letter: self._by_key(self.answered, letter))
            QShortcut(QKeySequence(f"Shift+{letter}"), self).activated.connect(
                lambda letter=letter: self._by_key(self.strike_toggled, letter))
        QShortcut(QKeySequence("Ctrl+H"), self).activated.connect(self.highlight_selection)
        column.addLayout(grid)
        self.strike_note = named(QLabel(), "strikeNote", "Strike-out removed")
        self.strike_note.setWordWrap(True)
        self.strike_note.setTextFormat(Qt.TextFormat.PlainText)
        self.strike_note.hide()
        column.addWidget(self.strike_note)
        self._marks_of: str | None = None  # the item whose marks the option labels show
        self._marks: tuple | None = None  # what show_state last drew, to skip redrawing the same
        self.feedback = named(QLabel(), "feedback", "Feedback")
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.hide()
        column.addWidget(self.feedback)
        column.addStretch(1)
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._scrolled)
        layout.addWidget(self.scroll_area, 1)

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
        self._stem_text = ""
        self._highlights: list[tuple[int, int]] | None = None
        self._seen_end = False

    # --- showing ---------------------------------------------------------------------
    def show_item(self, form_item: FormItem, state: ItemState, *, first: bool, feedback: bool,
                  from_review: bool = False) -> None:
        item = form_item.item
        if self._shown != item.id:
            self._shown = item.id
            self.exhibit.show_exhibit(item.exhibit, room=self.stem.width())  # the column's width
            self._stem_text = item.stem
            self._highlights = None  # the new stem is drawn by show_state
            self.letters = item.letters
            for letter in LETTERS:
                text = item.option(letter) if letter in self.letters else ""
                self.texts[letter].setText(text)
                self.radios[letter].setAccessibleDescription(text)
                self.radios[letter].setVisible(letter in self.letters)
                self.texts[letter].setVisible(letter in self.letters)
            self.scroll_area.verticalScrollBar().setValue(0)
            self._seen_end = False
        self.show_state(state)
        self.previous_button.setEnabled(not first)
        # Reached from the review screen, the same Alt+R button says where it leads.
        label = "&Review Screen" if from_review else "&Review"
        if self.review_button.text() != label:  # a new label re-registers its Alt+R
            self.review_button.setText(label)
        if feedback:
            verdict = "Correct." if state.response == item.key else f"Incorrect. The answer is {item.key}."
            term = f"\n\nAPICS Dictionary term: {item.term}" if item.term else ""
            self.feedback.setText(f"{verdict}\n\n{item.explanation}{term}\n\n"
                                  f"Your answer, {state.response}, is the one that counts: it cannot be "
                                  "changed now that the key is shown.")
        self.feedback.setVisible(feedback)
        # Once the key is shown the options are locked: a later choice would inflate the score.
        for radio in self.radios.values():
            radio.setEnabled(not feedback)

    def set_side_room(self, pixels: int) -> None:
        """Keep `pixels` free on the right, where a tool window opens beside the item: the
        toolbar, the item and the footer all move over (nothing of them under the tool)."""
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(0, 0, pixels, 0)

    def set_study(self, study: bool) -> None:
        self.study_banner.setVisible(study)

    def show_state(self, state: ItemState) -> None:
        # Leaving an item changes only its time: what is on screen is already right, and
        # Next and Previous would otherwise draw the item being left once more.
        marks = (self._shown, state.response, state.flagged, frozenset(state.struck), tuple(state.highlights))
        if marks == self._marks and all(radio.isChecked() == (state.response == letter)
                                        for letter, radio in self.radios.items()):
            return
        self._marks = marks
        # Show the session's truth without sending it back as a new answer.
        self.group.setExclusive(False)
        same_item = self._marks_of == self._shown
        for letter, radio in self.radios.items():
            radio.setChecked(state.response == letter)
            struck = letter in state.struck
            label = self.texts[letter]
            if same_item and state.response == letter and not struck and bool(label.property("struck")):
                # Choosing a struck-out option takes its strike-out away; say so, so it is no surprise.
                self.strike_note.setText(f"You chose {letter}, which you had struck out: its strike-out is "
                                         f"removed. Shift+{letter} or a right-click strikes it out again.")
                self.strike_note.show()
            if bool(label.property("struck")) != struck:
                label.setProperty("struck", struck)  # style.qss strikes it through and greys it
                label.style().unpolish(label)
                label.style().polish(label)
            self.radios[letter].setAccessibleDescription(
                ("ruled out: " if struck else "") + self.texts[letter].text())
        self.group.setExclusive(True)
        if not same_item or (state.response is not None and state.response in state.struck):
            self.strike_note.hide()
        self._marks_of = self._shown
        if state.highlights != self._highlights:
            self._highlights = list(state.highlights)
            # Rich text only where there is something to highlight: plain text lays out
            # faster, and most items are never marked.
            rich = bool(self._highlights)
            self.stem.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
            self.stem.setText(stem_html(self._stem_text, self._highlights) if rich else self._stem_text)
            self.stem.setAccessibleDescription(self._stem_text)
        self.flag_button.setChecked(state.flagged)
        if self._flag_shown != state.flagged:  # a new icon re-lays out the toolbar
            self._flag_shown = state.flagged
            self.flag_button.setIcon(self._flag_icons[state.flagged])
        self.flag_button.setAccessibleDescription("flagged" if state.flagged else "not flagged")

    def _by_key(self, signal: SignalInstance, letter: str) -> None:
        if letter in self.letters:
            signal.emit(letter)

    def struck(self, letter: str) -> bool:
        label = self.texts[letter]
        return bool(label.property("struck")) and label.font().strikeOut()

    # --- marks -----------------------------------------------------------------------
    def highlight_selection(self) -> None:
        start = self.stem.selectionStart()
        length = len(self.stem.selectedText())
        if start >= 0 and length:
            self.highlighted.emit(start, start + length)

    def _stem_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        add = menu.addAction("Highlight selection (Ctrl+H)")
        add.setEnabled(self.stem.hasSelectedText())
        add.triggered.connect(self.highlight_selection)
        clear = menu.addAction("Remove highlights")
        clear.setEnabled(bool(self._highlights))  # None or [] alike: nothing to remove
        clear.triggered.connect(lambda: self.highlights_cleared.emit())
        menu.popup(self.stem.mapToGlobal(pos))

    # --- unseen content ----------------------------------------------------------------
    def _scrolled(self, value: int) -> None:
        if value >= self.scroll_area.verticalScrollBar().maximum():
            self._seen_end = True

    def unseen_content(self) -> bool:
        """True while part of the item lies below the fold and was never scrolled into view."""
        bar = self.scroll_area.verticalScrollBar()
        return bar.maximum() > 0 and not self._seen_end and bar.value() < bar.maximum()

    def mark_seen(self) -> None:
        self._seen_end = True
