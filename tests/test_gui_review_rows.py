"""The review screen's rows are made once and written again only where something changed
(ui/exam/review.py): what it shows must still follow every change, in the order the
candidate sorted it, in the colour scheme of the moment."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from simulator.core.session import Status

from .gui import ALT, exam_window, key


def _rows(table) -> list[tuple[int, str, str]]:
    return [(table.item(r, 0).data(Qt.ItemDataRole.DisplayRole), table.item(r, 1).text(),
             table.item(r, 2).text()) for r in range(table.rowCount())]


def _flag_colour(table, row: int) -> QColor:
    image = table.item(row, 2).icon().pixmap(20, 20).toImage()
    return next(image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
                if image.pixelColor(x, y).alpha() > 200)


def test_the_review_screen_follows_changes_sorting_and_scheme(qtbot, workspace, clock):
    w = exam_window(qtbot, workspace, clock, seed=5, items=8)
    s = w.session
    s.answer("A")
    s.toggle_flag()
    on_review = lambda: w.stack.currentWidget() is w.review  # noqa: E731
    key(qtbot, w, Qt.Key.Key_R, ALT, until=on_review)
    table = w.review.table
    assert _rows(table)[:2] == [(1, "Complete", "Flagged"), (2, "Unseen", "")]
    assert "1 Complete" in w.review.summary.text() and "1 Flagged" in w.review.summary.text()

    # Sorted by status, the order stays while items change behind the screen.
    table.sortItems(1, Qt.SortOrder.DescendingOrder)
    assert [row[1] for row in _rows(table)] == ["Unseen"] * 7 + ["Complete"]
    s.goto(3)
    s.answer("B")
    s.toggle_flag()
    s.goto(4)
    key(qtbot, w, Qt.Key.Key_R, ALT, until=on_review)
    rows = _rows(table)
    assert [row[1] for row in rows] == ["Unseen"] * 5 + ["Incomplete"] + ["Complete"] * 2
    assert {row[0]: row[1:] for row in rows}[4] == ("Complete", "Flagged")
    assert {row[0]: row[1] for row in rows}[5] == Status.INCOMPLETE.value

    # A change while the review screen is shown is written at once.
    table.sortItems(0, Qt.SortOrder.AscendingOrder)
    w.review.open_item.emit(1)
    qtbot.waitUntil(lambda: s.position == 1)
    s.answer("C")
    key(qtbot, w, Qt.Key.Key_R, ALT, until=on_review)
    assert _rows(table)[1] == (2, "Complete", "")

    # The flags take the colour of the scheme chosen since they were drawn.
    dark = _flag_colour(table, 0)
    w.set_scheme("Light Yellow on Black")
    w.review.open_item.emit(0)
    qtbot.waitUntil(lambda: s.position == 0)
    key(qtbot, w, Qt.Key.Key_R, ALT, until=on_review)
    light = _flag_colour(table, 0)
    assert light.lightness() > dark.lightness() + 100
    assert _flag_colour(table, 3).name() == light.name()
    w.set_scheme("Black on White")


def test_the_review_screen_is_made_ready_and_kept_current_before_it_opens(qtbot, workspace, clock):
    w = exam_window(qtbot, workspace, clock, seed=5, items=8)
    qtbot.waitUntil(lambda: "review" in w._screens)       # made in the first idle moment
    s = w.session
    s.answer("B")
    s.toggle_flag()
    s.goto(2)
    table = w.review.table
    assert not w.review.isVisible()
    assert _rows(table)[:3] == [(1, "Complete", "Flagged"), (2, "Unseen", ""), (3, "Incomplete", "")]
