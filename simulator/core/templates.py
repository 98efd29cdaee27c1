"""Parametric items: a stem and options with placeholders, numbers drawn from a seed.

A template is one item of the bank (one id, one difficulty, one entry in exposure
control and scoring); each seed turns it into an ordinary :class:`Item` with its own
numbers. The key is computed by an expression over the functions of formulas.py, and
each distractor by the expression of a named mistake (forgot the 2 in EOQ, used
annual for weekly demand, ...), which the explanation names with its numbers.

Rendering is deterministic per (template id, seed). Seeds run from 0 to
``SEEDS - 1``: the validator (`bank validate`, and CI on the shipped bank) renders
every one of them and refuses a template if any rendering is unsound, so every
version a candidate can be shown has been checked. The loader, which builds the bank
at the first start, renders every 25th seed only: the full check costs seconds per
bank change, and a seed that fails to render is never shown (draw() takes the next).

The bank source format (``[items.template]``) is described in question_db/README.md.
"""

from __future__ import annotations

import ast
import json
import math
import random
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import lru_cache
from itertools import combinations, pairwise
from typing import Any

from .formulas import FUNCTIONS, FormulaError, compile_expression, parsed
from .items import LETTERS, Exhibit, Item

SEEDS = 500              # seeds 0..499: what forms draw and what the validator checks
SAMPLE_STEP = 25         # the loader's check: seeds 0, 25, 50, ... (20 renderings, not 500)
MAX_DRAWS = 200          # tries to draw inputs that meet the constraints, per seed
MAX_INPUTS = 20
MAX_DISTRACTORS = 6
MAX_LIST = 24
MAX_DECIMALS = 4
MIN_MISTAKE_SHARE = 0.05  # each mistake of a template shown in at least 5% of its renderings
MAX_KEY_SHARE = 0.7     # no key letter in more than 70% of a template's renderings
DEFAULT_MIN_GAP = 0.02   # adjacent options at least 2% (of the larger) apart
TEMPLATE_FIELDS = frozenset({"formula", "expression", "decimals", "option", "range", "min_gap", "apart",
                             "inputs", "derived", "constraints", "distractors"})
DISTRACTOR_FIELDS = frozenset({"mistake", "expression", "working"})
GENERATOR_FIELDS = frozenset({"range", "step", "choices", "count"})
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,30}")
RESERVED = frozenset({"value", "key", "key_letter", "key_option", "result"})
# {name} or {name:spec}; spec is a plain number format (",", ".2f", ",.0f", "%", ".1%")
# or one of ours: pct (a fraction as a percent, as few decimals as it needs), list
# (a list of numbers, comma separated).
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?\}")
NUMBER_SPEC = re.compile(r",?(?:\.[0-4])?[f%]?")
WORDS_SPEC = frozenset({"pct", "list"})
# What a stem can say about the precision it wants, and the decimals that means.
ROUNDING = (
    (re.compile(r"\bnearest (?:whole )?(?:unit|dollar|hour|minute|day|week|percent|percentage point|"
                r"order|count|part|case|pallet|kanban|card|container|piece|batch|box|second|period|"
                r"item|gallon|kilogram|pound|mile|job|worker|operator|shift|lot)s?\b", re.IGNORECASE), 0),
    (re.compile(r"\b(?:whole (?:number|units?|percent|days?|weeks?|hours?)|whole-number)\b", re.IGNORECASE),
     0),
    (re.compile(r"\b(?:nearest tenth|(?:to )?one decimal(?: place)?)\b", re.IGNORECASE), 1),
    (re.compile(r"\b(?:nearest (?:hundredth|cent)|(?:to )?two decimals?(?: places)?)\b", re.IGNORECASE), 2),
    (re.compile(r"\b(?:nearest thousandth|(?:to )?three decimals?(?: places)?)\b", re.IGNORECASE), 3),
)
STEM_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.(\d+))?")


class TemplateError(ValueError):
    """A template that cannot be read or rendered; the message says what and where."""


@dataclass(frozen=True, slots=True)
class Generator:
    name: str
    values: tuple[Any, ...]      # the values a draw picks from (numbers or lists of numbers)
    count: int = 0               # 0: one value; n: a list of n values


