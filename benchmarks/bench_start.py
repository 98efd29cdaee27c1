"""Start-up: process start to the first interactive screen, against a bare PySide6 window.

'Interactive' is defined the same way for both programs: the window is shown, the
Next button of its first screen has received its first Paint event (for the
simulator: the Welcome screen's Next button, the Welcome screen being current), and
the event loop has then come back to a zero-delay timer posted from that paint, so
the frame is finished and the program is taking input. The child prints the
system-wide monotonic time of that moment; the parent took the same clock just
before it spawned the child, so the figure covers the interpreter's start, every
import, the data folder, the form, the window and the first paint. The child then
leaves at once with os._exit (tear-down is not start-up).

    python benchmarks/bench_start.py bare
    python benchmarks/bench_start.py app DATA_DIR
    python benchmarks/bench_start.py resume DATA_DIR       (a data folder with an unfinished attempt)
    python benchmarks/bench_start.py home DATA_DIR         (`cpim-sim` with no exam option: Home)
    python benchmarks/bench_start.py series DATA_DIR RUNS  (alternates bare and app, prints medians)
"""

from __future__ import annotations

import time

T_IMPORTED = time.monotonic()

import os  # noqa: E402
import sys  # noqa: E402


def _ready(extra: dict) -> None:
    import json
    print("READY " + json.dumps({"t": time.monotonic(), **extra}), flush=True)
    os._exit(0)


def _watch_first_paint(widget, on_ready) -> object:
    """Calls on_ready() from the event loop once `widget` has been painted the first time."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                obj.removeEventFilter(self)
                QTimer.singleShot(0, on_ready)
            return False

    watcher = FirstPaint(widget)
    widget.installEventFilter(watcher)
    return watcher


def _patch_on_import(name: str, patch) -> None:
    """Call patch(module) as soon as the program has imported `name`, without importing
    it (or PySide6) first: the order of the program's imports is part of what is
    measured (PySide6 reads the source of every module imported after it, for its
    __feature__ switches). A plain finder, so nothing is imported for it either."""
    from importlib.machinery import PathFinder

    class Finder:
        def find_spec(self, fullname, path=None, target=None):
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = PathFinder.find_spec(fullname, path)
            execute = spec.loader.exec_module

            def exec_module(module):
                execute(module)
                patch(module)
            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, Finder())


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    button = QPushButton("&Next")
    window.setCentralWidget(button)
    window.resize(1280, 820)
    window.showMaximized()
    _watch_first_paint(button, lambda: _ready({"screen": "bare"}))
    app.exec()


def home(data_dir: str) -> None:
    """The real program, as `cpim-sim --data-dir DATA_DIR` starts it (Home): ready
    when Home's first button ("Full CPIM mock exam") has been painted."""
    from simulator import cli

    def patch(home_module):
        from PySide6.QtWidgets import QPushButton
        original = home_module.HomeWindow.__init__

        def home_init(self, *args, **kwargs):
            original(self, *args, **kwargs)
            _watch_first_paint(self.findChild(QPushButton, "startExamButton"),
                               lambda: _ready({"screen": "home"}))

        home_module.HomeWindow.__init__ = home_init

    _patch_on_import("simulator.ui.home.home", patch)
    cli.main(["--data-dir", data_dir])
    raise SystemExit("the program ended before Home was painted")


def app(data_dir: str, resume: bool = False) -> None:
    """The real program, as `cpim-sim --data-dir DATA_DIR --candidate ...` starts it
    (an exam option: straight to Welcome), with a watcher added to the main window
    (or, on resuming, to the dialog that asks first)."""
    from simulator import cli

    def patch_dialogs(dialogs):  # not the exam window: the question comes first
        from PySide6.QtWidgets import QPushButton
        original_dialog = dialogs.MessageDialog.__init__

        def dialog_init(self, *args, **kwargs):
            original_dialog(self, *args, **kwargs)
            _watch_first_paint(self.findChild(QPushButton, "yesButton"),
                               lambda: _ready({"screen": self.windowTitle()}))

        dialogs.MessageDialog.__init__ = dialog_init

    def patch_window(mainwindow):
        from PySide6.QtWidgets import QPushButton
        original_window = mainwindow.MainWindow.__init__

        def window_init(self, *args, **kwargs):
            original_window(self, *args, **kwargs)
            welcome = self.welcome

            def ready():
                current = self.stack.currentWidget()
                _ready({"screen": "welcome" if current is welcome else type(current).__name__})

            _watch_first_paint(welcome.findChild(QPushButton, "nextButton"), ready)

        mainwindow.MainWindow.__init__ = window_init

    if resume:
        _patch_on_import("simulator.ui.common.dialogs", patch_dialogs)
    else:
        _patch_on_import("simulator.ui.exam.mainwindow", patch_window)
    cli.main(["--data-dir", data_dir, "--candidate", "Bench Candidate"])
    raise SystemExit("the program ended before its first screen was painted")


def spawn(args: list[str], env: dict | None = None) -> dict:
    """Run one child; the time from just before the spawn to its READY line."""
    import json
    import subprocess
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env,
                          timeout=120)
    for line in proc.stdout.splitlines():
        if line.startswith("READY "):
            info = json.loads(line[6:])
            return {"s": info["t"] - t0, "screen": info.get("screen")}
    raise RuntimeError(f"start {args} failed "
                       f"({proc.returncode}):\n{proc.stdout[-1500:]}\n{proc.stderr[-3000:]}")


def series(data_dir: str, runs: int, resume_dir: str | None = None) -> None:
    """Warm-up runs first (bytecode caches, the page cache), then bare and app in turns."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from common import emit, median
    spawn(["bare"])
    spawn(["app", data_dir])
    if resume_dir:
        spawn(["resume", resume_dir])
    spawn(["home", data_dir])
    bare_s, app_s, home_s, resume_s, screens = [], [], [], [], set()
    for _ in range(runs):
        bare_s.append(spawn(["bare"])["s"])
        r = spawn(["app", data_dir])
        app_s.append(r["s"])
        screens.add(r["screen"])
        home_s.append(spawn(["home", data_dir])["s"])
        if resume_dir:
            resume_s.append(spawn(["resume", resume_dir])["s"])
    out = {"platform": os.environ.get("QT_QPA_PLATFORM", ""), "runs": runs,
           "bare_s": [round(x, 4) for x in bare_s], "app_s": [round(x, 4) for x in app_s],
           "bare_median_s": round(median(bare_s), 4), "app_median_s": round(median(app_s), 4),
           "ratio": round(median(app_s) / median(bare_s), 3), "app_screen": sorted(screens),
           "home_s": [round(x, 4) for x in home_s], "home_median_s": round(median(home_s), 4),
           "home_ratio": round(median(home_s) / median(bare_s), 3)}
    if resume_s:
        out.update(resume_s=[round(x, 4) for x in resume_s], resume_median_s=round(median(resume_s), 4),
                   resume_ratio=round(median(resume_s) / median(bare_s), 3))
    emit(out)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "bare":
        bare()
    elif mode == "app":
        app(sys.argv[2])
    elif mode == "home":
        home(sys.argv[2])
    elif mode == "resume":
        app(sys.argv[2], resume=True)
    elif mode == "series":
        series(sys.argv[2], int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None)
    else:
        raise SystemExit(__doc__)
