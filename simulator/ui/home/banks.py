"""Question banks: the shipped bank and the imported ones; importing a file from
Moodle (GIFT, Moodle XML), Aiken or CSV, with a report of what was taken and what
was not; and an exam on the bank chosen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...app.desk import Desk
from ..common.widgets import named
from .home import HOME_STYLE

FILTERS = "Question files (*.gift *.txt *.xml *.csv);;All files (*)"


class BanksDialog(QDialog):
    start_requested = Signal(str)  # a bank's name: sit an exam on it

    def __init__(self, parent: QWidget, desk: Desk) -> None:
        super().__init__(parent)
        self.desk = desk
        self.file_dialog: QFileDialog | None = None
        self.setObjectName("banksDialog")
        self.setAccessibleName("Question banks")
        self.setWindowTitle("Question banks")
        self.setStyleSheet(HOME_STYLE)
        self.setMinimumSize(640, 460)
        layout = QVBoxLayout(self)
        layout.addWidget(named(QLabel("Question banks"), "homeCardTitle", "Question banks"))
        layout.addWidget(named(QLabel(
            "Import questions from Moodle (GIFT or Moodle XML), Aiken or CSV. Multiple-choice and true/false "
            "questions are taken; every other kind is listed below as skipped. Imported questions stay in "
            "your data folder; the shipped bank is never changed."), "homeNote", "About question banks"))
        layout.itemAt(1).widget().setWordWrap(True)  # type: ignore[union-attr]
        self.table = named(QTableWidget(0, 3), "banksTable", "Question banks")
        self.table.setHorizontalHeaderLabels(["Bank", "Items", "Imported from"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.report = named(QPlainTextEdit(), "importReport", "Import report")
        self.report.setReadOnly(True)
        self.report.setPlaceholderText("The report of an import appears here.")
        layout.addWidget(self.report, 1)
        buttons = QHBoxLayout()
        self.import_button = named(QPushButton("&Import a file..."), "importButton", "Import a question file")
        self.start_button = named(QPushButton("Start an &exam on this bank"), "bankExamButton",
                                  "Start an exam on the chosen bank")
        self.close_button = named(QPushButton("Close"), "banksCloseButton", "Close")
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.import_button.clicked.connect(self.choose_file)
        self.start_button.clicked.connect(self._start)
        self.close_button.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.load()

    def load(self, select: str | None = None) -> None:
        banks = self.desk.banks()
        self.table.setRowCount(len(banks))
        for row, bank in enumerate(banks):
            for col, value in enumerate((bank["name"], bank["items"], bank["source"])):
                cell = QTableWidgetItem(str(value))
                if col == 1:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, cell)
        self.table.resizeColumnsToContents()
        names = [str(b["name"]) for b in banks]
        self.table.selectRow(names.index(select) if select in names else 0)
        self._selection_changed()

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        item = self.table.item(rows[0].row(), 0) if rows else None
        return item.text() if item is not None else None

    def _selection_changed(self) -> None:
        self.start_button.setEnabled(self.selected() is not None)

    def _start(self) -> None:
        name = self.selected()
        if name is not None:
            self.accept()
            self.start_requested.emit(name)

    def choose_file(self) -> None:
        dialog = QFileDialog(self, "Import a question file", str(Path.home()), FILTERS)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # the same dialog on every desktop
        dialog.fileSelected.connect(lambda path: self.import_file(Path(path)))
        self.file_dialog = dialog
        dialog.open()

    def import_file(self, path: Path) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a large file takes a moment
        try:
            report = self.desk.import_bank(path)
        except (ValueError, OSError) as exc:
            self.report.setPlainText(f"Nothing was imported from {path}:\n{exc}")
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        lines = [report.summary()]
        if report.notes:
            lines += ["", "Not imported:", *report.notes]
        self.report.setPlainText("\n".join(lines))
        self.load(select=report.name if report.imported else None)
