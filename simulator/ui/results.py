"""The results screen: scaled score, pass or fail, the domain table, PDF export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..report.pdf import level_text, when, write_pdf
from .dialogs import inform
from .widgets import footer, named, push


class ResultsScreen(QWidget):
    exported = Signal(str)  # the path of the PDF written
    close_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        body = QWidget()
        body.setObjectName("content")
        column = QVBoxLayout(body)
        column.setContentsMargins(48, 24, 48, 24)
        column.setSpacing(10)
        column.addWidget(named(QLabel("Score Report"), "heading", "Score Report"))
        self.details = named(QLabel(), "reportDetails", "Details")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.details)
        row = QHBoxLayout()
        self.score = named(QLabel(), "scaledScore", "Scaled score")
        self.pass_fail = named(QLabel(), "passFail", "Result")
        row.addWidget(QLabel("Scaled score:"))
        row.addWidget(self.score)
        row.addSpacing(24)
        row.addWidget(self.pass_fail, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addStretch(1)
        column.addLayout(row)
        self.explain = named(QLabel(), "scoreExplanation", "About the score")
        self.explain.setWordWrap(True)
        column.addWidget(self.explain)
        self.table = named(QTableWidget(0, 5), "domainTable", "Performance by domain")
        self.table.setHorizontalHeaderLabels(["Domain", "Items", "Correct", "Percent", "Level"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, 5):
            self.table.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        column.addWidget(self.table)
        column.addStretch(1)
        layout.addWidget(body, 1)

        self.export_button = push("Export PDF (Ctrl+S)", "exportPdfButton", "Export PDF")
        self.export_button.clicked.connect(self.choose_pdf)
        # Ctrl+S has no mnemonic of its own, so it takes a shortcut (one binding per key).
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.choose_pdf)
        self.close_button = push("&Close", "closeButton", "Close")
        self.close_button.clicked.connect(self.close_requested)
        layout.addWidget(footer([], [self.export_button, self.close_button]))
        self.report: dict[str, Any] | None = None
        self.file_dialog: QFileDialog | None = None

    def show_report(self, report: dict[str, Any]) -> None:
        self.report = report
        self.details.setText(f"Candidate: {report['candidate']}\nExam: {report['title']}\n"
                             f"Date: {when(report['finished_at'] or report['started_at'])}\n"
                             f"Attempt {report['id']}, form seed {report['form_seed']}"
                             + ("  (time expired)" if report["status"] == "expired" else ""))
        self.score.setText(str(report["scaled_score"]))
        self.pass_fail.setText("PASS" if report["passed"] else "FAIL")
        self.pass_fail.setProperty("passed", bool(report["passed"]))
        self.pass_fail.style().unpolish(self.pass_fail)
        self.pass_fail.style().polish(self.pass_fail)
        self.explain.setText(
            f"Scale 200-350; 300 passes. You answered {report['raw_correct']} of {report['operational_count']} "
            f"scored items correctly; this form needed {report['raw_cut']:.1f}. "
            f"{report['pretest_count']} unscored pretest items are not counted.")
        self.table.setRowCount(len(report["domains"]))
        for row, d in enumerate(report["domains"]):
            for col, value in enumerate((d["name"], d["items"], d["correct"], f"{d['percent']:.0f}%",
                                         level_text(d["level"]))):
                self.table.setItem(row, col, QTableWidgetItem(str(value)))
        header = self.table.horizontalHeader().height()
        self.table.setFixedHeight(header + sum(self.table.rowHeight(r) for r in range(self.table.rowCount())) + 4)
        self.export_button.setFocus()

    def default_pdf_path(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) \
            or str(Path.home())
        return Path(folder) / f"cpim-score-report-{self.report['id'] if self.report else 0}.pdf"

    def choose_pdf(self) -> None:
        if self.report is None:
            return
        dialog = QFileDialog(self, "Export the score report", str(self.default_pdf_path()), "PDF files (*.pdf)")
        dialog.setObjectName("pdfFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # same look and keys everywhere
        dialog.selectFile(str(self.default_pdf_path()))
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()

    def export_to(self, path: Path) -> None:
        assert self.report is not None
        try:
            write_pdf(self.report, path)
        except OSError as exc:
            inform(self, "Export failed", f"The report could not be written to {path}:\n{exc}")
            return
        self.exported.emit(str(path))
        inform(self, "Report exported", f"The score report was saved as:\n{path}")
