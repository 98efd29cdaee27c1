"""The screens before the exam clock starts: Welcome, the agreement, the tutorial,
and the closing screen of an exam that ended before it began."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from ...core.clock import Clock, Countdown, hms
from ...paths import resource
from ..common.widgets import footer, named, push, scrolled, stacked

NDA_SECONDS = 5 * 60


def _text(name: str) -> str:
    return resource("texts").joinpath(name).read_text(encoding="utf-8")


def _page(title: str, body: str, name: str) -> tuple[QWidget, QVBoxLayout, QLabel]:
    page = QWidget()
    page.setObjectName("screen")
    outer = stacked(page)
    scroll, column = scrolled((48, 28, 48, 28), 0)
    heading = named(QLabel(title), "heading", title)
    text = named(QLabel(body), name, title)
    text.setWordWrap(True)
    text.setTextFormat(Qt.TextFormat.PlainText)
    text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    column.addWidget(heading)
    column.addSpacing(12)
    column.addWidget(text)
    column.addStretch(1)
    outer.addWidget(scroll, 1)
    return page, outer, text


class WelcomeScreen(QWidget):
    next = Signal()

    def __init__(self, title: str, candidate: str, items: int, minutes: float, extra_pct: float, *,
                 study: bool = False) -> None:
        super().__init__()
        extra = f" (including {extra_pct:g}% extra time as an accommodation)" if extra_pct else ""
        unit = "minute" if minutes == 1 else "minutes"
        study_text = ("Study mode: after each answer you will see the correct answer and its explanation. "
                      "Your first answer is the one that counts, and study scores are kept apart from "
                      "full mock exams in the history.\n\n") if study else ""
        body = (f"Welcome, {candidate}.\n\n"
                f"Exam: {title}\n"
                f"Number of items: {items}\n"
                f"Time allowed: {hms(minutes * 60)} ({minutes:g} {unit}){extra}\n\n"
                f"{study_text}"
                "Next you will be asked to accept a candidate agreement, and then offered a short "
                "tutorial. The exam clock starts only when you begin the exam.\n\n"
                "Choose Next (Alt+N) to continue.\n\n"
                "An independent study aid, not affiliated with ASCM (APICS) or Pearson VUE.")
        page, outer, _ = _page("Welcome", body, "welcomeText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page)
        self.next_button = push("&Next", "nextButton", "Next")
        self.next_button.clicked.connect(self.next)
        outer.addWidget(footer([], [self.next_button]))


class NdaScreen(QWidget):
    """The agreement, on a countdown of its own: accept in time or the exam ends."""

    accepted = Signal()
    declined = Signal(str)  # why

    def __init__(self, clock: Clock, seconds: float = NDA_SECONDS) -> None:
        super().__init__()
        page, outer, _ = _page("Candidate Agreement", _text("nda.txt"), "ndaText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page)
        self.countdown = Countdown(clock, seconds)
        self.timer_label = named(QLabel(), "ndaTimeRemaining", "Time remaining to accept")
        self.accept_button = push("&Accept", "acceptButton", "Accept")
        self.decline_button = push("&Decline", "declineButton", "Decline")
        self.accept_button.clicked.connect(self._accept)
        self.decline_button.clicked.connect(self._ask_decline)
        outer.addWidget(footer([self.timer_label], [self.decline_button, self.accept_button]))
        self._done = False
        self._question: QDialog | None = None

    def start(self) -> None:
        self.countdown.start()
        self.tick()

    def tick(self) -> None:
        if self._done or not self.countdown.running:
            return
        self.timer_label.setText(f"Time remaining to accept: {hms(self.countdown.remaining())}")
        if self.countdown.expired:
            self._done = True
            if self._question is not None:  # the time ran out while the candidate was asked
                self._question.done(0)
            self.declined.emit("timeout")

    def _ask_decline(self) -> None:
        """Declining ends the exam for good, and Alt+D sits beside Alt+A: ask first (No is the default)."""
        if self._done:
            return
        from ..common.dialogs import ask
        self._question = ask(self, "Decline the agreement?",
                             "If you decline the candidate agreement, the exam ends now and no score is "
                             "reported.\n\nDo you want to decline the agreement and end the exam?",
                             on_yes=self._decline, default_yes=False)
        self._question.finished.connect(lambda _r: setattr(self, "_question", None))

    def _decline(self) -> None:
        if not self._done:
            self._done = True
            self.countdown.stop()
            self.declined.emit("declined")

    def _accept(self) -> None:
        if not self._done:
            self._done = True
            self.countdown.stop()
            self.accepted.emit()


class ClosedScreen(QWidget):
    """Shown when the exam ends without a score (the agreement was declined)."""

    close_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        page, outer, self.text = _page("The exam has ended", "", "closedText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page)
        self.close_button = push("&Close", "closeButton", "Close")
        self.close_button.clicked.connect(self.close_requested)
        outer.addWidget(footer([], [self.close_button]))

    def set_reason(self, text: str) -> None:
        self.text.setText(text)
