"""Every write can fail: a scripted session's writes are counted, then the script
runs again once per write point with that write failing (disk full, I/O error,
read-only, in turn; tests/faults.py). At every point: no traceback escapes (the
command line exits 2 with one line, the window's layer tells its message or
raises the saving banner), and once the fault clears nothing that was saved before
it is lost - the attempts, answers, flags, cards and review logs read back from
the disk are compared with what the program had acknowledged.

The session: a first start on an empty folder (the bank built, the user database
made, settings saved), an exam and a practice set through the application layer
the window uses, the score report PDF, a bank import and two exports from the
command line, and the upgrade of a version 1 database. Each part starts from a
copy of the folder the part before left, so a run replays only its own part.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sqlite3
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from simulator.core.clock import FakeClock
from simulator.core.session import CHECKPOINT_S
from simulator.paths import question_db_dir
from simulator.storage.attempts import WriteFailed
from simulator.storage.migrations import CURRENT_VERSION
from simulator.storage.userdb import USER_DB
from tests.faults import FAULTS, KINDS, installed

pytestmark = pytest.mark.logs_errors  # every refused write is logged

ITEMS_PER_FILE = 6
GIFT = """::REL-1::Which document authorizes a supplier to ship against a blanket agreement? {
=a release against the agreement
~a routing of the work centers
~an indented bill of material
~a shop floor work order
####A release authorizes a shipment of a stated quantity and date against a blanket agreement.
}

