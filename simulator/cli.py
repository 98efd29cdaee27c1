"""The command line: the window's options and the subcommands that open no window (their names,
options, exit codes and JSON are a promise to scripts: keep them as they are)."""

from __future__ import annotations

import argparse
import gc
import json
import math
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import __version__

PROG = "cpim-sim"


class UsageError(Exception):
    """A problem the user can fix; shown as one line, exit status 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not argparse's usage block
        raise UsageError(message)


def _int_range(lo: int, hi: int | None = None):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < lo or (hi is not None and value > hi):
            top = hi if hi is not None else "any"
            raise argparse.ArgumentTypeError(f"{value} is out of range ({lo} to {top})")
        return value
    return parse


def _positive_float(limit: float, allow_zero: bool = False):
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not math.isfinite(value) or value < 0 or (value == 0 and not allow_zero) or value > limit:
            raise argparse.ArgumentTypeError(f"{text} is out of range (up to {limit:g})")
        return value
    return parse


def _exam_options(p: argparse.ArgumentParser, default: object = None) -> None:
    """The exam options; unset ones stay None (Settings or the blueprint decide).
    default: argparse.SUPPRESS for a subcommand's copy, so it leaves alone what was
    given before the subcommand."""
    def d(value: object) -> object:
        return default if default is argparse.SUPPRESS else value
    p.add_argument("--seed", type=_int_range(0, 2**31 - 1), default=d(None),
                   help="make the form reproducible")
    p.add_argument("--items", type=_int_range(1, 150), metavar="N", default=d(None),
                   help="a shorter custom exam of N items in blueprint proportion (default 150)")
    p.add_argument("--minutes", type=_positive_float(24 * 60), metavar="M", default=d(None),
                   help="time allowed in minutes, fractions allowed (default 210)")
    p.add_argument("--mode", choices=("exam", "study"), default=d(None),
                   help="exam: feedback at the end (default); study: after each answer")
    p.add_argument("--onvue", action="store_true", default=d(False),
                   help="the online-proctored (OnVUE) look and rules")
    p.add_argument("--extra-time", type=_positive_float(300, allow_zero=True), default=d(None), metavar="PCT",
                   help="accommodation: add PCT percent to the time allowed (default: Settings)")
    p.add_argument("--candidate", metavar="NAME", default=d(None),
                   help="name in the header and on the report (default: Settings, else the login name)")
    p.add_argument("--resume", action="store_true", default=d(False),
                   help="resume the unfinished attempt without asking")
    p.add_argument("--bank", metavar="NAME", default=d(None),
                   help="sit a form from an imported bank (cpim-sim bank list) by its own blueprint")


def build_parser() -> Parser:
    p = Parser(prog=PROG, description="A mock CPIM exam in the style of the Pearson VUE test driver. "
               "Not affiliated with ASCM or Pearson VUE.")
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    p.add_argument("--data-dir", metavar="DIR",
                   help="where the user database, settings and logs live (env CPIM_SIM_DATA_DIR)")
    _exam_options(p)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    # `cpim-sim exam [options]`: straight to the exam's Welcome, the options after it too.
    _exam_options(sub.add_parser("exam", help="open the window straight on a new exam (no Home)"),
                  argparse.SUPPRESS)

    bank = sub.add_parser("bank", help="the question bank").add_subparsers(
        dest="bank_command", metavar="stats|validate|import|list|export|render", required=True,
        parser_class=Parser)
    stats = bank.add_parser("stats", help="items per domain, keys, levels, difficulty")
    stats.add_argument("--json", action="store_true")
    validate = bank.add_parser("validate", help="check a bank; PATH:LINE: message per problem")
    validate.add_argument("path", nargs="?", help="a bank file or folder (default: the shipped bank)")
    imports = bank.add_parser("import",
                              help="import a question file (GIFT, Aiken, Moodle XML, CSV) as a user bank")
    imports.add_argument("file", metavar="FILE")
    imports.add_argument("--format", choices=("gift", "aiken", "moodle-xml", "csv"),
                         help="the file's format (default: found from its content)")
    imports.add_argument("--name", metavar="NAME", help="the bank's name (default: from the file name)")
    imports.add_argument("--json", action="store_true")
    banks = bank.add_parser("list", help="the shipped bank and the user banks")
    banks.add_argument("--json", action="store_true")
    export = bank.add_parser("export",
                             help="write a bank's items to a file (Anki .apkg, Moodle XML, GIFT ...)")
    export.add_argument("file", metavar="FILE")
    export.add_argument("--format", required=True, choices=("anki", "moodle-xml", "gift", "aiken", "csv"))
    export.add_argument("--bank", metavar="NAME", help="a user bank (default: the shipped bank)")
    export.add_argument("--only", choices=("missed", "flagged", "due"),
                        help="only the items you missed, flagged, or that are due for review today")
    render = bank.add_parser("render",
                             help="one item as a candidate sees it; a template with a seed's numbers")
    render.add_argument("id", metavar="ID")
    render.add_argument("--seed", dest="render_seed", type=_int_range(0, 499), default=0, metavar="N",
                        help="the seed of a template's numbers, 0 to 499 (default 0)")
    render.add_argument("--json", action="store_true")

    attempts = sub.add_parser("attempts", help="your attempts").add_subparsers(
        dest="attempts_command", metavar="list|show", required=True, parser_class=Parser)
    listing = attempts.add_parser("list", help="one row per attempt")
    listing.add_argument("--json", action="store_true")
    show = attempts.add_parser("show", help="one attempt in full")
    show.add_argument("ref", metavar="ID|last")
    show.add_argument("--json", action="store_true")

    report = sub.add_parser("report", help="write the results PDF")
    report.add_argument("ref", metavar="ID|last")
    report.add_argument("--pdf", required=True, metavar="FILE")

    practice = sub.add_parser("practice", help="open the window straight into a practice set (feedback after "
                              "each answer), ending on its summary")
    practice.add_argument("--source", choices=("all", "missed", "flagged", "due", "weak"), default="all",
                          help="all items, items missed or flagged before, items due today, or weakest first")
    practice.add_argument("--domain", action="append", default=[], metavar="NAME",
                          help="only this domain (repeatable)")
    practice.add_argument("--subtopic", action="append", default=[], metavar="NAME",
                          help="only this subtopic (repeatable)")
    practice.add_argument("--items", type=_int_range(1, 150), default=20, metavar="N",
                          help="at most N items (20)")
    practice.add_argument("--bank", metavar="NAME", help="a bank by name (cpim-sim bank list)")
    progress = sub.add_parser("progress", help="readiness, items due today, coverage, mastery by domain")
    progress.add_argument("--json", action="store_true")
    _global_options_everywhere(p)
    return p


def _global_options_everywhere(parser: argparse.ArgumentParser) -> None:
    """Accept the global options after a subcommand too (`attempts show last
    --data-dir DIR`). The subcommands' copies default to SUPPRESS, so a value given
    before the subcommand is not overwritten by the subparser's default."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                if not any("--data-dir" in a.option_strings for a in sub._actions):
                    sub.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                                     help="where the user database, settings and logs live")
                _global_options_everywhere(sub)


