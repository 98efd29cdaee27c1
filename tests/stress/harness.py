"""Kill the real program at random moments and check that nothing it reported is lost.

The driver (tests/stress/driver.py) runs the real GUI code in a subprocess and reports
each answer and flag once it is committed. This harness reads those reports as they
come (a reader thread; every wait has a timeout, nothing sleeps), SIGKILLs the process
at a chosen moment, and then opens the user database read-only with sqlite3, from
outside, as the next start would find it:

- every answer reported (SAVED) must be stored, unless a later answer to the same item
  was already on its way (announced by ANSWERING, not yet reported) when the kill came:
  that one may or may not have been committed, but nothing else may be there;
- likewise for flags (FLAGGED, FLAGGING);
- the stored time left must be within LIMIT_S of the time that was really left at the
  kill: the last report's remaining time less the time that passed from reading that
  report to the kill (the clock ran all along). The difference is the "drift": what the
  next start would give back or, negative, take away;
- the next start resumes the same attempt, with the time left that was stored.

Used by tests/test_kill.py (a few kills) and benchmarks/kill_stress.py (100).
"""

from __future__ import annotations

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT_S = 5.0            # the promise: a kill loses no more than 5 seconds of clock
RESUME_SLACK_S = 1.0     # from the clock restarting on resume to the READY report
READ_TIMEOUT_S = 60.0    # for any one line from the driver (a loaded machine starts slowly)
USER_DB = "cpim-sim.sqlite"
TIMED = {"READY", "SAVED", "FLAGGED", "IDLE", "TICK", "DONE"}


@dataclass
class Line:
    t: float                 # time.monotonic() when the harness read it
    kind: str
    fields: list[str]

    @classmethod
    def parse(cls, t: float, text: str) -> Line:
        parts = text.split()
        return cls(t, parts[0] if parts else "", parts[1:])

    @property
    def remaining(self) -> float | None:
        return float(self.fields[-1]) if self.kind in TIMED and self.fields else None

    def __str__(self) -> str:
        return " ".join([self.kind, *self.fields])


