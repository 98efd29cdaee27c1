"""The data folder at work: the bank, the attempts, and the exam runs between them.

This is the one place that turns options into a form, a form into a saved
attempt, and a saved attempt into a scored report. The command line, the screens
and the PDF all read the same report, so nothing is computed twice.
"""

from __future__ import annotations

import json
import logging
import random
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from .core.assembly import AssemblyError, FormItem, assemble, form_plan
from .core.blueprint import Blueprint, load_blueprint
from .core.clock import Clock
from .core.session import ExamSession, Phase
from .paths import default_blueprint, question_db_dir
from .storage.attempts import AttemptStore, as_stored, states_of
from .storage.bankdb import Bank, open_bank
from .storage.datadir import ensure
from .storage.lock import DataFolderLock

if TYPE_CHECKING:  # the models load SQLAlchemy, which the start does without (storage/database.py)
    from .core.items import Item
    from .core.scoring import Result
    from .storage.models import Attempt, AttemptItem

log = logging.getLogger(__name__)
SHIPPED_BANK = "cpim"


@dataclass
class ExamOptions:
    seed: int | None = None
    items: int | None = None
    minutes: float | None = None
    mode: str = "exam"
    onvue: bool = False
    extra_time_pct: float = 0.0
    candidate: str | None = None
    domains: tuple[str, ...] = ()    # draw only from these domains (default: all, in blueprint proportion)
    subtopics: tuple[str, ...] = ()  # and within them only these subtopics (default: all)
    bank: str | None = None          # an imported bank by name (default: the shipped bank)


@dataclass
class ExamRun:
    """A session with what the screens and the report need to know about it."""
    session: ExamSession
    title: str
    candidate: str
    seed: int
    onvue: bool = False
    extra_time_pct: float = 0.0
    attempt_id: int | None = None
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ExamPlan:
    """A new exam as it will be once its form is drawn: what its first screens say of
    it (Workspace.plan), and the seed the draw will use."""
    title: str
    candidate: str
    seed: int
    items: int
    allowed_s: float
    mode: str
    onvue: bool
    extra_time_pct: float


def login_name() -> str:
    try:
        import getpass  # not with the module: most starts have the name from Settings
        return getpass.getuser()
    except Exception:
        return "Candidate"


