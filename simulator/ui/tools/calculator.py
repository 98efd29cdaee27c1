"""The on-screen calculator: a separate, movable tool window over the item screen.

The arithmetic is simulator/core/calculator.py; this module only draws the keys and feeds them.
The window keeps its numbers and memory while hidden; reset() starts over (the item screen
decides when). It never runs an event loop of its own: show() it and listen for `closed`.

Keys, while the calculator window has the focus (the keys' own buttons never take the focus,
so typing always reaches the calculator):
    0-9 . ,          digits and the decimal point (comma too, for keypads that type one)
    + - * /          operators
    Enter, Return, = equals
    %                percent
    r                square root
    F9               +/- (change sign)
    Backspace        delete the last digit
    Escape           C (clear all; the memory is kept)
    Delete           CE (clear entry)
Ctrl and Alt keys are left alone, so Alt+C and the exam's other keys still reach their windows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.calculator import Calculator
from ..common.widgets import named

# (core key, label, objectName suffix, accessible name, row, column, row span, column span)
# The Windows-standard layout the Pearson calculator follows: edit keys on top, memory on the left.
LAYOUT = (
    ("back", "Back", "back", "Backspace", 0, 0, 1, 2),
    ("CE", "CE", "CE", "Clear entry", 0, 2, 1, 2),
    ("C", "C", "C", "Clear", 0, 4, 1, 2),
    ("MC", "MC", "MC", "Memory clear", 1, 0, 1, 1),
    ("7", "7", "7", "7", 1, 1, 1, 1),
    ("8", "8", "8", "8", 1, 2, 1, 1),
    ("9", "9", "9", "9", 1, 3, 1, 1),
    ("/", "\u00f7", "divide", "Divide", 1, 4, 1, 1),
    ("sqrt", "\u221a", "sqrt", "Square root", 1, 5, 1, 1),
    ("MR", "MR", "MR", "Memory recall", 2, 0, 1, 1),
    ("4", "4", "4", "4", 2, 1, 1, 1),
    ("5", "5", "5", "5", 2, 2, 1, 1),
    ("6", "6", "6", "6", 2, 3, 1, 1),
    ("*", "\u00d7", "multiply", "Multiply", 2, 4, 1, 1),
    ("%", "%", "percent", "Percent", 2, 5, 1, 1),
    ("M+", "M+", "Mplus", "Memory add", 3, 0, 1, 1),
    ("1", "1", "1", "1", 3, 1, 1, 1),
    ("2", "2", "2", "2", 3, 2, 1, 1),
    ("3", "3", "3", "3", 3, 3, 1, 1),
    ("-", "\u2212", "minus", "Minus", 3, 4, 1, 1),
    ("=", "=", "equals", "Equals", 3, 5, 2, 1),
    ("M-", "M\u2212", "Mminus", "Memory subtract", 4, 0, 1, 1),
    ("0", "0", "0", "0", 4, 1, 1, 1),
    ("+/-", "\u00b1", "negate", "Change sign", 4, 2, 1, 1),
    (".", ".", "point", "Decimal point", 4, 3, 1, 1),
    ("+", "+", "plus", "Plus", 4, 4, 1, 1),
)
OPERATOR_KEYS = ("/", "*", "-", "+", "=")
MEMORY_KEYS = ("MC", "MR", "M+", "M-")
EDIT_KEYS = ("back", "CE", "C")

# Keys typed as characters (whatever the keyboard layout) and keys known by their code.
TYPED = {**{d: d for d in "0123456789"}, ".": ".", ",": ".", "+": "+", "-": "-", "*": "*", "/": "/",
         "=": "=", "%": "%", "r": "sqrt", "R": "sqrt"}
CODES = {Qt.Key.Key_Enter: "=", Qt.Key.Key_Return: "=", Qt.Key.Key_Backspace: "back",
         Qt.Key.Key_Escape: "C", Qt.Key.Key_Delete: "CE", Qt.Key.Key_F9: "+/-"}

KEY_SIZE = 46            # px; square keys, the wide and tall ones span two with the spacing
SPACING = 5
DISPLAY_PT = (20, 16, 13, 11)   # the display's font shrinks, step by step, until the number fits
DISPLAY_ROOM = KEY_SIZE * 6 + SPACING * 5 - 44   # the text's width: less the frame, M and padding

# The window's own sheet wins over the application's (Qt prefers a widget's own style sheet),
# and sizes in px keep the fixed-size window from cutting text when the exam's text size grows.
STYLE = """
#calculatorWindow { background: #e6e9ee; border: 1px solid #7f8fa6; }
#calculatorWindow QPushButton {
    font-family: "DejaVu Sans"; font-size: 15px; min-width: 0px; padding: 0px;
    color: #000000; background: #f4f5f7; border: 1px solid #8e99a8; border-radius: 0px;
}
#calculatorWindow QPushButton:hover { background: #dde6f2; }
#calculatorWindow QPushButton:pressed { background: #c3d3e8; }
#calculatorWindow QPushButton[role="operator"] { color: #ffffff; background: #005596; border-color: #003f70; }
#calculatorWindow QPushButton[role="operator"]:hover { background: #0a67ad; }
#calculatorWindow QPushButton[role="operator"]:pressed { background: #003f70; }
#calculatorWindow QPushButton[role="memory"] { color: #003f70; font-size: 13px; }
#calculatorWindow QPushButton[role="edit"] { color: #9b1c1c; font-size: 13px; }
#calculatorDisplayFrame { background: #ffffff; border: 1px solid #7f8fa6; }
#calculatorDisplay { background: #ffffff; color: #000000; border: none; padding: 0px 4px;
                     font-family: "DejaVu Sans"; font-size: 20pt; }
