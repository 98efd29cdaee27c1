"""A practice set from Home, by keyboard, to its summary; the CLI's practice window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui import ALT, dialogs, key, no_dialog, open_dialog


def shell_on_home(qtbot, workspace, clock):
    from simulator.app.desk import Desk
    from simulator.ui.launch import Shell, make_app
    make_app()
    shell = Shell(Desk(workspace), clock, None, quit=lambda: None)
    shell.start()
    qtbot.waitUntil(lambda: shell.home is not None and shell.home.isVisible())
    qtbot.addWidget(shell.home)
    return shell


def press_next(qtbot, window, until) -> None:
    """Alt+N as a candidate presses it; a long item first asks once about its unseen
    part (Enter answers OK), then Alt+N again goes on."""
    key(qtbot, window, Qt.Key.Key_N, ALT, until=lambda: until() or bool(dialogs()))
    while not until() and dialogs() and dialogs()[-1].windowTitle() == "Unseen content":
        key(qtbot, dialogs()[-1], Qt.Key.Key_Return, until=no_dialog)
        key(qtbot, window, Qt.Key.Key_N, ALT, until=lambda: until() or bool(dialogs()))


def picker(qtbot):
    from simulator.ui.home.study import PracticePicker
    qtbot.waitUntil(lambda: any(isinstance(w, PracticePicker) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, PracticePicker) and w.isVisible())


def test_a_practice_from_home_by_keyboard_ends_on_its_summary(qtbot, workspace, clock):
    shell = shell_on_home(qtbot, workspace, clock)
    home = shell.home
    key(qtbot, home, Qt.Key.Key_P, ALT, until=lambda: any(w.isVisible() for w in [picker(qtbot)]))
    dialog = picker(qtbot)
    # Five items, from all: the length by keyboard (Alt+L, then type), Enter starts.
    key(qtbot, dialog, Qt.Key.Key_L, ALT, until=lambda: dialog.items.hasFocus())
    dialog.items.selectAll()
    qtbot.keyClicks(dialog.items, "5")
    qtbot.keyClick(dialog.items, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=5000)
    window = shell.window
    assert window.objectName() == "practiceWindow"
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.item)
    s = window.session
    assert len(s) == 5 and s.kind == "practice"
    assert not window.title_bar.time.isVisible()  # no clock
    for k in range(5):
        f = s.form[k]
        wrong = next(x for x in "ABCD" if x != f.item.key)
        letter = f.item.key if k % 2 == 0 else wrong
        key(qtbot, window, getattr(Qt.Key, f"Key_{letter}"),
            until=lambda k=k: s.states[k].response is not None)
        feedback = window.item.feedback
        assert feedback.isVisible() and f.item.explanation[:30] in feedback.text()
        assert feedback.text().startswith("Correct.") == (k % 2 == 0)  # the verdict leads
        clock.advance(40)
        if k < 4:
            press_next(qtbot, window, until=lambda k=k: s.position == k + 1)
    press_next(qtbot, window, until=lambda: bool(dialogs()) and dialogs()[-1].windowTitle() == "End Practice")
    key(qtbot, open_dialog(qtbot), Qt.Key.Key_Return, until=no_dialog)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary, timeout=5000)
    summary = window.summary
    assert summary.objectName() == "practiceSummary"
    assert summary.score.text().startswith("3 right, 2 wrong")
    assert summary.schedule.text().startswith("2 items due again today, 3 scheduled 2 days out")
    report = workspace.report(window.report["id"])
    assert report["kind"] == "practice" and report["scaled_score"] is None
    # Close (Alt+C) leads back to Home, whose due panel counts the two missed items.
    key(qtbot, window, Qt.Key.Key_C, ALT, until=lambda: home.isVisible())
    assert home.screen_.due_count.text().startswith("2 items due for review today")
    assert "Where to study next" in home.screen_.due_count.text()
    # Five answers are not enough for a readiness number: the panel says so, with the count.
    assert home.screen_.readiness.text().startswith("Not enough answers yet: 5 of the 30")


def test_a_source_with_nothing_in_it_says_so_in_a_message(qtbot, workspace, clock):
    shell = shell_on_home(qtbot, workspace, clock)
    home = shell.home
    key(qtbot, home, Qt.Key.Key_P, ALT)
    dialog = picker(qtbot)
    qtbot.waitUntil(lambda: dialog.source.hasFocus())
    assert dialog.source.currentData() == "all"
    key(qtbot, dialog.source, Qt.Key.Key_Down, until=lambda: dialog.source.currentData() == "missed")
    assert dialog.source.currentText().endswith("(0)")
    key(qtbot, dialog.source, Qt.Key.Key_Return, until=lambda: bool(dialogs()))
    message = open_dialog(qtbot)
    assert message.windowTitle() == "Nothing to practise"
    key(qtbot, message, Qt.Key.Key_Return, until=no_dialog)
    assert shell.window is None and home.isVisible()
