"""Names for automation and assistive technology, and a layout that fits 1024x768."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from .gui import exam_window

CONTRACT_NAMES = ["nextButton", "previousButton", "flagButton", "reviewButton", "endButton",
                  "calculatorButton",
                  "timeRemaining", "itemCounter", "itemStem", "optionA", "optionB", "optionC", "optionD",
                  "reviewTable", "reviewAllButton", "reviewIncompleteButton", "reviewFlaggedButton",
                  "endReviewButton", "acceptButton", "scaledScore", "passFail", "domainTable",
                  "exportPdfButton"]


@pytest.fixture
def window(qtbot, workspace, clock):
    return exam_window(qtbot, workspace, clock, begin=False, size=(1024, 768), seed=3, items=150,
                       candidate="Jordan Q. Longname-Candidate")


def test_every_contract_widget_has_its_object_and_accessible_name(window, workspace):
    window.welcome.next_button.click()                  # the agreement's Accept is on its screen
    workspace.begin(window.run)
    window.session.open_review()                        # the review screen's names
    window.session.end()                                # the results screen's
    for name in CONTRACT_NAMES:
        found = window.findChildren(QWidget, name)
        assert found, name
        assert all(w.accessibleName() for w in found), name


def test_every_interactive_widget_has_an_accessible_name(window, workspace):
    workspace.begin(window.run)
    window.session.open_review()
    window.session.end()
    window.show_answers()
    window.show_history()
    for button in window.findChildren(QAbstractButton):
        if button.objectName().startswith("qt_"):  # Qt's own parts, e.g. a table's corner
            continue
        assert button.accessibleName() or button.text().replace("&", ""), button.objectName()


def visible_buttons(window) -> list[QAbstractButton]:
    return [b for b in window.findChildren(QAbstractButton)
            if b.isVisible() and not b.objectName().startswith("qt_")]


def assert_fits(window, screen_name: str) -> None:
    QApplication.processEvents()
    area = QRect(0, 0, window.width(), window.height())
    buttons = visible_buttons(window)
    assert buttons, screen_name
    boxes = []
    for b in buttons:
        box = QRect(b.mapTo(window, b.rect().topLeft()), b.size())
        assert area.contains(box), f"{screen_name}: {b.objectName() or b.text()} is cut off at {box}"
        assert b.width() >= b.minimumSizeHint().width() - 1, f"{screen_name}: {b.text()} is squeezed"
        boxes.append((b, box))
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            if a.parent() is b.parent() or a.isAncestorOf(b) is False:
                assert not box_a.intersects(box_b) or a.isAncestorOf(b) or b.isAncestorOf(a), \
                    f"{screen_name}: {a.text()} overlaps {b.text()}"


@pytest.mark.parametrize("pt", [11, 14])
def test_each_screen_fits_1024x768(qtbot, window, workspace, clock, pt):
    while window.text_pt < pt:
        window.change_text_size(1)
    assert_fits(window, "welcome")
    window.welcome.next_button.click()
    assert_fits(window, "nda")
    window.nda.accept_button.click()
    assert_fits(window, "tutorial")
    workspace.begin(window.run)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.item)
    assert_fits(window, "item")
    window.session.open_review()
    assert_fits(window, "review")
    window.session.end()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    assert_fits(window, "results")
    window.show_answers()
    assert_fits(window, "answers")
    window.show_history()
    assert_fits(window, "history")
    window.change_text_size(0)
