"""The Qt side of an exam session: its changes as signals, for widgets to connect to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ...core.session import Change, ExamSession


class SessionHub(QObject):
    itemChanged = Signal(int)      # position
    positionChanged = Signal(int)  # position
    phaseChanged = Signal(str)     # Phase value
    ticked = Signal(float)         # seconds remaining
    warned = Signal(int)           # threshold in seconds

    def __init__(self, session: ExamSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        session.subscribe(self._relay)

    def detach(self) -> None:
        """The window is going away: the session's changes are no longer relayed."""
        self.session.unsubscribe(self._relay)

    def _relay(self, _session: ExamSession, change: Change, payload: object) -> None:
        if change is Change.ITEM:
            self.itemChanged.emit(payload)
        elif change is Change.POSITION:
            self.positionChanged.emit(payload)
        elif change is Change.PHASE:
            self.phaseChanged.emit(getattr(payload, "value", payload))  # a Phase
        elif change is Change.TICK:
            self.ticked.emit(payload)
        elif change is Change.WARNING:
            self.warned.emit(payload)
