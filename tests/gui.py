"""What the GUI tests share: the dialogs on screen, and a key pressed as a candidate would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from simulator.ui.common.dialogs import MessageDialog

ALT = Qt.KeyboardModifier.AltModifier


def dialogs() -> list[MessageDialog]:
    """The message dialogs open now (tests answer every dialog they cause)."""
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MessageDialog) and w.isVisible()]


def no_dialog() -> bool:
    return not dialogs()


def open_dialog(qtbot) -> MessageDialog:
    qtbot.waitUntil(lambda: bool(dialogs()), timeout=5000)
    return dialogs()[-1]


def key(qtbot, widget, k, modifier=Qt.KeyboardModifier.NoModifier, until=None) -> None:
    """A key as the candidate presses it, in the active window. A button's Alt+letter
    clicks it after Qt's 100 ms press animation, so `until` waits for what the key
    must bring about."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=5000)
    qtbot.keyClick(widget, k, modifier)
    if until is not None:
        qtbot.waitUntil(until, timeout=5000)


def exam_window(qtbot, workspace, clock, *, begin: bool = True, size: tuple[int, int] = (1280, 820),
                prepare=None, **options):
    """A main window on a new exam (ExamOptions from `options`), shown and started;
    with `begin`, past 'Begin the exam?' and on the first item. `prepare(run)` may
    change the run (app/runs.py) before the window sees it."""
    from simulator.app.desk import Desk
    from simulator.ui.exam.mainwindow import MainWindow
    from simulator.ui.launch import make_app
    from simulator.workspace import ExamOptions
    make_app()
    run = Desk(workspace).new_run(ExamOptions(**options), clock)
    if prepare is not None:
        prepare(run)
    window = MainWindow(run, clock)
    # At the test's end the window closes without asking "Close the exam?" (a question
    # left open would be taken for the next test's dialog).
    qtbot.addWidget(window, before_close_func=lambda w: w.close_keeping())
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.start()
    if begin:
        run.begin()
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.item)
    return window


def answer_question(qtbot, title: str, key_, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """The open dialog titled `title` answered by a key (Alt+Y, Esc ...)."""
    qtbot.waitUntil(lambda: any(d.windowTitle() == title for d in dialogs()), timeout=5000)
    dialog = next(d for d in dialogs() if d.windowTitle() == title)
    key(qtbot, dialog, key_, modifier, until=lambda: all(d is not dialog for d in dialogs()))


def export_pdf_by_keyboard(qtbot, window, target) -> None:
    """On the score report: Ctrl+S, the file name typed into the save dialog, Enter,
    and Enter again on 'Report exported'."""
    from PySide6.QtWidgets import QLineEdit
    key(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier,
        until=lambda: window.results.file_dialog is not None and window.results.file_dialog.isVisible())
    file_dialog = window.results.file_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is file_dialog, timeout=5000)
    name_box = file_dialog.findChild(QLineEdit, "fileNameEdit")
    name_box.selectAll()
    qtbot.keyClicks(name_box, str(target))
    with qtbot.waitSignal(window.results.exported, timeout=10000):
        qtbot.keyClick(name_box, Qt.Key.Key_Return)
    key(qtbot, open_dialog(qtbot), Qt.Key.Key_Return, until=no_dialog)


def close_exam_and_home_windows() -> None:
    """At a test's end: exam windows first (one closed after its exam shows Home
    again), then Home and any dialog left open."""
    from simulator.ui.exam.mainwindow import MainWindow
    from simulator.ui.home.home import HomeWindow
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow):
            w.close_keeping()
    for w in QApplication.topLevelWidgets():
        if isinstance(w, HomeWindow) or w in dialogs():
            w.close()
        w.deleteLater()