def window_parser() -> Parser:
    """The options of the window alone (no subcommand): what `cpim-sim [options]` parses."""
    p = Parser(prog=PROG, add_help=False)
    p.add_argument("--data-dir", metavar="DIR")
    _exam_options(p)
    return p


def parse(args_list: list[str]) -> argparse.Namespace:
    """The command line. A window's start names no subcommand, and the full parser (a
    parser per subcommand) takes a few milliseconds to build, so the window's options
    are tried alone first; anything else, or any problem, goes to the full parser,
    which gives the same namespace or the same message."""
    if not any(a in COMMANDS or a in ("exam", "-h", "--help", "--version") for a in args_list):
        try:
            args = window_parser().parse_args(args_list)
        except UsageError:
            pass
        else:
            args.command = None
            return args
    return build_parser().parse_args(args_list)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parse(args_list)
        if args.command in (None, "exam"):
            # The window's start allocates a great many objects that live as long as the
            # program (modules, classes, Qt's wrappers): the cyclic collector, left on,
            # walks them again and again for nothing. It resumes once the first screen is
            # painted (run_gui), with what the start made set aside (gc.freeze).
            gc.disable()
            try:
                # The layers below the screens first, then Qt: once PySide6 is imported it
                # reads the source of every module an import statement names, to look for
                # its __feature__ switches (shibokensupport/feature.py), 11 ms of the start
                # when these came after it.
                from .app import desk, runs  # noqa: F401
                from .core import words  # noqa: F401
                from .ui.launch import run_gui  # Qt only when a window is wanted
                return run_gui(args)
            finally:
                gc.enable()
        _quiet_logging()
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def _quiet_logging() -> None:
    """A command's trouble is said once, in its one line: the log records behind it
    (a damaged file moved aside, a bank file left out) are not printed as well, which
    Python's last-resort handler would do when nothing else takes them."""
    import logging
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())


