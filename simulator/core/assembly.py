"""Drawing an exam form from the bank in the blueprint's proportions."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .blueprint import Blueprint
    from .items import Item


class AssemblyError(ValueError):
    """The bank cannot fill the form asked for."""


@dataclass(frozen=True, slots=True)
class FormItem:
    position: int
    item: Item          # as shown: a template item already rendered with `seed`
    pretest: bool
    seed: int | None = None  # the seed of a template item (templates.py); None for other items


def with_seeds(form: list[FormItem], rng: random.Random) -> list[FormItem]:
    """The form with each template item rendered with a seed drawn from rng, in
    form order (a form, a practice set): fresh numbers each time, the same numbers
    for the same rng."""
    from .templates import draw, is_template
    out = []
    for f in form:
        if is_template(f.item):
            item, seed = draw(f.item, rng)
            out.append(FormItem(f.position, item, f.pretest, seed))
        else:
            out.append(f)
    return out


def form_plan(blueprint: Blueprint, n_items: int | None) -> tuple[dict[str, int], dict[str, int]]:
    """Operational and pretest counts per domain. A full form carries the
    blueprint's pretest items; a shorter custom exam is all operational."""
    n = blueprint.items if n_items is None else n_items
    if n < 1:
        raise AssemblyError("an exam needs at least 1 item")
    if n > blueprint.items:
        raise AssemblyError(f"an exam has at most {blueprint.items} items")
    pretest = blueprint.pretest if n == blueprint.items else 0
    return blueprint.shares(n - pretest), blueprint.shares(pretest) if pretest else {}


def assemble(bank: Iterable[Item], blueprint: Blueprint, n_items: int | None = None,
             seed: int | None = None, last_seen: Mapping[str, float] | None = None) -> list[FormItem]:
    """Draw a form. Items the candidate has never seen come first, then the least
    recently seen (exposure control); the seed makes the draw and order repeatable.

    last_seen: item id -> when it was last on a form (the attempt id: higher is more
    recent, always above -1). Linear in the bank's size, with a small constant: a
    bank of 100,000 items takes tens of milliseconds (benchmarks/)."""
    rng = random.Random(seed)
    last_seen = last_seen or {}
    operational, pretest = form_plan(blueprint, n_items)
    by_domain: dict[str, list[Item]] = {name: [] for name in blueprint.names}
    for item in bank:
        pool = by_domain.get(item.domain)
        if pool is not None:
            pool.append(item)
    # Never seen counts as -1; with every stored value above that, the never-seen
    # items lead in shuffled order and only the seen ones need sorting (below).
    unseen_first = all(v > -1.0 for v in last_seen.values())
    chosen: list[tuple[Item, bool]] = []
    for name in blueprint.names:
        need_op, need_pre = operational.get(name, 0), pretest.get(name, 0)
        need = need_op + need_pre
        pool = sorted(by_domain[name], key=_ID)  # a fixed order whatever the bank's
        if len(pool) < need:
            raise AssemblyError(f"the bank has {len(pool)} items in {name!r}; the form needs {need}")
        # Random order first, then a stable sort by exposure: never seen (-1) first.
        rng.shuffle(pool)
        if unseen_first:
            pool = _least_exposed(pool, need, last_seen)
        else:
            pool.sort(key=lambda it: last_seen.get(it.id, -1.0))
        chosen += [(it, False) for it in pool[:need_op]]
        chosen += [(it, True) for it in pool[need_op:need]]
    rng.shuffle(chosen)
    # Seeds for templates come last from the rng, so a form's items and order for a
    # given seed are what they were before templates existed.
    return with_seeds([FormItem(position, item, pretest) for position, (item, pretest) in enumerate(chosen)],
                      rng)


_ID = attrgetter("id")


def _least_exposed(shuffled: list[Item], need: int, last_seen: Mapping[str, float]) -> list[Item]:
    """The first `need` items of `shuffled` stably sorted by last_seen (never seen
    first), without sorting it all: the never-seen ones in their shuffled order, and
    only if they are too few, the seen ones sorted after them."""
    fresh: list[Item] = []
    for item in shuffled:
        if item.id not in last_seen:
            fresh.append(item)
            if len(fresh) == need:
                return fresh
    seen = [item for item in shuffled if item.id in last_seen]
    seen.sort(key=lambda it: last_seen[it.id])
    return (fresh + seen)[:need]