::CTC-1::Which measure counts the days from paying suppliers to being paid by customers? {
=the cash-to-cash cycle time
~the takt time of the line
~the cumulative lead time
~the queue time at a work center
####The cash-to-cash cycle time runs from paying for materials to collecting from the customer.
}
"""


@pytest.fixture(scope="module")
def small_source(tmp_path_factory) -> Path:
    """One bank file per domain, its first few items: a fast build that no edit of
    question_db/ during the run can change."""
    folder = tmp_path_factory.mktemp("source")
    smallest: dict[str, Path] = {}
    for path in sorted(question_db_dir().glob("0*.toml")):
        domain = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if domain not in smallest or path.stat().st_size < smallest[domain].stat().st_size:
            smallest[domain] = path
    for path in smallest.values():
        chunks = path.read_text(encoding="utf-8").split("\n[[items]]")
        (folder / path.name).write_text("\n[[items]]".join(chunks[:ITEMS_PER_FILE + 1]), encoding="utf-8")
    return folder


@pytest.fixture
def small_bank(small_source, monkeypatch):
    import simulator.paths
    import simulator.workspace
    monkeypatch.setattr(simulator.workspace, "question_db_dir", lambda: small_source)
    monkeypatch.setattr(simulator.paths, "question_db_dir", lambda: small_source)
    return small_source


@dataclass
class Ctx:
    folder: Path
    out: Path
    clock: FakeClock = field(default_factory=FakeClock)
    told: list[tuple[str, bool]] = field(default_factory=list)
    banner: list[str | None] = field(default_factory=list)
    desk: Any = None
    runs: list[Any] = field(default_factory=list)
    settings_saved: dict[str, Any] = field(default_factory=dict)
    acked: dict[tuple[int, int], tuple[str | None, bool]] = field(default_factory=dict)
    cli: list[tuple[list[str], int, str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    fired_step: str | None = None

    def tell(self, _title: str, text: str, fatal: bool) -> None:
        self.told.append((text, fatal))

    def ask(self, _title: str, _text: str) -> bool | None:
        return None  # no one answers: the start ends, deciding nothing


Step = Callable[[Ctx], None]


# --- the steps ----------------------------------------------------------------------

def open_desk(ctx: Ctx) -> None:
    from simulator.app.desk import Desk
    opened = Desk.open(ctx.folder, ctx.ask, ctx.tell)
    if isinstance(opened, int):
        if opened != 2 or not ctx.told or not ctx.told[-1][1]:
            ctx.problems.append(f"the start failed without a fatal message: {opened!r} {ctx.told}")
        return
    ctx.desk = opened


def save_settings(ctx: Ctx) -> None:
    if ctx.desk is None:
        return
    reason = ctx.desk.update_settings(candidate="Pat Lee", text_pt=14)
    if reason is None:
        ctx.settings_saved = {"candidate": "Pat Lee", "text_pt": 14}
    elif not isinstance(reason, str) or "\n" in reason:
        ctx.problems.append(f"settings not saved, and no one-line reason: {reason!r}")


def acknowledge(ctx: Ctx) -> None:
    """What the store says is on disk: everything, when nothing is pending."""
    for run in ctx.runs:
        if run.attempt_id is not None and not run.unsaved:
            for p, st in enumerate(run.session.states):
                ctx.acked[(run.attempt_id, p)] = (st.response, st.flagged)


def begin(ctx: Ctx, make: Callable[[Any], Any]) -> Any:
    if ctx.desk is None:
        return None
    run = make(ctx.desk)
    run.watch_writes(ctx.banner.append)
    try:
        run.begin()
    except WriteFailed as exc:  # the window shows this and starts no exam
        if "\n" in str(exc) or not str(exc):
            ctx.problems.append(f"WriteFailed without one line: {exc!r}")
        return None
    ctx.runs.append(run)
    acknowledge(ctx)
    return run


def begin_exam(ctx: Ctx) -> None:
    begin(ctx, lambda desk: desk.new_run(desk.exam_options(seed=3, items=6), ctx.clock))


def begin_practice(ctx: Ctx) -> None:
    from simulator.app.practice import PracticeOptions, new_practice
    options = PracticeOptions(items=3, seed=5)
    begin(ctx, lambda desk: desk.adopt(new_practice(desk.workspace, options, ctx.clock)))


def act(ctx: Ctx, kind: str, first: int, last: int | None) -> None:
    runs = [r for r in ctx.runs if r.session.kind == kind]
    if not runs:
        return
    s = runs[-1].session
    for p in range(first, len(s) if last is None else last):
        s.goto(p)
        ctx.clock.advance(7)
        key = s.form[s.position].item.key
        s.answer(key if p % 3 else ("A" if key != "A" else "B"))  # every third one wrong
        if p == 1:
            s.toggle_flag()
        acknowledge(ctx)
        s.next()
        acknowledge(ctx)


def exam_first_half(ctx: Ctx) -> None:
    act(ctx, "exam", 0, 3)


def checkpoint(ctx: Ctx) -> None:
    for run in ctx.runs:
        ctx.clock.advance(CHECKPOINT_S)
        run.session.tick()
    acknowledge(ctx)


def exam_rest_and_end(ctx: Ctx) -> None:
    act(ctx, "exam", 3, None)
    for run in ctx.runs:
        if run.session.kind == "exam" and not run.session.phase.over:
            run.session.end()
            if run.report is None or run.report.get("status") != "finished":
                ctx.problems.append(f"the ended exam has no report: {run.report!r}")
    acknowledge(ctx)


def practice_answers(ctx: Ctx) -> None:
    act(ctx, "practice", 0, None)
    for run in ctx.runs:
        if run.session.kind == "practice" and not run.session.phase.over:
            run.session.end()
    acknowledge(ctx)


def close_desk(ctx: Ctx) -> None:
    if ctx.desk is not None:
        for run in ctx.runs:
            run.retry_saving()  # the window's last try before it goes, its banner still watching
            run.close()
        ctx.desk.close()
        acknowledge(ctx)


def cli(*args: str) -> Step:
    def step(ctx: Ctx) -> None:
        from simulator.cli import main
        argv = [a.format(out=ctx.out) for a in args] + ["--data-dir", str(ctx.folder)]
        err, out = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            rc = main(argv)
        ctx.cli.append((argv, rc, out.getvalue(), err.getvalue()))
        lines = err.getvalue().strip().splitlines()
        if rc == 2:
            if len(lines) != 1 or not lines[0].startswith("cpim-sim: error: "):
                ctx.problems.append(f"{argv[:3]}: exit 2 without one line: {err.getvalue()!r}")
        elif rc != 0:
            ctx.problems.append(f"{argv[:3]}: exit {rc}: {err.getvalue()!r}")
        elif "Traceback" in err.getvalue():
            ctx.problems.append(f"{argv[:3]}: a traceback: {err.getvalue()}")
    step.__name__ = "cli " + " ".join(args[:2])
    return step


# --- reading back ----------------------------------------------------------------------

def read(folder: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(f"file:{folder / USER_DB}?mode=ro", uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def disk_answers(folder: Path) -> dict[tuple[int, int], tuple[str | None, bool]]:
    return {(a, p): (r, bool(f)) for a, p, r, f in
            read(folder, "SELECT attempt_id, position, response, flagged FROM attempt_items")}


def check_session(ctx: Ctx, fault_in_last_step: bool) -> None:
    """Nothing acknowledged is lost; and unless the fault was still on when the window
    closed, everything the candidate did is on disk."""
    if not (ctx.folder / USER_DB).exists():
        assert not ctx.acked
        return
    disk = disk_answers(ctx.folder)
    lost = {k: v for k, v in ctx.acked.items() if disk.get(k) != v}
    assert not lost, f"acknowledged but not on disk: {lost}"
    if fault_in_last_step:
        return
    for run in ctx.runs:
        for p, st in enumerate(run.session.states):
            assert disk[(run.attempt_id, p)] == (st.response, st.flagged), (run.attempt_id, p)
        status = read(ctx.folder, f"SELECT status FROM attempts WHERE id = {run.attempt_id}")[0][0]
        assert status == "finished", (run.attempt_id, status)
        if run.session.kind == "practice":
            answered = sum(1 for st in run.session.states if st.response is not None)
            logs = read(ctx.folder, "SELECT COUNT(*) FROM review_logs "
                                    f"WHERE attempt_id = {run.attempt_id}")[0][0]
            assert logs == answered, f"practice {run.attempt_id}: {logs} review logs for {answered} answers"
    reviewed = {r[0] for r in read(ctx.folder, "SELECT item_id FROM review_logs")}
    cards = {r[0] for r in read(ctx.folder, "SELECT item_id FROM cards")}
    assert reviewed == cards, f"cards {sorted(cards)} for the reviews of {sorted(reviewed)}"


def reopens(ctx: Ctx) -> None:
    """Once the fault clears, the folder starts as usual."""
    from simulator.app.desk import Desk
    told: list[str] = []
    desk = Desk.open(ctx.folder, ctx.ask, lambda _t, text, _f: told.append(text))
    assert not isinstance(desk, int), f"no start after the fault cleared: {told}"
    if ctx.settings_saved:
        for name, value in ctx.settings_saved.items():
            assert getattr(desk.settings, name) == value, name
    assert desk.settings_problem() is None
    desk.close()


# --- the parts ----------------------------------------------------------------------------

@dataclass
class Part:
    name: str
    steps: list[Step]
    check: Callable[[Ctx, bool], None]


def check_first_start(ctx: Ctx, _last: bool) -> None:
    reopens(ctx)


ACTIONS = ("exam_first_half", "checkpoint", "exam_rest_and_end", "practice_answers")


def check_exam(ctx: Ctx, last: bool) -> None:
    check_session(ctx, last)
    point = (FAULTS.fired or "").split(": ", 1)[-1]
    if ctx.fired_step in ACTIONS and point.startswith("sql ") and "CREATE" not in point:
        # a write of the attempt store failed during the exam: the saving banner showed,
        # and went away once everything was written (an index made for speed is not one)
        assert any(ctx.banner), f"no saving banner: {ctx.banner}"
        assert ctx.banner[-1] is None, f"the banner stayed: {ctx.banner}"
    reopens(ctx)


def check_cli(ctx: Ctx, _last: bool) -> None:
    before = ctx.acked  # the attempts the part started with
    assert disk_answers(ctx.folder) == before, "a command changed or lost saved answers"
    for argv, rc, _out, _err in ctx.cli:
        if rc == 0 and "--pdf" in argv:
            assert Path(argv[argv.index("--pdf") + 1]).read_bytes().startswith(b"%PDF")
    failed = [argv for argv, rc, _o, _e in ctx.cli if rc != 0]
    from simulator.cli import main
    for argv in failed:  # the fault cleared: the same command now works
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            assert main(argv) == 0, (argv, err.getvalue())


def check_upgrade(ctx: Ctx, _last: bool) -> None:
    assert disk_answers(ctx.folder) == ctx.acked
    from simulator.cli import main
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert main(["attempts", "list", "--json", "--data-dir", str(ctx.folder)]) == 0
    assert [a["id"] for a in json.loads(out.getvalue())] == [1, 2]
    version = read(ctx.folder, "SELECT value FROM meta WHERE name = 'schema_version'")
    assert version == [(str(CURRENT_VERSION),)]


FIRST_START = Part("first start", [open_desk, save_settings, close_desk], check_first_start)
SESSION = Part("exam and practice", [open_desk, begin_exam, exam_first_half, checkpoint, exam_rest_and_end,
                                     begin_practice, practice_answers, close_desk], check_exam)
COMMANDS = Part("commands", [cli("report", "last", "--pdf", "{out}/report.pdf"),
                             cli("bank", "import", "{out}/mine.gift", "--name", "mine"),
                             cli("bank", "export", "{out}/deck.apkg", "--format", "anki", "--bank", "mine"),
                             cli("bank", "export", "{out}/shipped.gift", "--format", "gift")],
                check_cli)
UPGRADE = Part("upgrade", [cli("attempts", "list")], check_upgrade)


def run_part(part: Part, folder: Path, out: Path, fail_at: int | None, kind: str,
             acked: dict | None = None) -> tuple[Ctx, int, str | None]:
    ctx = Ctx(folder, out)
    if acked is not None:
        ctx.acked = dict(acked)
    fired_in_last = False
    FAULTS.reset(fail_at, kind)
    FAULTS.active = True
    try:
        for n, step in enumerate(part.steps):
            try:
                step(ctx)
            except Exception:
                ctx.problems.append(f"{step.__name__}: a traceback escaped:\n{traceback.format_exc()}")
                break
            finally:
                if FAULTS.failing and ctx.fired_step is None:
                    ctx.fired_step = step.__name__
                fired_in_last = FAULTS.failing and n == len(part.steps) - 1
                FAULTS.clear()
    finally:
        FAULTS.active = False
    fired = FAULTS.fired
    count = FAULTS.count
    if not ctx.problems:
        try:
            part.check(ctx, fired_in_last)
        except AssertionError as exc:
            ctx.problems.append(f"after the fault: {exc}")
        except Exception:
            ctx.problems.append(f"after the fault: a traceback:\n{traceback.format_exc()}")
    return ctx, count, fired


def make_v1_folder(folder: Path) -> None:
    from simulator.storage.bank import BANK_FILE, Bank
    from tests.test_migrations import make_v1
    with FAULTS.paused():
        bank = Bank(folder / BANK_FILE)
        ids = [item.id for item in bank.items()[:12]]
        bank.close()
        for stale in folder.glob(USER_DB + "*"):
            stale.unlink()
        make_v1(folder / USER_DB, ids)


def explore(tmp_path: Path,
            progress: Callable[[str], None] = lambda _s: None) -> tuple[dict[str, int], list[str]]:
    """Count each part's writes in a clean run, then fail each write point in turn;
    returns the count per part and the findings."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.gift").write_text(GIFT, encoding="utf-8")
    findings: list[str] = []
    covered: dict[str, int] = {}
    starts: dict[str, Path] = {}
    with installed():
        # the clean run: each part's writes counted; the folder it leaves is where the next starts
        previous = tmp_path / "empty"
        previous.mkdir()
        first_start_end = previous
        for part in PARTS:
            base = tmp_path / f"base-{part.name}"
            shutil.copytree(first_start_end if part is UPGRADE else previous, base)
            if part is UPGRADE:
                make_v1_folder(base)
            starts[part.name] = base
            work = tmp_path / f"clean-{part.name}"
            shutil.copytree(base, work)
            ctx, count, _ = run_part(part, work, out, None, "ENOSPC", prior(base))
            assert not ctx.problems, ctx.problems
            covered[part.name] = count
            progress(f"{part.name}: {count} writes: " + ", ".join(FAULTS.points))
            previous = work
            if part is FIRST_START:
                first_start_end = work
        # every write point of every part, failing in turn
        for part in PARTS:
            base = starts[part.name]
            for n in range(1, covered[part.name] + 1):
                work = tmp_path / "work"
                shutil.rmtree(work, ignore_errors=True)
                shutil.copytree(base, work)
                for leftover in out.iterdir():
                    if leftover.name != "mine.gift":
                        leftover.unlink()
                ctx, _count, fired = run_part(part, work, out, n, KINDS[n % len(KINDS)], prior(base))
                if fired is None:
                    findings.append(f"{part.name} #{n}: the write point was not reached again")
                found = [f"{part.name} #{n} {fired}: {p}" for p in ctx.problems]
                findings += found
                said = [text for text, _fatal in ctx.told] + [e.strip() for *_a, e in ctx.cli if e.strip()]
                progress(f"{part.name} #{n} {fired}: {'; '.join(found)[-600:] or 'ok'} | {' / '.join(said)}")
    return covered, findings


