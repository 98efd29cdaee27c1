"""The tutorial: a few pages beside a live item screen on sample items, on a countdown
of its own (not the exam clock). The candidate tries the tools page by page (choose,
strike out, highlight; flag and the review screen; the calculator) and sees each try
ticked off. It says only what is true of this form (pretest items, the 30-minute
notice, the whiteboard). Time out, Skip or the last Next lead to 'Begin the exam?'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from ...core.assembly import FormItem
from ...core.clock import Clock, Countdown, hms
from ...core.items import Item
from ...core.session import Change, ExamSession, Filter, Phase
from ...paths import resource
from ..common.widgets import footer, named, push, stacked, toolbar
from .item import ItemScreen

if TYPE_CHECKING:
    from ..tools.calculator import CalculatorWindow
    from ..tools.dock import ToolDock

TUTORIAL_SECONDS = 10 * 60

SAMPLES = (
    Item(id="TUT-001", domain="Tutorial", subtopic="", level="recall", difficulty=0.0,
         stem="This is a sample item. On the exam, each item looks like this one. Which key selects option "
         "C?",
         options=("Alt+C", "The letter C, or the digit 3", "Ctrl+C", "Shift+C"), key="B",
         explanation="The letter of an option, or its number, selects it."),
    Item(id="TUT-002", domain="Tutorial", subtopic="", level="recall", difficulty=0.0,
         stem="Sample item 2. Which key flags an item for review?",
         options=("Alt+F", "The letter F", "Ctrl+F", "Alt+R"), key="A",
         explanation="Alt+F, as the underlined letter of Flag for Review shows."),
    Item(id="TUT-003", domain="Tutorial", subtopic="", level="recall", difficulty=0.0,
         stem="Sample item 3. What does the review screen list?",
         options=("Only the flagged items", "Every item, with its status and flag", "Only the answered items",
                  "The correct answers"), key="B",
         explanation="Every item, as Complete, Incomplete or Unseen, with its flag."),
)
SAMPLE = SAMPLES[0]
DONE, TO_DO = "\u2713", "\u25cb"  # a try made, a try still to make

# What each page invites the candidate to try: (what is tracked, what the page says).
TRIES: dict[int, list[tuple[str, str]]] = {
    0: [("answer", "Choose an answer"), ("strike", "Strike out an option (Shift+letter or right-click)"),
        ("highlight", "Highlight words (select them, then Ctrl+H or right-click)")],
    2: [("flag", "Flag an item (Alt+F)"), ("review", "Open the review screen (Alt+R)"),
        ("goto", "Open item 2 from the review screen")],
    3: [("calculator", "Open the calculator (Alt+C)"), ("calculator_closed", "Close it again (Alt+C)")],
}


def tutorial_pages(text: str, *, items: int, pretest: int, minutes: float, onvue: bool) -> list[str]:
    """The pages of tutorial.txt for this form: a line marked [pretest], [long], [short] or
    [onvue] is kept only where it is true; {items} and {pretest} are this form's counts."""
    keep = {"[pretest]": pretest > 0, "[long]": minutes > 30, "[short]": minutes <= 30, "[onvue]": onvue}
    pages = []
    for page in text.split("\n---\n"):
        lines = []
        for line in page.strip().splitlines():
            mark = next((m for m in keep if line.startswith(m + " ")), None)
            if mark is None:
                lines.append(line)
            elif keep[mark]:
                lines.append(line[len(mark) + 1:])
            elif lines and lines[-1] == "":
                lines.pop()  # the paragraph's blank line goes with it
        pages.append("\n".join(lines).strip().replace("{items}", str(items)).replace("{pretest}",
                                                                                     str(pretest)))
    return pages


