"""Small widgets shared by the screens: the bars of the driver and named buttons."""

from __future__ import annotations

from itertools import pairwise
from typing import TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.clock import hms

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, accessible: str | None = None) -> W:
    """objectName for automation and the same accessible name for screen readers."""
    widget.setObjectName(name)
    widget.setAccessibleName(accessible or name)
    return widget


def push(text: str, name: str, accessible: str | None = None) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    named(button, name, accessible or text.replace("&", ""))
    return button


def dialog_buttons(ok_text: str, ok_name: str, ok_accessible: str, cancel_name: str
                   ) -> tuple[QHBoxLayout, QPushButton, QPushButton]:
    """A dialog's closing row: the default button and Cancel, at the right."""
    row = QHBoxLayout()
    row.addStretch(1)
    ok = named(QPushButton(ok_text), ok_name, ok_accessible)
    ok.setDefault(True)
    cancel = named(QPushButton("Cancel"), cancel_name, "Cancel")
    cancel.setAutoDefault(False)
    row.addWidget(ok)
    row.addWidget(cancel)
    return row, ok, cancel


def tab_order(widgets: list[QWidget]) -> None:
    """Tab through `widgets` in the order given (reading order, not creation order)."""
    for a, b in pairwise(widgets):
        QWidget.setTabOrder(a, b)


def stacked(widget: QWidget) -> QVBoxLayout:
    """The column every screen is: bars and body top to bottom, edge to edge."""
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    return layout


class Body(QWidget):
    """The column inside a scroll area ("content" in style.qss), which paints its whole
    rectangle in the colour scheme's background. Said to be opaque, so Qt does not paint
    the window, the stack, the screen, the scroll area and its viewport under it first: a
    style sheet's background does not count as opaque, and each of those layers filled
    the column again on every item. (A body outside a scroll area gains nothing from it:
    shown again with its screen, it is painted twice.)"""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("content")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event: QPaintEvent) -> None:
        # The background Qt would draw for the style sheet's rule, which it leaves to the
        # widget once the widget says it is opaque: the scheme's background, which
        # theme.apply also gives the palette's Window. A plain fill, not the style's
        # drawPrimitive: QStyle costs PySide 4 ms to create on first use, in the first paint.
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Window))
        painter.end()


def scrolled(margins: tuple[int, int, int, int] = (48, 24, 48, 24), spacing: int = 12
             ) -> tuple[QScrollArea, QVBoxLayout]:
    """A scrolling body in the colour scheme's colours, and the column inside it."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    content = Body()
    column = QVBoxLayout(content)
    column.setContentsMargins(*margins)
    column.setSpacing(spacing)
    scroll.setWidget(content)
    return scroll, column


def toolbar(label: QLabel) -> Bar:
    """The lighter blue strip under the title bar, naming where the candidate is."""
    bar = Bar("toolBar", 38)
    label.setStyleSheet("color: #ffffff; font-weight: bold;")
    label.setTextFormat(Qt.TextFormat.PlainText)
    bar.row.addWidget(label)
    bar.row.addStretch(1)
    return bar


class Bar(QFrame):
    """A full-width coloured strip (title bar, toolbar, footer) with a row layout."""

    def __init__(self, name: str, height: int) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setMinimumHeight(height)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(12, 4, 12, 4)
        self.row.setSpacing(8)


class ElidedLabel(QLabel):
    """A label that gives up room first, ending its text with '...' rather than
    pushing the clock off a small screen; the whole text stays in the tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)  # a candidate's name is never markup

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)
        self.setAccessibleDescription(text)

    def minimumSizeHint(self):
        return QSize(40, super().minimumSizeHint().height())

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setPen(self.palette().windowText().color())
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width())
        p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
        p.end()


