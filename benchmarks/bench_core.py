"""Measurements without a window: saving one action, assembling forms from banks of
every size, and writing the PDF.

    python benchmarks/bench_core.py save DATA_DIR
    python benchmarks/bench_core.py assembly DATA_DIR REPEATS
    python benchmarks/bench_core.py pdf DATA_DIR
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import emit, median, summary_ms

from simulator.core.clock import FakeClock
from simulator.workspace import ExamOptions, Workspace

SEED = 20261122
PRIOR_ATTEMPTS = 30  # last_seen as after this many full attempts: 30 x 150 = 4,500 items seen


def save(data_dir: str) -> None:
    """One action = one session intent that the attempt store writes at once, in its
    own transaction, on the shipped store (WAL, synchronous=FULL: each commit is
    fsync'ed). Timed around the intent, so the figure includes the session's own work."""
    ws = Workspace(Path(data_dir))
    clock = FakeClock()
    run = ws.new_exam(ExamOptions(seed=SEED), clock)
    ws.begin(run)
    s = run.session
    import sqlite3
    with sqlite3.connect(ws.store.path) as db:
        journal = db.execute("PRAGMA journal_mode").fetchone()[0]
    synchronous = _store_synchronous(ws)
    answers, flags, nexts = [], [], []
    for p in range(len(s)):
        t0 = time.perf_counter()
        s.answer("ABCD"[p % 4])
        answers.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        s.toggle_flag()
        flags.append(time.perf_counter() - t0)
        clock.advance(30)
        if p < len(s) - 1:
            t0 = time.perf_counter()
            s.next()  # leaving an item writes its time, arriving writes the position
            nexts.append(time.perf_counter() - t0)
    s.end()
    t0 = time.perf_counter()
    report = ws.finish(run)
    finish_s = time.perf_counter() - t0
    ws.close()
    emit({"answer": summary_ms(answers), "flag": summary_ms(flags), "next_in_session": summary_ms(nexts),
          "finish_ms": round(finish_s * 1000, 3), "journal_mode": journal, "synchronous": synchronous,
          "saved_answers": sum(1 for it in report["items"] if it["response"])})


def _store_synchronous(ws: Workspace) -> str:
    """The synchronous level the store's own connection runs with (2 = FULL)."""
    conn = getattr(ws.store, "conn", None)
    if conn is not None:
        level = conn.execute("PRAGMA synchronous").fetchone()[0]
    else:
        with ws.store.engine.connect() as c:
            level = c.exec_driver_sql("PRAGMA synchronous").scalar()
    return {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}.get(level, str(level))


def synthetic_bank(blueprint, size: int, rng: random.Random):
    """size items spread over the blueprint's domains by weight, ids like the bank's."""
    from simulator.core.items import Item
    counts = blueprint.shares(size)
    items = []
    for d in blueprint.domains:
        for n in range(counts[d.name]):
            items.append(Item(id=f"{d.code}-{n + 1:06d}", domain=d.name,
                              subtopic=d.subtopics[n % len(d.subtopics)],
                              level=("recall", "application", "analysis")[n % 3],
                              difficulty=round(rng.gauss(0, 1), 2),
                              stem=f"Synthetic stem {d.code} {n}: " + "word " * 30,
                              options=("first option", "second option", "third option", "fourth option"),
                              key="ABCD"[n % 4], explanation="Synthetic explanation. " * 5))
    rng.shuffle(items)
    return items


def realistic_last_seen(items, rng: random.Random) -> dict[str, float]:
    """Each item's most recent attempt id, as after PRIOR_ATTEMPTS full attempts that
    saw 150 items each (all of a bank smaller than that)."""
    seen = rng.sample([it.id for it in items], min(len(items), PRIOR_ATTEMPTS * 150))
    return {item_id: float(rng.randint(1, PRIOR_ATTEMPTS)) for item_id in seen}


def assembly(data_dir: str, repeats: int) -> None:
    from simulator.core.assembly import assemble
    ws = Workspace(Path(data_dir))
    blueprint = ws.blueprint
    rng = random.Random(SEED)
    banks = {"shipped": ws.items, "10000": synthetic_bank(blueprint, 10_000, rng),
             "100000": synthetic_bank(blueprint, 100_000, rng)}
    out = {}
    for name, items in banks.items():
        last_seen = realistic_last_seen(items, rng)
        times, cpu = [], []
        for r in range(repeats + 1):
            c0 = time.process_time()
            t0 = time.perf_counter()
            form = assemble(items, blueprint, None, SEED + r, last_seen)
            elapsed = time.perf_counter() - t0
            if r:  # the first is a warm-up
                times.append(elapsed)
                cpu.append(time.process_time() - c0)
            assert len(form) == blueprint.items
        out[name] = {"bank_items": len(items), "last_seen": len(last_seen), "runs": repeats,
                     "median_ms": round(median(times) * 1000, 3), "max_ms": round(max(times) * 1000, 3),
                     "cpu_median_ms": round(median(cpu) * 1000, 3)}
    # The whole of Workspace.new_exam on the shipped bank: the store's last_seen query too.
    times = []
    for r in range(repeats):
        t0 = time.perf_counter()
        ws.new_exam(ExamOptions(seed=SEED + r), FakeClock())
        times.append(time.perf_counter() - t0)
    out["new_exam_shipped_median_ms"] = round(median(times) * 1000, 3)
    ws.close()
    emit(out)


def pdf(data_dir: str) -> None:
    """A finished 150-item attempt written as a PDF, in a process with a GUI
    application (fonts loaded, as from the score report screen): the score report
    alone, and with the item-by-item review of all 150 items (the largest PDF the
    program writes, the one the budget is checked on); each the first time in the
    process, then again. And the command line's `cpim-sim report` end to end."""
    import subprocess
    ws = Workspace(Path(data_dir))
    clock = FakeClock()
    run = ws.new_exam(ExamOptions(seed=SEED, candidate="Bench Candidate"), clock)
    ws.begin(run)
    s = run.session
    for p, f in enumerate(s.form):
        s.answer(f.item.key if p % 3 else "A")
        clock.advance(60)
        s.next()
    s.end()
    report = ws.finish(run)
    answers = ws.answers(report["id"]) if hasattr(ws, "answers") else None
    ws.close()
    from simulator.ui.launch import make_app
    make_app()
    from simulator.report.pdf import write_pdf
    out = {}
    for name, extra in (("report", None), ("with_review", answers)):
        if name == "with_review" and extra is None:
            continue
        target = Path(data_dir) / f"bench-{name}.pdf"
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            write_pdf(report, target, extra) if extra is not None else write_pdf(report, target)
            times.append(time.perf_counter() - t0)
        out[name] = {"first_ms": round(times[0] * 1000, 3), "again_ms": round(median(times[1:]) * 1000, 3),
                     "size_kb": round(target.stat().st_size / 1024, 1), "pages": _pages(target)}
    worst = out.get("with_review", out["report"])
    cli_target = Path(data_dir) / "bench-cli.pdf"
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "simulator", "--data-dir", data_dir, "report", "last",
                           "--pdf", str(cli_target)], capture_output=True, text=True, timeout=120)
    cli_s = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    emit({**out, "first_ms": worst["first_ms"], "size_kb": worst["size_kb"],
          "checked": "with_review" if "with_review" in out else "report",
          "cli_report_s": round(cli_s, 3), "cli_size_kb": round(cli_target.stat().st_size / 1024, 1)})


def _pages(path: Path) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(path).pages)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "save":
        save(sys.argv[2])
    elif mode == "assembly":
        assembly(sys.argv[2], int(sys.argv[3]))
    elif mode == "pdf":
        pdf(sys.argv[2])
    else:
        raise SystemExit(__doc__)
