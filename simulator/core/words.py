"""Small wording helpers shared by the screens, the PDF and the command line."""

from __future__ import annotations

from datetime import datetime


def plural(count: float, word: str, many: str | None = None) -> str:
    """'1 second', '2 seconds', '1 time', '3 times' (counts shown as whole numbers)."""
    whole = round(count)
    return f"{whole} {word if whole == 1 else (many or word + 's')}"


def local_time(iso: str | None) -> str:
    """A stored UTC timestamp as a reader's local date and time: '1 December 2026, 22:44'."""
    if not iso:
        return "-"
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d %B %Y, %H:%M").lstrip("0")
    except ValueError:
        return iso


def mmss(seconds: float) -> str:
    """An item's time as minutes:seconds, rounded to the second ('2:20'); the screen and
    the PDF both use it, so they never differ by a second."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def raw_cut_text(cut: float) -> str:
    """The raw cut as a number of right answers: the smallest whole score at or above it."""
    import math
    return str(math.ceil(cut - 1e-9))
