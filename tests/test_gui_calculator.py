"""The calculator window as a candidate uses it: mouse clicks, the keyboard, dragging, closing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget

from simulator.ui.launch import make_app
from simulator.ui.tools.calculator import LAYOUT, CalculatorWindow

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def calc(qtbot):
    make_app()
    window = CalculatorWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    return window


def display(window: CalculatorWindow) -> str:
    return window.findChild(QLineEdit, "calculatorDisplay").text()


def click(qtbot, window: CalculatorWindow, *names: str) -> None:
    for name in names:
        button = window.findChild(QPushButton, f"calcKey_{name}")
        assert button is not None, name
        qtbot.mouseClick(button, LEFT)


def type_keys(qtbot, window: CalculatorWindow, *keys) -> None:
    for key in keys:
        qtbot.keyClick(window, key)


def test_window_names_and_look(calc):
    assert calc.objectName() == "calculatorWindow" and calc.accessibleName() == "Calculator"
    assert calc.windowTitle() == "Calculator"
    assert calc.isWindow() and calc.windowFlags() & Qt.WindowType.Tool == Qt.WindowType.Tool
    assert calc.minimumSize() == calc.maximumSize()            # a fixed size
    screen = calc.findChild(QLineEdit, "calculatorDisplay")
    assert screen.isReadOnly() and screen.accessibleName()
    assert screen.alignment() & Qt.AlignmentFlag.AlignRight
    assert screen.font().pointSize() >= 16 and screen.text() == "0"
    buttons = calc.findChildren(QPushButton)
    assert len(buttons) == len(LAYOUT) == 26
    for button in buttons:
        assert button.objectName().startswith("calcKey_") and button.accessibleName(), button.text()
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
        # Nothing cut off: each label fits inside its key.
        assert button.fontMetrics().horizontalAdvance(button.text()) < button.width() - 8, button.text()
    for name in ("0", "9", "plus", "minus", "multiply", "divide", "equals", "percent", "sqrt", "negate",
                 "point", "MC", "MR", "Mplus", "Mminus", "C", "CE", "back"):
        assert calc.findChild(QPushButton, f"calcKey_{name}") is not None, name
    assert calc.findChild(QPushButton, "calcKey_plus").property("role") == "operator"


def test_clicking_the_keys(qtbot, calc):
    click(qtbot, calc, "0", "point", "1", "plus", "0", "point", "2", "equals")
    assert display(calc) == "0.3"
    click(qtbot, calc, "C", "2", "plus", "3", "multiply", "4", "equals")
    assert display(calc) == "20"
    click(qtbot, calc, "C", "2", "0", "0", "plus", "1", "0", "percent")
    assert display(calc) == "220"
    click(qtbot, calc, "9", "sqrt", "negate")
    assert display(calc) == "-3"
    click(qtbot, calc, "1", "divide", "0", "equals")
    assert display(calc) == "Error"
    click(qtbot, calc, "5")
    assert display(calc) == "Error"
    click(qtbot, calc, "CE", "1", "2", "3", "back")
    assert display(calc) == "12"


def test_memory_keys_and_indicator(qtbot, calc):
    indicator = calc.memory_indicator
    assert indicator.objectName() == "calculatorMemory" and indicator.text() == ""
    click(qtbot, calc, "7", "Mplus", "3", "Mminus")
    assert indicator.text() == "M"
    click(qtbot, calc, "C", "MR")
    assert display(calc) == "4"
    click(qtbot, calc, "MC")
    assert indicator.text() == ""


def test_the_keyboard(qtbot, calc):
    type_keys(qtbot, calc, "1", "2", ".", "5", "*", "2", Qt.Key.Key_Return)
    assert display(calc) == "25"
    type_keys(qtbot, calc, Qt.Key.Key_Escape)
    assert display(calc) == "0"
    type_keys(qtbot, calc, "7", "/", "2", "=")
    assert display(calc) == "3.5"
    type_keys(qtbot, calc, Qt.Key.Key_Escape, "1", "0", "0", "-", "3", "3", Qt.Key.Key_Backspace,
              Qt.Key.Key_Enter)
    assert display(calc) == "97"
    type_keys(qtbot, calc, Qt.Key.Key_Escape, "8", "+", "5", Qt.Key.Key_Delete, "2", Qt.Key.Key_Return)
    assert display(calc) == "10"
    type_keys(qtbot, calc, Qt.Key.Key_Escape, "1", "6", "r")
    assert display(calc) == "4"
    type_keys(qtbot, calc, Qt.Key.Key_F9)
    assert display(calc) == "-4"
    type_keys(qtbot, calc, Qt.Key.Key_Escape, "5", "0", "%")
    assert display(calc) == "0.5"
    type_keys(qtbot, calc, Qt.Key.Key_Escape, "1", ",", "5", "+", "1", "=")   # a keypad comma
    assert display(calc) == "2.5"


def test_keypad_keys(qtbot, calc):
    keypad = Qt.KeyboardModifier.KeypadModifier
    for key in (Qt.Key.Key_4, Qt.Key.Key_Plus, Qt.Key.Key_2, Qt.Key.Key_Enter):
        qtbot.keyClick(calc, key, keypad)
    assert display(calc) == "6"


def test_ctrl_and_alt_keys_are_not_the_calculators(qtbot, calc):
    qtbot.keyClick(calc, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(calc, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert display(calc) == "0"


def test_clicking_a_key_keeps_the_keyboard_in_the_window(qtbot, calc):
    click(qtbot, calc, "4")
    assert calc.hasFocus()
    type_keys(qtbot, calc, "2")
    assert display(calc) == "42"


def test_the_calculators_keys_win_over_application_shortcuts(qtbot, calc):
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    fired: list[str] = []
    shortcut = QShortcut(QKeySequence("5"), other, activated=lambda: fired.append("5"))
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    type_keys(qtbot, calc, "6")
    assert display(calc) == "6"
    type_keys(qtbot, calc, "5")
    assert display(calc) == "65" and fired == []
    type_keys(qtbot, other, "5")                 # the shortcut does work elsewhere
    assert fired == ["5"]


def test_closed_signal_and_state_kept(qtbot, calc):
    type_keys(qtbot, calc, "8")
    with qtbot.waitSignal(calc.closed, timeout=1000):
        calc.close()
    assert not calc.isVisible()
    calc.show()
    assert display(calc) == "8"            # hidden, not destroyed: the numbers are still there
    with qtbot.waitSignal(calc.closed, timeout=1000):
        calc.hide()
    calc.reset()
    assert display(calc) == "0" and calc.memory_indicator.text() == ""


def test_escape_clears_rather_than_closes(qtbot, calc):
    with qtbot.assertNotEmitted(calc.closed):
        type_keys(qtbot, calc, "3", Qt.Key.Key_Escape)
    assert calc.isVisible() and display(calc) == "0"


def test_the_body_drags_the_window(qtbot, calc):
    start = calc.pos()
    qtbot.mousePress(calc, LEFT, pos=QPoint(4, 4))
    qtbot.mouseMove(calc, QPoint(64, 34))
    qtbot.mouseRelease(calc, LEFT, pos=QPoint(64, 34))
    qtbot.waitUntil(lambda: calc.pos() == start + QPoint(60, 30), timeout=1000)
    # The display lets presses through to the window, so it is a handle too; keys are not.
    screen = calc.findChild(QLineEdit, "calculatorDisplay")
    inside = screen.mapTo(calc, screen.rect().center())
    assert calc.childAt(inside) is not screen
    assert not isinstance(calc.childAt(inside), QPushButton)


def test_a_tool_window_over_its_parent(qtbot):
    make_app()
    main = QWidget()
    qtbot.addWidget(main)
    main.resize(900, 600)
    main.show()
    qtbot.waitExposed(main)
    calc = CalculatorWindow(main)
    calc.show()
    qtbot.waitExposed(calc)
    assert calc.isWindow() and calc.parentWidget() is main
    assert main.frameGeometry().contains(calc.geometry().topLeft())   # placed over the exam
    with qtbot.waitSignal(calc.closed, timeout=1000):
        calc.close()