@dataclass(frozen=True, slots=True)
class Distractor:
    mistake: str
    expression: str
    working: str


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    stem: str
    explanation: str
    formula: str
    expression: str
    decimals: int
    option: str
    low: float
    high: float
    min_gap: float
    apart: float
    inputs: tuple[Generator, ...]
    derived: tuple[tuple[str, str], ...]
    constraints: tuple[str, ...]
    distractors: tuple[Distractor, ...]
    spec: Mapping[str, Any] = field(compare=False, repr=False)
    exhibit: Exhibit | None = None


@dataclass(frozen=True, slots=True)
class Rendering:
    template: Template
    seed: int
    stem: str
    options: tuple[str, ...]
    key: str
    explanation: str
    names: dict[str, Any]                  # inputs and derived values
    result: float
    values: tuple[float, ...]              # the option values, in letter order
    mistakes: tuple[str | None, ...]       # per letter: the mistake it shows, None for the key
    exhibit: Exhibit | None = None

    def calc(self) -> dict[str, Any]:
        return {"formula": self.template.formula, "expression": self.template.expression,
                "inputs": dict(self.names), "result": self.result, "seed": self.seed,
                "template": dict(self.template.spec)}


# --- reading ---------------------------------------------------------------------

def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
        and abs(value) < 1e12


def _decimals_of(value: float) -> int:
    text = repr(float(value))
    if "e" in text:
        return MAX_DECIMALS
    return len(text.split(".")[1].rstrip("0"))


def _generator(name: str, raw: Any) -> Generator:
    where = f"input {name}"
    if not isinstance(raw, dict):
        raise TemplateError(f"{where} must be a table like {{ range = [10, 50], step = 5 }} "
                            "or {{ choices = [...] }}")
    if unknown := sorted(raw.keys() - GENERATOR_FIELDS):
        raise TemplateError(f"{where}: unknown field {unknown[0]!r} (range, step, choices, count)")
    count = raw.get("count", 0)
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_LIST:
        raise TemplateError(f"{where}: count must be a whole number from 1 to {MAX_LIST}")
    if "choices" in raw:
        if "range" in raw or "step" in raw:
            raise TemplateError(f"{where}: give either choices or range and step, not both")
        choices = raw["choices"]
        if not isinstance(choices, list) or not 1 <= len(choices) <= 200:
            raise TemplateError(f"{where}: choices must be a list of 1 to 200 values")
        for choice in choices:
            ok = _is_number(choice) or (isinstance(choice, list) and 1 <= len(choice) <= MAX_LIST
                                        and all(_is_number(v) for v in choice))
            if not ok:
                raise TemplateError(f"{where}: each choice must be a number or a list of numbers")
        return Generator(name, tuple(choices), count)
    bounds, step = raw.get("range"), raw.get("step", 1)
    if not (isinstance(bounds, list) and len(bounds) == 2 and all(_is_number(b) for b in bounds)
            and bounds[0] <= bounds[1]):
        raise TemplateError(f"{where}: range must be [low, high] with low <= high")
    if not _is_number(step) or step <= 0:
        raise TemplateError(f"{where}: step must be a positive number")
    low, high = bounds
    steps = math.floor((high - low) / step + 1e-9)
    if steps > 100_000:
        raise TemplateError(f"{where}: more than 100,000 values between low and high; use a larger step")
    integral = all(isinstance(v, int) for v in (low, high, step))
    places = max(_decimals_of(low), _decimals_of(step))
    values = tuple(low + k * step if integral else round(low + k * step, places) for k in range(steps + 1))
    return Generator(name, values, count)


def _text(raw: Mapping[str, Any], name: str, where: str, limit: int = 600) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise TemplateError(f"{where}: {name} must be non-empty text")
    if len(value) > limit:
        raise TemplateError(f"{where}: {name} is longer than {limit} characters")
    return " ".join(value.split())


@lru_cache(maxsize=4096)
def _names_read(expression: str) -> tuple[str, ...] | None:
    """The names an expression reads, in order (None if it does not parse): each
    expression is parsed once however many templates and renderings use it."""
    try:
        tree = parsed(expression)
    except FormulaError:
        return None
    return tuple(node.id for node in ast.walk(tree)
                 if isinstance(node, ast.Name) and not isinstance(getattr(node, "ctx", None), ast.Store))


