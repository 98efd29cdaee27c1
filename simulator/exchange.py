"""`cpim-sim bank import | list | export`: question files in and out.

The formats are in core/formats (plain data), the user banks in
storage/userbanks.py and the files written in storage/export.py; this module
turns the command line into those calls and their results into lines for the user.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from .core.formats import FormatError

SHIPPED = "cpim"


def _data_dir(args: argparse.Namespace) -> Path:
    from .storage.datadir import data_dir, ensure
    return ensure(data_dir(getattr(args, "data_dir", None)))


def check_user_bank(source: Path, blueprint_path: Path, tables: dict[str, dict[str, Any]]) -> list[str]:
    """Build a new user bank from its files, beside them (tables: the question files as
    the importer wrote them, not parsed again); the validator's problems, or none when
    every file was taken (the bank is then ready for its first exam)."""
    from .core.blueprint import BlueprintError, load_blueprint
    from .core.validate import bank_files
    from .storage.bank import BANK_FILE, build, source_hash
    try:
        blueprint = load_blueprint(blueprint_path)
    except BlueprintError as exc:
        return [str(exc)]
    paths = bank_files(source)
    target = blueprint_path.parent / BANK_FILE
    problems = build(paths, target, blueprint, source_hash(paths, blueprint), tables)
    return [str(p) for p in problems]


def cmd_import(args: argparse.Namespace, _workspace: Callable[..., Any], usage: type[Exception]) -> int:
    from .storage.userbanks import BankNameError, import_file
    path = Path(args.file).expanduser()
    if path.is_dir():
        raise usage(f"{path} is a folder, not a question file: name a GIFT, Aiken, Moodle XML or CSV file")
    if not path.is_file():
        raise usage(f"no such file: {path}; check its name and folder")
    try:
        report = import_file(_data_dir(args), path, args.format, args.name, check=check_user_bank)
    except (FormatError, BankNameError) as exc:
        raise usage(str(exc)) from None
    except OSError as exc:
        reason = getattr(exc, "reason", None) or exc.strerror or exc
        raise usage(f"the bank could not be written in {_data_dir(args)}: {reason}; nothing was imported. "
                    "Free "
                    "some disk space or make the folder writable, and import again") from None
    if not report.imported and not report.notes:
        raise usage(f"{path}: no questions found in it (is it empty, or not GIFT, Aiken, Moodle XML or "
                    "CSV?); "
                    "nothing was imported. Choose a question file and import it again")
    if args.json:
        print(json.dumps(report.to_json(), indent=2))
    else:
        for note in report.notes:
            print(note)
        print(report.summary())
    return 0 if report.imported else 1


def cmd_list(args: argparse.Namespace, _workspace: Callable[..., Any], usage: type[Exception]) -> int:
    from .storage.userbanks import list_banks
    ws = _workspace(args)
    try:
        rows: list[dict[str, object]] = [{"name": SHIPPED, "items": len(ws.items), "source": "shipped"}]
    finally:
        ws.close()
    rows += list_banks(_data_dir(args))
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            print(f"{row['name']:30} {row['items']:6} items  {row['source']}")
    return 0


def cmd_export(args: argparse.Namespace, _workspace: Callable[..., Any], usage: type[Exception]) -> int:
    from .storage.export import export_items
    target = Path(args.file).expanduser().resolve()
    if not target.parent.is_dir():
        raise usage(f"no such folder: {target.parent}")
    ws = _workspace(args)
    try:
        name = args.bank or SHIPPED
        items = _bank_items(args, name, usage)
        if args.only:
            wanted = _only(ws, args.only)
            items = [item for item in items if item.id in wanted]
        if not items:
            raise usage(f"no items to export ({'none ' + args.only if args.only else 'the bank is empty'})")
        try:
            count = export_items(items, args.format, target, name)
        except OSError as exc:
            raise usage(f"cannot write {target}: {exc.strerror or exc}; free some disk space or make the "
                        "folder writable, or write to another folder") from None
    finally:
        ws.close()
    print(f"{target}: {count} item{'s' if count != 1 else ''} ({args.format})")
    return 0


def _bank_items(args: argparse.Namespace, name: str, usage: type[Exception]) -> list[Any]:
    from .core.blueprint import BlueprintError, load_blueprint
    from .paths import default_blueprint, question_db_dir
    from .storage.bank import open_bank
    from .storage.userbanks import BankNameError, bank_paths
    if name == SHIPPED:
        source, blueprint, folder = question_db_dir(), default_blueprint(), _data_dir(args)
    else:
        try:
            source, blueprint_path, folder = bank_paths(_data_dir(args), name)
        except (LookupError, BankNameError) as exc:
            raise usage(str(exc)) from None
        anew = f"import the questions again (bank import FILE --name {name!r}) to make it anew"
        if not blueprint_path.exists():
            raise usage(f"{blueprint_path}: the bank's blueprint is missing; {anew}")
        try:
            blueprint = load_blueprint(blueprint_path)
        except BlueprintError as exc:  # a user bank has no shipped blueprint to fall back on
            raise usage(str(exc).replace("delete it to use the shipped blueprint", anew)) from None
    try:
        bank, problems = open_bank(source, folder, blueprint)
    except OSError as exc:
        raise usage(f"cannot use the bank {name!r}: {exc.strerror or exc}") from None
    try:
        items = bank.items()
    finally:
        bank.close()
    if not items and problems:  # every file refused: say why, not only that the bank is empty
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise usage(f"the bank {name!r} has no item the simulator can use: {problems[0]}{more}; fix the "
                    "file, "
                    "or import the questions again")
    return items


def _only(ws: Any, which: str) -> set[str]:
    """The ids of the items the candidate missed, flagged, or has due for review today."""
    if which == "due":
        from .core.srs import end_of_day
        from .storage.cards import due_items
        return set(due_items(ws.store.db, end_of_day(datetime.now().astimezone())))
    histories = ws.store.item_histories()
    if which == "missed":
        return {h[0] for h in histories if h[2] > 0}
    return {h[0] for h in histories if h[3]}


EXCHANGE_COMMANDS: dict[str, Callable[[argparse.Namespace, Callable[..., Any], type[Exception]], int]] = {
    "import": cmd_import, "list": cmd_list, "export": cmd_export,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit("run it as: cpim-sim bank import|list|export")
