"""The driver's small modal dialogs: Yes / No questions and OK notices.

They open with open(), not exec(): no nested event loop, so the clock's timer
keeps running behind them (exec() would stop it) and tests answer them with
ordinary key clicks. Alt+Y / Alt+N come from the buttons' own mnemonics; Enter
presses the default button and Esc is No (or OK)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

Callback = Callable[[], object] | None  # what it returns is not used


class MessageDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, text: str, buttons: list[tuple[str, str]],
                 default: str) -> None:
        super().__init__(parent)
        self.setObjectName("messageDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("heading")
        body = QLabel(text)
        body.setObjectName("dialogText")
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(heading)
        layout.addWidget(body)
        row = QHBoxLayout()
        row.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        for name, label in buttons:
            button = QPushButton(label)
            button.setObjectName(f"{name}Button")
            button.setAccessibleName(label.replace("&", ""))
            button.setAutoDefault(False)
            button.clicked.connect(self.accept if name in ("yes", "ok") else self.reject)
            row.addWidget(button)
            self.buttons[name] = button
        self.buttons[default].setDefault(True)
        self.buttons[default].setFocus()
        layout.addLayout(row)
        self.body = body


def ask(parent: QWidget, title: str, text: str, on_yes: Callback, on_no: Callback = None,
        default_yes: bool = True) -> MessageDialog:
    dialog = MessageDialog(parent, title, text, [("yes", "&Yes"), ("no", "&No")],
                           "yes" if default_yes else "no")
    dialog.accepted.connect(lambda: on_yes and on_yes())
    dialog.rejected.connect(lambda: on_no and on_no())
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def inform(parent: QWidget, title: str, text: str, on_ok: Callback = None, *,
           on_top: bool = False) -> MessageDialog:
    """on_top: above every other window, the exam's own tool windows included."""
    dialog = MessageDialog(parent, title, text, [("ok", "OK")], "ok")
    if on_top:
        dialog.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
    dialog.finished.connect(lambda _result: on_ok and on_ok())
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