def _check_expression(expression: str, names: set[str], where: str) -> None:
    read = _names_read(expression)
    if read is None:
        raise TemplateError(f"{where}: expression {expression!r} does not parse")
    for name in read:
        if name not in names and name not in FUNCTIONS:
            raise TemplateError(f"{where}: {name!r} in {expression!r} is neither an input "
                                "nor a function of formulas.py")
    try:
        compile_expression(expression)  # only what formulas.evaluate allows (the same parse, kept)
    except FormulaError as exc:
        raise TemplateError(f"{where}: {exc}") from None


def _check_placeholders(text: str, names: set[str], where: str) -> None:
    for m in PLACEHOLDER.finditer(text):
        name, spec = m.group(1), m.group(2) or ""
        if name not in names:
            raise TemplateError(f"{where}: placeholder {{{name}}} names no input or derived value")
        if spec not in WORDS_SPEC and not NUMBER_SPEC.fullmatch(spec):
            raise TemplateError(f"{where}: format {spec!r} of {{{name}}} is not allowed "
                                "(use ',', '.2f', ',.0f', '%', 'pct' or 'list')")
    stripped = PLACEHOLDER.sub("", text)
    if "{" in stripped or "}" in stripped:
        raise TemplateError(f"{where}: an unmatched brace (placeholders are {{name}} or {{name:format}})")


def _depth(value: Any, limit: int) -> int:
    if limit < 0 or not isinstance(value, (dict, list)):
        return 0
    children = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(child, limit - 1) for child in children), default=0)


