"""History: every attempt, trends of the scaled score and of each domain, and deleting one."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
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


class HistoryScreen(QWidget):
    back = Signal()
    delete_requested = Signal(int)  # attempt id

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
        self.table = named(QTableWidget(0, 6), "historyTable", "Attempts")
        self.table.setHorizontalHeaderLabels(["Attempt", "Date", "Mode", "Status", "Scaled score", "Result"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        column.addWidget(self.table, 2)
        charts = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(QLabel("Scaled score by attempt (dashed: 300, the passing score)"))
        self.score_chart = TrendChart("scoreTrend", 200, 350, reference=300, ticks=3)
        left.addWidget(self.score_chart, 1)
        right.addWidget(QLabel("Percent correct by domain"))
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
        self.back_button.clicked.connect(self.back)
        self.delete_button.clicked.connect(self._delete)
        layout.addWidget(footer([self.delete_button], [self.back_button]))
        self.rows: list[dict[str, Any]] = []

    def load(self, rows: list[dict[str, Any]], reports: dict[int, dict[str, Any]]) -> None:
        """rows: Workspace.history(); reports: the finished attempts' reports by id."""
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            result = "" if row["passed"] is None else ("PASS" if row["passed"] else "FAIL")
            values = (row["id"], when(row["finished"] or row["started"]), row["mode"],
                      row["status"].replace("_", " "), "" if row["scaled_score"] is None else row["scaled_score"],
                      result)
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(str(value)))
        if rows:
            self.table.selectRow(len(rows) - 1)
        done = [row for row in rows if row["scaled_score"] is not None]
        self.score_chart.set_series({"Scaled score": [float(row["scaled_score"]) for row in done]})
        names = [d["name"] for d in reports[done[0]["id"]]["domains"]] if done else []
        series = {name: [next((d["percent"] for d in reports[row["id"]]["domains"] if d["name"] == name and d["items"]),
                              None) for row in done] for name in names}
        self.domain_chart.set_series(series)
        self.legend.setText("  ".join(f'<span style="color:{SERIES[n % len(SERIES)]}">&#9632;</span> {html.escape(name)}'
                                      for n, name in enumerate(names)))

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        return self.rows[row]["id"] if 0 <= row < len(self.rows) else None

    def _delete(self) -> None:
        attempt_id = self.selected_id()
        if attempt_id is not None:
            self.delete_requested.emit(attempt_id)
