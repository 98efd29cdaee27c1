"""Question banks from Home by keyboard: import a Moodle file, read the report, sit the bank."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from simulator.app.desk import Desk
from simulator.ui.exam.mainwindow import MainWindow
from simulator.ui.launch import Shell, make_app

from .gui import ALT, close_exam_and_home_windows, key

DATA = Path(__file__).parent / "data" / "formats"


def test_import_from_home_reports_and_the_bank_can_be_sat(qtbot, workspace, clock):
    make_app()
    shell = Shell(Desk(workspace), clock, None, quit=lambda: None)
    shell.start()
    home = shell.home
    try:
        key(qtbot, home, Qt.Key.Key_B, ALT, until=lambda: home.dialog is not None and home.dialog.isVisible())
        banks = home.dialog
        assert banks.table.rowCount() == 1 and banks.table.item(0, 0).text() == "cpim"
        key(qtbot, banks, Qt.Key.Key_I, ALT,
            until=lambda: banks.file_dialog is not None and banks.file_dialog.isVisible())
        chooser = banks.file_dialog
        qtbot.waitUntil(lambda: QApplication.activeWindow() is chooser, timeout=5000)
        name_box = chooser.findChild(QLineEdit, "fileNameEdit")
        name_box.selectAll()
        qtbot.keyClicks(name_box, str(DATA / "moodle_examples.gift"))
        qtbot.keyClick(name_box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: banks.table.rowCount() == 2, timeout=10000)
        text = banks.report.toPlainText()
        assert "Imported 6 questions into the bank 'moodle_examples'" in text
        assert "Not imported:" in text and text.count("skipped:") == 7
        assert banks.selected() == "moodle_examples"
        def exams():
            return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]

        key(qtbot, banks, Qt.Key.Key_E, ALT, until=lambda: bool(exams()))
        window = exams()[0]
        assert window.run.title == "moodle_examples (imported questions)" and len(window.session) == 6
    finally:
        close_exam_and_home_windows()
