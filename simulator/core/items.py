"""An item of the question bank, as the exam logic sees it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LETTERS = ("A", "B", "C", "D")
LEVELS = ("recall", "application", "analysis")


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    domain: str
    subtopic: str
    level: str
    difficulty: float
    stem: str
    options: tuple[str, str, str, str]
    key: str
    explanation: str
    term: str = ""
    reviewed: bool = False
    calc: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def quantitative(self) -> bool:
        return self.calc is not None

    def option(self, letter: str) -> str:
        return self.options[LETTERS.index(letter)]
