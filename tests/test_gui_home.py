"""Home by keyboard alone: a custom exam to its results and back, Settings that the
next Welcome shows, a damaged settings file, and Home's progress panels."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from simulator.app.desk import Desk
from simulator.core.session import Phase
from simulator.storage.settings import SETTINGS_FILE
from simulator.ui.launch import Shell, make_app
from simulator.workspace import ExamOptions, Workspace

from .gui import ALT, close_exam_and_home_windows, dialogs, key, open_dialog

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def start(qtbot, clock):
    """start(folder): a Shell on `folder` with no exam option (Home)."""
    make_app()
    opened = []

    def starter(workspace, options=None):
        shell = Shell(Desk(workspace), clock, options, quit=lambda: None)
        shell.start()
        opened.append(shell)
        return shell

    yield starter
    close_exam_and_home_windows()


def next_item(qtbot, window, until) -> None:
    """Alt+N; an item not scrolled to its end asks once ("Unseen content"): OK, Alt+N again."""
    key(qtbot, window, Qt.Key.Key_N, ALT, until=lambda: until() or bool(dialogs()))
    if not until():
        key(qtbot, open_dialog(qtbot), Qt.Key.Key_Return, until=lambda: not dialogs())
        key(qtbot, window, Qt.Key.Key_N, ALT, until=until)


def test_a_custom_study_exam_from_home_to_its_results_and_back(qtbot, start, workspace):
    shell = start(workspace)
    home = shell.home
    assert home.isVisible()
    qtbot.waitUntil(lambda: home.panels_shown)  # made and filled once Home is painted
    assert home.home.coverage.text().startswith("Seen 0 of")
    assert home.home.last_score.text() == "-"

    key(qtbot, home, Qt.Key.Key_C, ALT, until=lambda: home.dialog is not None and home.dialog.isVisible())
    dialog = home.dialog
    qtbot.waitUntil(dialog.items.hasFocus)  # the length first
    key(qtbot, dialog.items, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(dialog.items, "10")
    assert dialog.items.value() == 10 and dialog.minutes.value() == 14      # 1.4 minutes an item
    key(qtbot, dialog, Qt.Key.Key_F, ALT, until=lambda: dialog.mode.hasFocus())
    key(qtbot, dialog.mode, Qt.Key.Key_Down, until=lambda: dialog.mode.currentData() == "study")
    key(qtbot, dialog, Qt.Key.Key_D, ALT, until=lambda: dialog.domains.hasFocus())
    tree = dialog.domains
    key(qtbot, tree, Qt.Key.Key_Down)
    key(qtbot, tree, Qt.Key.Key_Down)
    for row in range(2, tree.topLevelItemCount()):  # keep the first two domains only
        assert tree.currentItem() is tree.topLevelItem(row)
        key(qtbot, tree, Qt.Key.Key_Space,
            until=lambda row=row: tree.topLevelItem(row).checkState(0) == Qt.CheckState.Unchecked)
        key(qtbot, tree, Qt.Key.Key_Down)
    chosen = [tree.topLevelItem(n).text(0) for n in range(2)]
    key(qtbot, dialog, Qt.Key.Key_S, ALT, until=lambda: shell.window is not None)   # Start

    window = shell.window
    window.resize(1280, 1000)
    s = window.session
    assert not home.isVisible() and len(s) == 10 and s.mode == "study"
    assert {f.item.domain for f in s.form} == set(chosen)
    assert abs(s.countdown.allowed_s - 14 * 60) < 1e-6
    def on(screen):
        return lambda: window.stack.currentWidget() is screen
    key(qtbot, window, Qt.Key.Key_N, ALT, until=on(window.nda))
    key(qtbot, window, Qt.Key.Key_A, ALT, until=on(window.tutorial))
    key(qtbot, window, Qt.Key.Key_S, ALT)
    key(qtbot, open_dialog(qtbot), Qt.Key.Key_Y, ALT, until=on(window.item))
    for n in range(10):
        key(qtbot, window, Qt.Key.Key_A, until=lambda: s.state.response == "A")
        last = n == 9
        reached = (lambda: s.phase is Phase.REVIEW) if last else (lambda n=n: s.position == n + 1)
        next_item(qtbot, window, reached)
    key(qtbot, window, Qt.Key.Key_E, ALT)
    with qtbot.waitSignal(window.finished, timeout=5000):
        key(qtbot, open_dialog(qtbot), Qt.Key.Key_Y, ALT)
    report = window.report
    assert report["mode"] == "study" and [d["name"] for d in report["domains"]] == chosen

    key(qtbot, window, Qt.Key.Key_C, ALT, until=lambda: shell.window is None and home.isVisible())  # Close
    panel = home.home
    assert panel.last_score.text() == f"{report['scaled_score']}  {'PASS' if report['passed'] else 'FAIL'}"
    assert f"Attempt {report['id']}: 10 items, study mode" in panel.last_detail.text()
    assert panel.coverage.text().startswith("Seen 10 of")
    right = {name: sum(1 for it in report["items"] if it["domain"] == name and it["correct"])
             for name in chosen}
    answered = {name: sum(1 for it in report["items"] if it["domain"] == name) for name in chosen}
    for name in chosen:
        expected = round(100 * right[name] / answered[name])
        assert panel.mastery_bars[name].format() == f"{expected}% of {answered[name]} answered"
    assert panel.mastery_bars[workspace.blueprint.names[-1]].format() == "not answered yet"


def test_settings_change_the_name_and_extra_time_on_the_next_welcome(qtbot, start, workspace, data_dir):
    shell = start(workspace)
    home = shell.home
    key(qtbot, home, Qt.Key.Key_S, ALT, until=lambda: home.dialog is not None and home.dialog.isVisible())
    dialog = home.dialog
    assert str(data_dir) in dialog.folder.text()
    qtbot.waitUntil(lambda: dialog.candidate.hasFocus())
    qtbot.keyClicks(dialog.candidate, "Dana Demand")
    key(qtbot, dialog, Qt.Key.Key_X, ALT, until=lambda: dialog.extra_time.hasFocus())
    key(qtbot, dialog.extra_time, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(dialog.extra_time, "25")
    key(qtbot, dialog, Qt.Key.Key_Return, until=lambda: home.dialog is None)      # Save, the default
    stored = json.loads((data_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert stored["candidate"] == "Dana Demand" and stored["extra_time_pct"] == 25.0
    assert "Dana Demand" in home.home.greeting.text()

    key(qtbot, home, Qt.Key.Key_F, ALT, until=lambda: shell.window is not None)   # Full CPIM mock exam
    window = shell.window
    body = window.welcome.findChild(QLabel, "welcomeText").text()
    assert "Welcome, Dana Demand." in body and "25% extra time" in body
    assert window.title_bar.candidate.text() == "Dana Demand"
    assert abs(window.session.countdown.allowed_s - 210 * 60 * 1.25) < 1e-6


def test_the_command_line_takes_the_settings_unless_it_says_otherwise(workspace, data_dir):
    from simulator.cli import build_parser
    from simulator.ui.launch import exam_requested, options_from
    desk = Desk(workspace)
    desk.update_settings(candidate="Sam Supply", extra_time_pct=50.0)
    plain = build_parser().parse_args(["--items", "10"])
    assert exam_requested(plain) and not exam_requested(build_parser().parse_args([]))
    assert exam_requested(build_parser().parse_args(["exam"]))
    options = options_from(plain, desk)
    assert (options.candidate, options.extra_time_pct) == ("Sam Supply", 50.0)
    given = options_from(build_parser().parse_args(["exam", "--candidate", "Pat", "--extra-time", "0"]), desk)
    assert (given.candidate, given.extra_time_pct) == ("Pat", 0.0)


def test_a_damaged_settings_file_is_kept_aside_and_said_once(qtbot, start, data_dir, capsys):
    (data_dir / SETTINGS_FILE).write_text('{"candidate": "Lee", "text_pt": 11, "sch', encoding="utf-8")
    workspace = Workspace(data_dir)
    try:
        shell = start(workspace)
        told = open_dialog(qtbot)
        assert told.windowTitle() == "Settings reset" and SETTINGS_FILE in told.body.text()
        key(qtbot, told, Qt.Key.Key_Return, until=lambda: not dialogs())
        aside = sorted(data_dir.glob(f"{SETTINGS_FILE}.damaged-*"))
        assert len(aside) == 1 and aside[0].read_text(encoding="utf-8").endswith('"sch')
        assert aside[0].name in capsys.readouterr().err
        assert json.loads((data_dir / SETTINGS_FILE).read_text(encoding="utf-8"))["candidate"] == ""
        assert shell.home.isVisible()
        shell.home.close()
        again = Desk(workspace)  # the next start: a sound file, nothing to say
        assert again.settings_problem() is None and len(list(data_dir.glob("*.damaged-*"))) == 1
    finally:
        workspace.close()


def test_a_bad_value_keeps_the_good_ones(data_dir):
    (data_dir / SETTINGS_FILE).write_text(json.dumps({"candidate": "Lee", "extra_time_pct": 900,
                                                      "text_pt": 14}), encoding="utf-8")
    from simulator.storage.settings import SettingsFile
    settings = SettingsFile(data_dir)
    assert settings.values.candidate == "Lee" and settings.values.text_pt == 14
    assert settings.values.extra_time_pct == 0.0 and "extra_time_pct" in (settings.problem or "")
    with pytest.raises(ValueError):
        settings.update(paper="B5")


def test_home_actions_have_names_keys_and_a_tab_order(qtbot, start, workspace):
    shell = start(workspace)
    qtbot.waitUntil(lambda: shell.home.panels_shown)
    screen = shell.home.home
    for name in ("homeScreen", "startExamButton", "startOnvueButton", "customExamButton", "practiceButton",
                 "historyButton", "settingsButton", "readiness", "dueCount", "bankCoverage"):
        widget = shell.home if name == "homeWindow" else shell.home.findChild(QWidget, name)
        assert widget is not None and widget.accessibleName(), name
    buttons = [screen.start_button, screen.onvue_button, screen.custom_button, screen.practice_button,
               screen.history_button, screen.settings_button, screen.quit_button]
    assert all("&" in b.text() for b in buttons)
    assert len({b.text().split("&")[1][0].lower() for b in buttons}) == len(buttons)  # one key each
    for a, b in pairwise(buttons):
        assert a.nextInFocusChain() is b or a.nextInFocusChain().nextInFocusChain() is b
    key(qtbot, shell.home, Qt.Key.Key_H, ALT,
        until=lambda: shell.home.stack.currentWidget() is shell.home.history)
    key(qtbot, shell.home, Qt.Key.Key_B, ALT, until=lambda: shell.home.stack.currentWidget() is screen)


def test_progress_reads_aggregates(workspace, clock):
    desk = Desk(workspace)
    for seed in (1, 2):
        run = desk.new_run(ExamOptions(seed=seed, items=10), clock)
        run.begin()
        for _ in range(10):
            run.session.answer(run.session.current.item.key if seed == 1 else None)
            run.session.next()
        run.session.end()
    progress = desk.progress()
    assert [r["items"] for r in progress.recent] == [10, 10] and progress.seen >= 10
    answered = sum(a for _n, a, _c in progress.domains)
    correct = sum(c for _n, _a, c in progress.domains)
    assert answered == 10 and correct == 10  # the second attempt answered nothing


def test_the_paper_size_of_settings_reaches_the_pdf(workspace, clock, tmp_path, qapp):
    from pypdf import PdfReader

    from simulator.report.pdf import write_pdf
    desk = Desk(workspace)
    run = desk.new_run(ExamOptions(seed=5, items=10), clock)
    run.begin()
    run.session.end()
    widths = {}
    for paper in ("A4", "Letter"):
        desk.update_settings(paper=paper)
        target = write_pdf(run.report, tmp_path / f"{paper}.pdf", paper=desk.settings.paper)
        widths[paper] = round(float(PdfReader(target).pages[0].mediabox.width))
    assert widths == {"A4": 595, "Letter": 612}


def test_history_from_home_reopens_a_past_report(qtbot, start, workspace, clock):
    desk = Desk(workspace)
    run = desk.new_run(ExamOptions(seed=6, items=10), clock)
    run.begin()
    run.session.answer("B")
    run.session.end()
    shell = start(workspace)
    home = shell.home
    key(qtbot, home, Qt.Key.Key_H, ALT, until=lambda: home.stack.currentWidget() is home.history)
    key(qtbot, home.history.table, Qt.Key.Key_Return,
        until=lambda: home.stack.currentWidget() is home.results)
    assert home.results.score.text() == str(run.report["scaled_score"])
    key(qtbot, home, Qt.Key.Key_C, ALT, until=lambda: home.stack.currentWidget() is home.history)
    key(qtbot, home, Qt.Key.Key_B, ALT, until=lambda: home.stack.currentWidget() is home.home)
