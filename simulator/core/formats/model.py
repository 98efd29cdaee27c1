"""What every question format reads into and writes from: plain data, no I/O.

A reader turns the text of a file into Questions the program can sit (single
best answer, 2 to 6 options), Notes for what it left out (`FILE:LINE: skipped:
TYPE`, or `FILE:LINE: message` for a broken question) and a count of embedded
media it dropped. Every file is treated as hostile: sizes and counts are capped
before any parsing work grows with them, and text is cleaned of control and
invisible characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_QUESTIONS = 20_000
MAX_TEXT_CHARS = 8_000  # one stem, option or explanation, after HTML is removed
MAX_OPTIONS = 6
MIN_OPTIONS = 2
MAX_NESTING = 40  # XML elements inside one another
LETTERS = "ABCDEF"

# Control characters other than tab and line ends, and characters that change how text
# reads without being seen (bidi overrides, zero-width characters, a BOM inside the text).
_UNSEEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)


class FormatError(ValueError):
    """A file that cannot be read at all in the format asked for (one line)."""


@dataclass(frozen=True, slots=True)
class Table:
    """A simple table kept from an imported question, shown as the item's exhibit."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(slots=True)
class Question:
    stem: str
    options: list[str]
    key: int  # index into options
    explanation: str = ""
    name: str = ""  # the file's own name or id for the question, if any
    category: str = ""
    line: int = 0
    table: Table | None = None

    @property
    def key_letter(self) -> str:
        return LETTERS[self.key]


@dataclass(frozen=True, slots=True)
class Note:
    line: int
    message: str  # "skipped: essay", or what is wrong

    def render(self, path: str) -> str:
        return f"{path}:{self.line}: {self.message}"


@dataclass(slots=True)
class ImportResult:
    questions: list[Question] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    media_dropped: int = 0  # images, embedded files, objects left out

    def skip(self, line: int, kind: str) -> None:
        self.notes.append(Note(line, f"skipped: {kind}"))

    def problem(self, line: int, message: str) -> None:
        self.notes.append(Note(line, message))


def clean(text: str) -> str:
    """Text as the item screen shows it: unseen characters removed, runs of spaces
    and single line breaks joined, paragraphs kept."""
    text = _UNSEEN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if "\n" not in text:  # one line, as most are: no paragraphs to find (a large import's hot path)
        return " ".join(text.split())
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def category_path(raw: str) -> str:
    """A Moodle category as the bank's domain name: '$course$/top/Inventory/ABC' -> 'Inventory/ABC'."""
    path = re.sub(r"^\$(course|system|module|cat\d*)\$/?", "", raw.strip())
    return re.sub(r"^top(/|$)", "", path, flags=re.I).strip("/ ")


def right_answer(weights: list[float], result: ImportResult, line: int, marked: str) -> int | None:
    """The one fully right answer of a question's credit weights (percent), or None
    having noted why the question is not taken: several partial credits are a
    multiple-response question, a partial one beside a right one is partial credit
    (the simulator scores one best answer), none or two right is a broken question.
    `marked` says how the file marks a right answer, for the message."""
    full = [k for k, w in enumerate(weights) if w >= 99.99]
    if any(0 < w < 99.99 for w in weights):
        result.skip(line, "partial credit" if full else "multiple response")
        return None
    if len(full) != 1:
        result.problem(line, f"no answer is {marked}" if not full else f"more than one answer is {marked}")
        return None
    return full[0]


def explanation_of(general: str, feedback: list[str]) -> str:
    """General feedback, then each answer's own feedback as "A: ..." paragraphs."""
    notes = [f"{LETTERS[k]}: {' '.join(fb.split())}" for k, fb in enumerate(feedback) if fb.strip()]
    return "\n\n".join(p for p in (general.strip(), *notes) if p)


def check_question(q: Question) -> str | None:
    """Why a question cannot be sat, or None."""
    if not q.stem:
        return "the question has no text"
    if not MIN_OPTIONS <= len(q.options) <= MAX_OPTIONS:
        return f"{len(q.options)} options (the simulator sits 2 to {MAX_OPTIONS})"
    if any(not o for o in q.options):
        return "an option is empty"
    if len({o.casefold() for o in q.options}) != len(q.options):
        return "two options are the same"
    if not 0 <= q.key < len(q.options):
        return "no right answer is marked"
    for text in (q.stem, q.explanation, *q.options):
        if len(text) > MAX_TEXT_CHARS:
            return f"a text is longer than {MAX_TEXT_CHARS} characters"
    return None


def accept(result: ImportResult, q: Question) -> None:
    """Add a question read from a file, or a note of why it was not taken."""
    q.stem, q.explanation = clean(q.stem), clean(q.explanation)
    q.options = [clean(o) for o in q.options]
    q.name, q.category = clean(q.name)[:200], clean(q.category)[:200]
    why = check_question(q)
    if why is not None:
        result.problem(q.line, why)
    elif len(result.questions) >= MAX_QUESTIONS:
        result.problem(q.line, f"more than {MAX_QUESTIONS} questions in one file; the rest are left out")
    else:
        result.questions.append(q)


def check_size(data: bytes | str) -> None:
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > MAX_FILE_BYTES:
        raise FormatError(
            f"the file is {size / 1e6:.1f} MB; at most {MAX_FILE_BYTES // (1024 * 1024)} MB "
            "can be imported (split it)"
        )


def decode(data: bytes) -> str:
    """UTF-8 (with or without a BOM) or UTF-16 with a BOM; anything else is refused
    rather than guessed, so no question is imported with mangled characters."""
    check_size(data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise FormatError("the file says it is UTF-16 but is not") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(
            f"line {line}: not UTF-8 text; save the file as UTF-8 and import it again"
        ) from None
    if "\x00" in text:
        raise FormatError("the file holds NUL bytes: it is not a text file")
    return text
