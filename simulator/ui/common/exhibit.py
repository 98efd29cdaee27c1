"""An item's exhibit on screen: its caption and a read-only table of its cells.

A real table, not text laid out to look like one, so a screen reader moves through it
cell by cell and announces each cell with its row and column; figures are
right-aligned as in print. The table is as tall as its rows (the page scrolls, not the
table) and as wide as its columns, up to the width there is; it measures itself again
when the text size changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...core.items import Exhibit, numeric_cell
from .widgets import named

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def cell_description(exhibit: Exhibit, row: int, column: int) -> str:
    """What a screen reader says for a cell besides its text: its row and column."""
    header = exhibit.columns[column] or f"column {column + 1}"
    if column == 0:
        return f"row {row + 1}" + (f", {exhibit.columns[0]}" if exhibit.columns[0] else "")
    return f"{exhibit.rows[row][0] or f'row {row + 1}'}, {header}"


class ExhibitTable(QTableWidget):
    """The cells of an exhibit, read-only, sized to their content."""

    def __init__(self, name: str) -> None:
        super().__init__(0, 0)
        named(self, name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Cells can be stepped through with the arrow keys (a screen reader reads each).
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the options
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setHighlightSections(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustIgnored)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self._exhibit: Exhibit | None = None
        self._size = QSize()  # of every column and row, measured by fit()
        # What fit() measured, per exhibit and font: an exhibit shown again (Previous, the
        # review screen) is not measured again. Forgotten when the style changes.
        self._fitted: dict[tuple[Exhibit, str], tuple[list[int], list[int], int]] = {}

    def show_exhibit(self, exhibit: Exhibit, room: int | None = None) -> None:
        """Fill the table; `room` is the width the layout will have for it, if known."""
        self._exhibit = exhibit
        self.clear()
        self.setColumnCount(len(exhibit.columns))
        self.setRowCount(len(exhibit.rows))
        numeric_columns = [all(numeric_cell(row[c]) for row in exhibit.rows if row[c].strip())
                           and any(row[c].strip() for row in exhibit.rows)
                           for c in range(len(exhibit.columns))]
        for c, title in enumerate(exhibit.columns):
            head = QTableWidgetItem(title)
            head.setTextAlignment(RIGHT if numeric_columns[c] else LEFT)
            head.setData(Qt.ItemDataRole.AccessibleTextRole, title or f"column {c + 1}")
            self.setHorizontalHeaderItem(c, head)
        for r, row in enumerate(exhibit.rows):
            for c, text in enumerate(row):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                cell.setTextAlignment(RIGHT if numeric_cell(text) else LEFT)
                cell.setData(Qt.ItemDataRole.AccessibleTextRole, text or "empty")
                description = cell_description(exhibit, r, c)
                cell.setData(Qt.ItemDataRole.AccessibleDescriptionRole, description)
                cell.setToolTip(description)
                self.setItem(r, c, cell)
        self.setAccessibleDescription(f"{exhibit.caption}. A table of {len(exhibit.rows)} rows and "
                                      f"{len(exhibit.columns)} columns.")
        self.fit(room)

    def cell_text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def content_size(self) -> QSize:
        """Every column and row, as fit() measured them (the layout asks many times)."""
        return QSize(self._size) if self._exhibit is not None else self._measure()

    def _measure(self) -> QSize:
        width = sum(self.columnWidth(c) for c in range(self.columnCount())) + 2 * self.frameWidth()
        height = (self.horizontalHeader().height() + sum(self.rowHeight(r) for r in range(self.rowCount()))
                  + 2 * self.frameWidth())
        return QSize(width, height)

    def fit(self, room: int | None = None) -> None:
        """Columns and rows to their content; the whole table tall enough for every row
        (and the scroll bar, when the columns are wider than the room)."""
        if self._exhibit is None:
            return
        header = self.horizontalHeader()
        header.setMinimumSectionSize(24)
        key = (self._exhibit, self.font().key())
        fitted = self._fitted.get(key)
        if fitted is None:
            self.resizeColumnsToContents()
            for c in range(self.columnCount()):
                self.setColumnWidth(c, self.columnWidth(c) + 12)  # air beside the grid lines
            self.resizeRowsToContents()
            fitted = ([self.columnWidth(c) for c in range(self.columnCount())],
                      [self.rowHeight(r) for r in range(self.rowCount())], header.sizeHint().height())
            self._fitted[key] = fitted
        else:
            for c, width in enumerate(fitted[0]):
                self.setColumnWidth(c, width)
            for r, height in enumerate(fitted[1]):
                self.setRowHeight(r, height)
        header.setFixedHeight(fitted[2])
        self._size = self._measure()
        # The layout makes the table as wide as its columns, up to the room there is. Set
        # for that width now, not the last exhibit's, the height is right the first time:
        # each wrong guess costs the item screen another layout pass.
        self._fit_height(self.width() if room is None else min(self._size.width(), room))
        self.updateGeometry()

    def _fit_height(self, width: int) -> None:
        size = self.content_size()
        bar = self.horizontalScrollBar().sizeHint().height() if size.width() > width + 1 else 0
        self.setFixedHeight(size.height() + bar)

    def sizeHint(self) -> QSize:
        return self.content_size() if self._exhibit is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.content_size().width(), 200), super().minimumSizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            if event.type() == QEvent.Type.StyleChange:
                self._fitted.clear()
            self.fit()  # a larger text size: wider columns, taller rows

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height(self.width())  # the scroll bar comes and goes with the width there is


class ExhibitView(QFrame):
    """Caption above the table; hidden for an item without an exhibit."""

    def __init__(self, name: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(6)
        self._side_margins = 0  # the layout's, left and right: the table has the view's whole width
        self.caption = QLabel()
        self.caption.setObjectName("exhibitCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("font-weight: bold;")  # the size stays the application's
        self.table = ExhibitTable(name)
        self.caption.setBuddy(self.table)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 0, Qt.AlignmentFlag.AlignLeft)
        self.hide()

    def measure(self, exhibits: list[Exhibit]) -> None:
        """Measure exhibits ahead of their items (in idle time): the table, hidden, is
        filled and fitted with each, so their first showing finds their sizes known.
        Not while an exhibit is shown: its table is the one that would be filled."""
        if self.isVisible():
            return
        self.table.ensurePolished()  # the style sheet's font, as when shown
        for exhibit in exhibits:
            self.table.show_exhibit(exhibit)

    def show_exhibit(self, exhibit: Exhibit | None, room: int | None = None) -> None:
        """`room`: the width the view will have, if known (the width of the column it is in)."""
        if exhibit is None:
            self.hide()
            return
        self.caption.setText(f"Exhibit: {exhibit.caption}")
        self.caption.setAccessibleName(f"Exhibit: {exhibit.caption}")
        self.table.show_exhibit(exhibit, None if room is None else room - self._side_margins)
        self.show()