def _workspace(args):
    """The data folder for a command that reads it. If no simulator runs there, the
    command holds the folder's lock while it works and may repair or upgrade the
    user database; if one runs, it only reads (SQLite's WAL lets it) and changes
    nothing. A damaged database is one line naming the moved file and the backup."""
    from .core.assembly import AssemblyError
    from .core.blueprint import BlueprintError
    from .storage.datadir import data_dir, ensure
    from .storage.lock import AlreadyRunning, DataFolderLock
    from .storage.userdb import UserDbProblem
    from .workspace import Workspace
    folder = data_dir(args.data_dir)
    lock: DataFolderLock | None = None
    unwritable: str | None = None
    try:
        ensure(folder)
        lock = DataFolderLock(folder).acquire()
    except AlreadyRunning:
        lock = None  # a window has the folder: read only
    except OSError as exc:
        lock = None  # a read-only folder can still be read
        unwritable = exc.strerror or str(exc)
    try:
        return Workspace(folder, lock=lock, readonly=lock is None)
    except BaseException as exc:
        if lock is not None:
            lock.release()
        if isinstance(exc, UserDbProblem):
            if exc.kind == "busy" and unwritable:  # no simulator runs: the folder cannot be written
                raise UsageError(f"the file of your attempts in {folder} must be upgraded or repaired, but "
                                 f"the folder cannot be written ({unwritable}); free some disk space or make "
                                 "the folder writable, and try again") from None
            raise UsageError(exc.one_line()) from None
        if isinstance(exc, (BlueprintError, AssemblyError)):
            raise UsageError(str(exc)) from None
        if isinstance(exc, OSError):
            raise UsageError(f"cannot use the data folder {folder}: {exc.strerror or exc}") from None
        from sqlalchemy.exc import SQLAlchemyError
        if isinstance(exc, SQLAlchemyError):  # a damaged database must not end in a traceback
            reason = getattr(exc, "orig", exc)
            raise UsageError(f"the database in {folder} cannot be read: {reason}") from None
        raise


# --- bank ---------------------------------------------------------------------------

def cmd_bank(args) -> int:
    if args.bank_command in ("import", "list", "export"):
        from .exchange import EXCHANGE_COMMANDS
        return EXCHANGE_COMMANDS[args.bank_command](args, _workspace, UsageError)
    if args.bank_command == "render":
        return cmd_bank_render(args)
    from .core.validate import bank_files, report_lines, validate_paths
    from .paths import default_blueprint, question_db_dir
    blueprint = default_blueprint()
    if args.bank_command == "validate":
        target = Path(args.path) if args.path else question_db_dir()
        if not target.exists():
            raise UsageError(f"no such file or folder: {target}")
        paths = bank_files(target)
        if not paths:
            raise UsageError(f"no .toml bank files in {target}: name a bank file or a folder of them")
        parsed, problems = validate_paths(paths, blueprint)
        for problem in report_lines(parsed, problems):  # warnings too, file by file
            print(problem)
        count = sum(len(f.items) for f in parsed)
        warnings = sum(len(f.warnings) for f in parsed)
        if problems:
            print(f"{len(problems)} problem(s), {warnings} warning(s) in {len(paths)} file(s)",
                  file=sys.stderr)
            return 1
        print(f"OK: {count} items in {len(paths)} file(s), no problems" + (f", {warnings} warning(s)"
                                                                           if warnings else ""))
        return 0
    parsed, _ = validate_paths(bank_files(question_db_dir()), blueprint)
    stats = bank_stats([item for f in parsed for item in f.items], blueprint)
    if args.json:
        print(json.dumps(stats, indent=2))
    else:
        print(format_stats(stats))
    return 0


