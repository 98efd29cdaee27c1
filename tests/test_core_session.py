from simulator.core.assembly import assemble
from simulator.core.clock import FakeClock, hms
from simulator.core.session import Change, ExamSession, Filter, Phase, Status
from simulator.paths import default_blueprint

from .conftest import make_items


def session(n=10, minutes=30.0):
    clock = FakeClock()
    form = assemble(make_items(), default_blueprint(), n, seed=3)
    return ExamSession(form, minutes * 60, clock), clock


def test_the_clock_starts_only_when_the_exam_begins():
    s, clock = session()
    clock.advance(600)
    assert s.remaining() == 1800 and s.phase is Phase.INTRO
    s.begin()
    clock.advance(60)
    assert s.remaining() == 1740 and s.phase is Phase.ITEMS


def test_answers_flags_and_statuses():
    s, _ = session()
    s.begin()
    s.answer("C")
    s.toggle_flag()
    s.next()
    s.next()
    assert s.states[0].response == "C" and s.states[0].flagged
    assert s.states[0].status is Status.COMPLETE
    assert s.states[1].status is Status.INCOMPLETE
    assert s.states[5].status is Status.UNSEEN
    assert s.position == 2


def test_next_past_the_last_item_opens_the_review_screen():
    s, _ = session(n=3)
    s.begin()
    s.next()
    s.next()
    s.next()
    assert s.phase is Phase.REVIEW


def test_filtered_review_steps_through_just_that_set():
    s, _ = session(n=6)
    s.begin()
    for p in (1, 4):
        s.goto(p)
        s.toggle_flag()
    s.open_review()
    s.set_filter(Filter.FLAGGED)
    assert s.position == 1
    s.next()
    assert s.position == 4
    s.previous()
    assert s.position == 1
    s.next()
    s.next()
    assert s.phase is Phase.REVIEW


def test_time_per_item_is_counted():
    s, clock = session()
    s.begin()
    clock.advance(40)
    s.next()
    clock.advance(25)
    s.previous()
    assert s.states[0].seconds == 40 and s.states[1].seconds == 25


def test_warnings_checkpoints_and_expiry():
    s, clock = session(minutes=40)
    events = []
    s.subscribe(lambda _s, change, payload: events.append((change, payload)))
    s.begin()
    s.answer("A")
    clock.advance(6)
    s.tick()
    assert (Change.CHECKPOINT, 6) in events
    clock.advance(10 * 60)
    s.tick()
    assert (Change.WARNING, 1800) in events
    clock.advance(25 * 60)
    s.tick()
    assert (Change.WARNING, 300) in events
    clock.advance(5 * 60)
    s.tick()
    assert s.phase is Phase.EXPIRED and s.remaining() == 0
    s.answer("B")  # too late: ignored
    assert s.states[0].response == "A"


def test_nothing_is_accepted_after_the_end():
    s, _ = session()
    s.begin()
    s.end()
    s.answer("A")
    s.toggle_flag()
    assert s.states[0].response is None and not s.states[0].flagged
    assert s.phase is Phase.FINISHED


def test_hms_rounds_up_so_zero_means_zero():
    assert hms(210 * 60) == "3:30:00"
    assert hms(0.2) == "0:00:01"
    assert hms(0) == "0:00:00"