#calculatorDisplay[textSize="16"] { font-size: 16pt; }
#calculatorDisplay[textSize="13"] { font-size: 13pt; }
#calculatorDisplay[textSize="11"] { font-size: 11pt; }
#calculatorMemory { color: #003f70; font-family: "DejaVu Sans"; font-size: 12px; font-weight: bold; }
"""


class CalculatorWindow(QWidget):
    """A tool window titled "Calculator"; emits `closed` when the candidate or the program
    hides or closes it (not when the window system hides it with a minimised main window)."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.CustomizeWindowHint
                         | Qt.WindowType.WindowTitleHint | Qt.WindowType.WindowCloseButtonHint)
        named(self, "calculatorWindow", "Calculator")
        self.setWindowTitle("Calculator")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.calculator = Calculator()
        self._drag_offset: QPoint | None = None
        self._placed = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addWidget(self._build_display())
        grid = QGridLayout()
        grid.setSpacing(SPACING)
        self.buttons: dict[str, QPushButton] = {}
        for key, label, suffix, accessible, row, col, rows, cols in LAYOUT:
            button = named(QPushButton(label), f"calcKey_{suffix}", accessible)
            button.setAutoDefault(False)
            # Clicking a key must not take the focus from the window, or typing would stop.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            span = lambda n: KEY_SIZE * n + SPACING * (n - 1)  # noqa: E731 - wide and tall keys
            button.setFixedSize(span(cols), span(rows))
            role = ("operator" if key in OPERATOR_KEYS else "memory" if key in MEMORY_KEYS
                    else "edit" if key in EDIT_KEYS else "plain")
            button.setProperty("role", role)
            button.clicked.connect(lambda _checked=False, key=key: self.press(key))
            grid.addWidget(button, row, col, rows, cols)
            self.buttons[key] = button
        layout.addLayout(grid)
        self.setFixedSize(self.sizeHint())
        self._refresh()

    def _build_display(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("calculatorDisplayFrame")
        row = QHBoxLayout(frame)
        row.setContentsMargins(6, 2, 2, 2)
        row.setSpacing(0)
        self.memory_indicator = named(QLabel(""), "calculatorMemory", "Memory indicator")
        self.memory_indicator.setFixedWidth(16)
        self.memory_indicator.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.display = named(QLineEdit(), "calculatorDisplay", "Calculator display")
        self.display.setReadOnly(True)
        self.display.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.display.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Presses on the display fall through to the window, so it drags the window too.
        self.display.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.display.setFixedHeight(44)
        row.addWidget(self.memory_indicator)
        row.addWidget(self.display, 1)
        return frame

    # -- the arithmetic ------------------------------------------------------------------------
    def press(self, key: str) -> None:
        """One key of simulator.core.calculator.KEYS, as if its button were clicked."""
        self.calculator.press(key)
        self._refresh()

    def reset(self) -> None:
        """A fresh calculator: display 0, nothing pending, memory empty."""
        self.calculator = Calculator()
        self._refresh()

    def _refresh(self) -> None:
        text = self.calculator.display
        size = str(self._display_pt(text))
        if self.display.property("textSize") != size:
            # The style sheet sets the font (setFont would lose to the application's sheet).
            self.display.setProperty("textSize", size)
            self.display.style().unpolish(self.display)
            self.display.style().polish(self.display)
        self.display.setText(text)
        self.display.setAccessibleDescription(text)
        self.display.setCursorPosition(0)
        self.memory_indicator.setText("M" if self.calculator.memory_set else "")
        self.memory_indicator.setToolTip("A number is stored in memory" if self.calculator.memory_set else "")

    @staticmethod
    def _display_pt(text: str) -> int:
        font = QFont("DejaVu Sans")
        for pt in DISPLAY_PT:
            font.setPointSize(pt)
            if QFontMetrics(font).horizontalAdvance(text) <= DISPLAY_ROOM:
                return pt
        return DISPLAY_PT[-1]

    # -- the keyboard --------------------------------------------------------------------------
    def _key_for(self, event: QKeyEvent) -> str | None:
        blocked = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.MetaModifier)
        if event.modifiers() & blocked:
            return None
        return CODES.get(Qt.Key(event.key())) or TYPED.get(event.text())

    def event(self, event) -> bool:
        # Claim our keys before any shortcut of the application sees them.
        if event.type() == QEvent.Type.ShortcutOverride and self._key_for(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = self._key_for(event)
        if key is None:
            super().keyPressEvent(event)
            return
        self.press(key)
        self._flash(self.buttons[key])
        event.accept()

    def _flash(self, button: QPushButton) -> None:
        """Show the key as pressed for a moment, as if it had been clicked."""
        button.setDown(True)
        QTimer.singleShot(100, self, lambda: button.setDown(False))

    # -- the window ----------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._placed and self.parentWidget() is not None and not self.property("docked"):
            # First time, unless the exam window places it (ui/tools/dock.py): the top right
            # corner of the exam window, clear of the title bar.
            parent = self.parentWidget()
            assert parent is not None  # the calculator belongs to an exam window
            area = parent.window().geometry()
            self.move(area.right() - self.width() - 40, area.top() + 110)
            self._placed = True
        self._refresh()
        self.raise_()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        if not event.spontaneous():       # the window system minimising the exam is not a close
            self.closed.emit()

    def mousePressEvent(self, event) -> None:
        # Some platforms give tool windows no title bar: the body drags the window too.
        if event.button() == Qt.MouseButton.LeftButton:
            handle = self.windowHandle()
            if handle is not None and handle.startSystemMove():
                self._drag_offset = None          # the window manager moves it
            else:
                self._drag_offset = event.globalPosition().toPoint() - self.frameGeometry().topLeft()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._drag_offset is not None:
            self.move(event.globalPosition().toPoint() - self._drag_offset)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        self._drag_offset = None
        super().mouseReleaseEvent(event)