def cmd_bank_render(args) -> int:
    """One item of the shipped bank as shown; a template with the numbers of --seed."""
    from .core.templates import TemplateError, is_template, render_item
    from .core.validate import calc_result
    ws = _workspace(args)  # the built bank: checked once when it was built, not on every render
    try:
        found = list(ws.bank.get([args.id]).values())
    finally:
        ws.close()
    if not found:
        raise UsageError(f"no item {args.id!r} in the bank (ids look like INV-5001; see bank stats --json)")
    template = is_template(found[0])
    try:
        item = render_item(found[0], args.render_seed) if template else found[0]
    except TemplateError as exc:
        raise UsageError(f"{args.id}: {exc}") from None
    out: dict[str, Any] = {
        "id": item.id, "stem": item.stem, "options": dict(zip(item.letters, item.options, strict=False)),
        "key": item.key,
        "explanation": item.explanation, "exhibit": item.exhibit.to_json() if item.exhibit else None}
    if item.calc:
        inputs = item.calc.get("inputs", {})
        result = item.calc["result"] if template else calc_result(item.calc)
        out["calc"] = {"expression": item.calc["expression"], "inputs": inputs, "result": result}
    if template:
        out["seed"] = args.render_seed
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    lines = [f"{item.id}" + (f" (template, seed {args.render_seed})" if template else ""), "", item.stem, ""]
    if item.exhibit:
        table = [list(item.exhibit.columns), *map(list, item.exhibit.rows)]
        widths = [max(len(row[c]) for row in table) for c in range(len(table[0]))]
        lines += [item.exhibit.caption] + ["  ".join(cell.rjust(w) for cell, w in zip(row, widths,
                                                                                      strict=False))
                                           for row in table] + [""]
    lines += [f"{letter}. {text}" for letter, text in out["options"].items()]
    lines += ["", f"Key: {item.key}", "", item.explanation]
    print("\n".join(lines))
    return 0


def bank_stats(items, blueprint) -> dict[str, Any]:
    from .core.items import LETTERS, LEVELS
    from .core.templates import is_template
    keys = Counter(item.key for item in items)
    template_ids = sorted(item.id for item in items if is_template(item))
    difficulties = [item.difficulty for item in items] or [0.0]
    domains = []
    for d in blueprint.domains:
        mine = [item for item in items if item.domain == d.name]
        levels = Counter(item.level for item in mine)
        domains.append({
            "name": d.name, "items": len(mine), "pretest_eligible": len(mine),
            "quantitative": sum(1 for item in mine if item.quantitative),
            "reviewed": sum(1 for item in mine if item.reviewed),
            "levels": {level: levels[level] for level in LEVELS},
            "subtopics": {s: sum(1 for item in mine if item.subtopic == s) for s in d.subtopics},
        })
    bins = Counter(max(-2, min(1, math.floor(x))) for x in difficulties)
    return {
        "items": len(items),
        "pretest_eligible": len(items),
        "quantitative": sum(1 for item in items if item.quantitative),
        "quantitative_share": round(sum(1 for item in items if item.quantitative) / max(1, len(items)), 3),
        "domains": domains,
        # the letters the bank's items have (A-D for the shipped bank), never more
        "keys": {letter: keys[letter] for letter in LETTERS[:max((len(i.options) for i in items),
                                                                 default=4)]},
        "levels": {level: sum(d["levels"][level] for d in domains) for level in LEVELS},
        "templates": len(template_ids),
        "template_ids": template_ids,
        "exhibits": sum(1 for item in items if item.exhibit is not None),
        # raters_min: the fewest Angoff ratings any item has (0 while an item has none)
        "angoff": {"items_rated": sum(1 for item in items if item.angoff),
                   "raters_min": min((len(item.angoff) for item in items), default=0)},
        "difficulty": {"min": min(difficulties), "max": max(difficulties),
                       "mean": round(sum(difficulties) / len(difficulties), 3),
                       "bins": {"<-1": bins[-2], "-1..0": bins[-1], "0..1": bins[0], ">=1": bins[1]}},
    }


def format_stats(s: dict[str, Any]) -> str:
    lines = [f"{s['items']} items ({s['quantitative']} quantitative, {s['quantitative_share']:.0%}); "
             f"all pretest-eligible", ""]
    lines.append(f"{'domain':50} {'items':>5} {'quant':>5} {'recall':>6} {'appl':>5} {'anal':>5}")
    for d in s["domains"]:
        lv = d["levels"]
        lines.append(f"{d['name']:50} {d['items']:5} {d['quantitative']:5} {lv['recall']:6} "
                     f"{lv['application']:5} {lv['analysis']:5}")
        for name, count in d["subtopics"].items():
            lines.append(f"    {name:46} {count:5}")
    keys = s["keys"]
    total = max(1, s["items"])
    lines += ["", "keys: " + "  ".join(f"{k} {n} ({n / total:.0%})" for k, n in keys.items()),
              f"exhibits: {s['exhibits']}; Angoff-rated: {s['angoff']['items_rated']} of {s['items']} "
              f"(fewest raters on an item: {s['angoff']['raters_min']})",
              "difficulty (logits): min {min:+.1f}  mean {mean:+.2f}  max "
              "{max:+.1f}".format(**s["difficulty"]),
              "  " + "  ".join(f"{k}: {v}" for k, v in s["difficulty"]["bins"].items())]
    return "\n".join(lines)


