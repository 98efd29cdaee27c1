"""The item screen's labels that remember their sizes, and the stem that draws its
own text (MeasuredLabel, SelectableLabel, ClickableLabel).

Kept apart from widgets.py, which every first screen imports: the text-document
classes these use cost PySide a millisecond or two to create on first use, which
the start does not need (the item screen is built after Begin)."""

from __future__ import annotations

from typing import cast

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
from PySide6.QtWidgets import QLabel, QStyleOption

QWIDGETSIZE_MAX = (1 << 24) - 1


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
