"""The score report as a first-time candidate meets it: where the PDF goes, what the
screen says."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from .gui import dialogs, key, no_dialog, open_dialog
from .test_gui_results import finished_window


def test_pdf_dialog_proposes_an_existing_absolute_folder(qtbot, workspace, clock, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()  # a minimal Linux: no Documents folder
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    window = finished_window(qtbot, workspace, clock)
    attempt = window.report["id"]
    key(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier,
        until=lambda: window.results.file_dialog is not None and window.results.file_dialog.isVisible())
    file_dialog = window.results.file_dialog
    proposed = Path(file_dialog.selectedFiles()[0])
    assert proposed.is_absolute() and proposed.parent.is_dir()
    assert proposed == home / f"cpim-score-report-{attempt}.pdf"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is file_dialog, timeout=5000)
    name_box = file_dialog.findChild(QLineEdit, "fileNameEdit")
    with qtbot.waitSignal(window.results.exported, timeout=10000):
        qtbot.keyClick(name_box, Qt.Key.Key_Return)        # the proposal as it stands
    key(qtbot, open_dialog(qtbot), Qt.Key.Key_Return, until=no_dialog)
    assert (home / f"cpim-score-report-{attempt}.pdf").is_file()
    assert not any(elsewhere.iterdir())                      # nothing under the start folder
    assert not dialogs()
