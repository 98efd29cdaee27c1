"""What the candidate sees at the extremes of the Display settings: the largest text,
Light Yellow on Black; and a clock that stays put while the counter grows."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from simulator.ui.common import theme

from .gui import ALT, exam_window, key


def _near(colour: QColor, hex_colour: str, tolerance: int = 60) -> bool:
    target = QColor(hex_colour)
    return (abs(colour.red() - target.red()) + abs(colour.green() - target.green())
            + abs(colour.blue() - target.blue())) <= tolerance


def test_largest_text_grows_radio_buttons_and_icons(qtbot, workspace, clock):
    w = exam_window(qtbot, workspace, clock, seed=3, items=4)
    radio = w.item.radios["A"]
    small_radio = radio.sizeHint().height()
    small_flag = w.item.flag_button.iconSize().height()
    small_clock = w.title_bar.time.iconSize().height()
    for _ in range(len(theme.SIZE_STEPS)):
        key(qtbot, w, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.text_pt == theme.SIZE_STEPS[-1])
    assert radio.sizeHint().height() >= small_radio * 1.6
    assert w.item.flag_button.iconSize().height() >= small_flag * 1.8
    assert w.title_bar.time.iconSize().height() >= small_clock * 1.8


def test_light_yellow_on_black_menu_mark_border_and_review_flag(qtbot, workspace, clock):
    w = exam_window(qtbot, workspace, clock, seed=3, items=4)
    w.set_scheme("Light Yellow on Black")
    fg = "#fffbd6"
    menu = w.title_bar.display.menu()
    menu.popup(w.mapToGlobal(QPoint(40, 40)))
    qtbot.waitUntil(menu.isVisible)
    image = menu.grab().toImage()
    checked = next(a for a in w.scheme_actions if a.isChecked())
    assert checked.text() == "Light Yellow on Black"
    row = menu.actionGeometry(checked)
    mark = [image.pixelColor(x, y) for x in range(3, 28) for y in range(row.top(), row.bottom())]
    assert sum(_near(c, fg) for c in mark) >= 20                      # the current scheme's mark shows
    unchecked = menu.actionGeometry(w.scheme_actions[0])
    other = [image.pixelColor(x, y) for x in range(3, 28) for y in range(unchecked.top(), unchecked.bottom())]
    assert sum(_near(c, fg) for c in other) < 5                        # and only on that one
    edge = [image.pixelColor(0, y) for y in range(4, image.height() - 4)]
    assert all(_near(c, fg) for c in edge)                             # a border round the menu
    menu.hide()

    key(qtbot, w, Qt.Key.Key_F, ALT, until=lambda: w.session.state.flagged)
    key(qtbot, w, Qt.Key.Key_R, ALT, until=lambda: w.stack.currentWidget() is w.review)
    flag = w.review.table.item(0, 2).icon().pixmap(20, 20).toImage()
    opaque = [flag.pixelColor(x, y) for x in range(flag.width()) for y in range(flag.height())
              if flag.pixelColor(x, y).alpha() > 200]
    assert opaque and all(_near(c, fg, 90) for c in opaque)            # the scheme's light colour on black


def test_the_clock_stays_put_as_the_counter_grows(qtbot, workspace, clock):
    w = exam_window(qtbot, workspace, clock, seed=3, items=4)
    bar = w.title_bar
    xs = []
    for number in (1, 10, 100, 150):
        bar.set_counter(number, 150)
        bar.layout().activate()
        xs.append(bar.time.geometry().x())
    assert len(set(xs)) == 1, xs
