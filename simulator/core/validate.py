"""Reading and checking question-bank files (question_db/*.toml).

The same parser serves the loader and `cpim-sim bank validate`, so whatever the
validator passes the loader accepts, and a file the validator rejects never
reaches the database. Problems carry the file and line, as a compiler's do.

Run on files directly while writing items:  python -m simulator.core.validate FILE...
"""

from __future__ import annotations

import math
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .blueprint import Blueprint
from .formulas import FormulaError, evaluate
from .items import LETTERS, LEVELS, MAX_OPTIONS, MIN_OPTIONS, Exhibit, Item
from .writing import findings

LineOf = Callable[[str], int]     # a field's name -> its line in the file
Add = Callable[[int, str], None]  # (line, message): one problem
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_ITEMS_PER_FILE = 1000
MAX_DEPTH = 3           # item -> calc -> inputs -> a list of numbers; item -> exhibit -> rows -> a row
MAX_INPUTS = 50         # names in an [items.calc] inputs table
MAX_LIST = 1000         # numbers in one input list
MAX_STEM_WORDS = 120
MIN_EXPLANATION_WORDS = 20
MAX_FIELD_CHARS = {"stem": 2000, "explanation": 4000, "option": 600, "formula": 600, "short": 200,
                   "cell": 80, "reason": 300}
EXHIBIT_COLUMNS = (2, 12)
EXHIBIT_ROWS = (1, 30)
ANGOFF_RATERS = (1, 9)
KEY_SHARE_RANGE = (0.22, 0.28)
MAX_LONGEST_KEY_SHARE = 0.35
NEAR_DUPLICATE = 0.6  # Jaccard similarity of word trigrams
BANNED_OPTIONS = re.compile(
    r"\b(all|none|both|neither) of the (above|options|answers)\b|^both [a-d] and [a-d]\b", re.IGNORECASE)
# Markup that a rich-text renderer would act on (images, links, scripts, style sheets,
# resources): item text is shown as plain text, but a file that tries it is refused
# all the same, so no later change of a label's text format can make it load anything.
MARKUP = re.compile(r"""
      <\s*/?\s*[a-z!?]                                        # a tag, comment, doctype, <?xml
    | ://                                                       # any other URL
    | @import\b
    | \b(?=[a-z])(?:   # the word-led ones, tried only where a word starts (3x faster than each alone)
        (?:src|href|background|style|srcset|action|formaction|xmlns|poster|data-[\w-]+)\s*=
      | (?:https?|ftps?|file|qrc|javascript|vbscript|blob|jar|smb|wss?)\s*:   # schemes, Qt's qrc: too
      | data:\s*(?:[\w.+-]+/[\w.+-]+|[;,])                      # data: URIs
      | url\s*\( | expression\s*\(                               # CSS that loads or runs
    )
""", re.IGNORECASE | re.VERBOSE)
MARKUP_NEEDS = re.compile("[<=:(@]")  # every MARKUP branch needs one: most texts skip the big pattern
# The words and numbers that make two options distinct (case, spacing and punctuation do not).
OPTION_WORDS = re.compile(r"-?[a-z0-9]+(?:\.[0-9]+)?")
# Characters that change how text looks without being seen (bidirectional overrides and
# isolates, zero-width characters, a BOM inside the text): they can make an option read
# differently from what it is.
# Unicode's control characters (category Cc: C0, DEL, C1) other than tab and line ends.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]")
UNSEEN = re.compile(CONTROL.pattern[:-1] + INVISIBLE.pattern[1:])  # either of the two
ITEM_FIELDS = frozenset({"id", "subtopic", "level", "difficulty", "term", "stem", *LETTERS, "key",
                         "explanation", "reviewed", "calc", "exhibit", "absolute_reason", "form_checked",
                         "angoff"})
EXHIBIT_FIELDS = frozenset({"caption", "columns", "rows"})
CALC_FIELDS = frozenset({"formula", "expression", "inputs"})
INPUT_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,40}")
INTERNAL = "could not be checked (a validator fault; the file is refused)"
ID_PATTERN = re.compile(r"[A-Z]{3}-\d{3,5}")  # fullmatch
FIRST_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?|-?\.\d+")


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int
    message: str
    warning: bool = False  # printed by the validator; does not refuse the file
    rule: str = ""         # the item-writing rule that found it (simulator.core.writing.RULES)
    pending: bool = False  # an error of a rule in PENDING_RULES, reported as a warning for now

    def __str__(self) -> str:
        if self.pending:
            label = f"to fix ({self.rule}, soon an error): "
        else:
            label = f"warning ({self.rule}): " if self.warning else ""
        return f"{self.path}:{self.line}: {label}{self.message}"