class Workspace:
    def __init__(self, folder: Path, source: Path | None = None, blueprint: Blueprint | None = None, *,
                 lock: DataFolderLock | None = None, readonly: bool = False, fresh: bool = False,
                 check_writable: bool = False) -> None:
        """Open the data folder. The user database is checked first (and repaired,
        upgraded: storage/userdb.py), so a problem there raises UserDbProblem before
        anything else is touched.

        lock: the folder's lock, held by the caller, released by close().
        readonly: another program holds the lock; look, change nothing.
        fresh: with no user database, start a new one even if backups exist.
        check_writable: prove that the folder and the database can be written
        (the window, before it offers an exam that must be saved)."""
        self.folder = ensure(folder)
        self.lock = lock
        user_blueprint = self.folder / "blueprint.toml"
        self.blueprint = blueprint or (load_blueprint(user_blueprint) if user_blueprint.exists()
                                       else default_blueprint())
        self.store = AttemptStore(self.folder, readonly=readonly, fresh=fresh, check_writable=check_writable)
        self.bank: Bank
        try:
            self.bank, self.bank_problems = open_bank(source or question_db_dir(), self.folder,
                                                      self.blueprint)
        except BaseException:
            self.store.close()
            raise
        self._items: list[Item] | None = None
        self._catalogue: list[Item] | None = None
        self._user_banks: dict[str, tuple[Bank, Blueprint, list[Item]]] = {}

    def close(self) -> None:
        for bank, _, _ in self._user_banks.values():
            bank.close()
        self.bank.close()
        self.store.close()
        if self.lock is not None:
            self.lock.release()

    @property
    def items(self) -> list[Item]:
        if self._items is None:
            self._items = self.bank.items()
        return self._items

    @property
    def catalogue(self) -> list[Item]:
        """The shipped bank's items for drawing a form and for counting, their texts left
        empty (Bank.catalogue), or `items` once they are read. Never shown: a form drawn
        from it is read in full (new_exam)."""
        if self._items is not None:
            return self._items
        if self._catalogue is None:
            self._catalogue = self.bank.catalogue()
        return self._catalogue

    # --- a new exam --------------------------------------------------------------
    def user_bank(self, name: str) -> tuple[Blueprint, list[Item]]:
        """An imported bank's blueprint and items, built on first use (AssemblyError,
        with the reason, when it cannot be opened)."""
        if name not in self._user_banks:
            from .core.blueprint import BlueprintError
            from .storage.userbanks import bank_paths
            try:
                source, blueprint_path, build_dir = bank_paths(self.folder, name)
                blueprint = load_blueprint(blueprint_path)
            except (LookupError, ValueError, BlueprintError) as exc:  # told like a form that cannot be drawn
                raise AssemblyError(str(exc)) from None
            bank, _problems = open_bank(source, build_dir, blueprint)
            self._user_banks[name] = (bank, blueprint, bank.items())
        _, blueprint, items = self._user_banks[name]
        return blueprint, items

    def plan(self, options: ExamOptions) -> ExamPlan | None:
        """The exam `options` ask for, before its form is drawn: a form of the shipped
        bank's whole blueprint has a known length and time. None when only the draw can
        tell (a custom exam on some domains, an imported bank). Raises AssemblyError for
        a length the blueprint cannot have, as the draw would."""
        if options.domains or options.subtopics or imported_bank(options.bank):
            return None
        n = self.blueprint.items if options.items is None else options.items
        form_plan(self.blueprint, n)
        return ExamPlan(self.blueprint.title, options.candidate or login_name(), form_seed(options.seed), n,
                        allowed_seconds(options, self.blueprint, n), options.mode, options.onvue,
                        options.extra_time_pct)

    def new_exam(self, options: ExamOptions, clock: Clock, plan: ExamPlan | None = None) -> ExamRun:
        """A new exam's form drawn and its session made, not begun; `plan` (from plan())
        keeps the seed and the time it announced."""
        seed = plan.seed if plan is not None else form_seed(options.seed)
        if imported_bank(options.bank):
            # An imported bank sits whole, by its own blueprint and passing standard.
            blueprint, pool = self.user_bank(options.bank)
            whole = blueprint
            form = assemble(pool, blueprint, options.items, seed, self.store.last_seen())
        else:
            blueprint, pool = self._scope(options)
            whole = self.blueprint
            form = self._in_full(assemble(pool, blueprint, options.items, seed, self.store.last_seen()))
        session = ExamSession(form, allowed_seconds(options, whole, len(form)), clock, mode=options.mode)
        candidate = plan.candidate if plan is not None else options.candidate or login_name()
        run = ExamRun(session, whole.title, candidate, seed, options.onvue, options.extra_time_pct)
        if blueprint is not self.blueprint:
            run.extras["domains"] = blueprint.names  # scored on the chosen domains only
            run.extras["passing_theta"] = whole.passing_theta
        return run

    def _in_full(self, form: list[FormItem]) -> list[FormItem]:
        """A form drawn from the catalogue with its items read in full (a rendered
        template is in full already): the form assemble() draws from `items`."""
        full = self.bank.get([f.item.id for f in form if f.seed is None])
        return [f if f.seed is not None else replace(f, item=full[f.item.id]) for f in form]

    def _scope(self, options: ExamOptions) -> tuple[Blueprint, list[Item]]:
        """The blueprint and the catalogue's items of a custom exam on some domains or
        subtopics (all of them for a full one): the chosen domains keep their relative
        weights."""
        if not options.domains and not options.subtopics:
            return self.blueprint, self.catalogue
        wanted = set(options.subtopics)
        domains = tuple(replace(d, subtopics=tuple(t for t in d.subtopics if not wanted or t in wanted))
                        for d in self.blueprint.domains
                        if (not options.domains or d.name in options.domains)
                        and (not wanted or wanted & set(d.subtopics)))
        if not domains:
            raise AssemblyError("none of the chosen domains or subtopics is in the blueprint")
        names = {d.name: set(d.subtopics) for d in domains}
        pool = [i for i in self.catalogue
                if i.domain in names and (not wanted or i.subtopic in names[i.domain])]
        return replace(self.blueprint, domains=domains), pool

    def begin(self, run: ExamRun) -> int:
        """'Begin the exam?' Yes: the attempt is saved from here on. Raises
        storage.attempts.WriteFailed (with a message for the candidate) if the attempt
        cannot be created; nothing has started then."""
        s = run.session
        run.attempt_id = self.store.create(
            s.form, candidate=run.candidate, title=run.title, mode=s.mode, seed=run.seed,
            allowed_s=s.countdown.allowed_s, extra_time_pct=run.extra_time_pct, onvue=run.onvue,
            passing_theta=run.extras.get("passing_theta", self.blueprint.passing_theta),
            domains=run.extras.get("domains", self.blueprint.names),
            kind=s.kind)
        s.subscribe(self.store.recorder(run.attempt_id, s.kind))
        s.begin()
        return run.attempt_id

    # --- an unfinished exam ----------------------------------------------------------
    def unfinished(self) -> Attempt | None:
        return self.store.unfinished()

    def resume(self, attempt: Attempt, clock: Clock) -> ExamRun:
        bank = self.bank.get([row.item_id for row in attempt.items])
        form = [FormItem(row.position, shown_item(row, bank) or missing_item(row), row.pretest, row.seed)
                for row in attempt.items]
        session = ExamSession(form, attempt.time_allowed_s, clock, mode=attempt.mode, kind=attempt.kind,
                              states=states_of(attempt), used_s=attempt.time_used_s,
                              position=attempt.position, phase=Phase(attempt.phase))
        run = ExamRun(session, attempt.title, attempt.candidate, attempt.form_seed, attempt.onvue,
                      attempt.extra_time_pct, attempt.id)
        session.subscribe(self.store.recorder(attempt.id, attempt.kind))
        return run

    # --- the end ---------------------------------------------------------------------
    def finish(self, run: ExamRun) -> dict[str, Any]:
        """Score a run that has ended (by the candidate or the clock) and save it."""
        assert run.attempt_id is not None and run.session.phase.over
        attempt = self.store.get(run.attempt_id)
        assert attempt is not None
        s = run.session
        result = self._score([(f.item.domain, f.item.difficulty, f.pretest, st.response == f.item.key)
                              for f, st in zip(s.form, s.states, strict=False)], attempt)
        practice = s.kind == "practice"  # a practice set has no scaled score and no verdict
        self.store.finish(run.attempt_id, s, scaled=None if practice else result.scaled_score,
                          passed=None if practice else result.passed,
                          raw_correct=result.raw_correct, raw_cut=result.raw_cut)
        report = self.report(run.attempt_id)
        from .app.practice import study_block, wall  # the score report's readiness and where to study next
        report["study"] = study_block(self, wall(s.clock))
        return report

    def _score(self, rows: list[tuple[str, float, bool, bool]], attempt: Attempt) -> Result:
        from .core.scoring import ScoredItem, score  # needed only once an exam ends
        return score([ScoredItem(*row) for row in rows], json.loads(attempt.domains_json),
                     attempt.passing_theta, self.blueprint.scale_min, self.blueprint.scale_cut,
                     self.blueprint.scale_max)

    def resolve(self, ref: str) -> int:
        """An attempt id from 'last' or a number; LookupError if there is none."""
        if ref == "last":
            last = self.store.last_id()
            if last is None:
                raise LookupError("there are no attempts yet")
            return last
        try:
            attempt_id = int(ref)
        except ValueError:
            raise LookupError(f"not an attempt id: {ref!r} (a number or 'last')") from None
        if self.store.get(attempt_id) is None:
            raise LookupError(f"no attempt with id {attempt_id}")
        return attempt_id

    def report(self, attempt_id: int) -> dict[str, Any]:
        """Everything known of one attempt, in the shape `attempts show --json` promises scripts."""
        attempt = self.store.get(attempt_id)
        if attempt is None:
            raise LookupError(f"no attempt with id {attempt_id}")
        result = self._score([(r.domain, r.difficulty, r.pretest, r.response == r.key)
                              for r in attempt.items], attempt)
        from .core.pacing import pacing
        done = attempt.status != "in_progress"
        items = [{"position": r.position + 1, "item_id": r.item_id, "domain": r.domain,
                  "pretest": r.pretest, "response": r.response, "key": r.key,
                  "correct": r.response == r.key, "flagged": r.flagged,
                  "seconds": round(r.seconds, 1), "seed": getattr(r, "seed", None)} for r in attempt.items]
        return {
            "id": attempt.id,
            "status": attempt.status,
            "title": attempt.title,
            "candidate": attempt.candidate,
            "mode": attempt.mode,
            "kind": attempt.kind,
            "started_at": attempt.started_at,
            "finished_at": attempt.finished_at,
            "form_seed": attempt.form_seed,
            "time_allowed_s": round(attempt.time_allowed_s, 1),
            "time_used_s": round(attempt.time_used_s, 1),
            "extra_time_pct": attempt.extra_time_pct,
            "onvue": attempt.onvue,
            "focus_losses": attempt.focus_losses,
            "scaled_score": result.scaled_score if done and attempt.kind == "exam" else None,
            "passed": result.passed if done and attempt.kind == "exam" else None,
            "raw_correct": result.raw_correct,
            "raw_cut": round(result.raw_cut, 2),
            "operational_count": result.operational_count,
            "pretest_count": result.pretest_count,
            "flagged_count": sum(1 for r in attempt.items if r.flagged),
            "domains": [{"name": d.name, "items": d.items, "correct": d.correct,
                         "percent": round(d.percent, 1), "expected": round(d.expected, 2),
                         "level": d.level} for d in result.domains],
            "pacing": pacing(items, json.loads(attempt.domains_json), attempt.time_used_s,
                             attempt.time_allowed_s),
            "items": items,
        }

    def answers(self, attempt_id: int) -> list[dict[str, Any]]:
        """The items of an attempt with their text, the candidate's answer, the key and
        the explanation: for the answer review after the exam and the PDF."""
        report = self.report(attempt_id)
        attempt = self.store.get(attempt_id)
        assert attempt is not None  # report() found it
        rows = {row.position + 1: row for row in attempt.items}
        bank = self.bank.get([it["item_id"] for it in report["items"]])
        out = []
        for it in report["items"]:
            # as the candidate saw it, not as the bank has it now
            item = shown_item(rows[it["position"]], bank)
            out.append({**it, "stem": item.stem if item else "(no longer in the bank)",
                        "options": list(item.options) if item else ["", "", "", ""],
                        "exhibit": item.exhibit.to_json() if item and item.exhibit else None,
                        "explanation": item.explanation if item else "", "subtopic": item.subtopic if item
                        else ""})
        return out

    def delete(self, attempt_id: int) -> None:
        self.store.delete(attempt_id)

    def history(self) -> list[dict[str, Any]]:
        """One row per attempt; `items` is its form's length and `full_form` whether that
        is the blueprint's full form (a full mock exam, when in exam mode)."""
        counts = self.store.item_counts()
        return [{"id": a.id, "started": a.started_at, "finished": a.finished_at, "status": a.status,
                 "mode": a.mode, "kind": a.kind, "scaled_score": a.scaled_score, "passed": a.passed,
                 "items": counts.get(a.id, 0), "full_form": counts.get(a.id, 0) >= self.blueprint.items}
                for a in self.store.all()]


