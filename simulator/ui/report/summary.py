"""The end of a practice set: right and wrong, the time taken, and what the set did
to the spaced-repetition schedule. No scaled score: a practice set is not a form."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QWidget

from ...core.clock import hms
from ..common.widgets import footer, named, push, scrolled, stacked


class PracticeSummaryScreen(QWidget):
    close_requested = Signal()
    review_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("practiceSummary")
        self.setAccessibleName("Practice summary")
        layout = stacked(self)
        scroll, column = scrolled((48, 24, 48, 24), 12)
        column.addWidget(named(QLabel("Practice Summary"), "heading", "Practice Summary"))
        self.title = named(QLabel(), "summaryTitle", "Practice set")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        column.addWidget(self.title)
        self.score = named(QLabel(), "summaryScore", "Right and wrong")
        self.score.setTextFormat(Qt.TextFormat.PlainText)
        self.score.setStyleSheet("font-size: 20pt; font-weight: bold;")
        column.addWidget(self.score)
        self.time = named(QLabel(), "summaryTime", "Time taken")
        self.time.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.time)
        column.addWidget(named(QLabel("Your review schedule"), "subheading", "Your review schedule"))
        self.schedule = named(QLabel(), "summarySchedule", "What changed in the schedule")
        self.schedule.setTextFormat(Qt.TextFormat.PlainText)
        self.schedule.setWordWrap(True)
        column.addWidget(self.schedule)
        self.table = named(QTableWidget(0, 5), "summaryItems", "The items of the set")
        self.table.setHorizontalHeaderLabels(["#", "Subtopic (domain)", "Your answer", "Key", "Comes back"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for c in (0, 2, 3, 4):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        column.addWidget(self.table)
        column.addWidget(named(QLabel("Readiness"), "subheading", "Readiness"))
        self.readiness = named(QLabel(), "summaryReadiness", "Readiness")
        self.readiness.setTextFormat(Qt.TextFormat.PlainText)
        self.readiness.setWordWrap(True)
        column.addWidget(self.readiness)
        column.addStretch(1)
        layout.addWidget(scroll, 1)
        self.review_button = push("Review &Answers", "reviewAnswersButton", "Review answers")
        self.close_button = push("&Close", "closeButton", "Close (back to Home)")
        self.review_button.clicked.connect(self.review_requested)
        self.close_button.clicked.connect(self.close_requested)
        layout.addWidget(footer([], [self.review_button, self.close_button]))

    def show_summary(self, title: str, summary: dict[str, Any], readiness: str) -> None:
        self.title.setText(title)
        answered = summary["right"] + summary["wrong"]
        share = f" ({summary['right'] / answered:.0%})" if answered else ""
        text = f"{summary['right']} right, {summary['wrong']} wrong{share}"
        if summary["unanswered"]:
            text += f", {summary['unanswered']} not answered"
        self.score.setText(text)
        self.time.setText(f"Time: {hms(summary['time_used_s'])} for {summary['items']} items")
        schedule = summary["schedule"]
        self.schedule.setText(schedule[0].upper() + schedule[1:] + "." if schedule else "")
        rows = summary.get("rows", [])
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            verdict = "not answered" if row["response"] is None else (
                f"{row['response']} (right)" if row["correct"] else f"{row['response']} (wrong)")
            place = f"{row['subtopic']} ({row['domain']})" if row["subtopic"] else row["domain"]
            for c, value in enumerate((str(row["position"]), place, verdict, row["key"], row["next_review"]
                                       or "-")):
                cell = QTableWidgetItem(value)
                if c == 2 and row["response"] is not None:
                    cell.setForeground(Qt.GlobalColor.darkGreen if row["correct"] else Qt.GlobalColor.darkRed)
                self.table.setItem(r, c, cell)
        height = self.table.horizontalHeader().height() + sum(self.table.rowHeight(r)
                                                              for r in range(len(rows)))
        self.table.setFixedHeight(height + 4)
        self.readiness.setText(readiness
                               + "\n\nEach item counts towards readiness once, by its first answer: "
                               "practising items seen before trains the schedule, not the estimate.")
        self.setAccessibleDescription(f"{text}. {self.schedule.text()}")
