"""The custom exam: its length, its time (the real pace of 1.4 minutes an item
unless changed), the domains and subtopics to draw from, exam or study feedback,
and an optional seed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...app.desk import PACE_MINUTES
from ...core.blueprint import Blueprint
from ..common.widgets import dialog_buttons, named, tab_order
from .home import HOME_STYLE

MIN_ITEMS, MAX_ITEMS, DEFAULT_ITEMS = 10, 150, 30


def labelled(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class CustomExamDialog(QDialog):
    start_requested = Signal(dict)  # ExamOptions fields: items, minutes, mode, domains, subtopics, seed

    def __init__(self, parent: QWidget, blueprint: Blueprint, counts: dict[tuple[str, str], int]) -> None:
        super().__init__(parent)
        self.setObjectName("customExamDialog")
        self.setAccessibleName("Custom exam")
        self.setWindowTitle("Custom exam")
        self.setStyleSheet(HOME_STYLE)
        self.setMinimumWidth(560)
        self.counts = counts
        layout = QVBoxLayout(self)
        self.heading = QLabel("Custom exam")
        named(self.heading, "homeCardTitle", "Custom exam")
        layout.addWidget(self.heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.items = named(QSpinBox(), "customItems", "Number of items")
        self.items.setRange(MIN_ITEMS, MAX_ITEMS)
        self.items.setValue(DEFAULT_ITEMS)
        self.items.setSuffix(" items")
        form.addRow(labelled("&Length:", self.items), self.items)

        self.minutes = named(QDoubleSpinBox(), "customMinutes", "Time allowed in minutes")
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setDecimals(0)
        self.minutes.setSuffix(" minutes")
        self._following = True  # the time follows the length until the candidate changes it
        self._set_minutes()
        self.items.valueChanged.connect(self._set_minutes)
        self.minutes.valueChanged.connect(self._minutes_edited)
        self.pace = named(QLabel(), "customPace", "Pace")
        self.pace.setObjectName("homeNote")
        row = QHBoxLayout()
        row.addWidget(self.minutes, 1)
        row.addWidget(self.pace, 2)
        form.addRow(labelled("&Minutes:", self.minutes), row)

        self.mode = named(QComboBox(), "customMode", "Feedback")
        self.mode.addItem("Exam: the score and the review at the end", "exam")
        self.mode.addItem("Study: the key and the explanation after each answer", "study")
        form.addRow(labelled("&Feedback:", self.mode), self.mode)

        self.seed = named(QLineEdit(), "customSeed", "Seed (optional)")
        self.seed.setPlaceholderText("any whole number, to draw the same form again")
        self.seed.setMaxLength(10)
        form.addRow(labelled("S&eed:", self.seed), self.seed)
        layout.addLayout(form)

        self.domains = named(QTreeWidget(), "customDomains", "Domains and subtopics")
        layout.addWidget(labelled("&Domains and subtopics to draw from (Space ticks or unticks):",
                                  self.domains))
        self.domains.setHeaderLabels(["Domain / subtopic", "Items"])
        self.domains.setColumnWidth(0, 400)
        self.domains.setMinimumHeight(220)
        self.tops: list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = []
        for d in blueprint.domains:
            parent_item = QTreeWidgetItem([d.name, str(sum(counts.get((d.name, t), 0) for t in d.subtopics))])
            parent_item.setFlags(parent_item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                                 | Qt.ItemFlag.ItemIsAutoTristate)
            parent_item.setCheckState(0, Qt.CheckState.Checked)
            parent_item.setData(0, Qt.ItemDataRole.UserRole, ("domain", d.name))
            children: list[QTreeWidgetItem] = []
            for t in d.subtopics:
                child = QTreeWidgetItem([t, str(counts.get((d.name, t), 0))])
                children.append(child)
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Checked)
                child.setData(0, Qt.ItemDataRole.UserRole, ("subtopic", t))
                parent_item.addChild(child)
            self.domains.addTopLevelItem(parent_item)
            self.tops.append((parent_item, children))
        if self.tops:
            self.domains.setCurrentItem(self.tops[0][0])
        self.domains.itemChanged.connect(self._update_available)
        layout.addWidget(self.domains, 1)
        self.available = named(QLabel(), "customAvailable", "Items available")
        self.available.setWordWrap(True)
        layout.addWidget(self.available)

        buttons, self.start_button, self.cancel_button = dialog_buttons(
            "&Start", "customStart", "Start the custom exam", "customCancel")
        self.start_button.clicked.connect(self._start)
        self.cancel_button.clicked.connect(self.reject)
        layout.addLayout(buttons)
        tab_order([self.items, self.minutes, self.mode, self.seed, self.domains, self.start_button,
                   self.cancel_button])
        self.items.setFocus()
        self._update_available()

    # --- the time follows the length ----------------------------------------------------
    def _set_minutes(self) -> None:
        if self._following:
            self._following_change = True
            self.minutes.setValue(round(self.items.value() * PACE_MINUTES))
            self._following_change = False
        self._update_pace()

    def _minutes_edited(self) -> None:
        if not getattr(self, "_following_change", False):
            self._following = False
        self._update_pace()

    def _update_pace(self) -> None:
        if hasattr(self, "pace"):
            per = self.minutes.value() / max(1, self.items.value())
            self.pace.setText(f"{per:.1f} minutes an item (the real exam: {PACE_MINUTES})")

    # --- the choice ------------------------------------------------------------------------
    def chosen_scope(self) -> tuple[list[str], list[str], bool]:
        """The ticked domains, the ticked subtopics, and whether every subtopic of every
        ticked domain is ticked."""
        domains: list[str] = []
        subtopics: list[str] = []
        whole = True
        for top, children in self.tops:
            ticked = [c for c in children if c.checkState(0) == Qt.CheckState.Checked]
            if not ticked:
                continue
            domains.append(top.text(0))
            subtopics += [c.text(0) for c in ticked]
            whole = whole and len(ticked) == len(children)
        return domains, subtopics, whole

    def _available_count(self) -> int:
        return sum(self.counts.get((top.text(0), child.text(0)), 0)
                   for top, children in self.tops for child in children
                   if child.checkState(0) == Qt.CheckState.Checked)

    def _update_available(self, *_args: Any) -> None:
        domains, _subtopics, _whole = self.chosen_scope()
        count = self._available_count()
        of = self.domains.topLevelItemCount()
        self.available.setText(f"{count} items in {len(domains)} of {of} domains. "
                               "The form keeps the blueprint's proportions among the chosen domains."
                               if domains else "Tick at least one domain or subtopic.")
        self.start_button.setEnabled(bool(domains))

    def values(self) -> dict[str, Any]:
        domains, subtopics, whole = self.chosen_scope()
        seed_text = self.seed.text().strip()
        return {"items": self.items.value(), "minutes": float(self.minutes.value()),
                "mode": self.mode.currentData(),
                "domains": tuple(domains), "subtopics": () if whole else tuple(subtopics),
                "seed": int(seed_text) if seed_text else None}

    def _start(self) -> None:
        seed_text = self.seed.text().strip()
        if seed_text and (not seed_text.isdigit() or int(seed_text) >= 2**31):
            self.available.setText(f"The seed must be a whole number from 0 to {2**31 - 1}.")
            self.seed.setFocus()
            return
        chosen = self.values()
        self.accept()
        self.start_requested.emit(chosen)
