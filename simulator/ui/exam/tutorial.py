"""The tutorial: a few pages beside a picture of the item screen on a sample item,
on a countdown of its own (not the exam clock). Time out, Skip or the last Next
lead to 'Begin the exam?'."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QWidget

from ...core.assembly import FormItem
from ...core.clock import Clock, Countdown, hms
from ...core.items import Item
from ...core.session import ItemState
from ...paths import resource
from ..common.widgets import footer, named, push, stacked, toolbar
from .item import ItemScreen

TUTORIAL_SECONDS = 10 * 60

SAMPLE = Item(
    id="TUT-001", domain="Tutorial", subtopic="", level="recall", difficulty=0.0,
    stem="This is a sample item. On the exam, each item looks like this one. Which key selects option C?",
    options=("Alt+C", "The letter C, or the digit 3", "Ctrl+C", "Shift+C"), key="B",
    explanation="The letter of an option, or its number, selects it.")


def item_preview(width: int = 760, height: int = 470) -> QPixmap:
    """A picture of the item screen with the sample item: C ruled out, B chosen, flagged."""
    screen = ItemScreen()
    screen.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    screen.resize(width, height)
    marked = SAMPLE.stem.index("each item looks like this one")
    state = ItemState(response="B", flagged=True, visited=True, struck={"D"},
                      highlights=[(marked, marked + len("each item looks like this one"))])
    screen.show_item(FormItem(0, SAMPLE, False), state, first=True, feedback=False)
    screen.show()
    picture = screen.grab()
    screen.hide()
    screen.deleteLater()
    return picture


class TutorialScreen(QWidget):
    next = Signal()

    def __init__(self, clock: Clock, seconds: float = TUTORIAL_SECONDS) -> None:
        super().__init__()
        self.pages = [p.strip() for p in resource("texts").joinpath("tutorial.txt")
                      .read_text(encoding="utf-8").split("\n---\n")]
        self.countdown = Countdown(clock, seconds)
        layout = stacked(self)
        self.where = named(QLabel(), "tutorialPage", "Tutorial page")
        bar = toolbar(self.where)
        self.timer_label = named(QLabel(), "tutorialTimeRemaining", "Tutorial time remaining")
        self.timer_label.setStyleSheet("color: #ffffff;")
        bar.row.addWidget(self.timer_label)
        layout.addWidget(bar)

        body = QWidget()
        body.setObjectName("content")
        row = QHBoxLayout(body)
        row.setContentsMargins(36, 20, 36, 20)
        row.setSpacing(28)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.text = named(QLabel(), "tutorialText", "Tutorial")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll.setWidget(self.text)
        row.addWidget(scroll, 2)
        self.preview = named(QLabel(), "tutorialPreview", "The item screen, on a sample item")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.preview.setStyleSheet("border: 1px solid #7f8fa6;")
        row.addWidget(self.preview, 3, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(body, 1)

        self.skip_button = push("&Skip Tutorial", "skipTutorialButton", "Skip Tutorial")
        self.previous_button = push("&Previous", "tutorialPreviousButton", "Previous")
        self.next_button = push("&Next", "nextButton", "Next")
        self.skip_button.clicked.connect(self._finish)
        self.previous_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(self._next)
        layout.addWidget(footer([self.skip_button], [self.previous_button, self.next_button]))
        self.page = 0
        self._done = False

    def start(self) -> None:
        if self.preview.pixmap().isNull():
            self.preview.setPixmap(item_preview())
        self._done = False
        self.countdown.start()
        self.show_page(0)
        self.tick()

    def reopen(self) -> None:
        """'Begin the exam?' answered No: back to the tutorial, on what is left of its clock."""
        self._done = False
        self.countdown.start()
        self.tick()

    def show_page(self, page: int) -> None:
        self.page = max(0, min(len(self.pages) - 1, page))
        self.text.setText(self.pages[self.page])
        self.where.setText(f"Tutorial: page {self.page + 1} of {len(self.pages)}")
        self.previous_button.setEnabled(self.page > 0)

    def tick(self) -> None:
        if self._done or not self.countdown.running:
            return
        self.timer_label.setText(f"Tutorial Time Remaining {hms(self.countdown.remaining())}")
        if self.countdown.expired:
            self._finish()

    def _next(self) -> None:
        if self.page < len(self.pages) - 1:
            self.show_page(self.page + 1)
        else:
            self._finish()

    def _finish(self) -> None:
        if not self._done:
            self._done = True
            self.countdown.stop()
            self.next.emit()
