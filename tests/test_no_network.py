"""The program never opens a network connection.

A whole short exam runs from the opening of the data folder to the score report's
PDF, by keyboard as a candidate does it, then the command line's report commands,
all with Python's sockets disabled: socket.socket, create_connection, getaddrinfo and
friends raise, an audit hook records every socket Python creates or name it looks up
(whatever module asks), and on Linux the process's file descriptors are compared
before and after, so a socket that Qt's C++ opened would show too."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
import urllib.request  # before any guard: ssl subclasses socket.socket at import
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from simulator import cli
from simulator.core.clock import MonotonicClock
from simulator.core.session import Phase
from simulator.storage.bank import BANK_FILE
from simulator.ui.launch import Launcher
from simulator.workspace import ExamOptions

from .gui import ALT, dialogs, export_pdf_by_keyboard, key

AUDITED = ("socket.__new__", "socket.connect", "socket.bind", "socket.sendto", "socket.getaddrinfo",
           "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo", "urllib.Request",
           "http.client.connect", "ftplib.connect", "smtplib.connect", "webbrowser.open")
_armed: list[list[str]] = []  # the record of the guard that is on, if any


def _audit(event: str, args: tuple) -> None:
    if _armed and event in AUDITED:
        _armed[-1].append(f"{event} {args!r:.120}")


sys.addaudithook(_audit)  # hooks cannot be removed; this one only listens while a guard is on


def _inet_sockets() -> set[str]:
    """This process's socket file descriptors that are not Unix-domain or netlink ones."""
    if not Path("/proc/self/fd").is_dir():
        return set()
    local = set()
    for table in ("unix", "netlink"):
        try:
            lines = Path(f"/proc/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        column = 6 if table == "unix" else 9
        local.update(line.split()[column] for line in lines if len(line.split()) > column)
    found = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] not in local:
            found.add(target)
    return found


class NetworkGuard:
    def __init__(self, monkeypatch) -> None:
        self.attempts: list[str] = []
        self.before = _inet_sockets()

        def refuse(name):
            def refused(*args, **kwargs):
                self.attempts.append(f"{name}{args!r:.120}")
                raise OSError(f"network disabled by the test: {name}")
            return refused

        for name in ("socket", "create_connection", "create_server", "socketpair", "fromfd", "getaddrinfo",
                     "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo"):
            monkeypatch.setattr(socket, name, refuse(f"socket.{name}"))
        _armed.append(self.attempts)

    def stop(self) -> None:
        if _armed and _armed[-1] is self.attempts:
            _armed.pop()

    def new_sockets(self) -> set[str]:
        return _inet_sockets() - self.before


@pytest.fixture
def no_network(monkeypatch):
    guard = NetworkGuard(monkeypatch)
    yield guard
    guard.stop()


def test_the_guard_catches_a_connection(no_network):
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with pytest.raises(OSError):
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)
    import _socket
    raw = _socket.socket(_socket.AF_INET, _socket.SOCK_DGRAM)  # below the monkeypatch
    try:
        assert any(a.startswith("socket.__new__") for a in no_network.attempts)  # the audit hook saw it
        if Path("/proc/self/fd").is_dir():
            assert no_network.new_sockets()
    finally:
        raw.close()
    assert any(a.startswith("socket.create_connection") for a in no_network.attempts)
    assert any(a.startswith("urllib.Request") for a in no_network.attempts)


def dialog_open():
    found = dialogs()
    return found[-1] if found else None


@pytest.mark.timeout(120)
def test_a_whole_exam_and_its_pdf_open_no_connection(no_network, qtbot, tmp_path, built_bank):
    from simulator.ui.startup import open_for_exam

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(built_bank, folder / BANK_FILE)
    told: list[str] = []
    workspace = open_for_exam(folder, ask=lambda *_: None, tell=lambda _t, text, _f: told.append(text))
    assert not isinstance(workspace, int), told
    window = Launcher(workspace, ExamOptions(seed=4, items=6, candidate="Nora Wired"), MonotonicClock(),
                      True).start()
    qtbot.addWidget(window)
    s = window.session

    # Welcome, agreement, tutorial (Alt+N through its pages), 'Begin the exam?': Yes.
    key(qtbot, window, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.nda, timeout=3000)
    key(qtbot, window, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.tutorial, timeout=3000)
    for _ in range(20):
        page = getattr(window.tutorial, "page", None)
        key(qtbot, window, Qt.Key.Key_N, ALT)
        qtbot.waitUntil(lambda page=page: dialog_open() is not None
                        or getattr(window.tutorial, "page", None) != page,
                        timeout=3000)
        if dialog_open() is not None:
            break
    key(qtbot, dialog_open(), Qt.Key.Key_Y, ALT)
    qtbot.waitUntil(lambda: s.phase is Phase.ITEMS, timeout=3000)

    # Every item answered by its letter; Alt+N (an "Unseen content" notice gets Enter).
    for n in range(len(s)):
        key(qtbot, window, "ABCD"[n % 4])
        qtbot.waitUntil(lambda n=n: s.states[n].response == "ABCD"[n % 4], timeout=3000)
        for _ in range(3):
            key(qtbot, window, Qt.Key.Key_N, ALT)
            qtbot.waitUntil(lambda n=n: dialog_open() is not None or s.phase is Phase.REVIEW
                            or s.position != n,
                            timeout=3000)
            if dialog_open() is None:
                break
            key(qtbot, dialog_open(), Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: dialog_open() is None, timeout=3000)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.review, timeout=3000)
    key(qtbot, window, Qt.Key.Key_E, ALT)
    qtbot.waitUntil(lambda: dialog_open() is not None, timeout=3000)
    with qtbot.waitSignal(window.finished, timeout=10000):
        key(qtbot, dialog_open(), Qt.Key.Key_Y, ALT)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results, timeout=3000)

    # Ctrl+S, a file name, Enter: the PDF.
    target = tmp_path / "offline-report.pdf"
    export_pdf_by_keyboard(qtbot, window, target)
    assert "Nora Wired" in " ".join(" ".join(page.extract_text().split()) for page in PdfReader(target).pages)
    sockets_in_exam = no_network.new_sockets()
    window.close()
    workspace.close()

    # The command line's view of the same attempt, and its PDF.
    assert cli.main(["--data-dir", str(folder), "attempts", "show", "last", "--json"]) == 0
    assert cli.main(["--data-dir", str(folder), "report", "last", "--pdf", str(tmp_path / "cli.pdf")]) == 0
    assert (tmp_path / "cli.pdf").stat().st_size > 1000

    assert no_network.attempts == [], no_network.attempts
    assert sockets_in_exam == set() and no_network.new_sockets() == set()


def test_the_report_json_is_complete_offline(no_network, workspace, capsys):
    """attempts show --json needs nothing from outside either (a finished attempt)."""
    from simulator.core.clock import FakeClock
    run = workspace.new_exam(ExamOptions(seed=2, items=5), FakeClock())
    workspace.begin(run)
    for f in run.session.form:
        run.session.answer(f.item.key)
        run.session.next()
    run.session.end()
    workspace.finish(run)
    assert cli.main(["--data-dir", str(workspace.folder), "attempts", "show", "last", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["raw_correct"] == 5
    assert no_network.attempts == []
