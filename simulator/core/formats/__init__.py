"""Question files from elsewhere and back: GIFT, Aiken, Moodle XML and CSV.

Readers and writers work on plain text and plain data (model.Question); opening
files, building a bank and writing Anki decks belong to the layers above. The
format of a file is found from its content when the user does not name it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import aiken, csv_format, gift, moodle_xml
from .model import FormatError, ImportResult, Note, Question, Table, decode

READERS: dict[str, Callable[[str], ImportResult]] = {
    "gift": gift.read,
    "aiken": aiken.read,
    "moodle-xml": moodle_xml.read,
    "csv": csv_format.read,
}
WRITERS: dict[str, Callable[[list[Question]], str]] = {
    "gift": gift.write,
    "aiken": aiken.write,
    "moodle-xml": moodle_xml.write,
    "csv": csv_format.write,
}
FORMATS = tuple(READERS)

__all__ = [
    "FORMATS",
    "READERS",
    "WRITERS",
    "FormatError",
    "ImportResult",
    "Note",
    "Question",
    "Table",
    "decode",
    "detect",
    "read",
]


def detect(text: str, filename: str = "") -> str:
    """The format of a question file, from its content (the name's extension only
    breaks a tie). FormatError when it is none of the four."""
    head = text.lstrip()[:4096]
    if head.startswith("<?xml") or re.match(r"<(!--.*?-->\s*)*quiz\b", head, re.DOTALL):
        return "moodle-xml"
    if re.search(r"^\s*ANSWER\s*:\s*[A-Z]\s*$", text[:65536], re.MULTILINE | re.IGNORECASE) and re.search(
        r"^\s*[A-Z]\s*[.)]\s+\S", text[:65536], re.MULTILINE
    ):
        return "aiken"
    if re.search(
        r"\{[^{}]*[=~#}]|\{\s*\}|^\s*::|\$CATEGORY:", text[:65536], re.MULTILINE
    ) and not filename.lower().endswith(".csv"):
        return "gift"
    first = head.split("\n", 1)[0].lower()
    if (
        re.search(r"\b(question|stem)\b", first)
        and re.search(r"\b(answer|key)\b", first)
        and re.search(r"[,;\t]", first)
    ):
        return "csv"
    if filename.lower().endswith(".gift"):
        return "gift"
    raise FormatError(
        "not a question file the simulator knows (GIFT, Aiken, Moodle XML or CSV with a header); "
        "name the format with --format if it is one of them"
    )


def read(text: str, fmt: str | None = None, filename: str = "") -> tuple[str, ImportResult]:
    """The questions of a file's text, and the format used."""
    fmt = fmt or detect(text, filename)
    if fmt not in READERS:
        raise FormatError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    try:
        return fmt, READERS[fmt](text)
    except RecursionError:
        raise FormatError("the file nests too deeply to be read") from None
