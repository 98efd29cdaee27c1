"""Shared fixtures: headless Qt, a fresh data folder per test, a fake clock."""

from __future__ import annotations

import logging
import os
import shutil
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import
os.environ.pop("CPIM_SIM_DATA_DIR", None)

import pytest

from simulator.core.clock import FakeClock
from simulator.paths import default_blueprint, question_db_dir
from simulator.storage.bank import BANK_FILE, open_bank
from simulator.workspace import Workspace


@pytest.fixture(autouse=True)
def _no_error_only_logged(request, caplog):
    """A record at ERROR or above fails the test, unless it is marked logs_errors:
    an error the program only logs is still an error (qutebrowser's tests do the same)."""
    yield
    if request.node.get_closest_marker("logs_errors"):
        return
    errors = [r for when in ("setup", "call") for r in caplog.get_records(when) if r.levelno >= logging.ERROR]
    if errors:
        pytest.fail("logged at ERROR or above (mark the test logs_errors if it means to provoke it):\n"
                    + "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in errors), pytrace=False)


@pytest.fixture(autouse=True)
def _no_window_left_open(request):
    """A test that leaves a top-level window or dialog visible fails (after the fixtures
    that close what they opened, such as qtbot's); the windows are closed either way,
    so the next test starts with none."""
    before = set(map(id, _visible_windows()))
    yield
    left = [w for w in _visible_windows() if id(w) not in before]
    names = ", ".join(f"{type(w).__name__}({w.objectName() or w.windowTitle()!r}"
                      f"{': ' + _text(w)[:70] if _text(w) else ''})" for w in left)
    _close_all()  # before failing: the next test starts with none
    if left and not request.node.get_closest_marker("leaves_windows"):
        pytest.fail(f"left open: {names} (close it, or mark the test leaves_windows)", pytrace=False)


def _text(w: object) -> str:
    """A dialog's words, to say which one was left."""
    body = getattr(w, "body", None)
    text = getattr(body, "text", None) or getattr(w, "text", None)
    return str(text()) if callable(text) else ""


def _visible_windows() -> list:
    if "PySide6.QtWidgets" not in sys.modules:
        return []
    from PySide6.QtWidgets import QApplication
    if QApplication.instance() is None:
        return []
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def _close_all() -> None:
    """Close what is visible; a window that asks before closing (an exam) is closed
    keeping its attempt, and whatever a close opens (a question) goes too."""
    for _round in range(5):
        shown = _visible_windows()
        if not shown:
            return
        for w in shown:
            keeping = getattr(w, "close_keeping", None)
            keeping() if callable(keeping) else w.close()
            if w.isVisible():
                w.hide()
        from PySide6.QtWidgets import QApplication
        QApplication.processEvents()


@pytest.fixture(scope="session")
def built_bank(tmp_path_factory):
    """The shipped bank, built once per test run."""
    folder = tmp_path_factory.mktemp("bank")
    bank, problems = open_bank(question_db_dir(), folder, default_blueprint())
    bank.close()
    assert not problems, "\n".join(map(str, problems))
    return folder / BANK_FILE


@pytest.fixture
def data_dir(tmp_path, built_bank):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(built_bank, folder / BANK_FILE)
    return folder


@pytest.fixture
def workspace(data_dir):
    ws = Workspace(data_dir)
    yield ws
    ws.close()


@pytest.fixture
def clock():
    return FakeClock()


def make_items(per_domain: int = 40, difficulty: float = 0.0):
    """A synthetic bank for the core tests: per_domain items in each blueprint domain."""
    from simulator.core.items import Item
    items = []
    for d in default_blueprint().domains:
        for n in range(per_domain):
            items.append(Item(id=f"{d.code}-{n + 1:03d}", domain=d.name, subtopic=d.subtopics[0],
                              level="recall", difficulty=difficulty, stem=f"Stem {d.code} {n}",
                              options=("a", "b", "c", "d"), key="ABCD"[n % 4], explanation="x"))
    return items
