"""Practice sets, spaced repetition and readiness on a data folder, without Qt.

The command line (`cpim-sim practice`, `cpim-sim progress`), Home and the results
screen all read what they show of practice from here, so nothing is computed twice:
- new_practice(): a practice set as an ExamRun of kind "practice" (feedback after
  each answer, no clock unless minutes are given), saved and resumed like an exam;
- progress(): the object `cpim-sim progress --json` prints;
- study_next(): the subtopics with the largest deficit, with their items due;
- summary(): a finished practice set's right, wrong, time and schedule change.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..core.assembly import AssemblyError, FormItem, with_seeds
from ..core.clock import Clock
from ..core.practice import DEFAULT_ITEMS, ItemHistory, PracticeError, Standing, choose, standings
from ..core.readiness import Answer, Readiness, counted_answers, estimate
from ..core.scoring import level, p_correct
from ..core.session import ExamSession
from ..core.srs import end_of_day, schedule_change
from ..storage import cards
from ..workspace import ExamRun, Workspace, form_seed, imported_bank, login_name

# A practice set has no clock unless one is asked for: the countdown is there (the
# session needs one) but a week long and never shown.
NO_CLOCK_S = 7 * 24 * 3600.0
TITLE = "Practice"


@dataclass
class PracticeOptions:
    source: str = "all"
    domains: tuple[str, ...] = ()
    subtopics: tuple[str, ...] = ()
    items: int = DEFAULT_ITEMS
    seed: int | None = None
    minutes: float | None = None
    candidate: str | None = None
    bank: str | None = None  # an imported bank by name (default: the shipped bank)


def wall(clock: Clock | None) -> datetime:
    moment = getattr(clock, "wall", None)
    return moment() if callable(moment) else datetime.now(UTC)


def histories(ws: Workspace) -> dict[str, ItemHistory]:
    return {item_id: ItemHistory(item_id, answered, wrong, flagged, last_correct, float(last_seen))
            for item_id, answered, wrong, flagged, last_seen, last_correct in ws.store.item_histories()}


def due_today(ws: Workspace, now: datetime) -> list[str]:
    """Items whose review falls due before the end of the local day."""
    return cards.due_items(ws.store.db, end_of_day(now))


def missed_ids(ws: Workspace) -> list[str]:
    """Items answered wrong in any attempt (an exam still in progress aside)."""
    return sorted(h.item_id for h in histories(ws).values() if h.missed)


def flagged_ids(ws: Workspace) -> list[str]:
    return sorted(h.item_id for h in histories(ws).values() if h.flagged)


def new_practice(ws: Workspace, options: PracticeOptions, clock: Clock) -> ExamRun:
    """A practice set chosen from the history (core/practice.py); raises PracticeError
    with a line for the candidate when the source has nothing to practise."""
    seed = form_seed(options.seed)
    now = wall(clock)
    blueprint, items = ws.blueprint, ws.items
    if imported_bank(options.bank):
        try:
            blueprint, items = ws.user_bank(options.bank)
        except AssemblyError as exc:
            raise PracticeError(str(exc)) from None
    chosen = choose(options.source, items, histories(ws), due=due_today(ws, now),
                    passing_theta=blueprint.passing_theta, domains=options.domains,
                    subtopics=options.subtopics, n=options.items, seed=seed)
    # templates get fresh numbers each practice set, drawn from the set's seed
    form = with_seeds([FormItem(position, item, False) for position, item in enumerate(chosen)],
                      random.Random(seed))
    allowed = NO_CLOCK_S if options.minutes is None else options.minutes * 60
    session = ExamSession(form, allowed, clock, mode="study", kind="practice")
    run = ExamRun(session, f"{TITLE}: {describe_source(options)}", options.candidate or login_name(), seed)
    run.extras["practice"] = {"source": options.source, "timed": options.minutes is not None}
    if blueprint is not ws.blueprint:  # scored against the imported bank's own domains and standard
        run.extras["domains"] = blueprint.names
        run.extras["passing_theta"] = blueprint.passing_theta
    return run


def describe_source(options: PracticeOptions) -> str:
    what = {"all": "all items", "missed": "missed items", "flagged": "flagged items",
            "due": "items due today", "weak": "weakest first"}.get(options.source, options.source)
    scope = list(options.domains) + list(options.subtopics)
    return what + (f" in {', '.join(scope)}" if scope else "")


# --- readiness and progress -----------------------------------------------------------

def counted(ws: Workspace, now: datetime) -> list[Answer]:
    """The answers readiness counts: those to the shipped bank's items only (an imported
    bank's items sit on no CPIM scale)."""
    shipped = {item.id for item in ws.catalogue}
    return counted_answers((Answer(item_id, b, ok, _when(at), kind)
                            for item_id, b, ok, kind, at in ws.store.first_scored_answers()
                            if item_id in shipped), now)


