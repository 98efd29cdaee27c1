"""The review screen (Navigator): every item's status and flag; filtered review."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.session import ExamSession, Filter, ItemState, Status
from ..common import icons
from ..common.widgets import footer, named, push, stacked, toolbar


class ReviewScreen(QWidget):
    open_item = Signal(int)       # position
    filter_chosen = Signal(str)   # Filter value
    end = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = self._layout = stacked(self)
        layout.addWidget(toolbar(QLabel("Review Screen")))

        body = QWidget()
        body.setObjectName("content")
        column = QVBoxLayout(body)
        column.setContentsMargins(32, 16, 32, 16)
        self.summary = named(QLabel(), "reviewSummary", "Summary")
        instructions = self.instructions = QLabel(
            "Click a question to review it, or use the buttons below to review all, "
            "the incomplete or the flagged questions. End Review ends the exam.")
        instructions.setWordWrap(True)
        column.addWidget(instructions)
        column.addWidget(self.summary)
        self.table = named(QTableWidget(0, 3), "reviewTable", "Review table")
        self.table.setHorizontalHeaderLabels(["Question", "Status", "Flagged for Review"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # question order until the candidate sorts
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, 140)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, 180)
        header.setStretchLastSection(True)
        self.table.cellClicked.connect(self._open_row)
        self.table.activated.connect(lambda index: self._open_row(index.row(), index.column()))
        column.addWidget(self.table, 1)
        layout.addWidget(body, 1)

        self.all_button = push("Review &All", "reviewAllButton", "Review All")
        self.incomplete_button = push("Review &Incomplete", "reviewIncompleteButton", "Review Incomplete")
        self.flagged_button = push("Review F&lagged", "reviewFlaggedButton", "Review Flagged")
        self.end_button = push("&End Review", "endReviewButton", "End Review")
        self.all_button.clicked.connect(lambda: self.filter_chosen.emit(Filter.ALL.value))
        self.incomplete_button.clicked.connect(lambda: self.filter_chosen.emit(Filter.INCOMPLETE.value))
        self.flagged_button.clicked.connect(lambda: self.filter_chosen.emit(Filter.FLAGGED.value))
        self.end_button.clicked.connect(self.end)
        layout.addWidget(footer([self.end_button],
                                [self.all_button, self.incomplete_button, self.flagged_button]))
        self._flag_icons: dict[str, QIcon] = {}
        self._cells: list[tuple[QTableWidgetItem, QTableWidgetItem]] = []  # status and flag, by position
        self._shown: list[tuple[str, str]] = []  # what each position's row shows

    def _flag_colour(self) -> str:
        return self.table.palette().text().color().name()

    def _flag(self, colour: str) -> QIcon:
        """The flag in the colour scheme's text colour, so it stands out on any background
        (a fixed blue all but vanished on black)."""
        if colour not in self._flag_icons:
            self._flag_icons[colour] = icons.flag(True, colour)
        return self._flag_icons[colour]

    def prepare(self, session: ExamSession, size: QSize) -> None:
        """Made ready before it is first shown: filled, styled and laid out at `size`."""
        self.load(session)
        self.ensurePolished()
        self.resize(size)
        self._layout.activate()

    def load(self, session: ExamSession) -> None:
        """Show the session's statuses and flags. The rows are made once, with what they
        show; after that a row is written only when what it shows has changed."""
        colour = self._flag_colour()
        looks = [self._look(state, colour) for state in session.states]
        if len(self._shown) != len(looks):
            self._make_rows(looks)
        elif looks != self._shown:
            self.table.setSortingEnabled(False)  # rows stay put while they are written
            for position, look in enumerate(looks):
                if look != self._shown[position]:
                    self._fill(position, look)
            self.table.setSortingEnabled(True)
        statuses = [status for status, _flag in looks]
        self._summarise(statuses.count(Status.COMPLETE.value), statuses.count(Status.INCOMPLETE.value),
                        statuses.count(Status.UNSEEN.value), sum(1 for _status, flag in looks if flag))

    def update_row(self, session: ExamSession, position: int) -> None:
        if position < len(self._shown):
            look = self._look(session.states[position], self._flag_colour())
            if look != self._shown[position]:
                self._fill(position, look)

    def _make_rows(self, looks: list[tuple[str, str]]) -> None:
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(looks))
        self._cells = []
        for position, (status_text, colour) in enumerate(looks):
            number = QTableWidgetItem()
            number.setData(Qt.ItemDataRole.DisplayRole, position + 1)  # a number: sorted as one
            status = QTableWidgetItem(status_text)
            flag = QTableWidgetItem(self._flag(colour), "Flagged") if colour else QTableWidgetItem("")
            self.table.setItem(position, 0, number)
            self.table.setItem(position, 1, status)
            self.table.setItem(position, 2, flag)
            self._cells.append((status, flag))  # they travel with their row when the candidate sorts
        self._shown = looks
        self.table.setSortingEnabled(True)

    @staticmethod
    def _look(state: ItemState, colour: str) -> tuple[str, str]:
        """What a row shows: the status, and the flag's colour if it is flagged."""
        return state.status.value, colour if state.flagged else ""

    def _fill(self, position: int, look: tuple[str, str]) -> None:
        status, flag = self._cells[position]
        status_text, colour = look
        status.setText(status_text)
        flag.setText("Flagged" if colour else "")
        flag.setIcon(self._flag(colour) if colour else QIcon())
        self._shown[position] = look

    def update_summary(self, session: ExamSession) -> None:
        self._summarise(session.count(Status.COMPLETE), session.count(Status.INCOMPLETE),
                        session.count(Status.UNSEEN), session.flagged_count)

    def _summarise(self, complete: int, incomplete: int, unseen: int, flagged: int) -> None:
        self.summary.setText(
            f"{complete} Complete   {incomplete} Incomplete   {unseen} Unseen   {flagged} Flagged")

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        """A cell of the table; every row is filled when it is made."""
        item = self.table.item(row, column)
        assert item is not None
        return item

    def _open_row(self, row: int, _column: int) -> None:
        # Rows move when the candidate sorts; the question's number travels with the row.
        self.open_item.emit(self._cell(row, 0).data(Qt.ItemDataRole.DisplayRole) - 1)