@dataclass(slots=True)
class ParsedFile:
    path: str
    items: list[Item]
    lines: dict[str, int]  # item id -> line of its [[items]] header
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)


# Item-writing rules whose errors are reported as warnings for now, while the shipped
# bank is being brought in line with them; a rule leaves this set once the bank passes it.
PENDING_RULES: frozenset[str] = frozenset()  # empty: the shipped bank passes every rule


ITEMS_HEADER = re.compile(r"\[\[\s*items\s*\]\]\s*(?:#.*)?")
CALC_HEADER = re.compile(r"\[\s*items\s*\.\s*calc\s*\]\s*(?:#.*)?")
EXHIBIT_HEADER = re.compile(r"\[\s*items\s*\.\s*exhibit\s*\]\s*(?:#.*)?")


def _item_lines(text: str) -> list[tuple[int, dict[str, int]]]:
    """For each [[items]] table: its header line and the line of each field in it.

    Lines are counted at "\n" only, as editors and TOML count them (str.splitlines
    would also break at form feeds and other separators and shift every number after)."""
    blocks: list[tuple[int, dict[str, int]]] = []
    field = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*=")
    for number, line in enumerate(text.split("\n"), start=1):
        first = line[:1]
        # Only a line that starts with "[" (after any indent) can be a table header:
        # the rest, most lines, go straight to the field check.
        if first == "[" or (first.isspace() and "[" in line):
            stripped = line.strip()
            if ITEMS_HEADER.fullmatch(stripped):
                blocks.append((number, {}))
                continue
            if blocks and CALC_HEADER.fullmatch(stripped):
                blocks[-1][1].setdefault("calc", number)
                continue
            if blocks and EXHIBIT_HEADER.fullmatch(stripped):
                blocks[-1][1].setdefault("exhibit", number)
                continue
        if blocks and first not in (" ", "\t") and (m := field.match(line)):
            blocks[-1][1].setdefault(m.group(1), number)
    return blocks


def _line_of_offset(text: str, offset: int) -> int:
    return text.count("\n", 0, max(0, offset)) + 1


def _depth(value: Any, limit: int) -> int:
    """How deep tables and arrays nest in value, counting no further than limit + 1."""
    if limit < 0 or not isinstance(value, (dict, list)):
        return 0
    children = value.values() if isinstance(value, dict) else value
    if not any(isinstance(child, (dict, list)) for child in children):
        return 1  # the common case, an item's table of texts and numbers: no recursion
    return 1 + max((_depth(child, limit - 1) for child in children), default=0)


def first_number(text: str) -> tuple[float, int] | None:
    """The first number in an option and how many decimals it shows."""
    m = FIRST_NUMBER.search(text)
    if not m:
        return None
    token = m.group(0).replace(",", "")
    decimals = len(token.split(".")[1]) if "." in token else 0
    return float(token), decimals


def calc_result(calc: dict[str, Any]) -> float:
    value = evaluate(str(calc["expression"]), dict(calc.get("inputs", {})))
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FormulaError("the expression must give one number")
    return float(value)


