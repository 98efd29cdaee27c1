"""Work the first screen does not need, done once it is painted and the event loop
is idle: one step each time the loop has nothing else to do, so a key pressed
meanwhile waits for one step at most.

The cases in point: the ORM (storage/database.py), which the first write needs and
whose import takes longer than the rest of the start, loaded by the time the
candidate has read the first screen; Home's progress panels, made and filled once
Home shows (the practice layer and the bank's catalogue take a few tens of
milliseconds); a new exam's form, drawn once its Welcome shows; and the cyclic
garbage collector, back on once the start is over (ui/launch.py).

"Painted" is a shown window that its platform has exposed (a window's first frame
is painted when it is exposed); "idle" is the event dispatcher's aboutToBlock. No
event filter: one on the application makes PySide wrap every event of the start in
Python, which costs more than the work it would defer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractEventDispatcher, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)
Step = Callable[[], object]


def painted(window: QWidget | None = None) -> bool:
    """`window` (or, with None, some window of the application) is shown and exposed,
    so painted."""
    for widget in [window] if window is not None else QApplication.topLevelWidgets():
        handle = widget.windowHandle() if widget.isVisible() else None
        if handle is not None and handle.isExposed():
            return True
    return False


class AfterFirstPaint(QObject):
    """Runs `steps` in turn, each when the event loop is idle, from the first time it
    is idle with `window` (or any window) painted. It belongs to `window` (or to the
    application), so the steps of a window deleted before they ran never run."""

    def __init__(self, steps: Iterable[Step], window: QWidget | None = None) -> None:
        super().__init__(window or QApplication.instance())
        self.window = window
        self.steps = list(steps)
        self._dispatcher = QAbstractEventDispatcher.instance()
        self._started = False
        self._due = False
        if self._dispatcher is None or not self.steps:
            return
        self._dispatcher.aboutToBlock.connect(self._idle)

    def _idle(self) -> None:
        if self._due or not (self._started or painted(self.window)):
            return
        self._started = self._due = True
        QTimer.singleShot(0, self._next)  # wakes the loop; the step runs outside aboutToBlock

    def _next(self) -> None:
        self._due = False
        if not self.steps:
            return
        step = self.steps.pop(0)
        try:
            step()
        except Exception:  # said, not raised: the next step still runs
            log.exception("a step kept off the start failed")
        if not self.steps and self._dispatcher is not None:
            self._dispatcher.aboutToBlock.disconnect(self._idle)
            self.deleteLater()


def after_first_paint(steps: Iterable[Step], window: QWidget | None = None) -> AfterFirstPaint:
    """Run `steps` one at a time when the event loop is idle, once `window` (or any
    window) is painted."""
    return AfterFirstPaint(steps, window)
