"""Labels that remember their sizes (ui/common/widgets.py) answer as QLabel itself would:
the stem's selectable text is measured as plain text, which must break into the same
lines at the same heights as the QTextDocument that draws it, at every text size."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from simulator.ui.common import theme
from simulator.ui.common.labels import MeasuredLabel, SelectableLabel

WIDTHS = (240, 520, 800, 1184)


@pytest.fixture
def text_size(qapp):
    def apply(pt: int) -> None:
        theme.apply(qapp, theme.SCHEMES[0], pt)
    yield apply
    theme.apply(qapp, theme.SCHEMES[0], theme.BASE_PT)


def _label(selectable: bool = False) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.ensurePolished()
    return label


@pytest.mark.parametrize("pt", [9, 10, 16, 22])
def test_the_stem_is_measured_as_qlabel_measures_it(qtbot, built_bank, text_size, pt):
    with sqlite3.connect(built_bank) as db:
        stems = [row[0] for row in db.execute("SELECT stem FROM items ORDER BY id")][::5]
    text_size(pt)
    stem = SelectableLabel()
    stem.setTextFormat(Qt.TextFormat.PlainText)
    qtbot.addWidget(stem)
    plain, selectable = _label(), _label(selectable=True)
    stem.ensurePolished()
    for text in stems:
        for label in (stem, plain, selectable):
            label.setText(text)
        assert stem.sizeHint() == plain.sizeHint(), text
        assert stem.minimumSizeHint() == plain.minimumSizeHint(), text
        for width in WIDTHS:
            assert stem.heightForWidth(width) == selectable.heightForWidth(width), (text, width)
    assert stem.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_rich_text_and_tabs_are_measured_by_qlabel(qtbot):
    stem, selectable = SelectableLabel(), _label(selectable=True)
    qtbot.addWidget(stem)
    stem.ensurePolished()
    marked = 'A <span style="background-color:#fff176">marked</span> stem '
    for text in ("Lead\ttime\tand\tlot size " * 6, marked * 8):
        rich = "<span" in text
        for label in (stem, selectable):
            label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
            label.setText(text)
        for width in WIDTHS:
            assert stem.heightForWidth(width) == selectable.heightForWidth(width)


def test_remembered_sizes_follow_the_text_and_the_text_size(qtbot, text_size):
    label = MeasuredLabel()
    qtbot.addWidget(label)
    label.setText("Short.")
    one_line = label.heightForWidth(300)
    label.setText("A much longer text that wraps onto a second line at three hundred pixels, and a third.")
    assert label.heightForWidth(300) > one_line
    label.setText("Short.")
    assert label.heightForWidth(300) == one_line  # remembered, and the same
    text_size(22)
    QApplication.processEvents()
    assert label.heightForWidth(300) > one_line  # a restyle forgets what it measured
    assert label.heightForWidth(300) == QLabel.heightForWidth(label, 300)


def test_the_stem_draws_as_qlabel_draws_and_a_selection_shows(qtbot):
    text = ("A planner compares the cumulative lead time of a product with the time customers will "
            "wait for it.\nWhich strategy meets the wait at the lowest inventory investment?")
    stem, reference = SelectableLabel(), _label(selectable=True)
    for label in (stem, reference):
        label.setObjectName("itemStem")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText(text)
        qtbot.addWidget(label)
        label.show()
        label.resize(520, label.heightForWidth(520))
        qtbot.waitExposed(label)
    plain = stem.grab().toImage()
    assert plain == reference.grab().toImage()
    stem.setSelection(12, 20)
    reference.setSelection(12, 20)
    selected = stem.grab().toImage()
    assert selected != plain and selected == reference.grab().toImage()
    stem.setSelection(0, 0)
    assert stem.grab().toImage() == plain