def matches(option: str, value: float) -> bool:
    shown = first_number(option)
    if shown is None:
        return False
    number, decimals = shown
    return bool(abs(number - value) <= 0.5 * 10 ** -decimals + 1e-9)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _clean_text(value: Any, name: str, limit: int) -> str:
    if value is None:
        raise ValueError(f"{name} is missing")
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, not {_kind(value)}")
    if len(value) > 4 * limit:  # before any work on it: a huge field is refused as it is
        raise ValueError(f"{name} is longer than {limit} characters")
    # Checked on the text as written, before wrapping whitespace is folded away.
    # Every CONTROL and INVISIBLE character is unprintable: isprintable() passes most
    # texts at C speed, and one scan finds either kind in the rest (which one, only then).
    if not value.isprintable() and UNSEEN.search(value):
        if CONTROL.search(value):
            raise ValueError(f"{name} contains control characters (NUL, escape, ...)")
        raise ValueError(f"{name} contains invisible formatting characters (bidi overrides, zero-width)")
    # Authors wrap long lines in the source; a single line break is a space, a blank
    # line a paragraph, so the screen can wrap the text to its own width.
    if "\n" in value:
        text = "\n\n".join(" ".join(part.split()) for part in re.split(r"\n\s*\n", value.strip()))
    else:  # one line, as most fields are: no paragraphs to find
        text = " ".join(value.split())
    if not text:
        raise ValueError(f"{name} is empty")
    if len(text) > limit:
        raise ValueError(f"{name} is longer than {limit} characters")
    if MARKUP_NEEDS.search(text) and (m := MARKUP.search(text)):
        raise ValueError(f"{name} contains markup or an address ({m.group(0).strip()!r}): "
                         "tags, links, images, style sheets and URLs are not allowed")
    return text


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "an array",
            dict: "a table"}.get(type(value), type(value).__name__)


def parse_text(text: str, path: str, blueprint: Blueprint, warnings: bool = True,
               loaded: dict[str, Any] | None = None) -> ParsedFile:
    """Parse one bank file; every problem found is reported, items that pass are kept.

    warnings=False is the loader's reading (the build of a bank): it has no use for
    warnings, and checks a template on a sample of its seeds (templates.check); `bank
    validate` and CI check every seed.

    loaded: the file's TOML already read into tables by whoever wrote the text (an
    import writes its files from them), which spares parsing it again; every check
    after the TOML syntax is made on it as on a file read from disk.

    Never raises on any text: whatever is wrong with it becomes a Problem, so a hostile
    or damaged file can neither crash the program nor reach the database."""
    result = ParsedFile(path, [], {}, [])
    try:
        _parse_into(result, text, blueprint, warnings, loaded)
    except Exception as exc:
        result.items.clear()
        result.lines.clear()
        result.problems.append(Problem(path, 1, f"{INTERNAL}: {type(exc).__name__}: {exc}"))
    return result


def _parse_into(result: ParsedFile, text: str, blueprint: Blueprint, warnings: bool = True,
                loaded: dict[str, Any] | None = None) -> None:
    # The item-writing rules refuse files only under the house rules; elsewhere they are
    # warnings. The loader (warnings=False) leaves them to `bank validate` and CI: they
    # judge how an item is written, not whether it is safe to show, and the shipped bank
    # passes them all (a second of work at every bank change, for nothing).
    writing_rules = warnings
    path = result.path

    def add(line: int, msg: str) -> None:
        result.problems.append(Problem(path, line, msg))

    if not isinstance(text, str):
        add(1, "not text")
        return
    if len(text) > MAX_FILE_BYTES:
        add(1, f"file is {len(text)} characters, at most {MAX_FILE_BYTES}")
        return
    if (nul := text.find("\0")) >= 0:
        add(_line_of_offset(text, nul), "contains NUL characters (UTF-16 text? save the file as UTF-8)")
        return
    try:
        data = tomllib.loads(text) if loaded is None else loaded
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        add(int(m.group(1)) if m else _end_line(text), f"not valid TOML: {exc}")
        return
    except RecursionError:
        deep = re.search(r"(?:[\[{][^\[\]{}\n]{0,40}){30,}", text)
        add(_line_of_offset(text, deep.start()) if deep else 1,
            "not valid TOML: arrays or tables nested too deeply")
        return
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        long_number = re.search(r"[0-9_]{1000,}", text)
        add(_line_of_offset(text, long_number.start()) if long_number else 1, f"not valid TOML: {exc}")
        return
    for name in data.keys() - {"domain", "items"}:
        add(_top_line(text, name), f"unknown key {name[:40]!r} (a bank file has domain and [[items]] only)")
    domain_name = data.get("domain")
    names = {d.name: d for d in blueprint.domains}
    if domain_name is None:
        add(1, "no domain: a bank file starts with domain = \"NAME\", a domain of the blueprint "
               "(is the file empty?)")
        return
    if not isinstance(domain_name, str) or domain_name not in names:
        add(_top_line(text, "domain"),
            f"domain {_short(domain_name)} is not a domain of the blueprint")
        return
    domain = names[domain_name]
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        add(1, "no [[items]] in the file")
        return
    if len(raw_items) > MAX_ITEMS_PER_FILE:
        add(1, f"{len(raw_items)} items in one file, at most {MAX_ITEMS_PER_FILE}")
        return
    blocks = _item_lines(text)
    for index, raw in enumerate(raw_items):
        header, fields = blocks[index] if index < len(blocks) else (1, {})

        def line_of(name: str, fields: dict[str, int] = fields, header: int = header) -> int:
            return fields.get(name, header)

        problems_before = len(result.problems)
        item = _parse_item(raw, domain.name, domain.code, domain.subtopics, line_of, add, blueprint.options,
                           blueprint.house_rules, sample_templates=not warnings)
        if writing_rules and item is not None and len(result.problems) == problems_before:
            for found in findings(item, blueprint.passing_theta):
                error = found.error and blueprint.house_rules
                pending = error and found.rule in PENDING_RULES
                problem = Problem(path, line_of(found.field), f"{item.id}: {found.message}",
                                  warning=not error or pending, rule=found.rule, pending=pending)
                (result.warnings if problem.warning else result.problems).append(problem)
        if item is not None and item.id in result.lines:
            add(header, f"{item.id}: duplicate id (also line {result.lines[item.id]})")
        elif item is not None and len(result.problems) == problems_before:
            result.items.append(item)
            result.lines[item.id] = header