@pytest.fixture
def fast_tmp(tmp_path):
    """A folder in memory where there is one (/dev/shm): the runs fsync a lot."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="cpim-faults-", dir=shm))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_every_write_point_fails_cleanly_and_loses_nothing(small_bank, fast_tmp, qapp):
    covered, findings = explore(fast_tmp)
    total = sum(covered.values())
    print(f"write points covered: {total} ({covered})")
    assert total >= 100, covered
    assert not findings, "\n\n".join(findings[:8]) + f"\n\n({len(findings)} findings)"


PARTS = (FIRST_START, SESSION, COMMANDS, UPGRADE)


def prior(folder: Path) -> dict:
    return disk_answers(folder) if (folder / USER_DB).exists() else {}


def test_a_first_start_on_a_full_disk_is_one_clear_line(small_bank, tmp_path, capsys, monkeypatch):
    """The bank cannot be built (SQLite's error from a full disk): the command line
    and the window's start each say so in one line; nothing is left half-built."""
    from simulator.app.desk import Desk
    from simulator.cli import main
    from simulator.storage import bank

    def full(*_args: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(bank, "_write", full)
    folder = tmp_path / "data"
    assert main(["attempts", "list", "--data-dir", str(folder)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "question bank could not be built" in err[0] and "free some disk space" in err[0]
    told: list[tuple[str, bool]] = []
    assert Desk.open(folder, lambda *_a: None, lambda _t, text, fatal: told.append((text, fatal))) == 2
    assert len(told) == 1 and told[0][1] and "database or disk is full" in told[0][0]
    assert not list(folder.glob("bank.sqlite*"))
