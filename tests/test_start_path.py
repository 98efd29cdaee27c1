"""What keeps the start as fast as a bare window (README, Performance): what the first
screens import, the unfinished attempt read without the ORM, and the ORM loaded once
the first screen is painted. Behaviour tests: no timings."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from simulator.core.session import Phase
from simulator.storage.models import Attempt
from simulator.ui.idle import after_first_paint
from simulator.workspace import ExamOptions, Workspace


def imported(code: str) -> set[str]:
    """The modules imported by `code` in a fresh interpreter, and their top-level packages."""
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code) + "\nimport sys\n"
                          "print(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    names = set(out.stdout.split())
    return names | {name.split(".")[0] for name in names}


def unfinished_folder(workspace, clock) -> int:
    run = workspace.new_exam(ExamOptions(seed=5, items=12), clock)
    attempt_id = workspace.begin(run)
    s = run.session
    s.answer("B")
    s.toggle_flag()
    s.toggle_strike("C")
    s.highlight(1, 4)
    clock.advance(30)
    s.next()
    s.answer("D")
    s.suspend()
    workspace.close()
    return attempt_id


def test_the_unfinished_attempt_is_read_as_the_orm_reads_it(workspace, data_dir, clock):
    attempt_id = unfinished_folder(workspace, clock)
    ws = Workspace(data_dir)
    try:
        plain, orm = ws.unfinished(), ws.store.get(attempt_id)
        assert not isinstance(plain, Attempt) and isinstance(orm, Attempt)
        columns = [c.key for c in Attempt.__table__.columns]
        assert {c: getattr(plain, c) for c in columns} == {c: getattr(orm, c) for c in columns}
        item_columns = [c.key for c in orm.items[0].__table__.columns]
        assert [{c: getattr(r, c) for c in item_columns} for r in plain.items] == [
            {c: getattr(r, c) for c in item_columns} for r in orm.items]
        assert type(plain.onvue) is bool and type(plain.items[0].flagged) is bool
        resumed = ws.resume(plain, clock).session
        assert resumed.position == 1 and resumed.phase is Phase.ITEMS
        assert resumed.states[0].flagged and resumed.states[0].struck == {"C"}
        assert resumed.states[0].highlights == [(1, 4)] and resumed.states[1].response == "D"
    finally:
        ws.close()


def test_the_resume_question_needs_no_orm(workspace, data_dir, clock):
    unfinished_folder(workspace, clock)
    loaded = imported(f"""
        from pathlib import Path
        from simulator.app.desk import Desk, resume_text
        from simulator.core.clock import FakeClock
        desk = Desk.open(Path({str(data_dir)!r}), ask=lambda *a: None, tell=lambda *a: None)
        run = desk.resume_run(desk.unfinished(), FakeClock())
        assert "2 of 12 items answered" in resume_text(run, "today")
    """)
    assert "sqlalchemy" not in loaded


def test_the_first_screens_import_neither_the_orm_nor_the_pdf_nor_fsrs():
    loaded = imported("""
        import simulator.cli, simulator.ui.launch, simulator.ui.home.home, simulator.ui.exam.mainwindow
        simulator.cli.parse(["--data-dir", "d", "--candidate", "A"])
    """)
    assert not loaded & {"sqlalchemy", "fsrs", "genanki", "defusedxml", "numpy", "matplotlib", "platformdirs",
                         "hashlib", "simulator.core.validate", "simulator.storage.bank",
                         "simulator.storage.models", "simulator.report.pdf", "simulator.app.practice",
                         "simulator.ui.home.study", "simulator.ui.home.custom", "simulator.exchange"}


class Painted(QPushButton):
    """Queues work from its first paint, as Home queues the filling of its panels."""

    def __init__(self, done: list[str]) -> None:
        super().__init__("&Next")
        self.done = done

    def paintEvent(self, event) -> None:
        if not self.done:
            self.done.append("painted")
            QTimer.singleShot(0, lambda: self.done.append("queued by the frame"))
        super().paintEvent(event)


def test_work_kept_off_the_start_runs_after_the_first_paint_one_step_per_turn(qtbot):
    done: list[str] = []
    after_first_paint([lambda: done.append("one"), lambda: done.append("two")])
    QApplication.processEvents()
    assert done == []  # nothing before a screen is painted
    button = Painted(done)
    qtbot.addWidget(button)
    button.show()
    qtbot.waitUntil(lambda: len(done) == 4)
    assert done == ["painted", "queued by the frame", "one", "two"]


def test_a_form_drawn_from_the_catalogue_is_the_form_drawn_from_the_items(workspace, data_dir, clock):
    """The start draws from the catalogue (the items' texts left empty) and reads the
    drawn items in full: the same form, item for item, as drawing from the items."""
    workspace.begin(workspace.new_exam(ExamOptions(seed=1), clock))  # something seen before
    domain = workspace.blueprint.names[1]
    subtopic = workspace.blueprint.domains[2].subtopics[0]
    cases = [ExamOptions(seed=seed) for seed in (2, 3, 4)] + [
        ExamOptions(seed=5, items=40), ExamOptions(seed=6, items=30, domains=(domain,)),
        ExamOptions(seed=7, items=10, subtopics=(subtopic,))]
    full = Workspace(data_dir)
    try:
        full._items = full.bank.items()
        for options in cases:
            drawn = workspace.new_exam(options, clock).session.form
            reference = full.new_exam(options, clock).session.form
            assert drawn == reference
            assert [(f.item.calc, f.item.angoff) for f in drawn] == [(f.item.calc, f.item.angoff)
                                                                    for f in reference]
            assert all(f.item.stem and len(f.item.options) >= 2 for f in drawn)
        assert any(f.seed is not None for f in workspace.new_exam(cases[0], clock).session.form)
    finally:
        full.close()


def aged_copy(tmp_path):
    """The shipped bank's files, copied and dated an hour back (past the stamp's racy window)."""
    import os
    import shutil
    import time

    from simulator.paths import question_db_dir
    source = tmp_path / "question_db"
    shutil.copytree(question_db_dir(), source)
    hour_ago = time.time() - 3600
    for path in [*source.iterdir(), source]:
        os.utime(path, (hour_ago, hour_ago))
    return source


def test_a_current_bank_is_opened_without_the_validator(tmp_path):
    source, data = aged_copy(tmp_path), tmp_path / "data"
    data.mkdir()
    opening = f"""
        from pathlib import Path
        from simulator.paths import default_blueprint
        from simulator.storage.bankdb import open_bank
        bank, problems = open_bank(Path({str(source)!r}), Path({str(data)!r}), default_blueprint())
        assert not problems and len(bank.catalogue()) > 1000
    """
    assert "sqlalchemy" in imported(opening)  # the first start builds it
    loaded = imported(textwrap.dedent(opening) + "import sys\n"
                      "assert 'simulator.core.validate' not in sys.modules")
    assert "sqlalchemy" not in loaded and "hashlib" not in loaded


def test_a_changed_bank_file_is_rebuilt_even_with_a_stamp_kept(tmp_path):
    import os

    from simulator.paths import default_blueprint
    from simulator.storage.bankdb import open_bank
    source, data = aged_copy(tmp_path), tmp_path / "data"
    data.mkdir()
    bank, _ = open_bank(source, data, default_blueprint())
    assert bank.meta("stamp")  # kept: the next start skips the hash
    first = bank.catalogue()[0]
    bank.close()
    path = next(p for p in sorted(source.glob("*.toml")) if f'id = "{first.id}"' in p.read_text())
    text = path.read_text(encoding="utf-8")
    old = f'id = "{first.id}"'
    path.write_text(text.replace(old, old[:-2] + "X" + old[-1], 1), encoding="utf-8")  # the same size
    info = os.stat(path)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - 10**9 * 1800))  # and an old time, but another
    bank, _ = open_bank(source, data, default_blueprint())
    try:
        assert first.id not in {i.id for i in bank.catalogue()}
    finally:
        bank.close()


def test_a_bank_file_changed_just_now_is_hashed_again_next_time(tmp_path):
    from simulator.paths import default_blueprint
    from simulator.storage.bankdb import open_bank
    source, data = aged_copy(tmp_path), tmp_path / "data"
    data.mkdir()
    (source / "99_new.toml").write_text("", encoding="utf-8")
    bank, _ = open_bank(source, data, default_blueprint())
    try:
        assert bank.meta("stamp") is None  # its time could repeat after the next change
    finally:
        bank.close()


def test_the_windows_options_parse_as_the_full_command_line_parses_them():
    from simulator.cli import UsageError, build_parser, parse

    def outcome(how, argv):
        try:
            return vars(how(argv))
        except UsageError as exc:
            return str(exc)

    full = build_parser().parse_args
    for argv in ([], ["--data-dir", "d"], ["--data-dir", "d", "--candidate", "Bench Candidate"],
                 ["--seed", "4", "--items", "20", "--mode", "study", "--onvue", "--resume"],
                 ["--minutes", "2.5", "--extra-time", "25", "--bank", "mine"], ["--data", "d"],
                 ["--candidate", "bank"], ["exam", "--items", "9"], ["foo"], ["--seed", "x"],
                 ["--items", "0"], ["--nope"], ["--mode", "quiz"], ["progress", "--json"]):
        assert outcome(parse, argv) == outcome(full, argv), argv


def test_home_shows_first_and_fills_its_practice_panels_once_painted(qtbot, workspace, clock):
    from simulator.app.desk import Desk
    from simulator.ui.launch import Shell, make_app
    make_app()
    shell = Shell(Desk(workspace), clock, None, quit=lambda: None)
    shell.start()
    home = shell.home
    assert home is not None and home.isVisible()
    qtbot.addWidget(home)
    # The ways to start first; the progress panels once it is painted.
    assert home.screen_.start_button.isVisible() and not home.screen_.panels_built
    qtbot.waitUntil(lambda: home.panels_shown)
    assert home.screen_.coverage.text().startswith("Seen 0 of")
    assert home.screen_.readiness.text().startswith("Not enough answers yet: 0 of the 30")
    assert home.screen_.due_count.text().startswith("Nothing due for review today")
    assert "Where to study next" in home.screen_.due_count.text()


def test_welcome_shows_first_and_the_form_is_drawn_once_it_is_painted(qtbot, workspace, clock, monkeypatch):
    """A new full exam's Welcome says the items and the time before the form is drawn;
    the form drawn after the paint is the one the same seed draws at once."""
    from simulator.app.desk import Desk
    from simulator.core import assembly
    from simulator.ui.launch import Shell, make_app
    make_app()
    draws: list[int] = []
    original = assembly.assemble
    monkeypatch.setattr("simulator.workspace.assemble", lambda *a, **k: draws.append(1) or original(*a, **k))
    options = ExamOptions(seed=11, candidate="Ada", extra_time_pct=25)
    shell = Shell(Desk(workspace), clock, options, quit=lambda: None)
    shell.start()
    window = shell.window
    assert window is not None and window.isVisible()
    qtbot.addWidget(window)
    text = window.welcome.findChild(QLabel, "welcomeText").text()
    assert "Welcome, Ada." in text and "Number of items: 150" in text
    assert "Time allowed: 4:22:30 (262.5 minutes) (including 25% extra time" in text
    assert not draws and not window.drawn  # nothing drawn before the first paint
    qtbot.waitUntil(lambda: window.drawn)
    assert draws == [1]
    # The Display menu and the text-size keys came with it.
    menu = window.title_bar.display.menu()
    assert menu is not None
    assert [a.text() for a in window.scheme_actions if a.isChecked()] == ["Black on White"]
    step = window.text_step
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.text_step == step + 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    eager = workspace.new_exam(options, clock).session
    assert [(f.item.id, f.pretest, f.seed) for f in window.session.form] == [
        (f.item.id, f.pretest, f.seed) for f in eager.form]
    assert window.session.countdown.allowed_s == eager.countdown.allowed_s == 262.5 * 60


def test_next_on_welcome_before_the_draw_draws_the_form_first(qtbot, workspace, clock):
    from simulator.app.desk import Desk
    from simulator.ui.exam.mainwindow import MainWindow
    from simulator.ui.launch import make_app
    make_app()
    draft = Desk(workspace).draft(ExamOptions(seed=3, items=20), clock)
    window = MainWindow(draft, clock)
    qtbot.addWidget(window)
    window.start()  # not shown: no paint, so no idle draw
    assert not window.drawn
    qtbot.mouseClick(window.welcome.findChild(QPushButton, "nextButton"), Qt.MouseButton.LeftButton)
    assert window.drawn and len(window.session) == 20
    assert window.stack.currentWidget() is window.nda


def test_a_form_the_bank_cannot_fill_after_welcome_is_said_and_the_window_closes(qtbot, workspace, clock,
                                                                                   monkeypatch, capsys):
    from simulator.app.desk import Desk
    from simulator.core.assembly import AssemblyError
    from simulator.ui.exam.mainwindow import MainWindow
    from simulator.ui.launch import make_app

    from .gui import open_dialog
    make_app()

    def cannot(*_a, **_k):
        raise AssemblyError("the bank has 3 items in 'Plan'; the form needs 30")
    monkeypatch.setattr("simulator.workspace.assemble", cannot)
    window = MainWindow(Desk(workspace).draft(ExamOptions(seed=3), clock), clock)
    qtbot.addWidget(window)
    left: list[bool] = []
    window.left.connect(left.append)
    window.show()
    window.start()
    dialog = open_dialog(qtbot)
    assert dialog.windowTitle() == "The exam cannot be put together"
    assert "the form needs 30" in dialog.body.text()
    qtbot.mouseClick(dialog.buttons["ok"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert left == [False]  # nothing began: Home (or the end), no attempt kept
    assert workspace.store.last_id() is None
    assert "the form needs 30" in capsys.readouterr().err


def test_the_program_wears_fusion_with_its_colours_from_the_first_screen():
    """Made with Qt's -style option rather than setStyle(); a style the desktop asks
    for (QT_STYLE_OVERRIDE) does not replace it."""
    import os
    loaded = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        from simulator.ui.launch import make_app
        app = make_app(["cpim-sim"])
        colour, arguments = app.palette().window().color().name(), app.arguments()
        app.setStyleSheet("")  # the style under the style sheet
        print(app.style().name(), colour, arguments)
    """)], capture_output=True, text=True, timeout=60, env={**os.environ, "QT_STYLE_OVERRIDE": "Windows"})
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split()[:2] == ["fusion", "#ffffff"]
    assert "-style" not in loaded.stdout  # Qt takes its own option out of the arguments