def _end_line(text: str) -> int:
    """Where a problem found "at end of document" began: an unclosed multi-line string
    opens at the last triple quote of an odd count; otherwise the last line."""
    for quote in ('"""', "'''"):
        if text.count(quote) % 2:
            return _line_of_offset(text, text.rfind(quote))
    return _line_of_offset(text, len(text.rstrip()))


def _top_line(text: str, key: str) -> int:
    m = re.search(rf"(?m)^\s*{re.escape(key)}\s*=", text) if len(key) < 100 else None
    return _line_of_offset(text, m.start()) if m else 1


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _parse_item(raw: Any, domain: str, code: str, subtopics: tuple[str, ...], line_of: LineOf, add: Add,
                options_wanted: int = 0, house_rules: bool = True,
                sample_templates: bool = False) -> Item | None:
    """One item, or None. house_rules: the shipped bank's own standards (stem length,
    an explanation of substance); a bank imported from elsewhere is taken as its file
    has it, an empty explanation included. sample_templates: the loader's check of a
    template, on a sample of its seeds (templates.check)."""
    if not isinstance(raw, dict):
        add(line_of("id"), "an item must be a table")
        return None
    if "template" in raw:  # a parametric item: its options and key come from its template
        from .templates import parse_template_item
        return parse_template_item(raw, domain, code, subtopics, line_of, add, sample=sample_templates)
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not ID_PATTERN.fullmatch(item_id):
        add(line_of("id"), f"id {_short(item_id)} is not of the form {code}-NNN")
        return None
    unknown = sorted(raw.keys() - ITEM_FIELDS)
    if unknown:
        add(line_of(unknown[0]), f"{item_id}: unknown field {_short(unknown[0])} "
                                 f"(the fields are {', '.join(sorted(ITEM_FIELDS))})")
        return None
    if _depth(raw, MAX_DEPTH + 1) > MAX_DEPTH + 1:
        add(line_of("exhibit" if "exhibit" in raw else "calc"),
            f"{item_id}: tables or arrays nested too deeply")
        return None
    if not item_id.startswith(code + "-"):
        add(line_of("id"), f"{item_id}: the id prefix must be {code} in this domain")
    ok = True
    # Options are A, B, ... with no gap: as many as the bank's blueprint says, else 2 to 6.
    count = options_wanted or max(MIN_OPTIONS, next((n for n, x in enumerate(LETTERS) if x not in raw),
                                                    MAX_OPTIONS))
    letters = LETTERS[:count]
    if extra := [x for x in LETTERS[count:] if x in raw]:
        if options_wanted:
            why = (f"is one too many: the items of this bank have exactly {count} options "
                   f"({letters[0]}-{letters[-1]})")
        else:
            why = f"follows a missing option {LETTERS[count]}: options are A, B, C ... with no gap"
        add(line_of(extra[0]), f"{item_id}: option {extra[0]} {why}")
        ok = False
    texts: dict[str, str] = {}
    for name, limit in (("stem", MAX_FIELD_CHARS["stem"]), ("explanation", MAX_FIELD_CHARS["explanation"]),
                        *((letter, MAX_FIELD_CHARS["option"]) for letter in letters)):
        if name == "explanation" and not house_rules and raw.get(name) == "":
            texts[name] = ""
            continue
        try:
            texts[name] = _clean_text(raw.get(name), name if len(name) > 1 else f"option {name}", limit)
        except ValueError as exc:
            add(line_of(name), f"{item_id}: {exc}")
            ok = False
    subtopic = raw.get("subtopic")
    if not isinstance(subtopic, str) or subtopic not in subtopics:
        add(line_of("subtopic"), f"{item_id}: subtopic {_short(subtopic)} is not one of {domain!r}'s")
        ok = False
    level = raw.get("level")
    if not isinstance(level, str) or level not in LEVELS:
        add(line_of("level"), f"{item_id}: level must be one of {', '.join(LEVELS)}")
        ok = False
    difficulty = raw.get("difficulty")
    if isinstance(difficulty, bool) or not isinstance(difficulty, (int, float)) or not -4 <= difficulty <= 4:
        add(line_of("difficulty"), f"{item_id}: difficulty must be a number of logits from -4 to 4")
        ok = False
    key = raw.get("key")
    if not isinstance(key, str) or key not in letters:
        add(line_of("key"), f"{item_id}: key must be exactly one of {', '.join(letters)}")
        ok = False
    term = raw.get("term", "")
    if not isinstance(term, str) or len(term) > MAX_FIELD_CHARS["short"]:
        add(line_of("term"), f"{item_id}: term must be short text")
        ok = False
    elif term.strip():
        try:
            term = _clean_text(term, "term", MAX_FIELD_CHARS["short"])
        except ValueError as exc:
            add(line_of("term"), f"{item_id}: {exc}")
            ok = False
    reviewed = raw.get("reviewed", False)
    if not isinstance(reviewed, bool):
        add(line_of("reviewed"), f"{item_id}: reviewed must be true or false")
        ok = False
    if house_rules and "stem" in texts and len(texts["stem"].split()) > MAX_STEM_WORDS:
        add(line_of("stem"),
            f"{item_id}: stem has {len(texts['stem'].split())} words, at most {MAX_STEM_WORDS}")
    if house_rules and "explanation" in texts and len(texts["explanation"].split()) < MIN_EXPLANATION_WORDS:
        add(line_of("explanation"), f"{item_id}: explanation shorter than {MIN_EXPLANATION_WORDS} words")
    present = [(letter, texts[letter]) for letter in letters if letter in texts]
    # Case, spacing and punctuation do not make options distinct; a sign or a decimal point does.
    normalised = [" ".join(OPTION_WORDS.findall(o.lower())) for _, o in present]
    if len(set(normalised)) < len(normalised):
        add(line_of("A"), f"{item_id}: the options must be distinct")
    for letter, option in present:
        # the pattern needs "... of the ..." or a leading "both": most options skip it
        if (" of the " in option.lower() or option[:5].lower() == "both ") and BANNED_OPTIONS.search(option):
            add(line_of(letter), f"{item_id}: option {letter} is an 'all/none of the above' style option")
    absolute_reason = raw.get("absolute_reason", "")
    if absolute_reason != "":
        try:
            absolute_reason = _clean_text(absolute_reason, "absolute_reason", MAX_FIELD_CHARS["reason"])
        except ValueError as exc:
            add(line_of("absolute_reason"), f"{item_id}: {exc}")
            ok = False
    form_checked = raw.get("form_checked", False)
    if not isinstance(form_checked, bool):
        add(line_of("form_checked"), f"{item_id}: form_checked must be true or false")
        ok = False
    angoff = _parse_angoff(raw.get("angoff", None))
    if isinstance(angoff, str):
        add(line_of("angoff"), f"{item_id}: angoff {angoff}")
        ok = False
    exhibit: Exhibit | None = None
    if "exhibit" in raw:
        try:
            exhibit = _parse_exhibit(raw["exhibit"])
        except (TypeError, ValueError) as exc:
            add(line_of("exhibit"), f"{item_id}: [items.exhibit] {exc}")
            ok = False
    if not ok:
        return None
    # each passed its check above (ok): said for the type checker
    assert isinstance(subtopic, str) and isinstance(level, str) and isinstance(key, str)
    assert isinstance(difficulty, (int, float))
    stem, options = texts["stem"], tuple(texts[letter] for letter in letters)
    calc = raw.get("calc")
    if calc is not None:
        _check_calc(item_id, calc, options, LETTERS.index(key), line_of, add)
    return Item(id=item_id, domain=domain, subtopic=subtopic, level=level,
                difficulty=float(difficulty), stem=stem, options=options, key=key,
                explanation=texts["explanation"], term=term.strip(), reviewed=reviewed,
                calc=calc if isinstance(calc, dict) else None, exhibit=exhibit,
                angoff=angoff if isinstance(angoff, tuple) else (), absolute_reason=str(absolute_reason),
                form_checked=form_checked)