def parse_template(item_id: str, stem: str, explanation: str, raw: Any,
                   exhibit: Exhibit | None = None) -> Template:
    """A template from its ``[items.template]`` table and the item's stem, explanation
    and exhibit (already checked as text; placeholders allowed in all three).
    Raises TemplateError with one line."""
    if not isinstance(raw, dict):
        raise TemplateError("[items.template] must be a table")
    if _depth(raw, 6) > 5:
        raise TemplateError("[items.template] nests tables or arrays too deeply")
    if unknown := sorted(raw.keys() - TEMPLATE_FIELDS):
        raise TemplateError(f"[items.template] has an unknown field {unknown[0]!r} "
                            f"(the fields are {', '.join(sorted(TEMPLATE_FIELDS))})")
    formula = _text(raw, "formula", "[items.template]")
    expression = _text(raw, "expression", "[items.template]", 500)
    decimals = raw.get("decimals")
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= MAX_DECIMALS:
        raise TemplateError(f"[items.template] decimals must be a whole number from 0 to {MAX_DECIMALS}")
    option = _text(raw, "option", "[items.template]", 100)
    if option.count("{value}") != 1 or PLACEHOLDER.sub("", option.replace("{value}", "")) != \
            option.replace("{value}", ""):
        raise TemplateError("[items.template] option must hold {value} once and no other placeholder, "
                            "e.g. \"{value} units\"")
    if not re.match(r"[$]?\{value\}", option):
        raise TemplateError("[items.template] option must start with the number ({value} or ${value}): "
                            "numeric options are ordered by it")
    bounds = raw.get("range")
    if not (isinstance(bounds, list) and len(bounds) == 2 and all(_is_number(b) for b in bounds)
            and bounds[0] < bounds[1]):
        raise TemplateError("[items.template] range must be [low, high]: the sensible values of "
                            "the answer (and so of every option)")
    min_gap = raw.get("min_gap", DEFAULT_MIN_GAP)
    if not _is_number(min_gap) or not 0 <= min_gap < 1:
        raise TemplateError("[items.template] min_gap must be a fraction from 0 to 1")
    apart = raw.get("apart", 0)
    if not _is_number(apart) or not 0 <= apart < 1 or (apart and apart < min_gap):
        raise TemplateError("[items.template] apart must be a fraction from min_gap to 1 (or 0: never "
                            "draw again for closeness)")
    raw_inputs = raw.get("inputs")
    if not isinstance(raw_inputs, dict) or not raw_inputs or len(raw_inputs) > MAX_INPUTS:
        raise TemplateError(f"[items.template.inputs] must name 1 to {MAX_INPUTS} inputs")
    names: set[str] = set()
    generators = []
    for name, gen in raw_inputs.items():
        if not NAME.fullmatch(name) or name in RESERVED:
            raise TemplateError(f"input name {name!r} is not allowed (letters, digits, _; not "
                                f"{', '.join(sorted(RESERVED))})")
        generators.append(_generator(name, gen))
        names.add(name)
    raw_derived = raw.get("derived", {})
    if not isinstance(raw_derived, dict) or len(raw_derived) > MAX_INPUTS:
        raise TemplateError(f"[items.template.derived] must be a table of at most {MAX_INPUTS} "
                            "name = \"expression\"")
    derived = []
    for name, expr in raw_derived.items():
        if not NAME.fullmatch(name) or name in RESERVED or name in names:
            raise TemplateError(f"derived name {name!r} is not allowed or already used")
        if not isinstance(expr, str) or len(expr) > 500:
            raise TemplateError(f"derived {name} must be an expression (text)")
        _check_expression(expr, names, f"derived {name}")
        derived.append((name, expr))
        names.add(name)
    constraints = raw.get("constraints", [])
    if not isinstance(constraints, list) or len(constraints) > 20 or \
            not all(isinstance(c, str) and len(c) <= 500 for c in constraints):
        raise TemplateError("[items.template] constraints must be a list of at most 20 expressions")
    for c in constraints:
        _check_expression(c, names, "constraint")
    _check_expression(expression, names, "[items.template]")
    raw_distractors = raw.get("distractors")
    if not isinstance(raw_distractors, list) or not 3 <= len(raw_distractors) <= MAX_DISTRACTORS:
        raise TemplateError(f"a template needs 3 to {MAX_DISTRACTORS} [[items.template.distractors]]")
    distractors = []
    for n, d in enumerate(raw_distractors, start=1):
        where = f"distractor {n}"
        if not isinstance(d, dict):
            raise TemplateError(f"{where} must be a table with mistake, expression and working")
        if unknown := sorted(d.keys() - DISTRACTOR_FIELDS):
            raise TemplateError(f"{where}: unknown field {unknown[0]!r} (mistake, expression, working)")
        mistake = _text(d, "mistake", where, 200)
        d_expr = _text(d, "expression", where, 500)
        working = _text(d, "working", where, 600)
        _check_expression(d_expr, names, where)
        _check_placeholders(working, names | {"value"}, where)
        if "{value}" not in working:
            raise TemplateError(f"{where}: working must show the number it leads to ({{value}})")
        distractors.append(Distractor(mistake, d_expr, working))
    if len({d.expression.replace(" ", "") for d in distractors} | {expression.replace(" ", "")}) \
            < len(distractors) + 1:
        raise TemplateError("two distractors (or a distractor and the key) have the same expression")
    _check_placeholders(stem, names, "stem")
    _check_placeholders(explanation, names | {"key", "key_letter", "key_option"}, "explanation")
    spec: dict[str, Any] = {**raw, "stem": stem, "explanation": explanation}
    if exhibit is not None:
        for cell in (exhibit.caption, *exhibit.columns, *(c for row in exhibit.rows for c in row)):
            _check_placeholders(cell, names, "exhibit")
        spec["exhibit"] = exhibit.to_json()
    return Template(item_id, stem, explanation, formula, expression, decimals, option,
                    float(bounds[0]), float(bounds[1]), float(min_gap), float(apart), tuple(generators),
                    tuple(derived), tuple(constraints), tuple(distractors), spec, exhibit)


@lru_cache(maxsize=512)
def _from_json(item_id: str, spec_json: str) -> Template:
    spec = json.loads(spec_json)
    stem, explanation = spec.pop("stem"), spec.pop("explanation")
    exhibit = spec.pop("exhibit", None)
    return parse_template(item_id, stem, explanation, spec,
                          Exhibit.from_json(exhibit) if isinstance(exhibit, dict) else None)


def template_of(item: Item) -> Template | None:
    """The template an item of the bank carries, or None for an ordinary item."""
    if not item.calc or not isinstance(item.calc.get("template"), dict):
        return None
    return _from_json(item.id, json.dumps(item.calc["template"]))


def is_template(item: Item) -> bool:
    return bool(item.calc) and isinstance(item.calc.get("template"), dict)  # type: ignore[union-attr]


