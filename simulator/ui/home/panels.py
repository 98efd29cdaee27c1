"""Home's readiness and due-today panels (with "where to study next"), filled once
Home is painted (home.py): the practice layer's figures in words.

Apart from the practice picker (study.py), so that filling them imports no dialog."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from ...app import practice
from ...core.readiness import MIN_ANSWERS

if TYPE_CHECKING:
    from .home import HomeWindow


def readiness_text(r: dict[str, float] | None, passing_theta: float, answers: int) -> str:
    """The readiness panel: P(pass) with its interval, or why there is no number yet."""
    if r is None:
        return (f"Not enough answers yet: {answers} of the {MIN_ANSWERS} scored answers readiness needs "
                "(exam answers and first answers in practice, of the last 90 days).")
    return (f"Chance of passing: {r['p_pass']:.0%}\n"
            f"Ability {r['theta']:+.2f} logits, 90% interval {r['low']:+.2f} to {r['high']:+.2f} "
            f"(the passing standard: {passing_theta:+.2f}), from {answers} answers.")


def study_next_lines(rows: list[dict[str, Any]]) -> list[str]:
    lines = []
    for s in rows:
        record = f"{s['correct']} of {s['answered']} right" if s["answered"] else "not answered yet"
        due = f", {s['due']} due" if s["due"] else ""
        lines.append(f"\u2022 {s['subtopic']} ({s['domain']}): {record}{due}")
    return lines


def due_text(due: int, rows: list[dict[str, Any]]) -> str:
    head = (f"{due} item{'s' if due != 1 else ''} due for review today" if due
            else "Nothing due for review today")
    return "\n".join([head, "", "Where to study next:", *study_next_lines(rows)])


def fill_panels(home: HomeWindow, now: datetime | None = None) -> dict[str, Any]:
    """Readiness and due today (with where to study next) on Home; returns the progress."""
    ws = home.desk.workspace
    p = practice.progress(ws, now or practice.wall(home.shell.clock))
    home.screen_.set_readiness(readiness_text(p["readiness"], ws.blueprint.passing_theta, p["answers"]))
    home.screen_.set_due(due_text(p["due_today"], p["study_next"]))
    return p
