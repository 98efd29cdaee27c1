"""A scripted candidate at the keyboard of the real program, for the kill tests.

    python -m tests.stress.driver --data-dir D --seed N --answers K [--idle] [--hang-at M]

Starts the real GUI code in this process on Qt's offscreen platform: the application
(make_app), the data folder opened as the window opens it (ui/startup.py: the folder's
lock for the program's life, the user database checked), and the Launcher with --resume
semantics: an unfinished attempt is resumed, else a new exam of --items items begins
(Welcome, the agreement and the tutorial are walked by clicking their buttons, and the
"Begin the exam?" dialog by clicking Yes). The clock is the real MonotonicClock and the
window's ticking timer runs throughout, so the session checkpoints the clock as in real use.

Then it answers K items through the keyboard (an option letter or digit, each time a
different option from the one saved), sometimes toggles Flag for Review (Alt+F), and
moves on with Alt+N (past the last item the review screen opens; Alt+A, Review All,
returns to item 1). A button's Alt+letter clicks it after Qt's 100 ms press
animation, so the driver runs the event loop until the position has changed; it never
sleeps. Between actions it runs the event loop a random few tens of milliseconds.

What it reports on stdout, one line each, flushed at once (positions count from 1):

    READY <attempt_id> <position> <remaining_s>     the exam is on screen, clock running
    ANSWERING <attempt_id> <position> <letter>      about to press the key (not yet saved)
    SAVED <attempt_id> <position> <letter> <remaining_s>   the answer is committed
    FLAGGING <attempt_id> <position>                about to press Alt+F (not yet saved)
    FLAGGED <attempt_id> <position> <0|1> <remaining_s>    the flag is committed
    HANG <attempt_id> <position> <letter>           (--hang-at) stopped inside the commit
    IDLE <attempt_id> <remaining_s>                 (--idle) answering is over; then
    TICK <attempt_id> <remaining_s>                 one per clock tick until killed
    DONE <attempt_id> <remaining_s>                 the window was closed, all written
    ERROR <message>                                 and exit status 3

SAVED and FLAGGED are printed only once the session's change has been written: the
attempt store's recorder writes every change synchronously in one transaction, so the
change is committed when the key's handling returns, unless store.write_error says the
write failed (then ERROR). --hang-at M stops the M-th answer's transaction just before
its COMMIT and waits there for a signal, so a test can kill the program mid-write.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import threading
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

LETTER_KEYS = {"A": ("Key_A", "Key_1"), "B": ("Key_B", "Key_2"), "C": ("Key_C", "Key_3"), "D": ("Key_D",
                                                                                                "Key_4")}


class DriverError(Exception):
    pass


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m tests.stress.driver", description=__doc__.split("\n\n")[0])
    p.add_argument("--data-dir", required=True, type=Path)
    p.add_argument("--seed", type=int, default=1, help="the form's seed, and the driver's randomness")
    p.add_argument("--run", type=int, default=0, help="varies the driver's randomness between restarts")
    p.add_argument("--answers", type=int, default=20, help="answers to give before stopping")
    p.add_argument("--items", type=int, default=60, help="items of a new exam")
    p.add_argument("--minutes", type=float, default=None, help="time allowed for a new exam")
    p.add_argument("--max-pause-ms", type=int, default=40, help="longest pause between actions")
    p.add_argument("--flag-share", type=float, default=0.15, help="share of answers followed by Alt+F")
    p.add_argument("--idle", action="store_true", help="after the answers, keep running and print TICK lines")
    p.add_argument("--hang-at", type=int, default=0, metavar="M",
                   help="hang inside the M-th answer's transaction, before COMMIT")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return Driver(args).run()
    except DriverError as exc:
        say("ERROR", exc)
        return 3


class Driver:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.rng = random.Random(f"{args.seed}/{args.run}")

    # --- Qt helpers -----------------------------------------------------------------
    def spin(self, ms: int) -> None:
        """Run the event loop (timers, the clock's tick, deferred clicks) for ms."""
        from PySide6.QtCore import QEventLoop, QTimer
        loop = QEventLoop()
        QTimer.singleShot(max(0, ms), loop.quit)
        loop.exec()

    def wait_until(self, condition, what: str, timeout_s: float = 15.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > deadline:
                raise DriverError(f"timed out waiting for {what}")
            self.spin(2)

    def dialogs(self) -> list:
        from PySide6.QtWidgets import QApplication

        from simulator.ui.common.dialogs import MessageDialog
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, MessageDialog) and w.isVisible()]

    def click(self, button) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        self.wait_until(lambda: button.isVisible() and button.isEnabled(), f"{button.objectName()} clickable")
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def key(self, name: str, alt: bool = False) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication
        w = self.window
        w.activateWindow()
        self.wait_until(lambda: QApplication.activeWindow() is w, "the exam window to be active")
        modifier = Qt.KeyboardModifier.AltModifier if alt else Qt.KeyboardModifier.NoModifier
        QTest.keyClick(w, getattr(Qt.Key, name), modifier)

    def dismiss_dialogs(self) -> None:
        """Notices (unseen content, time warnings) get OK; an unexpected question gets No."""
        for dialog in self.dialogs():
            buttons = dialog.buttons
            button = buttons.get("ok") or buttons.get("no") or next(iter(buttons.values()))
            self.click(button)
        self.wait_until(lambda: not self.dialogs(), "the dialogs to close")

    # --- the run ----------------------------------------------------------------------
    def run(self) -> int:
        from simulator.core.clock import MonotonicClock
        from simulator.core.session import Change
        from simulator.ui.launch import Launcher, make_app
        from simulator.workspace import ExamOptions

        args = self.args
        self.app = make_app(["cpim-sim-stress-driver"])
        self.workspace = self._open_workspace(args.data_dir)
        options = ExamOptions(seed=args.seed, items=args.items, minutes=args.minutes,
                              candidate="Stress Driver")
        launcher = Launcher(self.workspace, options, MonotonicClock(), True)
        self.window = launcher.start()
        if self.window is None:
            raise DriverError("the launcher opened no window")
        self.session = self.window.session
        self._reach_items()
        s = self.session
        say("READY", self.attempt_id, s.position + 1, f"{s.remaining():.3f}")
        self._arm_hang()

        for n in range(1, args.answers + 1):
            self._answer(hang=(n == args.hang_at))
            if self.rng.random() < args.flag_share:
                self._flag()
            self._pause()
            self._next()
            self._pause()

        if args.idle:
            say("IDLE", self.attempt_id, f"{s.remaining():.3f}")
            s.subscribe(lambda _s, change, payload: change is Change.TICK
                        and say("TICK", self.attempt_id, f"{float(payload):.3f}"))
            while True:  # until killed
                self.spin(1000)

        self.window.close_keeping()  # closed mid-exam: suspends the session, the clock is saved
        self._check_written("closing")
        say("DONE", self.attempt_id, f"{s.remaining():.3f}")
        self.workspace.close()
        return 0

    def _open_workspace(self, folder: Path):
        """As the window opens it: the folder's lock taken for the program's life, the
        user database checked and proven writable (ui/startup.py); a question that the
        real program would ask (restore a backup?) is an error here."""
        try:
            from simulator.ui.startup import open_for_exam
        except ImportError:  # an older tree: no lock, no checks
            from simulator.workspace import Workspace
            return Workspace(folder)
        told: list[str] = []
        workspace = open_for_exam(folder, ask=lambda title, text: told.append(f"{title}: {text}") and None,
                                  tell=lambda title, text, fatal: told.append(text))
        if isinstance(workspace, int):
            raise DriverError(f"the data folder cannot be opened: {' / '.join(told)}")
        return workspace

    @property
    def attempt_id(self) -> int | None:
        return self.window.run.attempt_id

    def _reach_items(self) -> None:
        """A new exam: walk the intro by clicking (Welcome: Next; the agreement: Accept;
        the tutorial: Next through its pages; 'Begin the exam?': Yes). A resumed one:
        on its item or review screen at once."""
        from simulator.core.session import Phase
        w, s = self.window, self.session
        deadline = time.monotonic() + 60
        while s.phase is Phase.INTRO:
            if time.monotonic() > deadline:
                raise DriverError("the intro does not lead to the exam")
            dialogs = self.dialogs()
            screen = w.stack.currentWidget()
            if dialogs:
                dialog = dialogs[0]
                if "Begin" not in dialog.windowTitle():
                    raise DriverError(f"unexpected dialog {dialog.windowTitle()!r}")
                self.click(dialog.buttons["yes"])
                self.wait_until(lambda: s.phase is not Phase.INTRO, "the exam to begin")
                break
            if screen is w.welcome:
                button = w.welcome.next_button
            elif screen is w.nda:
                button = w.nda.accept_button
            elif screen is w.tutorial:
                button = w.tutorial.next_button
            else:
                raise DriverError(f"unexpected screen {type(screen).__name__}")
            page = getattr(screen, "page", None)
            self.click(button)
            self.wait_until(lambda screen=screen, page=page: w.stack.currentWidget() is not screen
                            or bool(self.dialogs()) or getattr(screen, "page", None) != page,
                            f"{type(screen).__name__} to move on")
        self.wait_until(lambda: s.phase in (Phase.ITEMS, Phase.REVIEW) and self.attempt_id is not None,
                        "the exam to start")
        if self.dialogs():
            self.dismiss_dialogs()
        if s.phase is Phase.REVIEW:
            self._review_all()
        self.wait_until(lambda: w.stack.currentWidget() is w.item, "the item screen")

    def _review_all(self) -> None:
        from simulator.core.session import Phase
        w, s = self.window, self.session
        self.wait_until(lambda: w.stack.currentWidget() is w.review, "the review screen")
        self.key("Key_A", alt=True)  # Review All: item 1
        self.wait_until(lambda: s.phase is Phase.ITEMS and w.stack.currentWidget() is w.item, "Review All")

    def _check_written(self, what: str) -> None:
        store = self.workspace.store
        error = getattr(store, "write_error", None)
        if error is not None or getattr(store, "pending", False):
            raise DriverError(f"{what} was not written: {error or 'still pending'}")

    def _answer(self, hang: bool) -> None:
        s = self.session
        p = s.position
        letter = self.rng.choice([x for x in "ABCD" if x != s.states[p].response])
        if hang:
            self._hang_next_commit = (p, letter)
        say("ANSWERING", self.attempt_id, p + 1, letter)
        self.key(self.rng.choice(LETTER_KEYS[letter]))
        self.wait_until(lambda: s.states[p].response == letter, f"answer {letter} at {p + 1}")
        self._check_written(f"the answer at {p + 1}")
        say("SAVED", self.attempt_id, p + 1, letter, f"{s.remaining():.3f}")

    def _flag(self) -> None:
        s = self.session
        p = s.position
        before = s.states[p].flagged
        say("FLAGGING", self.attempt_id, p + 1)
        self.key("Key_F", alt=True)
        self.wait_until(lambda: s.states[p].flagged != before or bool(self.dialogs()), f"the flag at {p + 1}")
        if s.states[p].flagged == before:
            self.dismiss_dialogs()
            return
        self._check_written(f"the flag at {p + 1}")
        say("FLAGGED", self.attempt_id, p + 1, int(s.states[p].flagged), f"{s.remaining():.3f}")

    def _next(self) -> None:
        from simulator.core.session import Phase
        w, s = self.window, self.session
        start = s.position
        moved = lambda: s.phase is Phase.REVIEW or (  # noqa: E731
            s.phase is Phase.ITEMS and s.position != start and w.stack.currentWidget() is w.item)
        for _ in range(3):
            self.key("Key_N", alt=True)
            self.wait_until(lambda: moved() or bool(self.dialogs()), "Next")
            if self.dialogs():  # "Unseen content" (the item is taller than the screen): OK, Next again
                self.dismiss_dialogs()
            if moved():
                break
        else:
            raise DriverError(f"Next does not leave item {start + 1}")
        if s.phase is Phase.REVIEW:
            self._review_all()

    def _pause(self) -> None:
        if self.rng.random() < 0.5:
            self.spin(self.rng.randint(1, max(1, self.args.max_pause_ms)))

    # --- killing mid-write ------------------------------------------------------------
    def _arm_hang(self) -> None:
        """--hang-at: the chosen answer's transaction stops just before COMMIT, until a signal."""
        self._hang_next_commit: tuple[int, str] | None = None
        if not self.args.hang_at:
            return
        from sqlalchemy import event

        def on_commit(_connection) -> None:
            if self._hang_next_commit is None:
                return
            p, letter = self._hang_next_commit
            self._hang_next_commit = None
            say("HANG", self.attempt_id, p + 1, letter)
            while True:  # wait for the kill, inside the open transaction
                if hasattr(signal, "pause"):
                    signal.pause()
                else:
                    threading.Event().wait()

        event.listen(self.workspace.store.engine, "commit", on_commit)


if __name__ == "__main__":
    raise SystemExit(main())
