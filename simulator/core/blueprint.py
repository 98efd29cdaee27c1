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
    options: int = 0  # options every item of the bank has (2-6); 0: any number from 2 to 6
    house_rules: bool = False  # the item-writing rules refuse a file (else they only warn: imported banks)

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
        return {d.name: c for d, c in zip(self.domains, counts, strict=False)}


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


FIELDS = "title, items, pretest, minutes and [[domains]] tables"
DOMAIN_FIELDS = ("code", "name", "weight", "subtopics")


def parse_blueprint(text: str, source: str = "blueprint") -> Blueprint:
    """A blueprint from TOML text. Every problem is one BlueprintError line that
    names the file (`source`), the place in it and what to do."""
    remedy = "fix the file, or delete it to use the shipped blueprint"

    def fail(place: str, what: str) -> BlueprintError:
        return BlueprintError(f"{source}: {place}: {what}; {remedy}")

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise fail("not valid TOML", str(exc)) from None
    top: dict[str, type | tuple[type, ...]] = {"title": str, "items": int, "pretest": int,
                                              "minutes": (int, float)}
    for name, kind in top.items():
        if name not in data:
            raise fail("top level", f"'{name}' is missing (a blueprint needs {FIELDS})")
        if not isinstance(data[name], kind) or isinstance(data[name], bool):
            raise fail(f"'{name}'", f"{data[name]!r} is not {'a number' if name != 'title' else 'text'}")
    raw_domains = data.get("domains")
    if not isinstance(raw_domains, list) or not raw_domains:
        raise fail("top level", "no [[domains]] tables")
    domains = []
    for n, d in enumerate(raw_domains, start=1):
        place = f"domain {n}" + (f" ({d.get('name')!r})" if isinstance(d, dict) and "name" in d else "")
        if not isinstance(d, dict):
            raise fail(place, "is not a table")
        for name in DOMAIN_FIELDS:
            if name not in d:
                raise fail(place, f"'{name}' is missing (each [[domains]] needs {', '.join(DOMAIN_FIELDS)})")
        weight, subtopics = d["weight"], d["subtopics"]
        if not isinstance(weight, (int, float)) or isinstance(weight, bool) or weight < 0:
            raise fail(place, f"weight {weight!r} is not a number of 0 or more")
        if not isinstance(subtopics, list) or not all(isinstance(s, str) for s in subtopics):
            raise fail(place, "subtopics must be a list of names")
        domains.append(Domain(str(d["code"]), str(d["name"]), float(weight), tuple(subtopics)))
    try:
        bp = Blueprint(
            title=data["title"], items=data["items"], pretest=data["pretest"],
            minutes=float(data["minutes"]), domains=tuple(domains),
            passing_theta=float(data.get("passing_theta", 0.7)),
            scale_min=int(data.get("scale_min", 200)), scale_cut=int(data.get("scale_cut", 300)),
            scale_max=int(data.get("scale_max", 350)), options=int(data.get("options", 0)),
            house_rules=data.get("house_rules", False) is True,
        )
    except (TypeError, ValueError) as exc:
        raise fail("the scale or passing_theta", str(exc)) from None
    if sum(d.weight for d in domains) <= 0:
        raise fail("[[domains]]", "the weights add up to 0")
    if bp.options not in (0, 2, 3, 4, 5, 6):
        raise fail("'options'", f"{bp.options} is not a number of options from 2 to 6 (or 0 for any)")
    if not 0 <= bp.pretest < bp.items or bp.minutes <= 0:
        raise fail("top level", "need 0 <= pretest < items and minutes > 0")
    return bp


def load_blueprint(path: Path) -> Blueprint:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BlueprintError(f"{path}: cannot be read: {exc.strerror or exc}; check its permissions, "
                             "or delete it to use the shipped blueprint") from None
    except UnicodeDecodeError:
        raise BlueprintError(f"{path}: is not UTF-8 text; save it as UTF-8, or delete it to use the "
                             "shipped blueprint") from None
    return parse_blueprint(text, str(path))
