"""The simulator's performance budgets, measured on this machine: one command.

    python benchmarks/run.py            # the full run (about two minutes)
    python benchmarks/run.py --quick    # a smoke run: fewer repeats, shorter idle spans
    python benchmarks/run.py --only start,save --json /tmp/out.json

Prints every figure with its budget and PASS/FAIL, and writes benchmarks/results.json
(or --json PATH). Exit status: 0 when every budget is met, 3 when one is missed, 1 on
an error. Every measurement runs in a child process of its own (benchmarks/bench_*.py)
on a fresh data folder with the shipped bank already built; the GUI ones on Qt's
offscreen platform and, when xvfb-run is installed, again under Xvfb. Children run
with bytecode caching on, as an installed package does.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE, ROOT, build_bank_template, child_env, cleanup, make_data_dir, run_child, run_command

PARTS = ("start", "gui", "save", "assembly", "pdf", "idle", "home", "import")
XVFB_SCREEN = "-screen 0 1400x900x24"

# name: (budget, unit, how the figure compares); one row each in the table.
BUDGETS: dict[str, tuple[float, str, str]] = {
    "start_ratio": (1.5, "x bare", "<="),       # to the first screen: Welcome (an exam) or Home
    "resume_ratio": (2.0, "x bare", "<="),      # to the question of an unfinished attempt
    "next_p95": (6.0, "ms", "<="),
    "previous_p95": (6.0, "ms", "<="),
    "review_open": (15.0, "ms", "<="),
    "save_answer_p95": (5.0, "ms", "<="),
    "save_flag_p95": (5.0, "ms", "<="),
    "assembly_100000": (250.0, "ms", "<="),
    "pdf_time": (500.0, "ms", "<="),
    "pdf_size": (500.0, "KB", "<="),
    "peak_rss": (200.0, "MB", "<="),
    "idle_cpu": (1.0, "% core", "<="),
    "home_panels_p95": (30.0, "ms", "<="),
    "import_10000": (3.0, "s", "<="),
}


def xvfb_available() -> bool:
    return shutil.which("xvfb-run") is not None


def under_xvfb(cmd: list[str]) -> list[str]:
    return ["xvfb-run", "-a", "-s", XVFB_SCREEN, *cmd]


def platforms(args) -> list[str]:
    return ["offscreen"] + (["xcb"] if xvfb_available() and not args.no_xvfb else [])


def run_on(platform_name: str, script_args: list[str], timeout: float = 900) -> dict[str, Any]:
    cmd = [sys.executable, *script_args]
    if platform_name == "xcb":
        return run_command(under_xvfb(cmd), child_env("xcb"), timeout)
    return run_command(cmd, child_env("offscreen"), timeout)


def resume_folder(template: Path) -> Path:
    """A data folder with an unfinished attempt, for the start that asks to resume."""
    folder = make_data_dir(template)
    code = (
        "from pathlib import Path\n"
        "from simulator.core.clock import FakeClock\n"
        "from simulator.workspace import ExamOptions, Workspace\n"
        f"ws = Workspace(Path({str(folder)!r}))\n"
        "c = FakeClock()\n"
        "run = ws.new_exam(ExamOptions(seed=1, candidate='Bench Candidate'), c)\n"
        "ws.begin(run)\n"
        "for k in range(40):\n"
        "    run.session.answer('ABCD'[k % 4]); c.advance(50); run.session.next()\n"
        "ws.close()\n")
    subprocess.run([sys.executable, "-c", code], env=child_env(None), check=True, cwd=ROOT, timeout=120)
    return folder


# --- the parts -----------------------------------------------------------------------

def part_start(args, template: Path) -> dict[str, Any]:
    runs = 3 if args.quick else args.start_runs
    out = {}
    for plat in platforms(args):
        folder = make_data_dir(template)
        resume = resume_folder(template)
        out[plat] = run_on(plat, [str(HERE / "bench_start.py"), "series", str(folder), str(runs),
                                  str(resume)])
        log(f"  start ({plat}): bare {out[plat]['bare_median_s']:.3f} s, "
            f"app {out[plat]['app_median_s']:.3f} s, ratio {out[plat]['ratio']:.2f}")
    return out


def part_gui(args, template: Path) -> dict[str, Any]:
    out = {}
    for plat in platforms(args):
        out[plat] = run_on(plat, [str(HERE / "bench_gui.py"), "exam", str(make_data_dir(template))])
        log(f"  exam ({plat}): next p95 {out[plat]['next']['p95_ms']:.2f} ms, "
            f"review {out[plat]['review_first_ms']:.1f} ms, peak {out[plat]['peak_rss_mb']:.0f} MB")
    return out


def part_idle(args, template: Path) -> dict[str, Any]:
    seconds = 3.0 if args.quick else args.idle_seconds
    out = {}
    for plat in platforms(args):
        out[plat] = run_on(plat, [str(HERE / "bench_gui.py"), "idle", str(make_data_dir(template)),
                                  str(seconds)])
        log(f"  idle ({plat}): {out[plat]['ticking']['cpu_pct']:.3f} % of a core")
    return out


def part_save(args, template: Path) -> dict[str, Any]:
    return run_child([str(HERE / "bench_core.py"), "save", str(make_data_dir(template))],
                     child_env("offscreen"))


def part_assembly(args, template: Path) -> dict[str, Any]:
    repeats = 3 if args.quick else 9
    return run_child([str(HERE / "bench_core.py"), "assembly", str(make_data_dir(template)), str(repeats)],
                     child_env("offscreen"))


def part_pdf(args, template: Path) -> dict[str, Any]:
    return run_child([str(HERE / "bench_core.py"), "pdf", str(make_data_dir(template))],
                     child_env("offscreen"))


def part_home(args, template: Path) -> dict[str, Any]:
    return run_child([str(HERE / "bench_home.py"), "200"], child_env("offscreen"))


def part_import(args, template: Path) -> dict[str, Any]:
    return run_child([str(HERE / "bench_import.py"), "--result"], child_env(None))


RUNNERS: dict[str, Callable[[Any, Path], dict[str, Any]]] = {
    "start": part_start, "gui": part_gui, "save": part_save, "assembly": part_assembly, "pdf": part_pdf,
    "idle": part_idle, "home": part_home, "import": part_import,
}


# --- budgets and the table -----------------------------------------------------------

def checks(r: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per figure: (name, what, measured, budget, unit, verdict)."""
    rows: list[dict[str, Any]] = []

    def row(key: str | None, what: str, value: float | None, unit: str = "", note: str = "") -> None:
        budget = BUDGETS[key][0] if key else None
        unit = BUDGETS[key][1] if key else unit
        verdict = "" if key is None or value is None else ("PASS" if value <= budget else "FAIL")
        rows.append({"figure": what, "value": value, "unit": unit, "budget": budget, "verdict": verdict,
                     "key": key, "note": note})

    for plat, s in r.get("start", {}).items():
        row(None, f"start, bare PySide6 window [{plat}]", s["bare_median_s"] * 1000, "ms",
            f"median of {s['runs']}")
        row(None, f"start to Welcome screen [{plat}]", s["app_median_s"] * 1000, "ms",
            f"median of {s['runs']}")
        row("start_ratio", f"start to Welcome / bare [{plat}]", s["ratio"])
        if "home_median_s" in s:
            row(None, f"start to Home [{plat}]", s["home_median_s"] * 1000, "ms", f"median of {s['runs']}")
            row("start_ratio", f"start to Home / bare [{plat}]", s["home_ratio"])
        if "resume_median_s" in s:
            row(None, f"start to the resume question [{plat}]", s["resume_median_s"] * 1000, "ms",
                f"median of {s['runs']}")
            row("resume_ratio", f"start to the resume question / bare [{plat}]", s["resume_ratio"])
    for plat, g in r.get("gui", {}).items():
        cpu = g.get("cpu", {})

        def cpu_p95(name: str, cpu: dict = cpu) -> str:
            return f"CPU p95 {cpu[name]['p95_ms']:.1f} ms" if name in cpu else ""

        row(None, f"Next, click to painted, p50 [{plat}]", g["next"]["p50_ms"], "ms",
            f"{g['next']['n']} clicks")
        row("next_p95", f"Next, click to painted, p95 [{plat}]", g["next"]["p95_ms"], note=cpu_p95("next"))
        row(None, f"Previous, click to painted, p50 [{plat}]", g["previous"]["p50_ms"], "ms")
        row("previous_p95", f"Previous, click to painted, p95 [{plat}]", g["previous"]["p95_ms"],
            note=cpu_p95("previous"))
        row("review_open", f"review screen (150 items), first opening [{plat}]", g["review_first_ms"],
            note=cpu_p95("review_first").replace("CPU p95", "CPU"))
        row("review_open", f"review screen, again, p95 of {g['review_again']['n']} [{plat}]",
            g["review_again"]["p95_ms"], note=cpu_p95("review_again"))
        row(None, f"End exam to score report painted [{plat}]", g["end_to_report_ms"], "ms")
        row("peak_rss", f"peak memory (RSS), whole exam + PDF [{plat}]", g["peak_rss_mb"])
    if "save" in r:
        s = r["save"]
        row(None, "save an answer, p50", s["answer"]["p50_ms"], "ms", f"synchronous={s['synchronous']}")
        row("save_answer_p95", "save an answer, p95", s["answer"]["p95_ms"])
        row(None, "save a flag, p50", s["flag"]["p50_ms"], "ms")
        row("save_flag_p95", "save a flag, p95", s["flag"]["p95_ms"])
    if "assembly" in r:
        a = r["assembly"]
        for name in ("shipped", "10000", "100000"):
            info = a[name]
            label = f"assemble 150 items from {info['bank_items']:,} ({info['last_seen']:,} seen before)"
            row("assembly_100000" if name == "100000" else None, label, a[name]["median_ms"], "ms",
                f"median of {a[name]['runs']}; CPU {a[name]['cpu_median_ms']:.1f} ms")
    if "pdf" in r:
        p = r["pdf"]
        if "with_review" in p:
            row(None, "PDF, score report alone (first in the process)", p["report"]["first_ms"], "ms",
                f"{p['report']['size_kb']:.0f} KB, {p['report']['pages']} pages")
        label = "PDF with the 150-item review" if p.get("checked") == "with_review" else "PDF export"
        pages = p.get("with_review", p.get("report", {})).get("pages")
        row("pdf_time", f"{label} (first in the process)", p["first_ms"])
        row("pdf_size", f"{label}, size", p["size_kb"], note=f"{pages} pages")
        row(None, "`cpim-sim report --pdf`, whole command", p["cli_report_s"] * 1000, "ms")
    if "home" in r:
        h = r["home"]
        row(None, f"Home's progress queries, {h['attempts']} attempts, p50", h["progress"]["p50_ms"], "ms",
            f"p95 {h['progress']['p95_ms']:.1f} ms")
        row("home_panels_p95", f"Home's score, mastery and coverage panels, {h['attempts']} attempts, p95",
            h["panels"]["p95_ms"], note=f"p50 {h['panels']['p50_ms']:.1f} ms")
        row(None, "Home refreshed whole, with readiness and the items due", h["home_refresh"]["p50_ms"], "ms",
            "median of 5")
    if "import" in r:
        row("import_10000", f"import a {r['import']['questions']:,}-question GIFT file into a user bank",
            r["import"]["import_s"], note="median of 3, the bank built")
    for plat, i in r.get("idle", {}).items():
        row("idle_cpu", f"CPU while the clock ticks, {i['ticking']['wall_s']:.0f} s [{plat}]",
            i["ticking"]["cpu_pct"],
            note=f"{i['ticking']['ticks']} ticks")
        row(None, f"CPU with the tick timer stopped [{plat}]", i["timer_stopped"]["cpu_pct"], "% core")
    return rows


def fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"


def table(rows: list[dict[str, Any]]) -> str:
    lines = [f"{'figure':62} {'measured':>10} {'unit':<7} {'budget':>8}  verdict / note",
             "-" * 104]
    for r in rows:
        budget = f"<= {fmt(r['budget'])}" if r["budget"] is not None else ""
        verdict = " ".join(x for x in (r["verdict"], f"({r['note']})" if r["note"] else "") if x)
        lines.append(f"{r['figure']:62} {fmt(r['value']):>10} {r['unit']:<7} {budget:>8}  {verdict}")
    return "\n".join(lines)


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def machine() -> dict[str, Any]:
    import PySide6
    info = {"python": platform.python_version(), "pyside6": PySide6.__version__, "os": platform.platform(),
            "cpus": os.cpu_count(), "cpu": platform.processor() or "", "xvfb": xvfb_available()}
    try:
        with open("/proc/cpuinfo") as f:
            names = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        info["cpu"] = names[0] if names else info["cpu"]
    except OSError:
        pass
    return info


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="fewer repeats and shorter spans: a smoke run")
    p.add_argument("--only", help=f"comma-separated parts: {','.join(PARTS)}")
    p.add_argument("--json", type=Path, default=HERE / "results.json", help="where to write the results")
    p.add_argument("--no-xvfb", action="store_true", help="the offscreen platform only")
    p.add_argument("--start-runs", type=int, default=7, help="start-up runs of each program (default 7)")
    p.add_argument("--idle-seconds", type=float, default=20.0, help="idle CPU span (default 20 s)")
    args = p.parse_args(argv)
    parts = args.only.split(",") if args.only else list(PARTS)
    unknown = set(parts) - set(PARTS)
    if unknown:
        p.error(f"unknown part(s): {', '.join(sorted(unknown))}")

    t0 = time.monotonic()
    load_before = os.getloadavg()
    log("building the shipped bank once ...")
    results: dict[str, Any] = {}
    try:
        template = build_bank_template()
        for part in parts:
            log(f"{part} ...")
            results[part] = RUNNERS[part](args, template)
    finally:
        cleanup()
    rows = checks(results)
    missed = [r for r in rows if r["verdict"] == "FAIL"]
    out = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "quick": args.quick, "machine": machine(),
           "load_average": {"before": [round(x, 2) for x in load_before],
                            "after": [round(x, 2) for x in os.getloadavg()]},
           "seconds": round(time.monotonic() - t0, 1), "budgets": {k: {"max": v[0], "unit": v[1]}
                                                                   for k, v in BUDGETS.items()},
           "table": rows, "results": results,
           "all_met": not missed}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    m = out["machine"]
    print(f"cpim-sim benchmarks: Python {m['python']}, PySide6 {m['pyside6']}, {m['cpus']} CPUs "
          f"({m['cpu']}), "
          f"load {load_before[0]:.2f}{' (quick)' if args.quick else ''}")
    print(table(rows))
    print(f"{len(rows) - len([r for r in rows if not r['verdict']])} budgets checked, {len(missed)} missed; "
          f"results in {args.json} ({out['seconds']:.0f} s)")
    return 3 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
