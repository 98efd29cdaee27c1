"""Shared fixtures: headless Qt, a fresh data folder per test, a fake clock."""

from __future__ import annotations

import os
import shutil

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import
os.environ.pop("CPIM_SIM_DATA_DIR", None)

import pytest

from simulator.core.clock import FakeClock
from simulator.paths import default_blueprint, question_db_dir
from simulator.storage.bank import BANK_FILE, open_bank
from simulator.workspace import Workspace


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
