"""The item model on screen: 2 to 6 options chosen by key, exhibits as tables."""

from __future__ import annotations

import dataclasses
import unicodedata

from PySide6.QtCore import Qt

from simulator.core.assembly import FormItem

from . import gui
from .gui import key

SIX = ("12 units", "15 units", "18 units", "21 units", "24 units", "27 units")


def six_then_three(run) -> None:
    form = run.session.form
    first, second = form[0], form[1]
    form[0] = FormItem(0, dataclasses.replace(first.item, options=SIX, key="E"), first.pretest)
    form[1] = FormItem(1, dataclasses.replace(second.item, options=SIX[:3], key="A"), second.pretest)


def test_six_options_are_shown_and_chosen_by_letter_or_number(qtbot, workspace, clock):
    w = gui.exam_window(qtbot, workspace, clock, size=(1024, 768), prepare=six_then_three, seed=4, items=5)
    s = w.run.session
    screen = w.item
    assert [screen.texts[x].text() for x in "ABCDEF"] == list(SIX)
    assert all(screen.radios[x].isVisible() for x in "ABCDEF")
    key(qtbot, w, Qt.Key.Key_F, until=lambda: s.states[0].response == "F")
    assert screen.radios["F"].isChecked()
    key(qtbot, w, Qt.Key.Key_5, until=lambda: s.states[0].response == "E")
    key(qtbot, w, Qt.Key.Key_F, Qt.KeyboardModifier.ShiftModifier, until=lambda: "F" in s.states[0].struck)
    key(qtbot, w, Qt.Key.Key_N, gui.ALT, until=lambda: s.position == 1)
    # three options: D, E, F and 4-6 are hidden and their keys do nothing
    assert [x for x in "ABCDEF" if screen.radios[x].isVisible()] == ["A", "B", "C"]
    assert not screen.texts["D"].isVisible()
    for k in (Qt.Key.Key_D, Qt.Key.Key_F, Qt.Key.Key_4, Qt.Key.Key_6):
        key(qtbot, w, k)
    key(qtbot, w, Qt.Key.Key_E, Qt.KeyboardModifier.ShiftModifier)
    assert s.states[1].response is None and not s.states[1].struck
    key(qtbot, w, Qt.Key.Key_3, until=lambda: s.states[1].response == "C")


# --- exhibits ------------------------------------------------------------------------------

def exhibit_items(workspace):
    return [i for i in workspace.items if i.exhibit is not None]


def exhibit_first(workspace):
    chosen = max(exhibit_items(workspace), key=lambda i: len(i.exhibit.columns) * len(i.exhibit.rows))

    def prepare(run) -> None:
        first = run.session.form[0]
        run.session.form[0] = FormItem(0, chosen, first.pretest)
    return chosen, prepare


def table_cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_an_exhibit_is_a_table_on_the_item_screen_that_fits_1024x768(qtbot, workspace, clock):
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QAbstractItemView, QTableWidget

    from simulator.core.items import numeric_cell
    item, prepare = exhibit_first(workspace)
    w = gui.exam_window(qtbot, workspace, clock, size=(1024, 768), prepare=prepare, seed=4, items=5)
    table = w.findChild(QTableWidget, "itemExhibit")
    assert table is not None and table.isVisible() and table.accessibleName() == "itemExhibit"
    assert item.exhibit.caption in table.accessibleDescription()
    assert table_cells(table) == [list(row) for row in item.exhibit.rows]
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == list(item.exhibit.columns)
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    # figures right-aligned, words left
    for r, row in enumerate(item.exhibit.rows):
        for c, text in enumerate(row):
            right = bool(table.item(r, c).textAlignment() & Qt.AlignmentFlag.AlignRight)
            assert right == numeric_cell(text), (text, right)
    # a screen reader reads each cell with its row and column
    iface = QAccessible.queryAccessibleInterface(table)
    cells = [iface.child(i) for i in range(iface.childCount())]
    cells = [c for c in cells if c.role() == QAccessible.Role.Cell]
    assert len(cells) == len(item.exhibit.rows) * len(item.exhibit.columns)
    second = cells[1]
    assert second.text(QAccessible.Text.Name) == (item.exhibit.rows[0][1] or "empty")
    described = f"{item.exhibit.rows[0][0]}, {item.exhibit.columns[1]}"
    assert second.text(QAccessible.Text.Description) == described
    # every row shown without scrolling the table, and the table no wider than the page
    last = table.rowCount() - 1
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()
    assert table.width() <= w.item.scroll_area.viewport().width()
    w.grab().save("/tmp/exhibit-1024x768.png")
    # a larger text size: the table grows with it and still shows every row
    before = (table.columnWidth(1), table.height())
    for _ in range(4):
        key(qtbot, w, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: table.columnWidth(1) > before[0] and table.height() > before[1])
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()
    assert table.width() <= w.item.scroll_area.viewport().width()


def test_the_answer_review_and_the_pdf_show_the_exhibit(qtbot, workspace, clock, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtWidgets import QTableWidget

    from simulator.report.pdf import write_pdf
    from simulator.ui.report.answers import AnswerReviewScreen
    from simulator.workspace import ExamOptions
    item, prepare = exhibit_first(workspace)
    run = workspace.new_exam(ExamOptions(seed=4, items=5), clock)
    prepare(run)
    attempt = workspace.begin(run)
    run.session.end()
    workspace.finish(run)
    answers = workspace.answers(attempt)
    assert answers[0]["exhibit"] == item.exhibit.to_json()
    screen = AnswerReviewScreen()
    qtbot.addWidget(screen)
    screen.resize(1024, 768)
    screen.show()
    screen.load(answers)
    table = screen.findChild(QTableWidget, "answerExhibit")
    assert table.isVisible() and table_cells(table) == [list(row) for row in item.exhibit.rows]
    screen.step(1)
    assert table.isVisible() == (answers[1]["exhibit"] is not None)
    target = write_pdf(workspace.report(attempt), tmp_path / "r.pdf", answers)
    # white space and ligatures (fi) as the PDF lays them out do not count
    text = "".join("".join(unicodedata.normalize("NFKC", page.extract_text()).split())
                   for page in PdfReader(target).pages)
    assert "".join(f"Exhibit: {item.exhibit.caption}".split()) in text
    row = item.exhibit.rows[0]
    assert "".join("".join(row).split()) in text  # the first row, cell by cell in order


def test_option_keys_still_choose_while_the_exhibit_has_the_focus(qtbot, workspace, clock):
    from PySide6.QtWidgets import QTableWidget
    item, prepare = exhibit_first(workspace)
    w = gui.exam_window(qtbot, workspace, clock, size=(1024, 768), prepare=prepare, seed=4, items=5)
    table = w.findChild(QTableWidget, "itemExhibit")
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    other = next(x for x in item.letters if x != "A")
    key(qtbot, table, getattr(Qt.Key, f"Key_{other}"),
        until=lambda: w.run.session.states[0].response == other)
    key(qtbot, table, Qt.Key.Key_1, until=lambda: w.run.session.states[0].response == "A")
