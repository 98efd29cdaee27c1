"""An item of the question bank, as the exam logic sees it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

LETTERS = ("A", "B", "C", "D", "E", "F")  # an item has the first 2 to 6 of them
MIN_OPTIONS, MAX_OPTIONS = 2, len(LETTERS)
LEVELS = ("recall", "application", "analysis")

# A cell that reads as a number ("1,200", "$4.50", "-3", "12%", "0.85 h") is shown
# right-aligned, as figures are in a printed table.
NUMERIC_CELL = re.compile(r"\s*[-+(]?\s*[$€£]?\s*-?(?:\d[\d,]*(?:\.\d+)?|\.\d+)"
                          r"\s*\)?\s*(?:%|[A-Za-z]{1,5})?\s*")


@dataclass(frozen=True, slots=True)
class Exhibit:
    """A table shown with an item: a caption, column headers and rows of text cells
    (every row as long as the headers)."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def to_json(self) -> dict[str, Any]:
        return {"caption": self.caption, "columns": list(self.columns), "rows": [list(r) for r in self.rows]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Exhibit:
        return cls(caption=str(data["caption"]), columns=tuple(str(c) for c in data["columns"]),
                   rows=tuple(tuple(str(c) for c in row) for row in data["rows"]))


def numeric_cell(text: str) -> bool:
    return bool(text.strip()) and NUMERIC_CELL.fullmatch(text) is not None


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    domain: str
    subtopic: str
    level: str
    difficulty: float
    stem: str
    options: tuple[str, ...]
    key: str
    explanation: str
    term: str = ""
    reviewed: bool = False
    calc: dict[str, Any] | None = field(default=None, compare=False)
    exhibit: Exhibit | None = None
    angoff: tuple[float, ...] = field(default=(), compare=False)
    # Authoring records, kept for the validator's whole-bank checks; not shown to a candidate.
    absolute_reason: str = field(default="", compare=False)
    form_checked: bool = field(default=False, compare=False)

    @property
    def quantitative(self) -> bool:
        return self.calc is not None

    @property
    def letters(self) -> tuple[str, ...]:
        return LETTERS[:len(self.options)]

    def option(self, letter: str) -> str:
        return self.options[LETTERS.index(letter)]
