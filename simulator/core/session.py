"""The exam session: the one owner of an attempt's truth.

Screens send it intents (answer, flag, go to, open the review screen, end) and
listen for what changed; storage listens too and writes every change at once.
It knows nothing of Qt or SQL, so tests drive a whole 210-minute exam in
microseconds with a FakeClock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from .clock import Clock, Countdown

if TYPE_CHECKING:
    from .assembly import FormItem

# The clock is saved when this much exam time has passed since the last save. The
# check runs on the window's 250 ms tick, so a save can come a tick (or a busy event
# loop) late: 4 s keeps the promise that a kill never loses more than 5 s of clock
# (at 5.0 the kill stress measured 5.03 s).
CHECKPOINT_S = 4.0
WARNINGS_S = (30 * 60, 5 * 60)  # notices at 30 and 5 minutes left


class Phase(str, Enum):
    INTRO = "intro"          # welcome, NDA, tutorial: not on the exam clock
    ITEMS = "items"          # one item per screen
    REVIEW = "review"        # the review screen (Navigator)
    FINISHED = "finished"    # ended by the candidate
    EXPIRED = "expired"      # ended by the clock
    DECLINED = "declined"    # the NDA was declined or timed out

    @property
    def over(self) -> bool:
        return self in (Phase.FINISHED, Phase.EXPIRED, Phase.DECLINED)


class Status(str, Enum):
    COMPLETE = "Complete"
    INCOMPLETE = "Incomplete"
    UNSEEN = "Unseen"


class Filter(str, Enum):
    ALL = "all"
    INCOMPLETE = "incomplete"
    FLAGGED = "flagged"


class Change(str, Enum):
    ITEM = "item"            # an item's response, flag, marks or time changed (payload: position)
    POSITION = "position"    # the candidate moved (payload: position)
    PHASE = "phase"          # payload: the new phase
    TICK = "tick"            # the clock moved on (payload: seconds remaining)
    CHECKPOINT = "checkpoint"  # time to save the clock (payload: seconds used)
    WARNING = "warning"      # payload: the threshold reached, in seconds


@dataclass(slots=True)
class ItemState:
    response: str | None = None
    flagged: bool = False
    visited: bool = False
    seconds: float = 0.0
    struck: set[str] = field(default_factory=set)
    highlights: list[tuple[int, int]] = field(default_factory=list)  # [start, end) in the stem

    @property
    def status(self) -> Status:
        if self.response is not None:
            return Status.COMPLETE
        return Status.INCOMPLETE if self.visited else Status.UNSEEN


Listener = Callable[["ExamSession", Change, object], None]


class ExamSession:
    def __init__(self, form: list[FormItem], allowed_s: float, clock: Clock, *,
                 mode: str = "exam", states: list[ItemState] | None = None, kind: str = "exam",
                 used_s: float = 0.0, position: int = 0, phase: Phase = Phase.INTRO) -> None:
        if not form:
            raise ValueError("a form needs at least one item")
        self.form = form
        self.mode = mode
        self.kind = kind  # "exam" or "practice" (a practice set keeps the first answer: the key is shown)
        self.clock = clock
        self.countdown = Countdown(clock, allowed_s, used_s)
        self.states = states or [ItemState() for _ in form]
        self.position = position
        self.phase = phase
        self.filter = Filter.ALL
        self.review_set: list[int] | None = None  # the subset the candidate steps through
        self.reviewed = phase is Phase.REVIEW  # once the review screen was seen, items offer a way back
        self._listeners: list[Listener] = []
        self._entered_at: float | None = None
        self._last_checkpoint = self.countdown.used()
        self._warned = {w for w in WARNINGS_S if self.countdown.remaining() <= w}

    # --- listening -------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop telling `listener` (a screen that is going away); unknown ones are ignored."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, change: Change, payload: object = None) -> None:
        for listener in list(self._listeners):
            listener(self, change, payload)

    # --- reading ---------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.form)

    @property
    def current(self) -> FormItem:
        return self.form[self.position]

    @property
    def state(self) -> ItemState:
        return self.states[self.position]

    def remaining(self) -> float:
        return self.countdown.remaining()

    def used(self) -> float:
        return self.countdown.used()

    def count(self, status: Status) -> int:
        return sum(1 for s in self.states if s.status is status)

    @property
    def incomplete_count(self) -> int:
        return sum(1 for s in self.states if s.response is None)

    @property
    def flagged_count(self) -> int:
        return sum(1 for s in self.states if s.flagged)

    def positions(self, which: Filter) -> list[int]:
        if which is Filter.INCOMPLETE:
            return [p for p, s in enumerate(self.states) if s.response is None]
        if which is Filter.FLAGGED:
            return [p for p, s in enumerate(self.states) if s.flagged]
        return list(range(len(self.form)))

    def feedback_due(self, position: int | None = None) -> bool:
        """Study mode shows the key once an item is answered; exam mode never does."""
        p = self.position if position is None else position
        return self.mode == "study" and self.states[p].response is not None

    # --- the flow --------------------------------------------------------------
    def begin(self) -> None:
        """'Begin the exam?' answered Yes: the exam clock starts on the first item."""
        if self.phase is not Phase.INTRO:
            return
        self._set_phase(Phase.ITEMS)
        self.countdown.start()
        self._enter(self.position)

    def resume(self) -> None:
        """Carry on a saved attempt where it stopped, the clock running again."""
        if self.phase.over:
            return
        if self.phase is Phase.INTRO:
            self.begin()
            return
        self.countdown.start()
        self._entered_at = self.clock.now() if self.phase is Phase.ITEMS else None
        self._emit(Change.PHASE, self.phase)
        self.tick()

    def decline(self) -> None:
        if self.phase is Phase.INTRO:
            self._set_phase(Phase.DECLINED)

    def answer(self, letter: str | None) -> None:
        if not self._accepting() or (letter is not None and letter not in self.current.item.letters):
            return
        if self.kind == "practice" and self.state.response is not None:
            return
        if self.feedback_due():
            return  # study mode: the first answer counts, since the feedback has shown the key
        if self.state.response != letter:
            self.state.response = letter
            self.state.struck.discard(letter or "")
            self._emit(Change.ITEM, self.position)

    def toggle_flag(self) -> None:
        if self._accepting():
            self.state.flagged = not self.state.flagged
            self._emit(Change.ITEM, self.position)

    def toggle_strike(self, letter: str) -> None:
        if self._accepting() and letter in self.current.item.letters:
            self.state.struck ^= {letter}
            self._emit(Change.ITEM, self.position)

    def highlight(self, start: int, end: int) -> None:
        """Highlight [start, end) of the stem; overlapping highlights merge into one."""
        if not self._accepting() or end <= start or start < 0:
            return
        spans = sorted([*self.state.highlights, (start, end)])
        merged: list[tuple[int, int]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        self.state.highlights = merged
        self._emit(Change.ITEM, self.position)

    def clear_highlights(self) -> None:
        if self._accepting() and self.state.highlights:
            self.state.highlights = []
            self._emit(Change.ITEM, self.position)

    def goto(self, position: int) -> None:
        if self.phase.over or self.phase is Phase.INTRO or not 0 <= position < len(self.form):
            return
        self._leave()
        if self.phase is not Phase.ITEMS:
            self._set_phase(Phase.ITEMS)
        self._enter(position)

    def next(self) -> None:
        """Next item; in a filtered review, the next one of that set; past the
        last one, the review screen (as the real driver does)."""
        order = self.review_set if self.review_set is not None else list(range(len(self.form)))
        later = [p for p in order if p > self.position]
        if later:
            self.goto(later[0])
        else:
            self.open_review()

    def previous(self) -> None:
        order = self.review_set if self.review_set is not None else list(range(len(self.form)))
        earlier = [p for p in order if p < self.position]
        if earlier:
            self.goto(earlier[-1])

    @property
    def at_first(self) -> bool:
        order = self.review_set if self.review_set is not None else [0]
        return not order or self.position <= order[0]

    def open_review(self) -> None:
        if self.phase is Phase.ITEMS:
            self._leave()
            self.review_set = None
            self.reviewed = True
            self._set_phase(Phase.REVIEW)

    def set_filter(self, which: Filter) -> None:
        """Review All / Incomplete / Flagged: step through just that set from its first item."""
        if self.phase is not Phase.REVIEW:
            return
        self.filter = which
        subset = self.positions(which)
        if not subset:
            self._emit(Change.POSITION, self.position)  # nothing to step through; stay on the screen
            return
        self.review_set = subset if which is not Filter.ALL else None
        self.goto(subset[0])

    def end(self) -> None:
        if self.phase in (Phase.ITEMS, Phase.REVIEW):
            self._leave()
            self.countdown.stop()
            self._set_phase(Phase.FINISHED)

    def suspend(self) -> None:
        """The window is closing mid-exam: bank the time on this item and save the
        clock, so the attempt resumes exactly here."""
        if self.phase in (Phase.ITEMS, Phase.REVIEW):
            self._leave()
            self.countdown.stop()
            self._last_checkpoint = self.countdown.used()
            self._emit(Change.CHECKPOINT, self._last_checkpoint)

    def tick(self) -> None:
        """Called often by the screen's timer: warns, checkpoints and expires."""
        if self.phase not in (Phase.ITEMS, Phase.REVIEW):
            return
        remaining = self.countdown.remaining()
        if remaining <= 0:
            self._leave()
            self.countdown.stop()
            self._set_phase(Phase.EXPIRED)
            return
        self._emit(Change.TICK, remaining)
        for threshold in WARNINGS_S:
            if remaining <= threshold and threshold not in self._warned:
                self._warned.add(threshold)
                self._emit(Change.WARNING, threshold)
        used = self.countdown.used()
        if used - self._last_checkpoint >= CHECKPOINT_S:
            self._last_checkpoint = used
            self._emit(Change.CHECKPOINT, used)

    # --- inside ----------------------------------------------------------------
    def _accepting(self) -> bool:
        return self.phase is Phase.ITEMS and not self.countdown.expired

    def _set_phase(self, phase: Phase) -> None:
        self.phase = phase
        self._emit(Change.PHASE, phase)

    def _enter(self, position: int) -> None:
        self.position = position
        self.states[position].visited = True
        self._entered_at = self.clock.now()
        self._emit(Change.POSITION, position)

    def _leave(self) -> None:
        """Add the time spent on the item being left to its tally."""
        if self._entered_at is None or self.phase is not Phase.ITEMS:
            return
        spent = max(0.0, self.clock.now() - self._entered_at)
        self._entered_at = None
        if spent:
            self.states[self.position].seconds += spent
            self._emit(Change.ITEM, self.position)
