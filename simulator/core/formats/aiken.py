"""Moodle's Aiken format: a question, its options as "A." or "A)", then "ANSWER: X".

    Which cost does EOQ balance against ordering cost?
    A. Stockout cost
    B. Carrying cost
    C. Purchase price
    ANSWER: B

Only multiple choice exists in Aiken; a question without ANSWER, with one option,
or whose answer names no option is reported, not taken. Questions are separated
by ANSWER lines (blank lines between them are optional).
"""

from __future__ import annotations

import re

from .html import neutralize
from .model import LETTERS, ImportResult, Question, accept

OPTION = re.compile(r"^\s*([A-Z])\s*[.)]\s+(.*)$")
ANSWER = re.compile(r"^\s*ANSWER\s*:\s*(.*?)\s*$", re.IGNORECASE)


def read(text: str) -> ImportResult:
    result = ImportResult()
    stem: list[str] = []
    options: list[tuple[str, str]] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            if options:  # a blank line inside the options ends nothing; keep reading
                continue
            if stem:
                stem.append("")
            continue
        if not stem and not options:
            start = number
        if m := ANSWER.match(line):
            _finish(result, start, stem, options, m.group(1))
            stem, options = [], []
            continue
        if m := OPTION.match(line):
            options.append((m.group(1).upper(), m.group(2)))
        elif options:  # an option's text carried on the next line
            letter, previous = options[-1]
            options[-1] = (letter, f"{previous} {line.strip()}")
        else:
            stem.append(line)
    if stem or options:
        result.problem(start, "the last question has no ANSWER: line")
    return result


def _finish(
    result: ImportResult, line: int, stem: list[str], options: list[tuple[str, str]], answer: str
) -> None:
    if not options:
        result.problem(line, "ANSWER: without options (A. ... B. ...) before it")
        return
    letters = [letter for letter, _ in options]
    if letters != list(LETTERS[: len(letters)]) and letters != [chr(65 + k) for k in range(len(letters))]:
        result.problem(line, f"the options are lettered {', '.join(letters)}, not A, B, C ... in order")
        return
    answer = answer.strip().upper()
    if len(answer) != 1 or answer not in letters:
        result.problem(
            line, f"ANSWER: {answer or '(empty)'} names none of the options {letters[0]}-{letters[-1]}"
        )
        return
    text, links = neutralize("\n".join(stem))
    cleaned = []
    for _, option in options:
        o, n = neutralize(option)
        links += n
        cleaned.append(o)
    result.media_dropped += links
    accept(result, Question(stem=text, options=cleaned, key=letters.index(answer), line=line))


def write(questions: list[Question]) -> str:
    """Aiken has no place for an explanation or a category: only stems, options, keys.
    Each option must be one line, so line breaks inside texts become spaces."""
    out: list[str] = []
    for q in questions:
        out.append(" ".join(q.stem.split()) if "\n\n" not in q.stem else q.stem)
        out += [f"{LETTERS[k]}. {' '.join(o.split())}" for k, o in enumerate(q.options)]
        out += [f"ANSWER: {q.key_letter}", ""]
    return "\n".join(out)