def _parse_angoff(value: Any) -> tuple[float, ...] | str:
    """The raters' probabilities, or what is wrong with them (as a message)."""
    if value is None:
        return ()
    low, high = ANGOFF_RATERS
    if not isinstance(value, list) or not low <= len(value) <= high:
        return f"must be a list of {low} to {high} ratings"
    if not all(_number(v) and 0 < v < 1 for v in value):
        return "ratings must be numbers between 0 and 1 (exclusive)"
    return tuple(float(v) for v in value)


def _clean_cell(value: Any, name: str) -> str:
    """A header or cell of an exhibit: one line of text, possibly empty, under the
    same character rules as any other text of an item."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text in quotes, not {_kind(value)} (write numbers as \"1,200\")")
    if not value.strip():
        return ""
    return " ".join(_clean_text(value, name, MAX_FIELD_CHARS["cell"]).split())


def _parse_exhibit(raw: Any) -> Exhibit:
    if not isinstance(raw, dict):
        raise TypeError("must be a table with caption, columns and rows")
    if unknown := sorted(raw.keys() - EXHIBIT_FIELDS):
        raise ValueError(f"has an unknown field {_short(unknown[0])} (the fields are caption, columns, rows)")
    caption = _clean_text(raw.get("caption"), "caption", MAX_FIELD_CHARS["short"])
    columns, rows = raw.get("columns"), raw.get("rows")
    low, high = EXHIBIT_COLUMNS
    if not isinstance(columns, list) or not low <= len(columns) <= high:
        raise ValueError(f"columns must be a list of {low} to {high} headers")
    headers = tuple(_clean_cell(c, f"column {n + 1} header") for n, c in enumerate(columns))
    low, high = EXHIBIT_ROWS
    if not isinstance(rows, list) or not low <= len(rows) <= high:
        raise ValueError(f"rows must be a list of {low} to {high} rows")
    cells: list[tuple[str, ...]] = []
    for r, row in enumerate(rows, start=1):
        if not isinstance(row, list) or len(row) != len(headers):
            raise ValueError(f"row {r} must be a list of {len(headers)} cells, one per column")
        cells.append(tuple(_clean_cell(c, f"row {r} cell {n + 1}") for n, c in enumerate(row)))
    return Exhibit(caption=caption, columns=headers, rows=tuple(cells))


def _check_calc(item_id: str, calc: Any, options: tuple[str, ...], key_index: int, line_of: LineOf,
                add: Add) -> None:
    line = line_of("calc")
    if not isinstance(calc, dict) or not isinstance(calc.get("expression"), str) \
            or not isinstance(calc.get("formula"), str) or not isinstance(calc.get("inputs", {}), dict):
        add(line, f"{item_id}: [items.calc] needs formula, expression and inputs")
        return
    if unknown := sorted(calc.keys() - CALC_FIELDS):
        add(line, f"{item_id}: [items.calc] has an unknown field {_short(unknown[0])}")
        return
    try:
        _clean_text(calc["formula"], "calc formula", MAX_FIELD_CHARS["formula"])
    except ValueError as exc:
        add(line, f"{item_id}: {exc}")
        return
    if problem := _bad_inputs(calc.get("inputs", {})):
        add(line, f"{item_id}: calc inputs: {problem}")
        return
    try:
        value = calc_result(calc)
    except (FormulaError, ValueError, ArithmeticError, RecursionError, MemoryError) as exc:
        add(line, f"{item_id}: calc: {exc or type(exc).__name__}")
        return
    if not math.isfinite(value):
        add(line, f"{item_id}: calc gives {value}, not a finite number")
        return
    if not matches(options[key_index], value):
        add(line, f"{item_id}: calc gives {value:.6g}, but the keyed option shows {options[key_index]!r}")
    for index, option in enumerate(options):
        if index != key_index and matches(option, value):
            add(line, f"{item_id}: calc result {value:.6g} also matches option {LETTERS[index]}")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
        and abs(value) < 1e15


def _bad_inputs(inputs: dict[str, Any]) -> str | None:
    """Inputs are named numbers or flat lists of numbers, and not too many of them."""
    if len(inputs) > MAX_INPUTS:
        return f"{len(inputs)} names, at most {MAX_INPUTS}"
    for name, value in inputs.items():
        if not INPUT_NAME.fullmatch(name):
            return f"{_short(name)} is not a name (letters, digits, _)"
        if isinstance(value, list):
            if len(value) > MAX_LIST or not all(_number(v) for v in value):
                return f"{name} must be a list of at most {MAX_LIST} plain numbers"
        elif not _number(value):
            return f"{name} must be a number or a list of numbers, not {_kind(value)}"
    return None


def trigrams(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i:i + 3]) for i in range(max(1, len(words) - 2))}


def check_bank(files: list[ParsedFile], house_rules: bool = True) -> list[Problem]:
    """Checks across files: unique ids, and for the shipped bank (house_rules) near-duplicate
    stems and the key spread; an imported bank is taken as its file has it."""
    problems: list[Problem] = []
    seen: dict[str, tuple[str, int]] = {}
    entries: list[tuple[ParsedFile, Item, set[tuple[str, ...]]]] = []
    for parsed in files:
        for item in parsed.items:
            line = parsed.lines[item.id]
            if item.id in seen:
                where = seen[item.id]
                problems.append(Problem(parsed.path, line,
                                        f"{item.id}: duplicate id (also {where[0]}:{where[1]})"))
            seen[item.id] = (parsed.path, line)
            entries.append((parsed, item, trigrams(item.stem)))
    if not house_rules:
        return problems
    # Near-duplicate stems: compare only pairs that share a rare trigram.
    index: dict[tuple[str, ...], list[int]] = {}
    for n, (_, _, grams) in enumerate(entries):
        for g in grams:
            index.setdefault(g, []).append(n)
    reported: set[tuple[int, int]] = set()
    for postings in index.values():
        if len(postings) > 50:
            continue
        for x in range(len(postings)):
            for y in range(x + 1, len(postings)):
                pair = (postings[x], postings[y])
                if pair in reported:
                    continue
                reported.add(pair)
                (_, ia, ga), (pb, ib, gb) = entries[pair[0]], entries[pair[1]]
                similarity = len(ga & gb) / len(ga | gb)
                if similarity >= NEAR_DUPLICATE:
                    problems.append(Problem(pb.path, pb.lines[ib.id],
                                            f"{ib.id}: stem nearly the same as {ia.id} ({similarity:.0%} "
                                            "alike)"))
    items = [item for _, item, _ in entries]
    if len(items) >= 20:
        keys = Counter(item.key for item in items)
        first = files[0]
        counts = {len(item.options) for item in items}
        # Keys spread evenly over the letters: checked where every item has the same number of
        # options (4: 22-28% each), the share a letter should have being plain then.
        n = counts.pop() if len(counts) == 1 else 0
        low, high = (round(KEY_SHARE_RANGE[0] - 0.25 + 1 / n, 4), round(KEY_SHARE_RANGE[1] - 0.25 + 1 / n,
                                                                        4)) \
            if n else (0.0, 1.0)
        for letter in LETTERS[:n]:
            share = keys[letter] / len(items)
            if not low <= share <= high:
                problems.append(Problem(first.path, 1, f"key {letter} is {share:.1%} of the items; "
                                                       f"each letter must be {low:.0%}-{high:.0%}"))
        longest = sum(1 for item in items if key_is_longest(item))
        if longest / len(items) > MAX_LONGEST_KEY_SHARE:
            problems.append(Problem(first.path, 1,
                                    f"the key is the longest option in {longest / len(items):.0%}"
                                                   f" of the items, at most {MAX_LONGEST_KEY_SHARE:.0%}"))
    return problems


def key_is_longest(item: Item) -> bool:
    lengths = [len(o) for o in item.options]
    k = lengths[LETTERS.index(item.key)]
    return all(k > length for i, length in enumerate(lengths) if i != LETTERS.index(item.key))


BOMS = ((b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\xfe\xff", "UTF-16"), (b"\xff\xfe", "UTF-16"))


def read_bank_file(path: Path, blueprint: Blueprint, warnings: bool = True,
                   loaded: dict[str, Any] | None = None) -> ParsedFile:
    """Read and parse one file, turning size and encoding trouble into problems
    (loaded: its TOML as tables already, see parse_text).

    Never raises: a FIFO, a device, a folder, a file too big, one that grows while it
    is read, UTF-16/32 or Latin-1 text, NUL bytes all become a Problem naming the file."""
    shown = str(path)

    def refused(line: int, message: str) -> ParsedFile:
        return ParsedFile(shown, [], {}, [Problem(shown, line, message)])

    try:
        if not path.is_file():  # a FIFO would block the reader forever, a device never end
            return refused(1, "not a regular file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return refused(1, f"file is {size} bytes, at most {MAX_FILE_BYTES}")
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            return refused(1, f"file is more than {MAX_FILE_BYTES} bytes")
    except (OSError, ValueError) as exc:
        return refused(1, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
    for bom, name in BOMS:
        if raw.startswith(bom):
            return refused(1, f"not UTF-8 text: {name} (byte order mark {bom.hex(' ')}); "
                              "save the file as UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return refused(line, f"not UTF-8 text (byte {raw[exc.start]:#04x}; Latin-1 or another encoding?); "
                             "save the file as UTF-8")
    return parse_text(text.removeprefix("\ufeff"), shown, blueprint, warnings, loaded)


def bank_files(path: Path) -> list[Path]:
    return sorted(path.glob("*.toml")) if path.is_dir() else [path]


def accepted_files(parsed: list[ParsedFile]) -> tuple[list[ParsedFile], list[Problem]]:
    """The files a build may load, and why the others are refused.

    A file is loaded whole or not at all: one with any problem is refused, and so is a
    file that reuses an id of a file accepted before it (in path order), whose items
    would otherwise collide in the bank. What is accepted has unique ids."""
    problems = [p for f in parsed for p in f.problems]
    accepted: list[ParsedFile] = []
    owner: dict[str, tuple[str, int]] = {}
    for f in parsed:
        if f.problems:
            continue
        clashes = [(item.id, owner[item.id]) for item in f.items if item.id in owner]
        if clashes:
            item_id, (where, line) = clashes[0]
            problems.append(Problem(f.path, f.lines.get(item_id, 1),
                                    f"{item_id}: id already used in {where}:{line}; this file is refused"))
            continue
        accepted.append(f)
        owner.update({item.id: (f.path, f.lines.get(item.id, 1)) for item in f.items})
    return accepted, problems


def validate_paths(paths: list[Path], blueprint: Blueprint) -> tuple[list[ParsedFile], list[Problem]]:
    parsed = [read_bank_file(p, blueprint) for p in paths]
    problems = [p for f in parsed for p in f.problems] + check_bank(parsed, blueprint.house_rules)
    return parsed, problems


def main(argv: list[str] | None = None) -> int:
    from ..paths import default_blueprint
    args = sys.argv[1:] if argv is None else argv
    paths = [f for a in args for f in bank_files(Path(a))]
    parsed, problems = validate_paths(paths, default_blueprint())
    for problem in report_lines(parsed, problems):
        print(problem)
    warnings = sum(len(f.warnings) for f in parsed)
    print(f"{len(problems)} problem(s), {warnings} warning(s) in {len(paths)} file(s)", file=sys.stderr)
    return 1 if problems else 0


def report_lines(parsed: list[ParsedFile], problems: list[Problem]) -> list[Problem]:
    """Problems and warnings as a reader wants them: file by file, in line order, then
    the whole-bank problems (key spread, duplicates across files)."""
    shown: list[Problem] = []
    per_file = {id(p) for f in parsed for p in f.problems}
    for f in parsed:
        shown += sorted(f.problems + f.warnings, key=lambda p: (p.line, p.warning))
    return shown + [p for p in problems if id(p) not in per_file]


if __name__ == "__main__":
    raise SystemExit(main())
