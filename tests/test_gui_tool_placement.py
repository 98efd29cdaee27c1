"""The calculator and the whiteboard open beside the item, not over its stem and
options, and their keys (Alt+C, Alt+W) hide them again."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt

from .gui import ALT, exam_window, key


def _global(widget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def _covers_the_item(w, tool) -> bool:
    screen = w.item
    parts = [screen.stem] + [screen.texts[letter] for letter in getattr(screen, "letters", "ABCD")] + [
        screen.radios[letter] for letter in getattr(screen, "letters", "ABCD")]
    parts += [screen.flag_button, screen.next_button, screen.review_button]
    return any(tool.frameGeometry().intersects(_global(p)) for p in parts if p.isVisible())


def test_calculator_opens_beside_the_item_and_alt_c_toggles_it(qtbot, workspace, clock):
    w = exam_window(qtbot, workspace, clock, seed=3, items=4, size=(1024, 740))
    key(qtbot, w, Qt.Key.Key_C, ALT, until=lambda: w.calculator is not None and w.calculator.isVisible())
    calc = w.calculator
    qtbot.waitUntil(lambda: not _covers_the_item(w, calc))
    assert w.geometry().contains(calc.frameGeometry().center())   # inside the exam window
    key(qtbot, calc, Qt.Key.Key_C, ALT, until=lambda: not calc.isVisible())   # from the calculator itself
    qtbot.waitUntil(lambda: w.item.layout().contentsMargins().right() == 0)     # the item has its width back
    key(qtbot, w, Qt.Key.Key_C, ALT, until=lambda: calc.isVisible())
    key(qtbot, w, Qt.Key.Key_C, ALT, until=lambda: not calc.isVisible())


def test_whiteboard_opens_beside_the_item_and_alt_w_toggles_it(qtbot, workspace, clock):
    w = exam_window(qtbot, workspace, clock, seed=3, items=4, onvue=True, size=(1280, 820))
    key(qtbot, w, Qt.Key.Key_W, ALT, until=lambda: w.whiteboard is not None and w.whiteboard.isVisible())
    board = w.whiteboard
    qtbot.waitUntil(lambda: not _covers_the_item(w, board))
    key(qtbot, board, Qt.Key.Key_W, ALT, until=lambda: not board.isVisible())  # from the whiteboard itself
    key(qtbot, w, Qt.Key.Key_W, ALT, until=lambda: board.isVisible())
    key(qtbot, w, Qt.Key.Key_C, ALT, until=lambda: w.calculator is not None and w.calculator.isVisible())
    qtbot.waitUntil(lambda: not _covers_the_item(w, board) and not _covers_the_item(w, w.calculator))
    key(qtbot, w, Qt.Key.Key_W, ALT, until=lambda: not board.isVisible())
