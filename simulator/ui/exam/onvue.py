"""The OnVUE screens before the exam: the system check and the check-in rules."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

from ...core.syscheck import Check, machine_name, run_checks, verdict
from ...paths import resource
from ..common.widgets import footer, named, push, scrolled, stacked


def screens() -> list[tuple[int, int]]:
    out = []
    for screen in QGuiApplication.screens():
        size, ratio = screen.size(), screen.devicePixelRatio()
        out.append((round(size.width() * ratio), round(size.height() * ratio)))
    return out


class SystemCheckScreen(QWidget):
    next = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = stacked(self)
        body, column = scrolled((48, 28, 48, 28))
        column.addWidget(named(QLabel("System Check"), "heading", "System Check"))
        self.rows = named(QLabel(), "systemChecks", "System checks")
        self.rows.setTextFormat(Qt.TextFormat.RichText)  # our own text only
        self.rows.setWordWrap(True)
        column.addWidget(self.rows)
        self.verdict = named(QLabel(), "systemVerdict", "Verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setObjectName("subheading")
        column.addWidget(self.verdict)
        column.addStretch(1)
        layout.addWidget(body, 1)
        self.next_button = push("&Next", "nextButton", "Next")
        self.next_button.clicked.connect(self.next)
        layout.addWidget(footer([], [self.next_button]))
        self.checks: list[Check] = []

    def run(self, found: list[tuple[int, int]] | None = None, machine: str | None = None) -> None:
        self.checks = run_checks(screens() if found is None else found,
                                 machine_name() if machine is None else machine)
        lines = []
        for c in self.checks:
            mark = ('<span style="color:#1d7a34">&#10004; Passed</span>' if c.passed
                    else '<span style="color:#b3261e">&#10008; Failed</span>')
            lines.append(f"<p><b>{html.escape(c.name)}</b>: {mark} &mdash; {html.escape(c.detail)}</p>")
        self.rows.setText("".join(lines))
        self.verdict.setText(verdict(self.checks))


class RulesScreen(QWidget):
    next = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = stacked(self)
        body, column = scrolled((48, 28, 48, 28))
        text = resource("texts").joinpath("onvue_rules.txt").read_text(encoding="utf-8")
        title, _, rules = text.partition("\n")
        column.addWidget(named(QLabel(title.strip()), "heading", title.strip()))
        shown = named(QLabel(rules.strip()), "rulesText", "Check-in rules")
        shown.setWordWrap(True)
        shown.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(shown)
        column.addStretch(1)
        layout.addWidget(body, 1)
        self.next_button = push("&Next", "nextButton", "Next")
        self.next_button.clicked.connect(self.next)
        layout.addWidget(footer([], [self.next_button]))