# --- rendering -------------------------------------------------------------------

def _fmt_number(value: Any, spec: str) -> str:
    if isinstance(value, list):
        return ", ".join(_fmt_number(v, "" if spec == "list" else spec) for v in value)
    if spec == "pct":
        return _auto(value * 100) + "%"
    if spec in ("", ","):
        return _auto(value)  # 900.0 reads as 900, 1234.5 as 1,234.5
    return format(value, spec)


def _auto(value: Any) -> str:
    """A drawn number as a planner would write it: thousands separated, no trailing zeros."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def fill(text: str, names: Mapping[str, Any]) -> str:
    def one(m: re.Match[str]) -> str:
        name, spec = m.group(1), m.group(2) or ""
        value = names[name]
        if isinstance(value, str):
            return value
        return _fmt_number(value, spec)
    return PLACEHOLDER.sub(one, text)


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TemplateError(f"{what} gives {type(value).__name__}, not a number")
    if not math.isfinite(value):
        raise TemplateError(f"{what} gives {value}, not a finite number")
    return float(value)


def _draw(template: Template, rng: random.Random) -> dict[str, Any]:
    for _ in range(MAX_DRAWS):
        names: dict[str, Any] = {}
        for gen in template.inputs:
            if gen.count:
                names[gen.name] = [rng.choice(gen.values) for _ in range(gen.count)]
            else:
                names[gen.name] = rng.choice(gen.values)
        try:
            for name, expr in template.derived:
                names[name] = compile_expression(expr)(names)
            if all(compile_expression(c)(names) is True for c in template.constraints):
                return names
        except FormulaError:
            continue  # e.g. a division by zero for this draw: draw again
    raise TemplateError(f"no drawing meets the constraints in {MAX_DRAWS} tries")


def shown_number(value: float, decimals: int) -> str:
    """A result as a planner rounds it: half up, after the float noise is taken off
    (4.825 computed as 4.82499999... shows 4.83, as on a calculator), with
    thousands separated."""
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-9), ROUND_HALF_EVEN)
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # "-0" reads as a trick
    return f"{rounded:,.{decimals}f}"


def option_text(template: Template, value: float) -> str:
    return template.option.replace("{value}", shown_number(value, template.decimals))


Entry = tuple[float, "Distractor | None"]


def _pick(template: Template, result: float, wrong: list[tuple[float, Distractor]],
          rng: random.Random) -> list[Entry] | None:
    """Three of the mistakes, sorted with the key. With more than three to choose
    from, the key's position is drawn among those some set of mistakes allows, so
    the key's letter does not stay put from seed to seed (a candidate who meets the
    item again must compute, not remember "C"). Sets whose options are at least
    min_gap apart are preferred.

    apart: the author's instruction to draw the inputs again when no set of options
    is that far apart; the validator still checks min_gap on what is kept."""
    gap = max(template.apart, template.min_gap)
    step = 10.0 ** -template.decimals  # and at least one unit of the last decimal shown
    # Sorted once; a set of options is then the key's index and three others, in order.
    ordered: list[Entry] = sorted([(result, None), *wrong], key=lambda e: e[0])
    values = [v for v, _ in ordered]
    key_at = next(n for n, (_, d) in enumerate(ordered) if d is None)
    others = [n for n in range(len(ordered)) if n != key_at]
    far = {(i, j): values[j] - values[i] >= max(gap * max(abs(values[i]), abs(values[j])), step)
           for i in range(len(values)) for j in range(i + 1, len(values))}
    by_position: dict[int, list[list[Entry]]] = {}
    first: list[Entry] | None = None
    for chosen in combinations(others, 3):
        picked = sorted((key_at, *chosen))
        if first is None:
            first = [ordered[n] for n in picked]
        if far[picked[0], picked[1]] and far[picked[1], picked[2]] and far[picked[2], picked[3]]:
            by_position.setdefault(picked.index(key_at), []).append([ordered[n] for n in picked])
    if not by_position:
        return None if template.apart else first
    position = rng.choice(sorted(by_position))
    return rng.choice(by_position[position])


def render(template: Template, seed: int) -> Rendering:
    """The template with the numbers of this seed. Deterministic: the same
    (template id, seed) gives the same item on every machine and run."""
    rng = random.Random(f"{template.id}#{seed}")
    for _ in range(MAX_DRAWS):
        names = _draw(template, rng)
        try:
            result = _number(compile_expression(template.expression)(names), "the key's expression")
            wrong = [(_number(compile_expression(d.expression)(names), f"the mistake {d.mistake!r}"), d)
                     for d in template.distractors]
        except FormulaError as exc:
            raise TemplateError(f"seed {seed}: {exc}") from None
        picked = _pick(template, result, wrong, rng)
        if picked is not None:
            entries = picked
            break
    else:
        raise TemplateError(f"seed {seed}: no drawing puts the options {template.apart:.0%} apart "
                            f"in {MAX_DRAWS} tries")
    letters = LETTERS[:len(entries)]
    options = tuple(option_text(template, v) for v, _ in entries)
    key_index = next(n for n, (_, d) in enumerate(entries) if d is None)
    key_letter = letters[key_index]
    shown = {**names, "key": shown_number(result, template.decimals), "key_letter": key_letter,
             "key_option": options[key_index]}
    body = fill(template.explanation, shown)
    notes = []
    for letter, (value, d), text in zip(letters, entries, options, strict=True):
        if d is not None:
            working = fill(d.working, {**names, "value": shown_number(value, template.decimals)})
            notes.append(f"{letter} ({text}) is what you get if you {d.mistake}: {working}.")
    explanation = body + "\n\n" + " ".join(notes)
    exhibit = None
    if template.exhibit is not None:
        e = template.exhibit
        exhibit = Exhibit(fill(e.caption, names), tuple(fill(c, names) for c in e.columns),
                          tuple(tuple(fill(c, names) for c in row) for row in e.rows))
    return Rendering(template, seed, fill(template.stem, names), options, key_letter, explanation,
                     names, result, tuple(v for v, _ in entries),
                     tuple(None if d is None else d.mistake for _, d in entries), exhibit)


def stem_precision(stem: str) -> tuple[int, bool]:
    """The decimals a stem supports, and whether it says so in words: a rounding
    instruction ("to the nearest unit", "to two decimal places"), else the most
    decimals any number in it shows."""
    for pattern, decimals in ROUNDING:
        if pattern.search(stem):
            return decimals, True
    shown = [len(m.group(1) or "") for m in STEM_NUMBER.finditer(stem)]
    return max(shown, default=0), False


def problems(r: Rendering) -> list[str]:
    """Why a rendering would be unsound as an exam item (empty: it is sound)."""
    from .validate import matches  # the same rounding rule as for every calc item
    t = r.template
    out = []
    if len(set(r.options)) < len(r.options):
        out.append(f"two options are equal after rounding ({', '.join(r.options)})")
    key_index = LETTERS.index(r.key)
    for value, mistake in zip(r.values, r.mistakes, strict=True):
        if mistake is not None and matches(r.options[key_index], value):
            out.append(f"the mistake {mistake!r} gives the key ({r.options[key_index]})")
        if not t.low <= value <= t.high:
            what = "the key" if mistake is None else f"the mistake {mistake!r}"
            out.append(f"{what} gives {value:,.6g}, outside the sensible range {t.low:g} to {t.high:g}")
    if not matches(r.options[key_index], r.result):
        out.append(f"the keyed option {r.options[key_index]!r} does not show the result {r.result:.6g}")
    for low, high in pairwise(r.values):
        if high - low < t.min_gap * max(abs(low), abs(high)):
            out.append(f"options {low:,.6g} and {high:,.6g} are less than {t.min_gap:.0%} apart "
                       "(a rounded intermediate step could land on either)")
            break
    shown = r.stem if r.exhibit is None else " ".join(
        [r.stem, r.exhibit.caption, *(c for row in r.exhibit.rows for c in row)])
    supported, said = stem_precision(shown)
    if t.decimals > supported:
        why = " as it says" if said else " in its numbers; say the rounding in the stem"
        out.append(f"options show {t.decimals} decimals, more precision than the stem supports "
                   f"({supported}{why})")
    elif said and t.decimals < supported:
        out.append(f"the stem asks for {supported} decimals, the options show {t.decimals}")
    words = len(r.stem.split())
    if words > 120:
        out.append(f"the stem has {words} words, at most 120")
    if len(r.stem) > 2000 or len(r.explanation) > 4000:
        out.append("the rendered stem or explanation is too long")
    return out


def check(template: Template, seeds: int = SEEDS, *, sample: bool = False) -> list[str]:
    """Render every seed and report the first few unsound renderings. sample: every
    SAMPLE_STEP-th seed only, each rendering checked but not the shares over all of
    them (too few renderings to judge a share by), as the loader does."""
    return list(_check_cached(template.id, json.dumps(template.spec), seeds, sample))


@lru_cache(maxsize=512)
def _check_cached(item_id: str, spec_json: str, seeds: int, sample: bool = False) -> tuple[str, ...]:
    template = _from_json(item_id, spec_json)
    found: list[str] = []
    keys: Counter[str] = Counter()
    shown: Counter[str | None] = Counter()
    for seed in range(0, seeds, SAMPLE_STEP if sample else 1):
        try:
            rendering = render(template, seed)
            trouble = problems(rendering)
            keys[rendering.key] += 1
            shown.update(rendering.mistakes)
        except TemplateError as exc:
            trouble = [str(exc).removeprefix(f"seed {seed}: ")]
        found += [f"seed {seed}: {p}" for p in trouble]
        if len(found) >= 3:
            return tuple(found)
    if sample:
        return tuple(found)
    for d in template.distractors:
        # A mistake that (almost) never makes it onto the item gives the key or lands
        # too close to another option for most numbers: a fault of the template.
        if shown[d.mistake] < MIN_MISTAKE_SHARE * seeds:
            found.append(f"the mistake {d.mistake!r} is shown in {shown[d.mistake] / seeds:.0%} of the "
                         f"renderings, at least {MIN_MISTAKE_SHARE:.0%}: it gives the key or comes too "
                         "close to another option for most numbers")
    if keys and (top := keys.most_common(1)[0])[1] > MAX_KEY_SHARE * seeds:
        found.append(f"the key is {top[0]} in {top[1] / seeds:.0%} of the renderings, at most "
                     f"{MAX_KEY_SHARE:.0%}: add mistakes that fall on the other side of the key "
                     "(a candidate who meets the item again must compute, not remember a letter)")
    return tuple(found)


def rendered_item(base: Item, template: Template, seed: int) -> Item:
    """The ordinary item a seed makes of a template item."""
    r = render(template, seed)
    return replace(base, stem=r.stem, options=r.options, key=r.key, explanation=r.explanation,
                   calc=r.calc(), exhibit=r.exhibit)


def render_item(item: Item, seed: int) -> Item:
    """A template item of the bank as shown with this seed; other items unchanged."""
    template = template_of(item)
    if template is None:
        return item
    if not 0 <= seed < SEEDS:
        raise TemplateError(f"a template's seeds run from 0 to {SEEDS - 1}, not {seed}")
    return rendered_item(item, template, seed)


def draw_seed(rng: random.Random) -> int:
    """A seed for a template put on a form or a practice set."""
    return rng.randrange(SEEDS)


def draw(item: Item, rng: random.Random) -> tuple[Item, int]:
    """A template item rendered with a seed drawn from rng, and the seed. A seed that
    does not render (possible only in a bank the loader checked by sample, never in
    the shipped one) gives way to the next that does."""
    seed = draw_seed(rng)
    for k in range(SEEDS):
        try:
            return render_item(item, (seed + k) % SEEDS), (seed + k) % SEEDS
        except TemplateError:
            continue
    raise TemplateError(f"{item.id}: no seed renders")


def realize(items: Sequence[Item], rng: random.Random) -> list[tuple[Item, int | None]]:
    """Each item as it will be shown: templates rendered with a seed drawn from rng
    (in order), others as they are with no seed."""
    return [draw(item, rng) if is_template(item) else (item, None) for item in items]


# --- the bank source: one [[items]] table with a [items.template] -----------------

LineOf = Callable[[str], int]
Add = Callable[[int, str], None]


def parse_template_item(raw: dict[str, Any], domain: str, code: str, subtopics: tuple[str, ...],
                        line_of: LineOf, add: Add, sample: bool = False) -> Item | None:
    """An [[items]] table with a [items.template]: checked like any item (except
    for the options and key, which the template makes), then rendered for every
    seed (sample: for the loader's sample of seeds, see check()). Returns the
    rendering of seed 0, carrying the template, or None."""
    from . import validate as v
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not v.ID_PATTERN.fullmatch(item_id):
        add(line_of("id"), f"id {v._short(item_id)} is not of the form {code}-NNNN")
        return None
    allowed = {"id", "subtopic", "level", "difficulty", "term", "stem", "explanation", "reviewed",
               "template", "exhibit"} | (v.ITEM_FIELDS & {"angoff", "form_checked", "absolute_reason"})
    if unknown := sorted(raw.keys() - allowed):
        add(line_of(unknown[0]), f"{item_id}: a template item has no field {v._short(unknown[0])} "
                                 "(its options and key come from [items.template])")
        return None
    number = int(item_id.split("-")[1])
    ok = True
    if not item_id.startswith(code + "-"):
        add(line_of("id"), f"{item_id}: the id prefix must be {code} in this domain")
        ok = False
    if number < 5000:
        add(line_of("id"), f"{item_id}: template ids are numbered from 5000 ({code}-5001, ...)")
        ok = False
    texts: dict[str, str] = {}
    for name in ("stem", "explanation"):
        try:
            texts[name] = v._clean_text(raw.get(name), name, v.MAX_FIELD_CHARS[name])
        except ValueError as exc:
            add(line_of(name), f"{item_id}: {exc}")
            ok = False
    subtopic = raw.get("subtopic")
    if not isinstance(subtopic, str) or subtopic not in subtopics:
        add(line_of("subtopic"), f"{item_id}: subtopic {v._short(subtopic)} is not one of {domain!r}'s")
        ok = False
    level = raw.get("level")
    if level not in ("application", "analysis"):
        add(line_of("level"), f"{item_id}: a template computes, so its level is application or analysis")
        ok = False
    difficulty = raw.get("difficulty")
    if isinstance(difficulty, bool) or not isinstance(difficulty, (int, float)) or not -4 <= difficulty <= 4:
        add(line_of("difficulty"), f"{item_id}: difficulty must be a number of logits from -4 to 4")
        ok = False
    term = raw.get("term", "")
    if not isinstance(term, str) or len(term) > v.MAX_FIELD_CHARS["short"]:
        add(line_of("term"), f"{item_id}: term must be short text")
        ok = False
    reviewed = raw.get("reviewed", False)
    if not isinstance(reviewed, bool):
        add(line_of("reviewed"), f"{item_id}: reviewed must be true or false")
        ok = False
    exhibit = None
    if "exhibit" in raw:
        try:
            exhibit = v._parse_exhibit(raw["exhibit"])
        except (TypeError, ValueError) as exc:
            add(line_of("exhibit"), f"{item_id}: [items.exhibit] {exc}")
            ok = False
    angoff = v._parse_angoff(raw.get("angoff"))
    if isinstance(angoff, str):
        add(line_of("angoff"), f"{item_id}: angoff {angoff}")
        ok = False
    form_checked = raw.get("form_checked", False)
    if not isinstance(form_checked, bool):
        add(line_of("form_checked"), f"{item_id}: form_checked must be true or false")
        ok = False
    if not ok:
        return None
    where = line_of("expression")  # the template's own expression line, the first in the item
    try:
        template = parse_template(item_id, texts["stem"], texts["explanation"], raw.get("template"), exhibit)
        trouble = check(template, sample=sample)
    except TemplateError as exc:
        add(where, f"{item_id}: template: {exc}")
        return None
    except (FormulaError, ArithmeticError, RecursionError, MemoryError, TypeError, ValueError) as exc:
        add(where, f"{item_id}: template: {type(exc).__name__}: {exc}")
        return None
    if trouble:
        add(where, f"{item_id}: template refused: {'; '.join(trouble)}")
        return None
    base = Item(id=item_id, domain=domain, subtopic=str(subtopic), level=str(level),
                difficulty=float(difficulty),  # type: ignore[arg-type]
                stem=texts["stem"], options=("", "", "", ""), key="A", explanation=texts["explanation"],
                term=" ".join(str(term).split()), reviewed=bool(reviewed),
                angoff=angoff if isinstance(angoff, tuple) else (), form_checked=form_checked)
    return rendered_item(base, template, 0)
