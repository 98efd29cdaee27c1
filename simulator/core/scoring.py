"""Scoring like ASCM: a Rasch-equated scaled score and a diagnosis by domain.

Each item has a difficulty b (logits). The passing standard is the ability theta_c
of the minimally qualified candidate (MQC). On any form, the raw cut is the MQC's
expected score on the form's scored items: sum of P(theta_c, b). Raw scores map
piecewise-linearly to the scale so that 0 right is 200, the raw cut is exactly 300
and all right is 350. A harder form (larger b) has a lower raw cut: fewer right
answers reach 300, which is what equating means. Pretest items never count.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Levels of a domain against the passing standard.
BELOW, NEAR, ABOVE = "below", "near", "above"
NOT_TESTED = "not_tested"  # a domain with no scored item on this form (a short custom exam)
# The margin around the MQC's expected score: one standard deviation of the
# MQC's score on those items, but never less than one item, so that a domain of
# four items is not called weak on a single miss.
MARGIN_Z = 1.0
MIN_MARGIN_ITEMS = 1.0


def p_correct(theta: float, difficulty: float) -> float:
    """Rasch probability that a candidate of ability theta answers correctly."""
    return 1.0 / (1.0 + math.exp(difficulty - theta))


@dataclass(frozen=True, slots=True)
class ScoredItem:
    domain: str
    difficulty: float
    pretest: bool
    correct: bool


@dataclass(frozen=True, slots=True)
class DomainResult:
    name: str
    items: int
    correct: int
    expected: float   # the MQC's expected score on these items
    margin: float
    level: str

    @property
    def percent(self) -> float:
        return 100.0 * self.correct / self.items if self.items else 0.0


@dataclass(frozen=True, slots=True)
class Result:
    scaled_score: int
    passed: bool
    raw_correct: int
    operational_count: int
    pretest_count: int
    raw_cut: float
    domains: tuple[DomainResult, ...]


def raw_cut(difficulties: Sequence[float], theta_c: float) -> float:
    return sum(p_correct(theta_c, b) for b in difficulties)


def scale(raw: int, n: int, cut: float, lo: int = 200, mid: int = 300, hi: int = 350) -> int:
    """Map a raw score to the reporting scale; raw >= cut is exactly the pass band."""
    if n <= 0:
        return lo
    if raw >= cut:
        span = n - cut
        value = hi if span <= 0 else mid + (hi - mid) * (raw - cut) / span
        return max(mid, min(hi, math.floor(value + 1e-9)))
    value = lo + (mid - lo) * raw / cut
    return max(lo, min(mid - 1, math.floor(value + 1e-9)))


def level(correct: int, expected: float, variance: float) -> tuple[str, float]:
    margin = max(MIN_MARGIN_ITEMS, MARGIN_Z * math.sqrt(variance))
    if correct < expected - margin:
        return BELOW, margin
    if correct > expected + margin:
        return ABOVE, margin
    return NEAR, margin


def score(items: Sequence[ScoredItem], domains: Sequence[str], theta_c: float,
          lo: int = 200, mid: int = 300, hi: int = 350) -> Result:
    operational = [it for it in items if not it.pretest]
    raw = sum(1 for it in operational if it.correct)
    cut = raw_cut([it.difficulty for it in operational], theta_c)
    scaled = scale(raw, len(operational), cut, lo, mid, hi)
    results = []
    for name in domains:
        mine = [it for it in operational if it.domain == name]
        probs = [p_correct(theta_c, it.difficulty) for it in mine]
        right = sum(1 for it in mine if it.correct)
        expected = sum(probs)
        lvl, margin = level(right, expected, sum(p * (1 - p) for p in probs))
        results.append(DomainResult(name, len(mine), right, expected, margin, lvl if mine else NOT_TESTED))
    return Result(scaled, raw >= cut and bool(operational), raw, len(operational),
                  len(items) - len(operational), cut, tuple(results))
