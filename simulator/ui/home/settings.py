"""Settings: the candidate's name, the extra-time accommodation, the colour scheme
and text size (the exam's Display menu), the PDF's paper size, and where the data
folder is (with a button that opens it in the file manager)."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...app.desk import Desk
from ...storage.settings import MAX_EXTRA_TIME_PCT, MAX_NAME, PAPERS, TEXT_SIZES
from ...workspace import login_name
from ..common import theme
from ..common.dialogs import inform
from ..common.widgets import dialog_buttons, named, tab_order
from .custom import labelled
from .home import HOME_STYLE

PAPER_NAMES = {"": "The locale's (Letter in North America, A4 elsewhere)", "A4": "A4", "Letter": "Letter"}


class SettingsDialog(QDialog):
    saved = Signal()

    def __init__(self, parent: QWidget, desk: Desk) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("settingsDialog")
        self.setAccessibleName("Settings")
        self.setWindowTitle("Settings")
        self.setStyleSheet(HOME_STYLE)
        self.setMinimumWidth(560)
        current = desk.settings
        layout = QVBoxLayout(self)
        layout.addWidget(named(QLabel("Settings"), "homeCardTitle", "Settings"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.candidate = named(QLineEdit(current.candidate), "settingsCandidate", "Candidate name")
        self.candidate.setMaxLength(MAX_NAME)
        self.candidate.setPlaceholderText(f"your login name ({login_name()})")
        form.addRow(labelled("Candidate &name:", self.candidate), self.candidate)

        self.extra_time = named(QSpinBox(), "settingsExtraTime", "Extra time accommodation, percent")
        self.extra_time.setRange(0, int(MAX_EXTRA_TIME_PCT))
        self.extra_time.setSingleStep(25)
        self.extra_time.setSuffix(" %")
        self.extra_time.setValue(round(current.extra_time_pct))
        form.addRow(labelled("E&xtra time:", self.extra_time), self.extra_time)
        form.addRow("", named(QLabel("An accommodation, as ASCM grants it: added to the time of every exam."),
                              "homeNote", "About extra time"))

        self.scheme = named(QComboBox(), "settingsScheme", "Colour scheme")
        for s in theme.SCHEMES:
            self.scheme.addItem(s.name, s.name)
        self.scheme.setCurrentIndex(max(0, self.scheme.findData(theme.scheme_named(current.scheme).name)))
        form.addRow(labelled("&Colour scheme in the exam:", self.scheme), self.scheme)

        self.text_size = named(QComboBox(), "settingsTextSize", "Text size")
        for pt in TEXT_SIZES:
            self.text_size.addItem(f"{pt} pt" + (" (normal)" if pt == theme.BASE_PT else ""), pt)
        self.text_size.setCurrentIndex(max(0, self.text_size.findData(current.text_pt)))
        form.addRow(labelled("&Text size:", self.text_size), self.text_size)

        self.paper = named(QComboBox(), "settingsPaper", "Paper size of the PDF report")
        for code in PAPERS:
            self.paper.addItem(PAPER_NAMES[code], code)
        self.paper.setCurrentIndex(max(0, self.paper.findData(current.paper)))
        form.addRow(labelled("&Paper size (PDF):", self.paper), self.paper)

        folder_row = QHBoxLayout()
        self.folder = named(QLabel(str(desk.folder)), "settingsDataFolder", "Data folder")
        self.folder.setWordWrap(True)
        self.folder.setTextInteractionFlags(self.folder.textInteractionFlags()
                                            | self.folder.textInteractionFlags().TextSelectableByMouse)
        self.open_folder = QPushButton("&Open")
        named(self.open_folder, "openDataFolderButton", "Open the data folder in the file manager")
        self.open_folder.setAutoDefault(False)
        self.open_folder.clicked.connect(self.open_data_folder)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.open_folder)
        form.addRow("Data folder:", folder_row)
        layout.addLayout(form)

        self.message = named(QLabel(), "settingsMessage", "Settings message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons, self.save_button, self.cancel_button = dialog_buttons(
            "&Save", "settingsSave", "Save the settings", "settingsCancel")
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        layout.addLayout(buttons)
        tab_order([self.candidate, self.extra_time, self.scheme, self.text_size, self.paper, self.open_folder,
                   self.save_button, self.cancel_button])
        self.candidate.setFocus()

    def open_data_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.desk.folder)))

    def save(self) -> None:
        try:
            error = self.desk.update_settings(
                candidate=self.candidate.text(), extra_time_pct=float(self.extra_time.value()),
                scheme=self.scheme.currentData(), text_pt=int(self.text_size.currentData()),
                paper=self.paper.currentData())
        except ValueError as exc:
            self.message.setText(f"Not saved: {exc}.")
            return
        self.accept()
        self.saved.emit()
        if error:
            inform(self.parentWidget() or self, "Settings not written",
                   f"The settings apply now but could not be written to {self.desk.settings_path}: {error}.")
