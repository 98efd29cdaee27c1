"""Work the first screen does not need, done once it is painted: one step per turn of
the event loop, so that a key pressed meanwhile waits for one step at most.

The case in point is the ORM (storage/database.py): the first write needs it, and
its import takes longer than the rest of the start. Loaded after the first paint,
it is there by the time the candidate has read the first screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

log = logging.getLogger(__name__)
Step = Callable[[], object]


class AfterFirstPaint(QObject):
    """Runs `steps` in turn once any widget of the application has been painted."""

    def __init__(self, steps: Iterable[Step]) -> None:
        app = QCoreApplication.instance()
        super().__init__(app)  # the application keeps it
        self.steps = list(steps)
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            # One turn of the loop first: what the frame itself queued (a screen's own
            # filling of its panels) comes before this.
            QTimer.singleShot(0, lambda: QTimer.singleShot(0, self._next))
        return False

    def _next(self) -> None:
        if not self.steps:
            self.deleteLater()
            return
        step = self.steps.pop(0)
        try:
            step()
        except Exception:  # loading ahead is an optimisation: the first use loads it again
            log.exception("loading ahead failed")
        QTimer.singleShot(0, self._next)


def after_first_paint(steps: Iterable[Step]) -> AfterFirstPaint:
    """Run `steps` one per turn of the event loop once the first frame is painted."""
    return AfterFirstPaint(steps)
