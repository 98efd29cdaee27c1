"""`cpim-sim practice ...`: the window opened straight into a practice set.

The set is chosen before any window shows, so a bad domain or an empty source is
one line (and, on a desktop, a message box) with exit status 2, never an empty
window. The practice window's Close leads to Home, as an exam's results do."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable

from ..app.practice import PracticeOptions, new_practice
from ..core.clock import Clock, MonotonicClock
from ..core.practice import PracticeError
from ..storage.datadir import data_dir
from .startup import ask_user, tell_user


def run_practice(args: argparse.Namespace, clock: Clock | None = None,
                 exec_: Callable[[], int] | None = None) -> int:
    """Open the practice window; exec_ (tests) replaces the event loop."""
    logging.basicConfig(level=logging.WARNING)
    from .launch import Shell, make_app
    app = make_app()
    from ..app.desk import Desk
    desk = Desk.open(data_dir(args.data_dir), ask=ask_user, tell=tell_user)
    if isinstance(desk, int):
        return desk
    clock = clock or MonotonicClock()
    options = PracticeOptions(source=args.source, domains=tuple(args.domain), subtopics=tuple(args.subtopic),
                              items=args.items, candidate=desk.settings.candidate or None,
                              bank=getattr(args, "bank", None),
                              minutes=getattr(args, "minutes",
                                              None))  # `cpim-sim --minutes M practice`: timed
    try:
        run = new_practice(desk.workspace, options, clock)
    except PracticeError as exc:
        desk.close()
        tell_user("CPIM Exam Simulator", str(exc), True)
        return 2
    shell = Shell(desk, clock, None)
    shell.open_exam(desk.adopt(run))
    code = (exec_ or app.exec)()
    desk.close()
    return code