# --- attempts and reports ------------------------------------------------------------

def cmd_attempts(args) -> int:
    ws = _workspace(args)
    try:
        if args.attempts_command == "list":
            rows = ws.history()
            if args.json:
                print(json.dumps(rows, indent=2))
            elif not rows:
                print("no attempts yet")
            else:
                from .core.words import local_time  # local and readable here; --json keeps ISO 8601
                print(f"{'id':>4}  {'started':25} {'finished':25} {'status':11} {'score':>5}  pass")
                for r in rows:
                    score = "" if r["scaled_score"] is None else r["scaled_score"]
                    passed = "" if r["passed"] is None else ("yes" if r["passed"] else "no")
                    finished = local_time(r["finished"]) if r["finished"] else ""
                    print(f"{r['id']:>4}  {local_time(r['started']):25} {finished:25} {r['status']:11} "
                          f"{score!s:>5}  {passed}")
            return 0
        try:
            report = ws.report(ws.resolve(args.ref))
        except LookupError as exc:
            raise UsageError(str(exc)) from None
        print(json.dumps(report, indent=2) if args.json else format_report(report))
        return 0
    finally:
        ws.close()


def format_report(r: dict[str, Any]) -> str:
    verdict = {True: "PASS", False: "FAIL", None: "not finished"}[r["passed"]]
    from .core.clock import hms
    from .core.words import local_time, plural, raw_cut_text
    pretest = (f"; {plural(r['pretest_count'], 'unscored pretest item')} not counted"
               if r["pretest_count"] else "")
    lines = [f"Attempt {r['id']} ({r['status']}), {r['candidate']}, started {local_time(r['started_at'])}",
             f"Scaled score: {r['scaled_score'] if r['scaled_score'] is not None else '-'}  {verdict}",
             f"Correct: {r['raw_correct']} of {r['operational_count']} scored items "
             f"(this form needed {raw_cut_text(r['raw_cut'])} to pass){pretest}",
             f"Time used: {hms(r['time_used_s'])} of {hms(r['time_allowed_s'])}", ""]
    for d in r["domains"]:
        lines.append(f"  {d['name']:50} {d['correct']:3}/{d['items']:<3} {d['level']}")
    return "\n".join(lines)


def cmd_report(args) -> int:
    ws = _workspace(args)
    try:
        try:
            report = ws.report(ws.resolve(args.ref))
        except LookupError as exc:
            raise UsageError(str(exc)) from None
        from .app.practice import study_block, wall
        report["study"] = study_block(ws, wall(None))  # readiness and where to study next, as of now
        from .report.pdf import write_pdf
        target = Path(args.pdf).expanduser().resolve()
        try:
            write_pdf(report, target)
        except OSError as exc:
            raise UsageError(f"cannot write {target}: {exc.strerror or exc}; free some disk space or make "
                             "the folder writable, or write to another folder") from None
        print(target)
        return 0
    finally:
        ws.close()


def cmd_practice(args) -> int:
    from .ui.practice_launch import run_practice  # Qt only when a window is wanted
    return run_practice(args)


def cmd_progress(args) -> int:
    from .app.practice import progress, wall
    ws = _workspace(args)
    try:
        p = progress(ws, wall(None))
    finally:
        ws.close()
    if args.json:
        print(json.dumps(p, indent=2))
        return 0
    from .core.readiness import MIN_ANSWERS
    r = p["readiness"]
    lines = [f"Sittings: {p['sittings']} finished exams; {p['answers']} scored answers counted",
             (f"Readiness: P(pass) {r['p_pass']:.0%}, ability {r['theta']:+.2f} logits "
              f"(90% interval {r['low']:+.2f} to {r['high']:+.2f}; passing standard "
              f"{p['passing_theta']:+.2f})"
              if r else f"Readiness: not enough answers yet ({p['answers']} of {MIN_ANSWERS})"),
             f"Due today: {p['due_today']} items",
             f"Coverage: seen {p['coverage']['seen']} of {p['coverage']['total']} items", ""]
    lines += [f"  {d['name']:50} {d['correct']:4}/{d['answered']:<4} {d['level']}" for d in p["domains"]]
    lines += ["", "Where to study next:"] + [
        f"  {s['subtopic']} ({s['domain']}): {s['correct']} of {s['answered']} right, {s['due']} due"
        for s in p["study_next"]]
    print("\n".join(lines))
    return 0


COMMANDS = {"bank": cmd_bank, "attempts": cmd_attempts, "report": cmd_report, "practice": cmd_practice,
            "progress": cmd_progress}