def _when(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def readiness(ws: Workspace, now: datetime) -> Readiness | None:
    return estimate(counted(ws, now), ws.blueprint.passing_theta)


def study_next(ws: Workspace, now: datetime, n: int = 3,
               known: dict[str, ItemHistory] | None = None) -> list[Standing]:
    """"Where to study next": the n subtopics with the largest deficit, with their items due."""
    return standings(ws.catalogue, known if known is not None else histories(ws), ws.blueprint.passing_theta,
                     due_today(ws, now))[:n]


def progress(ws: Workspace, now: datetime) -> dict[str, Any]:
    """The object `progress --json` prints (a promise to scripts), with "where to study next" as well."""
    answers = counted(ws, now)
    known = histories(ws)
    by_id = {item.id: item for item in ws.catalogue}
    domains = []
    theta_c = ws.blueprint.passing_theta
    for name in ws.blueprint.names:
        mine = [a for a in answers if (it := by_id.get(a.item_id)) is not None and it.domain == name]
        probs = [p_correct(theta_c, a.difficulty) for a in mine]
        right = sum(1 for a in mine if a.correct)
        lvl, _margin = level(right, sum(probs), sum(p * (1 - p) for p in probs))
        domains.append({"name": name, "answered": len(mine), "correct": right,
                        "level": lvl if mine else "unknown"})
    r = estimate(answers, theta_c)
    return {
        "sittings": ws.store.sittings(set(by_id)),  # the shipped bank's, as readiness
        "answers": len(answers),
        "readiness": r.to_json() if r is not None else None,
        "passing_theta": theta_c,
        "due_today": cards.due_count(ws.store.db, end_of_day(now)),
        "coverage": {"seen": len(set(known) & set(by_id)), "total": len(by_id)},
        "domains": domains,
        "study_next": [{"domain": s.domain, "subtopic": s.subtopic, "answered": s.answered,
                        "correct": s.correct, "deficit": round(s.deficit, 3), "due": s.due}
                       for s in study_next(ws, now, known=known)],
    }


# --- the end of a practice set ---------------------------------------------------------

def summary(ws: Workspace, attempt_id: int, now: datetime) -> dict[str, Any]:
    """Right, wrong, unanswered, time, and what the set did to the schedule."""
    report = ws.report(attempt_id)
    answered = [it for it in report["items"] if it["response"] is not None]
    right = sum(1 for it in answered if it["correct"])
    schedule = cards.schedule_of(ws.store.db, attempt_id)
    change = schedule_change(list(schedule.values()), now)
    by_id = {item.id: item for item in ws.catalogue}
    today_end = end_of_day(now)
    rows = []
    for it in report["items"]:
        due = schedule.get(it["item_id"]) if it["response"] is not None else None
        item = by_id.get(it["item_id"])
        rows.append({"position": it["position"], "item_id": it["item_id"], "domain": it["domain"],
                     "subtopic": item.subtopic if item else "", "response": it["response"], "key": it["key"],
                     "correct": it["correct"],
                     "next_review": None if due is None else "today" if due < today_end else
                     f"in {(due.astimezone().date() - now.astimezone().date()).days} days"})
    return {"id": attempt_id, "right": right, "wrong": len(answered) - right, "rows": rows,
            "unanswered": len(report["items"]) - len(answered), "items": len(report["items"]),
            "time_used_s": report["time_used_s"], "due_today": change.due_today, "later": change.later,
            "min_days": change.min_days, "max_days": change.max_days, "schedule": change.describe()}


# --- for the score report (screen and PDF) -----------------------------------------------

def study_block(ws: Workspace, now: datetime) -> dict[str, Any]:
    """Readiness, due today and where to study next, as the score report shows them."""
    p = progress(ws, now)
    return {"as_of": now.isoformat(timespec="seconds"), "answers": p["answers"], "readiness": p["readiness"],
            "passing_theta": p["passing_theta"], "due_today": p["due_today"], "study_next": p["study_next"]}


def study_lines(block: dict[str, Any]) -> list[str]:
    """The block as plain lines: the same words on the results screen and in the PDF."""
    from ..core.readiness import MIN_ANSWERS
    r = block["readiness"]
    lines = [f"Readiness: chance of passing {r['p_pass']:.0%}; ability {r['theta']:+.2f} logits, 90% "
             "interval "
             f"{r['low']:+.2f} to {r['high']:+.2f} (passing standard {block['passing_theta']:+.2f}), from "
             f"{block['answers']} answers." if r is not None else
             f"Readiness: not enough answers yet ({block['answers']} of the {MIN_ANSWERS} it needs).",
             f"Due for review today: {block['due_today']} items.", "Where to study next:"]
    for s in block["study_next"]:
        record = f"{s['correct']} of {s['answered']} right" if s["answered"] else "not answered yet"
        lines.append(f"  {s['subtopic']} ({s['domain']}): {record}, {s['due']} due")
    return lines