class TutorialScreen(QWidget):
    next = Signal()

    def __init__(self, clock: Clock, seconds: float = TUTORIAL_SECONDS, *, items: int = 150,
                 pretest: int = 20,
                 minutes: float = 210, onvue: bool = False) -> None:
        super().__init__()
        self.pages = tutorial_pages(resource("texts").joinpath("tutorial.txt").read_text(encoding="utf-8"),
                                    items=items, pretest=pretest, minutes=minutes, onvue=onvue)
        self.countdown = Countdown(clock, seconds)
        self.page = 0
        layout = stacked(self)
        self.where = named(QLabel(), "tutorialPage", "Tutorial page")
        bar = toolbar(self.where)
        self.timer_label = named(QLabel(), "tutorialTimeRemaining", "Tutorial time remaining")
        self.timer_label.setStyleSheet("color: #ffffff;")
        bar.row.addWidget(self.timer_label)
        layout.addWidget(bar)

        body = QWidget()
        body.setObjectName("content")
        row = QHBoxLayout(body)
        row.setContentsMargins(36, 20, 36, 20)
        row.setSpacing(28)
        left = QVBoxLayout()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.text = named(QLabel(), "tutorialText", "Tutorial")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll.setWidget(self.text)
        left.addWidget(scroll, 1)
        self.tried = named(QLabel(), "tutorialTried", "What you have tried")
        self.tried.setTextFormat(Qt.TextFormat.PlainText)
        self.tried.setWordWrap(True)
        left.addWidget(self.tried)
        row.addLayout(left, 2)

        # The sample: a real item screen and review screen on a session of their own.
        self.clock = clock
        self.sample_session = ExamSession([FormItem(n, item, False) for n, item in enumerate(SAMPLES)],
                                          seconds, clock)
        self.sample = QStackedWidget()
        self.sample_item = ItemScreen()
        for button in (self.sample_item.next_button, self.sample_item.previous_button,
                       self.sample_item.end_button):
            button.hide()  # Alt+N and Alt+P turn the tutorial's pages; a hidden button's key is off
        self.sample_review: QWidget | None = None
        self.sample.addWidget(self.sample_item)
        frame = QFrame()
        frame.setObjectName("tutorialSample")
        frame.setStyleSheet("#tutorialSample { border: 1px solid #7f8fa6; }")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(1, 1, 1, 1)
        inner.addWidget(self.sample)
        self.preview = named(frame, "tutorialPreview", "The item screen, on a sample item: try it")
        row.addWidget(frame, 3)
        layout.addWidget(body, 1)
        self._wire_sample()

        self.skip_button = push("&Skip Tutorial", "skipTutorialButton", "Skip Tutorial")
        self.previous_button = push("&Previous", "tutorialPreviousButton", "Previous")
        self.next_button = push("&Next", "nextButton", "Next")
        self.skip_button.clicked.connect(self._finish)
        self.previous_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(self._next)
        layout.addWidget(footer([self.skip_button], [self.previous_button, self.next_button]))
        self._done = False
        self.done: set[str] = set()
        self.calculator: CalculatorWindow | None = None  # made on first use, with the dock that places it
        self._dock: ToolDock | None = None

    # --- the live sample ------------------------------------------------------------
    def _wire_sample(self) -> None:
        s, screen = self.sample_session, self.sample_item
        screen.answered.connect(s.answer)
        screen.flag_toggled.connect(s.toggle_flag)
        screen.strike_toggled.connect(s.toggle_strike)
        screen.highlighted.connect(s.highlight)
        screen.highlights_cleared.connect(s.clear_highlights)
        screen.review.connect(s.open_review)
        screen.calculator.connect(self.toggle_calculator)
        s.subscribe(self._sample_changed)

    def _review_screen(self) -> QWidget:
        if self.sample_review is None:
            from .review import ReviewScreen
            review = ReviewScreen()
            review.end_button.hide()  # nothing to end in the tutorial
            review.instructions.setText("Click a question to open it, or use the buttons below to step "
                                        "through "
                                        "all, the incomplete or the flagged questions. On the exam, End "
                                        "Review "
                                        "(Alt+E) ends the exam.")
            review.open_item.connect(self.sample_session.goto)
            review.filter_chosen.connect(self._filter)
            self.sample.addWidget(review)
            self.sample_review = review
        return self.sample_review

    def _filter(self, which: str) -> None:
        f = Filter(which)
        if f is Filter.ALL or self.sample_session.positions(f):
            self.sample_session.set_filter(f)

    def _sample_changed(self, s: ExamSession, change: Change, payload: object) -> None:
        if change is Change.ITEM and s.phase is Phase.ITEMS and isinstance(payload, int):
            st = s.states[payload]
            self._tried(answer=st.response is not None, strike=bool(st.struck), highlight=bool(st.highlights),
                        flag=st.flagged)
            if payload == s.position:
                self.sample_item.show_state(st)
        elif change in (Change.POSITION, Change.PHASE):
            if s.phase is Phase.ITEMS:
                self._close_calculator()
                self.sample_item.show_item(s.current, s.state, first=True, feedback=False)
                self.sample.setCurrentWidget(self.sample_item)
                if change is Change.POSITION and payload == 1 and "review" in self.done:
                    self._tried(goto=True)
            elif s.phase is Phase.REVIEW:
                review = self._review_screen()
                review.load(s)  # type: ignore[attr-defined]
                self.sample.setCurrentWidget(review)
                review.table.setFocus()  # type: ignore[attr-defined]
                self._tried(review=True)

    def _tried(self, **what: bool) -> None:
        new = {name for name, happened in what.items() if happened} - self.done
        if new:
            self.done |= new
            self._show_tries()

    def _show_tries(self) -> None:
        tries = TRIES.get(self.page, [])
        self.tried.setText("\n".join(f"{DONE if name in self.done else TO_DO} {text}" for name,
                                     text in tries))
        self.tried.setVisible(bool(tries))

    def toggle_calculator(self) -> None:
        calculator = self.calculator
        if calculator is None:
            from ..tools.calculator import CalculatorWindow
            from ..tools.dock import ToolDock
            calculator = self.calculator = CalculatorWindow(self)
            calculator.setProperty("docked", True)
            calculator.closed.connect(lambda: self._tried(calculator_closed="calculator" in self.done))
            self._dock = ToolDock(self, lambda: self.preview, self.sample_item.set_side_room)
            self._dock.add(calculator)
        if calculator.isVisible():
            calculator.hide()
        else:
            calculator.reset()
            calculator.show()
            calculator.raise_()
            calculator.activateWindow()
            self._tried(calculator=True)

    def _close_calculator(self) -> None:
        if self.calculator is not None and self.calculator.isVisible():
            self.calculator.hide()

    # --- the pages ----------------------------------------------------------------------
    def start(self) -> None:
        s = self.sample_session
        if s.phase is Phase.INTRO:
            s.begin()
        self._done = False
        self.countdown.start()
        self.show_page(0)
        self.tick()

    def reopen(self) -> None:
        """'Begin the exam?' answered No: back to the tutorial, on what is left of its clock."""
        self._done = False
        self.countdown.start()
        self.tick()

    def show_page(self, page: int) -> None:
        self.page = max(0, min(len(self.pages) - 1, page))
        self.text.setText(self.pages[self.page])
        self.where.setText(f"Tutorial: page {self.page + 1} of {len(self.pages)}")
        self.previous_button.setEnabled(self.page > 0)
        # The review screen's button belongs to the page about it; elsewhere the sample is an item.
        self.sample_item.review_button.setVisible(self.page >= 2)
        if self.page < 2 and self.sample_session.phase is Phase.REVIEW:
            self.sample_session.goto(self.sample_session.position)
        self._show_tries()

    def tick(self) -> None:
        if self._done or not self.countdown.running:
            return
        self.timer_label.setText(f"Tutorial Time Remaining {hms(self.countdown.remaining())}")
        if self.countdown.expired:
            self._finish()

    def _next(self) -> None:
        if self.page < len(self.pages) - 1:
            self.show_page(self.page + 1)
        else:
            self._finish()

    def _finish(self) -> None:
        if not self._done:
            self._done = True
            self._close_calculator()
            self.countdown.stop()
            self.next.emit()
