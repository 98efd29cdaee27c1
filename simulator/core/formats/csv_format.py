"""Questions as a spreadsheet: one row per question, named columns.

    id,category,question,A,B,C,D,answer,explanation
    INV-1,Inventory,Which cost does EOQ balance?,Stockout,Carrying,Price,Freight,B,EOQ ...

Column names are matched without regard to case: `question` (or `stem`), `A` to
`F` (or `option a` ...), `answer` (or `key`: a letter, or 1-6), and optionally
`id` (or `name`), `category` (or `domain`), `explanation` (or `feedback`).
Commas, semicolons and tabs are recognised as separators.
"""

from __future__ import annotations

import csv
import io

from .html import neutralize
from .model import LETTERS, MAX_OPTIONS, FormatError, ImportResult, Question, accept

ALIASES = {
    "question": ("question", "stem", "question text", "questiontext"),
    "answer": ("answer", "key", "correct", "correct answer"),
    "name": ("id", "name", "title"),
    "category": ("category", "domain", "topic"),
    "explanation": ("explanation", "feedback", "general feedback", "rationale"),
}
MAX_FIELD = 64 * 1024


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    names = [h.strip().lower().replace("_", " ") for h in header]
    for field, aliases in ALIASES.items():
        for k, name in enumerate(names):
            if name in aliases and field not in found:
                found[field] = k
    for n, letter in enumerate(LETTERS[:MAX_OPTIONS]):
        for k, name in enumerate(names):
            if name in (
                letter.lower(),
                f"option {letter.lower()}",
                f"option{letter.lower()}",
                f"answer {n + 1}",
                f"option {n + 1}",
            ):
                found.setdefault(letter, k)
    return found


def read(text: str) -> ImportResult:
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise FormatError("the file is empty") from None
    except csv.Error as exc:
        raise FormatError(f"line 1: {exc}") from None
    cols = _columns(header)
    missing = [c for c in ("question", "answer", "A", "B") if c not in cols]
    if missing:
        raise FormatError(
            "line 1: the header needs the columns question, A, B (up to F) and answer; "
            f"missing: {', '.join(missing)}"
        )
    result = ImportResult()
    letters = [letter for letter in LETTERS if letter in cols]
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.problem(line, str(exc))
            break
        if not any(cell.strip() for cell in row):
            continue

        def cell(field: str, row: list[str] = row) -> str:
            k = cols.get(field)
            return row[k] if k is not None and k < len(row) else ""

        options = [cell(letter) for letter in letters]
        while options and not options[-1].strip():
            options.pop()
        answer = cell("answer").strip().upper()
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            answer = LETTERS[int(answer) - 1]
        if len(answer) != 1 or answer not in LETTERS[: len(options)]:
            result.problem(line, f"answer {answer or '(empty)'!r} names none of the options")
            continue
        texts = []
        for value in (cell("question"), cell("explanation"), *options):
            cleaned, links = neutralize(value)
            result.media_dropped += links
            texts.append(cleaned)
        accept(
            result,
            Question(
                stem=texts[0],
                options=texts[2:],
                key=LETTERS.index(answer),
                explanation=texts[1],
                name=cell("name").strip(),
                category=cell("category").strip(),
                line=line,
            ),
        )
    return result


def write(questions: list[Question]) -> str:
    width = max((len(q.options) for q in questions), default=4)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "category", "question", *LETTERS[:width], "answer", "explanation"])
    for q in questions:
        writer.writerow(
            [
                q.name,
                q.category,
                q.stem,
                *q.options,
                *[""] * (width - len(q.options)),
                q.key_letter,
                q.explanation,
            ]
        )
    return out.getvalue()
