"""Item-writing rules: the tells a test-wise candidate uses, and house style.

Each rule looks at one parsed item and returns findings naming the field they are
in. A finding is an error (the file is refused) or, where a rule cannot tell a
real tell from an innocent overlap, a warning that `bank validate` prints and the
loader ignores:

- absolute-word: an absolute word (always, never, ...) in a distractor, unless the
  key has one too or the item records why (absolute_reason). Error.
- numeric-order: options that all start with a number, or that are all a time period and
  its number ("Week 6", "Week 9"; not labels such as "ISO 9001"), are in ascending order.
  Error.
- stem-key-echo: a content word of the stem that the key repeats and no distractor
  does. Every echo is reported; it is an error only where it is clear-cut: the key
  alone repeats two or more content words of the stem, or repeats a word of the
  term the item tests (the stem names the concept and only the key echoes it).
  A single shared word is often innocent ("which chart ..." / "a Gantt chart"),
  so it stays a warning for a reviewer to judge.
- line-break: a paragraph that ends without sentence punctuation before a blank
  line, i.e. a sentence broken by a hard line break. Error.
- us-spelling: British spellings (centre, behaviour, optimise, ...). Error.
- angoff-difficulty: with Angoff ratings, difficulty = round(theta_c - logit(mean), 2).
  Error.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import pairwise

from .items import LETTERS, Item

RULES = ("absolute-word", "numeric-order", "stem-key-echo", "line-break", "us-spelling", "angoff-difficulty")


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    field: str      # the source field the finding is in: "stem", "A".."F", "explanation", "difficulty", ...
    message: str
    error: bool = True


ABSOLUTE = re.compile(r"\b(always|never|every|all|only|none|any|completely)\b", re.IGNORECASE)
# An option "starts with a number": an optional sign or currency, then digits ("$1,250",
# "12.5 units", "-5 units", "0.82", "(40)" is not counted: brackets read as a label).
LEADING_NUMBER = re.compile(r"\s*([-+\u2212]?)\s*[$\u20ac\u00a3]?\s*(\d[\d,]*(?:\.\d+)?|\.\d+)")
PERIOD_NUMBER = re.compile(r"\s*(hour|shift|day|week|period|month|quarter|year)\s+(\d+)\s*",
                           re.IGNORECASE)  # "Week 6": a point in time, ordered as its number
SENTENCE_END = re.compile(r"[.?!:;][\"'\u201d\u2019)\]]*$")

# Function words and the stock words of item stems: sharing one of these says nothing.
STOP_WORDS = frozenset(["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and",
                        "or", "but", "not", "no", "nor", "as", "is", "are", "was", "were", "be", "been",
                        "being", "it", "its", "this", "that", "these", "those", "which", "what", "who",
                        "whom", "whose", "when", "where", "why", "how", "than", "then", "there", "their",
                        "them", "they", "he", "she", "his", "her", "we", "our", "you", "your", "i", "me",
                        "my", "best", "most", "least", "following", "statement", "describes", "true",
                        "correct", "likely", "should", "would", "could", "can", "may", "might", "will",
                        "shall", "must", "do", "does", "did", "has", "have", "had", "if", "so", "such",
                        "into", "onto", "out", "over", "under", "about", "after", "before", "between",
                        "during", "each", "per", "more", "less", "other", "another", "same", "also", "only",
                        "all", "any", "every", "none", "never", "always", "one", "two", "three", "four",
                        "five", "six", "first", "second", "third", "next", "last", "week", "weeks", "day",
                        "days", "month", "months", "year", "years", "unit", "units", "percent", "item",
                        "items", "company", "firm", "planner", "manager", "use", "used", "using", "make",
                        "makes", "made", "answer", "option", "options", "case", "given", "new", "now",
                        "through", "just", "still", "yet", "need", "needs", "based", "because", "while",
                        "both", "either", "neither", "without", "within", "across", "against", "among",
                        "since", "until", "upon", "very", "much", "many", "few", "some", "well", "often",
                        "usually", "rather", "instead", "whether"])

# British spellings and their US forms. The -ise/-isation verbs are matched on the roots
# the domain uses, so "rise", "enterprise", "exercise", "premise", "advertise" pass.
BRITISH = {
    "centre": "center", "centres": "centers", "centred": "centered", "centring": "centering",
    "behaviour": "behavior", "behaviours": "behaviors", "behavioural": "behavioral",
    "labour": "labor", "labourer": "laborer", "labourers": "laborers", "laboured": "labored",
    "modelling": "modeling", "modelled": "modeled", "modeller": "modeler",
    "favourable": "favorable", "unfavourable": "unfavorable", "favourably": "favorably",
    "favour": "favor", "favours": "favors", "favoured": "favored", "colour": "color",
    "colours": "colors", "colour-coded": "color-coded", "honour": "honor", "neighbour": "neighbor",
    "neighbouring": "neighboring", "flavour": "flavor", "harbour": "harbor", "vapour": "vapor",
    "rumour": "rumor", "humour": "humor", "endeavour": "endeavor",
    "catalogue": "catalog", "catalogues": "catalogs", "programme": "program", "programmes": "programs",
    "analyse": "analyze", "analysed": "analyzed", "analyses": None, "analysing": "analyzing",
    "paralyse": "paralyze", "catalyse": "catalyze",
    "practise": "practice", "practised": "practiced", "practising": "practicing",
    "licence": "license", "licences": "licenses", "defence": "defense", "offence": "offense",
    "fulfil": "fulfill", "fulfils": "fulfills", "fulfilment": "fulfillment", "enrol": "enroll",
    "enrolment": "enrollment", "travelled": "traveled", "travelling": "traveling",
    "labelled": "labeled", "labelling": "labeling", "levelled": "leveled", "levelling": "leveling",
    "cancelled": "canceled", "cancelling": "canceling", "signalled": "signaled",
    "signalling": "signaling", "totalled": "totaled", "totalling": "totaling", "fuelled": "fueled",
    "channelled": "channeled", "counselling": "counseling", "grey": "gray", "tyre": "tire",
    "tyres": "tires", "aluminium": "aluminum", "cheque": "check", "cheques": "checks",
    "storey": "story", "tonne": "metric ton", "tonnes": "metric tons", "metre": "meter",
    "metres": "meters", "litre": "liter", "litres": "liters", "kilometre": "kilometer",
    "kilometres": "kilometers", "judgement": "judgment", "acknowledgement": "acknowledgment",
    "ageing": "aging", "manoeuvre": "maneuver", "artefact": "artifact", "sceptical": "skeptical",
    "whilst": "while", "amongst": "among", "learnt": "learned", "despatch": "dispatch",
    "enquiry": "inquiry", "enquiries": "inquiries", "speciality": "specialty", "mould": "mold",
    "moulded": "molded", "plough": "plow", "draught": "draft", "pyjamas": "pajamas",
    "focussed": "focused", "focussing": "focusing",
}
ISE_ROOTS = (
    "optim", "minim", "maxim", "priorit", "util", "standard", "recogn", "real", "summar", "categor",
    "synchron", "rational", "custom", "emphas", "author", "capital", "final", "stabil", "harmon",
    "mobil", "special", "visual", "modern", "character", "normal", "organ", "central", "decentral",
    "digit", "computer", "apolog", "critic", "penal", "subsid", "amort", "econom", "local", "global",
    "formal", "monet", "container", "pallet", "mechan", "industrial", "commercial", "memor", "random",
    "familiar", "regular", "synthes", "hypothes", "item", "legal", "energ", "sanit", "unit",
    "jeopard", "theor", "agon", "democrat", "vandal", "personal",
    "equal", "internal", "external", "person", "revolution", "trivial", "patron", "incentiv",
    "capsul", "popular", "fertil", "steril", "vapor", "automat", "atom", "harmon",
    "scrutin", "sympath", "terror", "neutral", "general", "material", "initial", "serial",
)
ISE_WORD = re.compile(r"\b(" + "|".join(sorted(set(ISE_ROOTS), key=len, reverse=True))
                      + r")(is)(e|ed|es|ing|er|ers|ation|ations|ational)\b", re.IGNORECASE)
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def british_spellings(text: str) -> list[tuple[str, str]]:
    """(word as written, US form) for each British spelling in text, in order, once each."""
    found: list[tuple[int, str, str]] = []
    for m in WORD.finditer(text):
        us = BRITISH.get(m.group(0).lower().strip("'-"))
        if us:
            found.append((m.start(), m.group(0), us))
    found += [(m.start(), m.group(0), m.group(1) + "iz" + m.group(3)) for m in ISE_WORD.finditer(text)]
    unique: dict[str, str] = {}
    for _, word, us in sorted(found):
        unique.setdefault(word, us)
    return list(unique.items())


def leading_number(option: str) -> float | None:
    m = LEADING_NUMBER.match(option)
    if not m:
        return None
    value = float(m.group(2).replace(",", ""))
    return -value if m.group(1) in ("-", "\u2212") else value


def option_numbers(options: tuple[str, ...]) -> list[float] | None:
    """The numbers the options are ordered by: each option's leading number, or the number
    of the same time period in each ("Week 6"); None if the options are not numbers."""
    leading = [leading_number(option) for option in options]
    if all(n is not None for n in leading):
        return [n for n in leading if n is not None]
    periods = [PERIOD_NUMBER.fullmatch(option) for option in options]
    if all(periods) and len({m.group(1).lower() for m in periods if m}) == 1:
        return [float(m.group(2)) for m in periods if m]
    return None


def content_words(text: str) -> dict[str, str]:
    """The content words of text: each lightly stemmed word (forecasts, forecasting -> forecast)
    with the first form it is written in."""
    words: dict[str, str] = {}
    for raw in re.findall(r"[a-z][a-z'-]+", text.lower()):
        word = raw.strip("'-").removesuffix("'s")
        if word in STOP_WORDS or len(word) < 3:
            continue
        words.setdefault(_stem(word), word)
    return words


def _stem(word: str) -> str:
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)] + replacement
    return word


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def angoff_difficulty(ratings: tuple[float, ...], passing_theta: float) -> float:
    """The Rasch difficulty the mean rating gives: b = theta_c - logit(p), to 2 decimals."""
    mean = sum(ratings) / len(ratings)
    return round(passing_theta - logit(mean), 2)


def findings(item: Item, passing_theta: float) -> list[Finding]:
    """Every item-writing rule's findings on one item."""
    out: list[Finding] = []
    letters = LETTERS[:len(item.options)]
    key_index = letters.index(item.key)
    key = item.options[key_index]
    distractors = [(letter, option) for letter, option in zip(letters, item.options, strict=True)
                   if letter != item.key]

    if not ABSOLUTE.search(key) and not item.absolute_reason:
        for letter, option in distractors:
            if m := ABSOLUTE.search(option):
                out.append(Finding("absolute-word", letter,
                                   f"distractor {letter} uses the absolute word {m.group(0)!r} and the key "
                                   "uses none: "
                                   "reword it, or record absolute_reason"))

    values = option_numbers(item.options)
    if values is not None and any(b < a for a, b in pairwise(values)):
        shown = ", ".join(f"{letter} {value:g}" for letter, value in zip(letters, values, strict=True))
        out.append(Finding("numeric-order", "A",
                           f"numeric options are not in ascending order ({shown}): reorder them, "
                           "then update the key and the letters in the explanation"))

    stem_words = content_words(item.stem)
    others = set().union(*(content_words(option).keys() for _, option in distractors))
    echo = sorted((stem_words.keys() & content_words(key).keys()) - others)
    if echo:
        clear = len(echo) >= 2 or bool(set(echo) & content_words(item.term).keys())
        why = "" if not clear else (" (a clear tell: several words)" if len(echo) >= 2
                                    else " (a clear tell: a word of the tested term)")
        out.append(Finding("stem-key-echo", item.key,
                           f"the key alone repeats the stem's {', '.join(repr(stem_words[w]) for w in echo)}"
                           f"{why}: reword the key or use the word in a distractor too", error=clear))

    for name, text in (("stem", item.stem), ("explanation", item.explanation),
                       *zip(letters, item.options, strict=True)):
        paragraphs = text.split("\n\n")
        for number, paragraph in enumerate(paragraphs[:-1], start=1):
            if not SENTENCE_END.search(paragraph):
                tail = " ".join(paragraph.split()[-4:])
                out.append(Finding("line-break", name,
                                   f"{_field_name(name)}: paragraph {number} ends without punctuation "
                                   f"(...{tail!r}) before a blank line: a sentence broken by a line break?"))

    texts = [("stem", item.stem), *zip(letters, item.options, strict=True), ("explanation", item.explanation),
             ("term", item.term)]
    if item.exhibit is not None:
        cells = [item.exhibit.caption, *item.exhibit.columns, *(c for row in item.exhibit.rows for c in row)]
        texts.append(("exhibit", " | ".join(cells)))
    for name, text in texts:
        spellings = british_spellings(text)
        if spellings:
            listed = ", ".join(f"{word!r} (US: {us})" for word, us in spellings)
            out.append(Finding("us-spelling", name, f"{_field_name(name)}: British spelling {listed}"))

    if item.angoff:
        expected = angoff_difficulty(item.angoff, passing_theta)
        if abs(item.difficulty - expected) > 1e-9:
            mean = sum(item.angoff) / len(item.angoff)
            out.append(Finding("angoff-difficulty", "difficulty",
                               f"difficulty {item.difficulty:g} does not follow from the Angoff ratings: "
                               "mean "
                               f"{mean:.4f} gives {passing_theta:g} - logit({mean:.4f}) = {expected:.2f}"))
    return out


def _field_name(name: str) -> str:
    return f"option {name}" if len(name) == 1 else name