class TitleBar(Bar):
    """Exam title and candidate on the left; the clock and 'N of M' on the right.
    Clicking the clock or the counter hides it (hiding never pauses the clock)."""

    def __init__(self) -> None:
        super().__init__("titleBar", 46)
        self.title = named(ElidedLabel(), "examTitle", "Exam title")
        self.candidate = named(ElidedLabel(), "candidateName", "Candidate")
        self.row.addWidget(self.title)
        self.row.addWidget(QLabel("|"))
        self.row.addWidget(self.candidate)
        self.row.addStretch(1)
        self.time = named(QToolButton(), "timeRemaining", "Time Remaining")
        self.time.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.time.setCursor(Qt.CursorShape.PointingHandCursor)
        self.time.setToolTip("Click to hide or show the time remaining")
        self.time.clicked.connect(self._toggle_time)
        self.counter = named(QToolButton(), "itemCounter", "Item counter")
        self.counter.setCursor(Qt.CursorShape.PointingHandCursor)
        self.counter.setToolTip("Click to hide or show the item counter")
        self.counter.clicked.connect(self._toggle_counter)
        self.row.addWidget(self.time)
        self.row.addWidget(self.counter)
        self.display = named(QToolButton(), "displayButton", "Display settings")
        self.display.setText("Display")
        self.display.setToolTip("Colour scheme and text size (Ctrl+D)")
        self.display.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.row.addWidget(self.display)
        self.time_hidden = False
        self.counter_hidden = False
        self._clock_drawn = False
        self._remaining = 0.0
        self._counter_text = ""
        self.show_exam_info(False)

    def show_exam_info(self, visible: bool) -> None:
        if visible and not self._clock_drawn:
            self._clock_drawn = True
            # Drawn when the clock first shows: Welcome has none, and PySide's icon class
            # costs a millisecond of the start to create.
            from . import icons
            self.time.setIcon(icons.clock())
        self.time.setVisible(visible)
        self.counter.setVisible(visible)

    def set_remaining(self, seconds: float) -> None:
        self._remaining = seconds
        text = "Time Remaining" if self.time_hidden else f"Time Remaining {hms(seconds)}"
        if self.time.text() != text:
            self.time.setText(text)
            self.time.setAccessibleDescription(f"{hms(seconds)} remaining")

    def set_counter(self, number: int, total: int) -> None:
        self._counter_text = f"{number} of {total}"
        self.counter.setText("Item Counter" if self.counter_hidden else self._counter_text)
        self.counter.setAccessibleDescription(self._counter_text)
        self._hold_counter_width(total)

    def _hold_counter_width(self, total: int) -> None:
        """As wide as its widest text ('150 of 150', 'Item Counter') from the start, so the
        clock beside it stays put while the count grows."""
        held = (total, self.counter.font().key())
        if getattr(self, "_held", None) == held:
            return
        self._held = held
        shown = self.counter.text()
        widths = []
        for text in (f"{total} of {total}", "Item Counter"):
            self.counter.setText(text)
            widths.append(self.counter.sizeHint().width())
        self.counter.setText(shown)
        self.counter.setMinimumWidth(max(widths))

    def _toggle_time(self) -> None:
        self.time_hidden = not self.time_hidden
        self.set_remaining(self._remaining)

    def warn_time(self) -> None:
        """Five minutes left: a hidden clock comes back, and turns yellow."""
        self.time_hidden = False
        self.time.setProperty("warning", True)
        self.time.style().unpolish(self.time)
        self.time.style().polish(self.time)
        self.set_remaining(self._remaining)

    def _toggle_counter(self) -> None:
        self.counter_hidden = not self.counter_hidden
        self.counter.setText("Item Counter" if self.counter_hidden else self._counter_text)


def spacer() -> QWidget:
    w = QWidget()
    w.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return w


def footer(left: list[QWidget], right: list[QWidget]) -> Bar:
    bar = Bar("footerBar", 48)
    for w in left:
        bar.row.addWidget(w)
    bar.row.addStretch(1)
    for w in right:
        bar.row.addWidget(w)
    return bar
