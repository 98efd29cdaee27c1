"""Choosing a practice set from the candidate's history.

Sources: "all" (the bank, or the chosen domains and subtopics), "missed" (items
answered wrong in any earlier sitting, exam or practice), "flagged" (flagged in any
earlier sitting), "due" (spaced repetition: due before the end of the local day) and
"weak" (weakest first: the subtopics where the candidate stands furthest below the
passing standard). Domain and subtopic filters narrow any source.

Standing in a subtopic compares each item's latest answer with the minimally
qualified candidate (MQC) on the same items: the deficit is the MQC's expected share
right minus the candidate's, shrunk towards UNKNOWN_DEFICIT by PRIOR_ANSWERS
pseudo-answers. A subtopic never answered therefore stands at UNKNOWN_DEFICIT
(somewhat below the standard: unknown, not strong), and a handful of right answers
cannot lift a subtopic above one with a long record of them.

Everything is a pure function of its inputs; the seed makes the draw repeatable.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from .items import Item
from .scoring import p_correct

SOURCES = ("all", "missed", "flagged", "due", "weak")
DEFAULT_ITEMS = 20
PRIOR_ANSWERS = 3.0
UNKNOWN_DEFICIT = 0.25


class PracticeError(ValueError):
    """A practice set that cannot be made; the message says why, for the candidate."""


@dataclass(frozen=True, slots=True)
class ItemHistory:
    """What the history says of one item."""

    item_id: str
    answers: int = 0              # answered, in any attempt counted
    wrong: int = 0                # answered wrong
    flagged: bool = False         # flagged in any attempt
    last_correct: bool | None = None  # the latest answer (None: never answered)
    last_seen: float = -1.0       # higher is more recent; -1 never seen

    @property
    def missed(self) -> bool:
        return self.wrong > 0


@dataclass(frozen=True, slots=True)
class Standing:
    """The candidate against the passing standard in one subtopic."""

    domain: str
    subtopic: str
    items: int        # in the bank
    answered: int     # items with an answer
    correct: int      # of those, right at their latest answer
    expected: float   # the MQC's expected number right on the answered items
    deficit: float    # shrunk share below the standard (positive: below)
    due: int = 0      # items due today

    @property
    def label(self) -> str:
        return f"{self.domain}: {self.subtopic}"


def standings(items: Sequence[Item], histories: Mapping[str, ItemHistory], passing_theta: float,
              due: Collection[str] = ()) -> list[Standing]:
    """Every subtopic of the bank, largest deficit first (ties: domain, then subtopic)."""
    groups: dict[tuple[str, str], list[Item]] = {}
    for item in items:
        groups.setdefault((item.domain, item.subtopic), []).append(item)
    due_set = set(due)
    out = []
    for (domain, subtopic), mine in groups.items():
        answered = [it for it in mine if histories.get(it.id, ItemHistory(it.id)).last_correct is not None]
        correct = sum(1 for it in answered if histories[it.id].last_correct)
        expected = sum(p_correct(passing_theta, it.difficulty) for it in answered)
        deficit = (expected - correct + PRIOR_ANSWERS * UNKNOWN_DEFICIT) / (len(answered) + PRIOR_ANSWERS)
        out.append(Standing(domain, subtopic, len(mine), len(answered), correct, expected, deficit,
                            sum(1 for it in mine if it.id in due_set)))
    out.sort(key=lambda s: (-s.deficit, s.domain, s.subtopic))
    return out


def study_next(items: Sequence[Item], histories: Mapping[str, ItemHistory], passing_theta: float,
               due: Collection[str] = (), n: int = 3) -> list[Standing]:
    """"Where to study next": the n subtopics with the largest deficit."""
    return standings(items, histories, passing_theta, due)[:n]


def _filter(items: Sequence[Item], domains: Collection[str], subtopics: Collection[str]) -> list[Item]:
    known_domains = {it.domain for it in items}
    known_subtopics = {it.subtopic for it in items}
    for name in domains:
        if name not in known_domains:
            known = ", ".join(sorted(known_domains))
            raise PracticeError(f"no domain named {name!r}; the domains are: {known}")
    for name in subtopics:
        if name not in known_subtopics:
            raise PracticeError(f"no subtopic named {name!r} in the bank")
    return [it for it in items if (not domains or it.domain in domains)
            and (not subtopics or it.subtopic in subtopics)]


def choose(source: str, items: Sequence[Item], histories: Mapping[str, ItemHistory], *,
           due: Collection[str] = (), passing_theta: float = 0.7, domains: Collection[str] = (),
           subtopics: Collection[str] = (), n: int = DEFAULT_ITEMS, seed: int | None = None) -> list[Item]:
    """The practice set: up to n items of the source, in the order they are to be asked.
    Raises PracticeError for an unknown source or name, or when the source is empty."""
    if source not in SOURCES:
        raise PracticeError(f"unknown practice source {source!r}; choose one of {', '.join(SOURCES)}")
    if n < 1:
        raise PracticeError("a practice set needs at least 1 item")
    pool = sorted(_filter(items, domains, subtopics), key=lambda it: it.id)
    random.Random(seed).shuffle(pool)  # ties below stay in this seeded order
    due_set = set(due)

    def history(it: Item) -> ItemHistory:
        return histories.get(it.id) or ItemHistory(it.id)

    if source == "missed":
        pool = [it for it in pool if history(it).missed]
        pool.sort(key=lambda it: (it.id not in due_set, history(it).last_correct is not False))
    elif source == "flagged":
        pool = [it for it in pool if history(it).flagged]
        pool.sort(key=lambda it: it.id not in due_set)
    elif source == "due":
        pool = [it for it in pool if it.id in due_set]
    elif source == "all":
        pool.sort(key=lambda it: (it.id not in due_set, history(it).last_seen))
    else:  # weak: whole subtopics, the weakest first
        order = {(s.domain, s.subtopic): rank for rank, s in
                 enumerate(standings(pool, histories, passing_theta, due_set))}
        pool.sort(key=lambda it: (order[(it.domain, it.subtopic)], it.id not in due_set,
                                  history(it).last_correct is not False, history(it).last_seen))
    if not pool:
        raise PracticeError(EMPTY[source])
    return pool[:n]


EMPTY = {
    "all": "there are no items in the bank for that choice of domains and subtopics",
    "missed": "there are no missed items yet: nothing was answered wrong in an earlier sitting",
    "flagged": "there are no flagged items: nothing was flagged in an earlier sitting",
    "due": "no items are due today: come back later, or practise another source",
    "weak": "there are no items in the bank for that choice of domains and subtopics",
}