def form_seed(seed: int | None) -> int:
    """The seed asked for, or a fresh one."""
    return seed if seed is not None else random.SystemRandom().randrange(2**31)


def imported_bank(name: str | None) -> TypeGuard[str]:
    """`name` (an option's bank) is an imported bank, not the shipped one."""
    return bool(name) and name != SHIPPED_BANK


def allowed_seconds(options: ExamOptions, blueprint: Blueprint, items: int) -> float:
    """A form's time: the minutes asked for, or the blueprint's for its length; with the
    extra time of an accommodation."""
    minutes = options.minutes if options.minutes is not None else exam_minutes(blueprint, items)
    return minutes * 60 * (1 + options.extra_time_pct / 100)


def exam_minutes(blueprint: Blueprint, items: int) -> float:
    """The time a form of this many items gets: the full form's time, or for a shorter
    one the real pace (210 minutes for 150 items is 1.4 minutes an item)."""
    if items >= blueprint.items:
        return blueprint.minutes
    return round(blueprint.minutes / blueprint.items * items, 2)


def shown_item(row: AttemptItem, bank: dict[str, Item]) -> Item | None:
    """An attempt's item as it was shown: the copy the attempt keeps (schema 4) over
    the bank's item; an attempt from before keeps no copy and gets the bank's item
    (a template with the attempt's numbers). None if neither is there."""
    base = as_shown(bank.get(row.item_id), row.seed)
    if row.stem is None:
        return base
    return as_stored(row, base or missing_item(row))


def as_shown(item: Item | None, seed: int | None) -> Item | None:
    """A template item of the bank with the numbers the attempt showed (its stored
    seed); any other item as it is."""
    if item is None or seed is None:
        return item
    from .core.templates import TemplateError, render_item
    try:
        return render_item(item, seed)
    except TemplateError:  # the template changed since: show what the bank has
        return item


def missing_item(row) -> Item:
    """Stands in for an item the bank no longer has, so an old attempt still opens."""
    from .core.items import Item
    return Item(id=row.item_id, domain=row.domain, subtopic="", level="recall",
                difficulty=row.difficulty, stem=f"(Item {row.item_id} is no longer in the question bank.)",
                options=("-", "--", "---", "----"), key=row.key,
                explanation="This item was removed from the bank after the attempt.")
