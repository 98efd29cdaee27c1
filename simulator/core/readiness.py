"""Readiness: the candidate's ability on the bank's Rasch scale, and how sure we are of it.

Which answers count (counted_answers):
- from finished exams, every operational item (an item left blank is wrong, as it is
  on the exam; pretest items never count);
- from practice sets, every answered item (practice takes the first answer only:
  once the key is shown the answer is locked);
- each item once, by its first answer ever: after the key has been seen, a later
  answer measures memory of that item, not ability (those later answers still move
  the spaced-repetition schedule);
- only answers of the last RECENT_DAYS days, since ability changes with study.

The estimate is Warm's weighted likelihood estimate (WLE): the maximum-likelihood
estimate with the first-order bias removed, and finite when every counted answer is
right or every one wrong. Its standard error is 1/sqrt(test information), the
information being sum P(1-P) over the counted items at the estimate. P(pass) is the
normal approximation P(ability >= passing theta) = Phi((theta - theta_c) / se), and
the 90% interval is theta +- 1.645 se, on the same logit scale. Below MIN_ANSWERS
counted answers there is no estimate (None: "not enough answers yet"): with fewer, the
standard error is above about 0.37 logits and the interval spans more than a pass
and a clear fail at once. tests/test_readiness_simulation.py checks the coverage of
the interval and the calibration of P(pass) on simulated candidates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

MIN_ANSWERS = 30
RECENT_DAYS = 90
Z90 = 1.6448536269514722
THETA_BOUND = 6.0


@dataclass(frozen=True, slots=True)
class Answer:
    """One scored answer as it comes from the history, oldest first."""

    item_id: str
    difficulty: float
    correct: bool
    at: datetime        # when it was given (a practice answer) or the exam was finished
    kind: str = "exam"  # "exam" or "practice"


@dataclass(frozen=True, slots=True)
class Readiness:
    theta: float
    se: float
    p_pass: float
    low: float
    high: float
    answers: int

    def to_json(self) -> dict[str, float]:
        return {"p_pass": round(self.p_pass, 3), "low": round(self.low, 3), "high": round(self.high, 3),
                "theta": round(self.theta, 3), "se": round(self.se, 3)}


def counted_answers(history: Iterable[Answer], now: datetime, days: int = RECENT_DAYS) -> list[Answer]:
    """The answers readiness counts: each item's first answer, if it is recent enough."""
    first: dict[str, Answer] = {}
    for answer in history:
        first.setdefault(answer.item_id, answer)
    since = now - timedelta(days=days)
    return [a for a in first.values() if a.at >= since]


def _p(theta: float, b: float) -> float:
    x = b - theta
    if x > 35:
        return 0.0
    if x < -35:
        return 1.0
    return 1.0 / (1.0 + math.exp(x))


def information(theta: float, difficulties: Sequence[float]) -> float:
    return sum(p * (1 - p) for p in (_p(theta, b) for b in difficulties))


def wle(difficulties: Sequence[float], correct: Sequence[bool]) -> float:
    """Warm's estimate: the root of sum(x - P) + J / (2 I) = 0 (the left side falls as
    theta rises), within +-THETA_BOUND logits. Newton steps (slope about -I), kept
    inside a shrinking bracket and replaced by bisection when they leave it."""
    score = sum(1 for c in correct if c)

    def equation(theta: float) -> tuple[float, float]:
        ps = [_p(theta, b) for b in difficulties]
        info = sum(p * (1 - p) for p in ps)
        j = sum(p * (1 - p) * (1 - 2 * p) for p in ps)
        return score - sum(ps) + (j / (2 * info) if info > 0 else 0.0), info

    lo, hi = -THETA_BOUND, THETA_BOUND
    if equation(lo)[0] <= 0:
        return lo
    if equation(hi)[0] >= 0:
        return hi
    n = len(difficulties)
    mean_b = sum(difficulties) / n if n else 0.0
    theta = min(hi, max(lo, mean_b + math.log((score + 0.5) / (n - score + 0.5))))
    for _ in range(100):
        value, info = equation(theta)
        if value > 0:
            lo = theta
        else:
            hi = theta
        if abs(value) < 1e-9 or hi - lo < 1e-9:
            break
        step = theta + value / info if info > 0 else (lo + hi) / 2
        theta = step if lo < step < hi else (lo + hi) / 2
    return theta


def normal_cdf(z: float) -> float:
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def estimate(answers: Sequence[Answer], passing_theta: float,
             min_answers: int = MIN_ANSWERS) -> Readiness | None:
    """Ability, its standard error, P(pass) and the 90% interval; None below the minimum."""
    if len(answers) < min_answers:
        return None
    difficulties = [a.difficulty for a in answers]
    theta = wle(difficulties, [a.correct for a in answers])
    info = information(theta, difficulties)
    se = 1.0 / math.sqrt(info) if info > 0 else float("inf")
    p_pass = normal_cdf((theta - passing_theta) / se) if math.isfinite(se) else 0.5
    return Readiness(theta, se, p_pass, theta - Z90 * se, theta + Z90 * se, len(answers))


def describe(r: Readiness | None, passing_theta: float) -> str:
    """One line for a person."""
    if r is None:
        return f"Not enough answers yet (readiness needs {MIN_ANSWERS} scored answers)."
    return (f"P(pass) {r.p_pass:.0%}: ability {r.theta:+.2f} logits (90% interval {r.low:+.2f} to "
            f"{r.high:+.2f}); the passing standard is {passing_theta:+.2f}. From {r.answers} answers.")
