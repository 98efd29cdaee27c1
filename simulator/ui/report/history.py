"""History: every attempt with its kind and length, the trend of the full mock exams by
date (custom exams and study quizzes apart: their scores are not comparable), each
domain's trend, reopening an attempt's report, and deleting one."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...report.charts import SERIES
from ...report.pdf import when
from ..common.widgets import footer, named, push
from .charts import TrendChart

FULL, CUSTOM, STUDY, PRACTICE = "Full mock", "Custom exam", "Study quiz", "Practice set"
COLUMNS = ["Attempt", "Date", "Kind", "Items", "Status", "Scaled score", "Result"]


def kind_of(row: dict[str, Any]) -> str:
    """What sort of sitting a history row is: only full mocks in exam mode trend together."""
    if row.get("kind") == "practice":
        return PRACTICE
    if row.get("mode") == "study":
        return STUDY
    return FULL if row.get("full_form") else CUSTOM


def _by_date(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda row: (row["finished"] or row["started"] or "", row["id"]))


class HistoryScreen(QWidget):
    back = Signal()
    delete_requested = Signal(int)  # attempt id
    open_requested = Signal(dict)   # the report of the attempt to reopen

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        body = QWidget()
        body.setObjectName("content")
        column = QVBoxLayout(body)
        column.setContentsMargins(32, 16, 32, 16)
        column.addWidget(named(QLabel("History"), "heading", "History"))
        hint = QLabel("Double-click an attempt, or select it and press Enter, to see its score report and "
                      "review its answers.")
        hint.setObjectName("notice")
        hint.setWordWrap(True)
        column.addWidget(hint)
        self.table = named(QTableWidget(0, len(COLUMNS)), "historyTable", "Attempts")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellDoubleClicked.connect(lambda row, _col: self._open(row))
        # Enter and Return on the table open the selected attempt (no button owns these keys here).
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._open(self.table.currentRow()))
        column.addWidget(self.table, 2)
        charts = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        self.score_title = QLabel("Full mock exams: scaled score by attempt, oldest first "
                                  "(dashed: 300, the passing score)")
        self.score_title.setWordWrap(True)
        left.addWidget(self.score_title)
        self.score_chart = TrendChart("scoreTrend", 200, 350, reference=300, ticks=3)
        left.addWidget(self.score_chart, 2)
        self.other_title = QLabel("Custom exams and study quizzes, apart: fewer items, so their scores do "
                                  "not trend with the full mocks")
        self.other_title.setWordWrap(True)
        left.addWidget(self.other_title)
        self.other_chart = TrendChart("otherTrend", 200, 350, reference=300, ticks=3)
        self.other_chart.setMinimumHeight(110)
        left.addWidget(self.other_chart, 1)
        self.domain_title = QLabel("Percent correct by domain, full mock exams")
        right.addWidget(self.domain_title)
        self.domain_chart = TrendChart("domainTrend", 0, 100)
        right.addWidget(self.domain_chart, 1)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)  # our own colour swatches, no bank text
        right.addWidget(self.legend)
        charts.addLayout(left, 1)
        charts.addLayout(right, 1)
        column.addLayout(charts, 3)
        layout.addWidget(body, 1)
        self.back_button = push("&Back", "historyBackButton", "Back")
        self.delete_button = push("&Delete Attempt", "deleteAttemptButton", "Delete the selected attempt")
        self.open_button = push("&Open Report", "openReportButton", "Open the selected attempt's report")
        self.back_button.clicked.connect(self.back)
        self.delete_button.clicked.connect(self._delete)
        self.open_button.clicked.connect(lambda: self._open(self.table.currentRow()))
        layout.addWidget(footer([self.delete_button], [self.open_button, self.back_button]))
        self.rows: list[dict[str, Any]] = []
        self.reports: dict[int, dict[str, Any]] = {}
        self.full_ids: list[int] = []    # the x-axis of the score and domain charts
        self.other_ids: list[int] = []

    def load(self, rows: list[dict[str, Any]], reports: dict[int, dict[str, Any]]) -> None:
        """rows: Workspace.history(); reports: the finished attempts' reports by id."""
        self.rows, self.reports = rows, reports
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            result = "" if row["passed"] is None else ("PASS" if row["passed"] else "FAIL")
            values = (row["id"], when(row["finished"] or row["started"]), kind_of(row), row.get("items", ""),
                      row["status"].replace("_", " "), "" if row["scaled_score"] is None
                      else row["scaled_score"],
                      result)
            for c, value in enumerate(values):
                cell = QTableWidgetItem(str(value))
                if row["id"] not in reports:
                    cell.setToolTip("Not finished: there is no report to open yet")
                self.table.setItem(r, c, cell)
        if rows:
            self.table.selectRow(len(rows) - 1)
        done = [row for row in rows if row["scaled_score"] is not None and row["id"] in reports]
        full = _by_date([row for row in done if kind_of(row) == FULL])
        others = _by_date([row for row in done if kind_of(row) in (CUSTOM, STUDY)])
        self.full_ids = [row["id"] for row in full]
        self.other_ids = [row["id"] for row in others]
        self.score_chart.set_series({"Full mock": [float(row["scaled_score"]) for row in full]},
                                    labels=[str(i) for i in self.full_ids])
        self.other_chart.set_series({"Custom or study": [float(row["scaled_score"]) for row in others]},
                                    labels=[str(i) for i in self.other_ids])
        self.other_chart.setVisible(bool(others))
        self.other_title.setVisible(bool(others))
        trended = full or others
        self.domain_title.setText("Percent correct by domain, " + ("full mock exams" if full else
                                                                   "custom exams and study quizzes"))
        names = [d["name"] for d in reports[trended[0]["id"]]["domains"]] if trended else []
        series = {name: [next((d["percent"] for d in reports[row["id"]]["domains"] if d["name"] == name
                               and d["items"]),
                              None) for row in trended] for name in names}
        self.domain_chart.set_series(series, labels=[str(row["id"]) for row in trended])
        self.legend.setText("  ".join(f'<span style="color:{SERIES[n % len(SERIES)]}">&#9632;</span> '
                                      f'{html.escape(name)}'
                                      for n, name in enumerate(names)))

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        return self.rows[row]["id"] if 0 <= row < len(self.rows) else None

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.rows) and self.rows[row]["id"] in self.reports:
            self.open_requested.emit(self.reports[self.rows[row]["id"]])

    def _delete(self) -> None:
        attempt_id = self.selected_id()
        if attempt_id is not None:
            self.delete_requested.emit(attempt_id)
