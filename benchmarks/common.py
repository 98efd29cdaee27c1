"""Shared helpers of the benchmarks: the child processes, a data folder with the bank
built, percentiles, and the JSON line every child prints last."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # `python benchmarks/run.py` from a checkout, installed or not
    sys.path.insert(0, str(ROOT))

RESULT_TAG = "BENCH-RESULT "
MADE: list[Path] = []  # the temporary folders made here, for cleanup()


def percentile(values: Sequence[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {"n": len(ms), "p50_ms": round(percentile(ms, 50), 3), "p95_ms": round(percentile(ms, 95), 3),
            "max_ms": round(max(ms), 3), "mean_ms": round(sum(ms) / len(ms), 3)}


def emit(result: dict[str, Any]) -> None:
    """A child's answer: one tagged JSON line on stdout."""
    print(RESULT_TAG + json.dumps(result), flush=True)


def child_env(platform: str | None = "offscreen", **extra: str) -> dict[str, str]:
    """The environment of a measured child. Bytecode caching is left on (an installed
    package has its .pyc files; PYTHONDONTWRITEBYTECODE would make every start compile
    the program from source), and the checkout is importable."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("CPIM_SIM_DATA_DIR", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if platform:
        env["QT_QPA_PLATFORM"] = platform
    env.update(extra)
    return env


def run_child(args: list[str], env: dict[str, str], timeout: float = 600) -> dict[str, Any]:
    """Run `python benchmarks/<args>` and return the JSON it printed last."""
    cmd = [sys.executable, *args]
    return run_command(cmd, env, timeout)


def run_command(cmd: list[str], env: dict[str, str], timeout: float = 600) -> dict[str, Any]:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_TAG):
            return json.loads(line[len(RESULT_TAG):])
    raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode} without a result:\n"
                       f"{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")


def make_data_dir(template: Path | None = None) -> Path:
    """A fresh data folder holding the shipped bank, already built (a warm start)."""
    folder = Path(tempfile.mkdtemp(prefix="cpim-bench-"))
    MADE.append(folder)
    if template is not None:
        shutil.copy(template / "bank.sqlite", folder / "bank.sqlite")
    return folder


def build_bank_template() -> Path:
    """Build the shipped bank once; the measured runs copy it."""
    from simulator.paths import default_blueprint, question_db_dir
    from simulator.storage.bank import open_bank
    folder = Path(tempfile.mkdtemp(prefix="cpim-bench-bank-"))
    MADE.append(folder)
    bank, problems = open_bank(question_db_dir(), folder, default_blueprint())
    bank.close()
    if problems:
        raise RuntimeError(f"the shipped bank has problems: {problems[:3]}")
    return folder


def cleanup() -> None:
    for folder in MADE:
        shutil.rmtree(folder, ignore_errors=True)
    MADE.clear()
