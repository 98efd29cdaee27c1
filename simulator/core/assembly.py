"""Drawing an exam form from the bank in the blueprint's proportions."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Iterable, Mapping

from .blueprint import Blueprint
from .items import Item


class AssemblyError(ValueError):
    """The bank cannot fill the form asked for."""


@dataclass(frozen=True, slots=True)
class FormItem:
    position: int
    item: Item
    pretest: bool


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
    recently seen (exposure control); the seed makes the draw and order repeatable."""
    rng = random.Random(seed)
    last_seen = last_seen or {}
    operational, pretest = form_plan(blueprint, n_items)
    by_domain: dict[str, list[Item]] = {name: [] for name in blueprint.names}
    for item in bank:
        if item.domain in by_domain:
            by_domain[item.domain].append(item)
    chosen: list[tuple[Item, bool]] = []
    for name in blueprint.names:
        need_op, need_pre = operational.get(name, 0), pretest.get(name, 0)
        pool = sorted(by_domain[name], key=lambda it: it.id)
        if len(pool) < need_op + need_pre:
            raise AssemblyError(f"the bank has {len(pool)} items in {name!r}; the form needs {need_op + need_pre}")
        # Random order first, then a stable sort by exposure: never seen (-1) first.
        rng.shuffle(pool)
        pool.sort(key=lambda it: last_seen.get(it.id, -1.0))
        chosen += [(it, False) for it in pool[:need_op]]
        chosen += [(it, True) for it in pool[need_op:need_op + need_pre]]
    rng.shuffle(chosen)
    return [FormItem(position, item, pretest) for position, (item, pretest) in enumerate(chosen)]
