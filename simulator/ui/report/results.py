"""The results screen: scaled score, pass or fail, domains (chart and table), pacing,
and the ways on: answer review, history, PDF export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...core.clock import hms
from ...core.words import mmss, plural, raw_cut_text
from ...report.pdf import level_text, percent_text, when, write_pdf
from ..common.dialogs import inform
from ..common.widgets import footer, named, push, scrolled, stacked
from .charts import DomainChart


def pacing_text(r: dict[str, Any]) -> str:
    pc = r["pacing"]
    lines = [f"Time used: {hms(pc['time_used_s'])} of {hms(pc['time_allowed_s'])} "
             f"({pc['share_used']:.0%})"
             + (f", including {r['extra_time_pct']:g}% extra time (an accommodation)" if r["extra_time_pct"]
                else ""),
             f"Average per item: {pc['average_item_s']:.0f} s (the pace that uses all the time: "
             f"{pc['target_item_s']:.0f} s)"]
    if pc["slowest"]:
        lines.append("Slowest items: " + ", ".join(f"{s['position']} ({mmss(s['seconds'])})"
                                                    for s in pc["slowest"]))
    lines.append(f"Items flagged for review: {r['flagged_count']}")
    if r.get("focus_losses"):
        lines.append(f"Times the exam window lost focus: {r['focus_losses']}")
    return "\n".join(lines)


class ResultsScreen(QWidget):
    exported = Signal(str)  # the path of the PDF written
    review_requested = Signal()
    history_requested = Signal()
    close_requested = Signal()

    def __init__(self, answers: Callable[[int], list[dict[str, Any]]] | None = None) -> None:
        super().__init__()
        self.answers = answers  # fetches item text for the PDF's review pages
        layout = stacked(self)
        scroll, column = scrolled((48, 20, 48, 20), 10)
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
        column.addWidget(named(QLabel("Performance by domain"), "subheading", "Performance by domain"))
        self.chart = DomainChart()
        column.addWidget(self.chart)
        legend = QLabel("Bars: percent correct (red below, amber near, green above the passing standard). "
                        "Black tick: what a minimally qualified candidate would get right on the same items.")
        legend.setObjectName("notice")
        legend.setWordWrap(True)
        column.addWidget(legend)
        self.table = named(QTableWidget(0, 5), "domainTable", "Performance by domain")
        self.table.setHorizontalHeaderLabels(["Domain", "Items", "Correct", "Percent", "Level"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, 5):
            self.table.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        column.addWidget(self.table)
        column.addWidget(named(QLabel("Pacing"), "subheading", "Pacing"))
        self.pacing = named(QLabel(), "pacing", "Pacing")
        self.pacing.setTextFormat(Qt.TextFormat.PlainText)
        self.pacing.setWordWrap(True)
        column.addWidget(self.pacing)
        # Filled when the report carries it (an exam just scored): readiness, due today, where to study next.
        self.study_heading = named(QLabel("Readiness and where to study next"), "subheading",
                                   "Readiness and where to study next")
        self.study = named(QLabel(), "studyNext", "Readiness and where to study next")
        self.study.setTextFormat(Qt.TextFormat.PlainText)
        self.study.setWordWrap(True)
        column.addWidget(self.study_heading)
        column.addWidget(self.study)
        column.addStretch(1)
        layout.addWidget(scroll, 1)

        self.review_button = push("Review &Answers", "reviewAnswersButton", "Review answers")
        self.history_button = push("&History", "historyButton", "History")
        self.include_items = named(QCheckBox("Item review in the PDF"), "includeItemsCheck",
                                   "Include the item-by-item review in the PDF")
        self.include_items.setChecked(True)
        self.include_items.setStyleSheet("color: #ffffff;")
        self.export_button = push("Export PDF (Ctrl+S)", "exportPdfButton", "Export PDF")
        self.close_button = push("&Close", "closeButton", "Close")
        self.review_button.clicked.connect(self.review_requested)
        self.history_button.clicked.connect(self.history_requested)
        self.export_button.clicked.connect(self.choose_pdf)
        self.close_button.clicked.connect(self.close_requested)
        # Ctrl+S has no mnemonic of its own, so it takes a shortcut (one binding per key).
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.choose_pdf)
        layout.addWidget(footer([self.review_button, self.history_button],
                                [self.include_items, self.export_button, self.close_button]))
        self.report: dict[str, Any] | None = None
        self.file_dialog: QFileDialog | None = None
        self.paper = ""  # the PDF's paper: "A4", "Letter" or "" (the locale's)

    def show_report(self, report: dict[str, Any]) -> None:
        self.report = report
        self.details.setText(f"Candidate: {report['candidate']}\nExam: {report['title']}\n"
                             f"Date: {when(report['finished_at'] or report['started_at'])}\n"
                             f"Attempt {report['id']}, form seed {report['form_seed']}, {report['mode']} mode"
                             + ("  (time expired)" if report["status"] == "expired" else ""))
        self.score.setText(str(report["scaled_score"]))
        self.pass_fail.setText("PASS" if report["passed"] else "FAIL")
        self.pass_fail.setProperty("passed", bool(report["passed"]))
        self.pass_fail.style().unpolish(self.pass_fail)
        self.pass_fail.style().polish(self.pass_fail)
        self.explain.setText(
            f"Scale 200-350; 300 passes. You answered {report['raw_correct']} of "
            f"{report['operational_count']} "
            f"scored items correctly; this form needed {raw_cut_text(report['raw_cut'])} to pass (the score "
            f"a minimally qualified candidate is expected to get on these items, {report['raw_cut']:.1f}, "
            "rounded up)."
            + (f" The {plural(report['pretest_count'], 'unscored pretest item')} "
               f"{'is' if report['pretest_count'] == 1 else 'are'} not counted." if report["pretest_count"]
               else ""))
        self.chart.set_domains(report["domains"])
        self.chart.setMinimumHeight(34 * len(report["domains"]))
        self.table.setRowCount(len(report["domains"]))
        for row, d in enumerate(report["domains"]):
            for col, value in enumerate((d["name"], d["items"], d["correct"], percent_text(d),
                                         level_text(d["level"]))):
                self.table.setItem(row, col, QTableWidgetItem(str(value)))
        header = self.table.horizontalHeader().height()
        self.table.setFixedHeight(header + sum(self.table.rowHeight(r)
                                               for r in range(self.table.rowCount())) + 4)
        self.pacing.setText(pacing_text(report))
        study = report.get("study")
        if study:
            from ...app.practice import study_lines
            self.study.setText("\n".join(study_lines(study)))
        self.study_heading.setVisible(bool(study))
        self.study.setVisible(bool(study))
        self.export_button.setFocus()

    def default_pdf_path(self) -> Path:
        """An absolute path in a folder that exists: the documents folder if there is
        one (a minimal Linux has none, though Qt still names it), else the home folder."""
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = Path(documents) if documents and Path(documents).is_absolute() and Path(documents).is_dir() \
            else Path.home()
        return folder.resolve() / f"cpim-score-report-{self.report['id'] if self.report else 0}.pdf"

    def choose_pdf(self) -> None:
        if self.report is None:
            return
        proposed = self.default_pdf_path()
        dialog = QFileDialog(self, "Export the score report", str(proposed.parent), "PDF files (*.pdf)")
        dialog.setObjectName("pdfFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # same look and keys everywhere
        dialog.selectFile(str(proposed))
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()

    def export_to(self, path: Path) -> None:
        assert self.report is not None
        answers = self.answers(self.report["id"]) if self.answers and self.include_items.isChecked() else None
        try:
            write_pdf(self.report, path, answers, paper=self.paper)
        except OSError as exc:
            inform(self, "Export failed", f"The report could not be written to {path}:\n{exc}")
            return
        self.exported.emit(str(path))
        inform(self, "Report exported", f"The score report was saved as:\n{path}")