class DriverProcess:
    """One run of the driver, its stdout read line by line in a thread."""

    def __init__(self, data_dir: Path, *, seed: int, run: int, answers: int,
                 extra: list[str] | None = None) -> None:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join(
            [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
        env.pop("CPIM_SIM_DATA_DIR", None)
        self.command = [sys.executable, "-m", "tests.stress.driver", "--data-dir", str(data_dir),
                        "--seed", str(seed), "--run", str(run), "--answers", str(answers), *(extra or [])]
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - kept open for the child's life, closed in stop()
        # stdin stays an open pipe that nobody writes: nothing in the driver reads it.
        self.proc = subprocess.Popen(self.command, cwd=ROOT, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self._stderr)
        self._lines: queue.Queue[Line | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            self._lines.put(Line.parse(time.monotonic(), raw.decode("utf-8", "replace")))
        self._lines.put(None)

    def next(self, timeout: float = READ_TIMEOUT_S) -> Line | None:
        """The next line, or None once the driver has closed its output."""
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"no output from the driver for {timeout:.0f} s\n{self.stderr()}") from None
        if line is not None and line.kind == "ERROR":
            raise AssertionError(f"the driver failed: {line}\n{self.stderr()}")
        return line

    def kill(self) -> float:
        """SIGKILL now; the moment it was sent."""
        t = time.monotonic()
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        return t

    def wait(self, timeout: float = 60) -> int:
        return self.proc.wait(timeout=timeout)

    def stderr(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace")[-4000:]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()
        self._reader.join(timeout=10)
        self._stderr.close()


@dataclass
class Ledger:
    """What the driver has said, over all its runs."""
    answers: dict[int, str] = field(default_factory=dict)         # position (from 1) -> last SAVED letter
    in_flight: dict[int, set[str]] = field(default_factory=dict)  # announced since that report
    flags: dict[int, bool] = field(default_factory=dict)
    flags_in_flight: set[int] = field(default_factory=set)
    attempt_ids: set[str] = field(default_factory=set)
    saved_lines: int = 0

    def feed(self, line: Line) -> None:
        k, f = line.kind, line.fields
        if k in ("READY", "SAVED", "FLAGGED", "ANSWERING", "FLAGGING", "HANG", "IDLE", "TICK", "DONE"):
            self.attempt_ids.add(f[0])
        if k in ("ANSWERING", "HANG"):
            self.in_flight.setdefault(int(f[1]), set()).add(f[2])
        elif k == "SAVED":
            self.answers[int(f[1])] = f[2]
            self.in_flight.pop(int(f[1]), None)
            self.saved_lines += 1
        elif k == "FLAGGING":
            self.flags_in_flight.add(int(f[1]))
        elif k == "FLAGGED":
            self.flags[int(f[1])] = f[2] == "1"
            self.flags_in_flight.discard(int(f[1]))


@dataclass
class Stored:
    allowed_s: float
    used_s: float
    status: str
    responses: dict[int, str | None]   # position (from 1) -> response
    flags: dict[int, bool]

    @property
    def remaining(self) -> float:
        return max(0.0, self.allowed_s - self.used_s)


def read_stored(data_dir: Path, attempt_id: int) -> Stored:
    """The attempt as a new process finds it: sqlite3, read-only, from outside."""
    uri = (data_dir / USER_DB).resolve().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True, timeout=10)
    try:
        row = db.execute("SELECT time_allowed_s, time_used_s, status FROM attempts WHERE id = ?",
                         (attempt_id,)).fetchone()
        if row is None:
            raise AssertionError(f"attempt {attempt_id} is not in the database")
        items = db.execute("SELECT position, response, flagged FROM attempt_items WHERE attempt_id = ?",
                           (attempt_id,)).fetchall()
    finally:
        db.close()
    return Stored(float(row[0]), float(row[1]), row[2], {p + 1: r for p, r, _ in items},
                  {p + 1: bool(fl) for p, _, fl in items})


def lost_in(stored: Stored, ledger: Ledger) -> list[str]:
    """Every difference between what was reported and what is stored, that a pending
    (announced, unreported) action does not explain."""
    lost = []
    for p in sorted(set(ledger.answers) - set(stored.responses)):
        lost.append(f"item {p}: reported {ledger.answers[p]}, but the item is not stored")
    for p, response in stored.responses.items():
        want = ledger.answers.get(p)
        if response != want and response not in ledger.in_flight.get(p, set()):
            lost.append(f"item {p}: reported {want}, stored {response}")
        if stored.flags[p] != ledger.flags.get(p, False) and p not in ledger.flags_in_flight:
            lost.append(f"item {p}: flag reported {ledger.flags.get(p, False)}, stored {stored.flags[p]}")
    return lost


@dataclass
class RunResult:
    mode: str
    lines: list[Line]
    lost: list[str]
    drift: float | None            # stored time left minus the time really left at the kill
    resumed_drift: float | None    # this run's READY time left minus the previous stored one

    def describe(self) -> str:
        drift = "-" if self.drift is None else f"{self.drift:+.2f} s"
        last = self.lines[-1] if self.lines else "-"
        return f"{self.mode}: {len(self.lines)} lines, drift {drift}, last {last}"


class KillStress:
    """Runs of the driver on one data folder, each killed at a chosen moment."""

    def __init__(self, data_dir: Path, seed: int, rng: random.Random) -> None:
        self.data_dir, self.seed, self.rng = data_dir, seed, rng
        self.ledger = Ledger()
        self.runs: list[RunResult] = []
        self._stored_remaining: float | None = None

    @property
    def attempt_id(self) -> int:
        ids = self.ledger.attempt_ids - {"None"}
        assert len(ids) == 1, f"the runs used more than one attempt: {sorted(ids)} (resume failed?)"
        return int(next(iter(ids)))

    @property
    def worst_drift(self) -> float:
        return max((abs(r.drift) for r in self.runs if r.drift is not None), default=0.0)

    def _start(self, answers: int, extra: list[str]) -> DriverProcess:
        return DriverProcess(self.data_dir, seed=self.seed, run=len(self.runs), answers=answers, extra=extra)

    def _feed(self, proc: DriverProcess, lines: list[Line]) -> Line | None:
        line = proc.next()
        if line is not None:
            lines.append(line)
            self.ledger.feed(line)
        return line

    def kill_run(self, mode: str, n: int | None = None, ticks: int | None = None) -> RunResult:
        """mode 'lines': kill right after the driver's n-th line (READY, ANSWERING, SAVED,
        FLAGGING or FLAGGED: between actions, mid-key, mid-write); 'hang': kill while the
        n-th answer's transaction waits before COMMIT; 'idle': answer n items, then kill
        during the idle clock after a random number of ticks (the checkpoint path)."""
        extra, answers = [], 100_000
        if mode == "lines":
            n = n if n is not None else self.rng.randint(1, 25)
            stop = lambda line, count: count >= n  # noqa: E731
        elif mode == "hang":
            n = n if n is not None else self.rng.randint(1, 4)
            extra = ["--hang-at", str(n)]
            stop = lambda line, count: line.kind == "HANG"  # noqa: E731
        elif mode == "idle":
            answers = n if n is not None else self.rng.randint(0, 2)
            extra = ["--idle"]
            # up to 7.5 s: a checkpoint or two
            ticks = ticks if ticks is not None else self.rng.randint(1, 30)
            seen = {"ticks": 0}

            def stop(line: Line, _count: int) -> bool:
                seen["ticks"] += line.kind == "TICK"
                return seen["ticks"] >= ticks
        else:
            raise ValueError(mode)
        proc = self._start(answers, extra)
        lines: list[Line] = []
        try:
            while True:
                line = self._feed(proc, lines)
                if line is None:
                    raise AssertionError(f"the driver ended before the kill ({mode})\n{proc.stderr()}")
                if stop(line, len(lines)):
                    break
            t_kill = proc.kill()
        finally:
            proc.close()
        return self._check(mode, lines, t_kill)

    def final_run(self, answers: int = 3) -> RunResult:
        """A run that ends by itself: the window is closed, everything must be written."""
        proc = self._start(answers, [])
        lines: list[Line] = []
        try:
            while self._feed(proc, lines) is not None:
                pass
            code = proc.wait()
            assert code == 0, f"the driver exited with {code}\n{proc.stderr()}"
        finally:
            proc.close()
        assert lines and lines[-1].kind == "DONE", f"no DONE: {lines[-1:]}"
        return self._check("final", lines, lines[-1].t, exact=True)

    def _check(self, mode: str, lines: list[Line], t_end: float, exact: bool = False) -> RunResult:
        resumed_drift = None
        ready = next((line for line in lines if line.kind == "READY"), None)
        if ready is not None and self._stored_remaining is not None:
            resumed_drift = ready.remaining - self._stored_remaining
        stored = read_stored(self.data_dir, self.attempt_id) if self.ledger.attempt_ids - {"None"} else None
        drift = None
        lost: list[str] = []
        if stored is not None:
            assert stored.status == "in_progress", stored.status
            lost = lost_in(stored, self.ledger)
            timed = [line for line in lines if line.remaining is not None]
            if timed:
                ref = timed[-1]
                really_left = ref.remaining - (0.0 if exact else t_end - ref.t)
                drift = stored.remaining - really_left
            self._stored_remaining = stored.remaining
        result = RunResult(mode, lines, lost, drift, resumed_drift)
        self.runs.append(result)
        return result

    def problems(self, result: RunResult) -> list[str]:
        """What is wrong with one run, against the contract."""
        out = list(result.lost)
        if result.drift is not None and not -0.5 <= result.drift <= LIMIT_S:
            out.append(f"time left stored is {result.drift:+.2f} s off the time really left")
        if result.resumed_drift is not None and not -RESUME_SLACK_S <= result.resumed_drift <= 0.001:
            out.append(f"resumed with {result.resumed_drift:+.2f} s against the time left stored")
        return out
