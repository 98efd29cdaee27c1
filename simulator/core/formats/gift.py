"""Moodle's GIFT format: reading the questions the simulator can sit, writing them back.

    // a comment
    $CATEGORY: $course$/Inventory/Lot sizing
    ::EOQ 1::[plain] Which cost does EOQ balance against ordering cost? {
      =Carrying cost#Right: EOQ sets them equal.
      ~Stockout cost
      ~Purchase price
      ####EOQ minimizes ordering plus carrying cost.
    }

Questions are separated by blank lines. `~ = # { } :` are escaped with a
backslash inside text. Multiple choice with one fully right answer, and
true/false, are taken; essays (`{}`), numeric (`{#...}`), short answer (only `=`
answers), matching (`->`), partial-credit multiple response and descriptions
(no answer block) are skipped and reported.
"""

from __future__ import annotations

import re

from .html import looks_like_html, neutralize, to_text
from .model import ImportResult, Question, accept, category_path, explanation_of, right_answer

SPECIALS = "~=#{}:"
_ESC = {c: f"\x00{n}\x00" for n, c in enumerate(SPECIALS + "\\n")}
_UNESC = {v: (k if k != "n" else "\n") for k, v in _ESC.items()}
_ESCAPED = re.compile(r"\\([~=#{}:\\n])")
_PLACEHOLDER = re.compile("\x00\\d+\x00")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_TRUE_FALSE = {"t": True, "true": True, "f": False, "false": False}


def _protect(text: str) -> str:
    return _ESCAPED.sub(lambda m: _ESC["\\" if m.group(1) == "\\" else m.group(1)], text)


def _restore(text: str) -> str:
    if "\x00" not in text:
        return text
    return _PLACEHOLDER.sub(lambda m: _UNESC[m.group(0)], text)


def _chunks(text: str) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of each question, split at blank lines, comments dropped."""
    chunks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith("//"):
            continue
        if not line.strip():
            if current:
                chunks.append((start, current))
                current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        chunks.append((start, current))
    return chunks


def _split_answers(block: str) -> tuple[list[tuple[str, str]], str]:
    """The answers of a block as (marker and text, feedback) pairs, and the general feedback."""
    general = ""
    if "####" in block:
        block, general = block.split("####", 1)
    answers: list[tuple[str, str]] = []
    for m in re.finditer(r"([=~])([^=~]*)", block):
        body = m.group(2)
        text, _, feedback = body.partition("#")
        answers.append((m.group(1) + text, feedback))
    return answers, general


def _text(raw: str, fmt: str, result: ImportResult) -> str:
    raw = _restore(raw)
    if fmt == "html" or (fmt == "moodle" and looks_like_html(raw)):
        converted = to_text(raw)
        result.media_dropped += converted.media_dropped + converted.links_removed
        return converted.text
    text, links = neutralize(raw)
    result.media_dropped += links
    return text


def read(text: str) -> ImportResult:
    result = ImportResult()
    category = ""
    for line, lines in _chunks(text):
        body = "\n".join(lines).strip()
        if body.startswith("$CATEGORY:"):
            first, _, rest = body.partition("\n")
            category = category_path(first[len("$CATEGORY:") :])
            body = rest.strip()
            if not body:
                continue
        _question(body, line, category, result)
    return result


def _question(body: str, line: int, category: str, result: ImportResult) -> None:
    body = _protect(body)
    name = ""
    if body.startswith("::"):
        end = body.find("::", 2)
        if end < 0:
            result.problem(line, "the question title opened with :: is not closed")
            return
        name, body = _restore(body[2:end]).strip(), body[end + 2 :]
    fmt = "moodle"
    if m := _FORMAT.match(body):
        fmt, body = m.group(1).lower(), body[m.end() :]
    opening = body.find("{")
    if opening < 0:
        result.skip(line, "description")
        return
    closing = body.find("}", opening)
    if closing < 0:
        result.problem(line, "the answer block opened with { is not closed with }")
        return
    before, block, after = body[:opening], body[opening + 1 : closing].strip(), body[closing + 1 :]
    if after.strip() and "{" in after:
        result.skip(line, "cloze (more than one answer block)")
        return
    if m := _FORMAT.match(block):  # a format may also stand inside the block, for the answers
        block = block[m.end() :]
    stem_raw = before + ("_____" + after if after.strip() else "")
    if not block:
        result.skip(line, "essay")
        return
    if block.startswith("#"):
        result.skip(line, "numeric")
        return
    head = block.partition("#")[0]
    if head.strip().lower() in _TRUE_FALSE and "~" not in block and "=" not in head:
        right = _TRUE_FALSE[head.strip().lower()]
        general = block.split("####", 1)[1] if "####" in block else ""
        q = Question(
            stem=_text(stem_raw, fmt, result),
            options=["True", "False"],
            key=0 if right else 1,
            explanation=_text(general, fmt, result),
            name=name,
            category=category,
            line=line,
        )
        accept(result, q)
        return
    answers, general = _split_answers(block)
    if not answers:
        result.problem(line, "the answer block has no answers (= or ~)")
        return
    if any("->" in a for a, _ in answers):
        result.skip(line, "matching")
        return
    if not any(a.startswith("~") for a, _ in answers):
        result.skip(line, "short answer")
        return
    options: list[str] = []
    weights: list[float] = []
    feedback: list[str] = []
    for marker_text, fb in answers:
        marker, text_ = marker_text[0], marker_text[1:].strip()
        weight = 100.0 if marker == "=" else 0.0
        if m := _WEIGHT.match(text_):
            weight, text_ = float(m.group(1)), text_[m.end() :].strip()
        options.append(_text(text_, fmt, result))
        weights.append(weight)
        feedback.append(_text(fb, fmt, result))
    key = right_answer(weights, result, line, "marked right (=)")
    if key is None:
        return
    explanation = explanation_of(_text(general, fmt, result), feedback)
    accept(
        result,
        Question(
            stem=_text(stem_raw, fmt, result),
            options=options,
            key=key,
            explanation=explanation,
            name=name,
            category=category,
            line=line,
        ),
    )


def escape(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for c in SPECIALS:
        out = out.replace(c, "\\" + c)
    # A blank line would end the question: paragraphs become \n escapes.
    return out.replace("\n", "\\n")


def write(questions: list[Question]) -> str:
    lines: list[str] = ["// Exported by the CPIM Exam Simulator", ""]
    category = None
    for q in questions:
        if q.category != category:
            category = q.category
            lines += [f"$CATEGORY: $course$/top/{category}" if category else "$CATEGORY: $course$/top", ""]
        title = f"::{escape(q.name)}::" if q.name else ""
        lines.append(f"{title}[plain]{escape(q.stem)} {{")
        for k, option in enumerate(q.options):
            lines.append(f"  {'=' if k == q.key else '~'}{escape(option)}")
        if q.explanation:
            lines.append(f"  ####{escape(q.explanation)}")
        lines += ["}", ""]
    return "\n".join(lines)
