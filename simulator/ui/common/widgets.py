"""Small widgets shared by the screens: the bars of the driver and named buttons."""

from __future__ import annotations

from itertools import pairwise
from typing import TypeVar, cast

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyleOption,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.clock import hms
from . import icons

W = TypeVar("W", bound=QWidget)
QWIDGETSIZE_MAX = (1 << 24) - 1


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
        # What Qt draws for a styled background (QWidgetPrivate::paintBackground), which
        # it leaves to the widget once the widget says it is opaque.
        painter = QPainter(self)
        painter.setClipRegion(event.region())
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)
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


class MeasuredLabel(QLabel):
    """A word-wrapped label that remembers its sizes per text. QLabel lays its text out
    afresh for every size a layout asks, and a layout asks a wrapped label its height at
    the same width several times per change; an item shown again (Previous, the review
    screen) is asked sizes it has had before. Sizes are kept per text, format and font,
    and forgotten when the style or the margins change (a new text size, a restyle)."""

    _LIMIT = 4096  # texts remembered, far more than a form holds

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self._sizes: dict[tuple[str, Qt.TextFormat, str], dict[object, object]] = {}
        self._now: dict[object, object] | None = None  # the sizes of the text shown

    def setText(self, text: str) -> None:
        super().setText(text)
        self._now = None

    def setTextFormat(self, format: Qt.TextFormat) -> None:
        super().setTextFormat(format)
        self._now = None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange):
            self._sizes.clear()
            self._now = None
        super().changeEvent(event)

    def _known(self) -> dict[object, object]:
        if self._now is None:
            if len(self._sizes) > self._LIMIT:
                self._sizes.clear()
            key = (self.text(), self.textFormat(), self.font().key())
            self._now = self._sizes.setdefault(key, {})
        return self._now

    def sizeHint(self) -> QSize:
        known = self._known()
        if "hint" not in known:
            known["hint"] = self._measure("hint", -1)
        return cast(QSize, known["hint"])

    def minimumSizeHint(self) -> QSize:
        known = self._known()
        if "minimum" not in known:
            known["minimum"] = self._measure("minimum", 0)
        return cast(QSize, known["minimum"])

    def heightForWidth(self, width: int) -> int:
        known = self._known()
        if width not in known:
            known[width] = self._measure("height", width)
        return cast(int, known[width])

    def _measure(self, what: str, width: int) -> QSize | int:
        if what == "hint":
            return super().sizeHint()
        if what == "minimum":
            return super().minimumSizeHint()
        return super().heightForWidth(width)


class SelectableLabel(MeasuredLabel):
    """A wrapped label whose text can be selected with the mouse (the item's stem).

    Selectable text is laid out by a QTextDocument, several times slower than a plain
    label's text, and QLabel lays the document out twice for each size it is asked. Plain
    text breaks into the same lines at the same heights either way (tests check it on
    every stem of the bank, at every text size), so its sizes are measured as a plain
    QLabel measures them (QLabelPrivate::sizeForWidth, with QFontMetrics); the document
    still draws it. Rich text and tabs, where the two could differ, are measured by QLabel.

    Drawing, QLabel sets up its document afresh for every new text, laying it out four
    times over. Until the candidate selects something, the label draws plain text from
    a document of its own, set up once and laid out once per text, exactly as QLabel
    draws its own (QLabel::paintEvent, QWidgetTextControl::drawContents); with a
    selection, QLabel draws it, highlight and all."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._document: QTextDocument | None = None  # made on the first paint
        self._drawn = ""  # the text in it

    def paintEvent(self, event: QPaintEvent) -> None:
        text = self.text()
        if (self.textFormat() != Qt.TextFormat.PlainText or "\t" in text or not self.wordWrap()
                or self.margin() or self.indent() > 0 or self.frameWidth() or self.hasSelectedText()):
            super().paintEvent(event)
            return
        room = self.contentsRect()
        document = self._prepared(text, room.width())
        # QLabel centres the document vertically, then aligns the painter to whole pixels.
        top = max((room.height() - document.size().height()) / 2, 0.0)
        at = QRectF(room.x(), room.y() + top, room.width(), room.height()).toAlignedRect()
        option = QStyleOption()
        option.initFrom(self)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = option.palette
        if self.isEnabled():
            context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(self.foregroundRole()))
        painter = QPainter(self)
        painter.translate(at.topLeft())
        painter.setClipRect(QRect(0, 0, at.width(), at.height()))
        document.documentLayout().draw(painter, context)
        painter.end()

    def _prepared(self, text: str, width: int) -> QTextDocument:
        """The document as QLabel prepares its own (QLabelPrivate::ensureTextLayouted)."""
        document = self._document
        if document is None:
            document = self._document = QTextDocument(self)
            document.setUndoRedoEnabled(False)
            document.setDocumentMargin(0)  # QLabel: the root frame's margin 0 (kept by setPlainText)
            option = document.defaultTextOption()
            option.setAlignment(self.alignment())
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            document.setDefaultTextOption(option)
        if document.defaultFont() != self.font():
            document.setDefaultFont(self.font())
        if document.textWidth() != width:
            document.setTextWidth(width)
        if self._drawn != text or document.isEmpty() != (not text):
            document.setPlainText(text)
            self._drawn = text
        return document

    def _measure(self, what: str, width: int) -> QSize | int:
        text = self.text()
        if (self.textFormat() != Qt.TextFormat.PlainText or "\t" in text or not self.wordWrap()
                or self.margin() or self.indent() > 0 or self.frameWidth()):
            return super()._measure(what, width)
        self.ensurePolished()
        if what == "hint":
            return self._plain_size(-1, text)
        if what == "minimum":  # as QLabel::minimumSizeHint: the longest word, one line (or less)
            one_line = self._plain_size(QWIDGETSIZE_MAX, text).height()
            return QSize(self._plain_size(0, text).width(), min(one_line, self.sizeHint().height()))
        return self._plain_size(width, text).height()

    def _plain_size(self, width: int, text: str) -> QSize:
        """QLabel's size of plain, wrapped text `width` wide (-1: its golden-ratio guess)."""
        width = max(width, self.minimumWidth()) if self.minimumWidth() > 0 else width
        margins = self.contentsMargins()
        extra = margins.left() + margins.right()
        fm = QFontMetrics(self.font())
        flags = (int(self.alignment() & ~(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignHCenter))
                 | int(Qt.TextFlag.TextWordWrap) | int(Qt.TextFlag.TextExpandTabs))
        guess = width < 0
        if guess:
            width = min(fm.averageCharWidth() * 80, self.maximumWidth())
        width -= extra
        box = fm.boundingRect(0, 0, width, 2000, flags, text)
        if guess and box.height() < 4 * fm.lineSpacing() and box.width() > width // 2:
            box = fm.boundingRect(0, 0, width // 2, 2000, flags, text)
        if guess and box.height() < 2 * fm.lineSpacing() and box.width() > width // 4:
            box = fm.boundingRect(0, 0, width // 4, 2000, flags, text)
        size = QSize(box.width() + extra, box.height() + margins.top() + margins.bottom())
        return size.expandedTo(self.minimumSize())


class ClickableLabel(MeasuredLabel):
    clicked = Signal()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


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
        self.time.setIcon(icons.clock())
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
        self._remaining = 0.0
        self._counter_text = ""
        self.show_exam_info(False)

    def show_exam_info(self, visible: bool) -> None:
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
