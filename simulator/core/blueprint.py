"""The exam blueprint (domains, weights, form size, time) and largest-remainder shares."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


class BlueprintError(ValueError):
    """A blueprint file that cannot be used."""


@dataclass(frozen=True, slots=True)
class Domain:
    code: str
    name: str
    weight: float
    subtopics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Blueprint:
    title: str
    items: int
    pretest: int
    minutes: float
    domains: tuple[Domain, ...]
    passing_theta: float = 0.7
    scale_min: int = 200
    scale_cut: int = 300
    scale_max: int = 350

    @property
    def operational(self) -> int:
        return self.items - self.pretest

    def domain(self, name: str) -> Domain:
        for d in self.domains:
            if d.name == name:
                return d
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        return [d.name for d in self.domains]

    def shares(self, n: int) -> dict[str, int]:
        """n items split over the domains in proportion to their weights."""
        counts = largest_remainder([d.weight for d in self.domains], n)
        return {d.name: c for d, c in zip(self.domains, counts)}


def largest_remainder(weights: list[float], n: int) -> list[int]:
    """Hamilton's method: floors of the exact quotas, then one more each to the
    largest remainders. Ties go to the earlier domain, so the split is stable."""
    if n < 0 or not weights or any(w < 0 for w in weights) or sum(weights) <= 0:
        raise ValueError("weights must be non-negative with a positive sum, n >= 0")
    # Scale to integers so that 130 x 22 / 100 has an exact remainder.
    scale = 10**6
    iw = [round(w * scale) for w in weights]
    total = sum(iw)
    floors = [n * w // total for w in iw]
    remainders = [n * w % total for w in iw]
    left = n - sum(floors)
    order = sorted(range(len(iw)), key=lambda k: (-remainders[k], k))
    for k in order[:left]:
        floors[k] += 1
    return floors


def parse_blueprint(text: str) -> Blueprint:
    try:
        data = tomllib.loads(text)
        domains = tuple(
            Domain(str(d["code"]), str(d["name"]), float(d["weight"]),
                   tuple(str(s) for s in d["subtopics"]))
            for d in data["domains"]
        )
        bp = Blueprint(
            title=str(data["title"]), items=int(data["items"]), pretest=int(data["pretest"]),
            minutes=float(data["minutes"]), domains=domains,
            passing_theta=float(data.get("passing_theta", 0.7)),
            scale_min=int(data.get("scale_min", 200)), scale_cut=int(data.get("scale_cut", 300)),
            scale_max=int(data.get("scale_max", 350)),
        )
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise BlueprintError(f"blueprint: {exc}") from None
    if not domains or sum(d.weight for d in domains) <= 0 or any(d.weight < 0 for d in domains):
        raise BlueprintError("blueprint: the domain weights must be non-negative with a positive sum")
    if not 0 <= bp.pretest < bp.items or bp.minutes <= 0:
        raise BlueprintError("blueprint: need 0 <= pretest < items and minutes > 0")
    return bp


def load_blueprint(path: Path) -> Blueprint:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BlueprintError(f"{path}: {exc}") from None
    return parse_blueprint(text)