# For the programs below: on_import(name, patch) calls patch(module) once the program has
# imported `name`, importing nothing (Qt above all) before the program does; the same
# watcher as the start's benchmark.
BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
ON_IMPORT = (f"import sys\nsys.path.insert(0, {str(BENCHMARKS)!r})\n"
             "from bench_start import _patch_on_import as on_import\n")


def test_the_collector_rests_during_the_start_and_resumes_frozen_once_painted(data_dir):
    """And the layers below the screens are imported before PySide6 (cli.main): the
    test looks on as the program imports, without importing anything of Qt first."""
    out = subprocess.run([sys.executable, "-c", ON_IMPORT + textwrap.dedent(f"""
        import gc, sys
        from simulator import cli
        seen = []

        def patch(home):
            made = home.HomeWindow.__init__
            def init(self, *a, **k):
                order = list(sys.modules)  # in the order they were imported
                seen.append(("home built", gc.isenabled(),
                             order.index("simulator.workspace") < order.index("PySide6.QtCore")))
                made(self, *a, **k)
            home.HomeWindow.__init__ = init
            from simulator.ui import launch
            resume = launch.collect_from_now
            def collect():
                resume()
                seen.append(("after the paint", gc.isenabled(), gc.get_freeze_count() > 10000))
                from PySide6.QtWidgets import QApplication
                QApplication.instance().exit(0)
            launch.collect_from_now = collect

        on_import("simulator.ui.home.home", patch)
        code = cli.main(["--data-dir", {str(data_dir)!r}])
        print(code, seen, gc.isenabled())
    """)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "0 [('home built', False, True), ('after the paint', True, True)] True"


def test_the_collector_comes_back_even_if_the_first_screen_is_never_painted(data_dir):
    """Started minimised or on another desktop, the first screen is not exposed and the
    steps after its paint wait; the collector does not (launch.COLLECT_AFTER_MS)."""
    out = subprocess.run([sys.executable, "-c", ON_IMPORT + textwrap.dedent(f"""
        import gc, sys
        from simulator import cli
        seen = []

        from simulator.ui import idle
        idle.after_first_paint = lambda steps, window=None: None  # as if never painted

        def patch(launch):
            launch.COLLECT_AFTER_MS = 50
            resume = launch.collect_from_now
            def collect():
                was = gc.isenabled()
                resume()
                seen.append((was, gc.isenabled()))
                from PySide6.QtWidgets import QApplication
                QApplication.instance().exit(0)
            launch.collect_from_now = collect

        on_import("simulator.ui.launch", patch)
        code = cli.main(["--data-dir", {str(data_dir)!r}])
        print(code, seen)
    """)], capture_output=True, text=True, timeout=30)  # without the fallback: no end
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "0 [(False, True)]"
