"""Moodle XML: reading multiple-choice and true/false questions, writing them back.

Read with defusedxml: no entities, no DTD, nothing external is ever fetched. A
category question sets the category of those after it; embedded files (<file>,
base64 images) are dropped and counted; HTML in the texts becomes plain text, a
simple table in a question's text becomes its exhibit. Every other question type
is skipped by name.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # only to build output and for its types: input goes through defusedxml
from xml.parsers.expat import ExpatError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from .html import looks_like_html, neutralize, to_text
from .model import (
    MAX_NESTING,
    FormatError,
    ImportResult,
    Question,
    Table,
    accept,
    category_path,
    explanation_of,
    right_answer,
)

SKIPPED_TYPES = {
    "shortanswer": "short answer",
    "numerical": "numeric",
    "essay": "essay",
    "matching": "matching",
    "cloze": "cloze",
    "multianswer": "cloze",
    "description": "description",
    "calculated": "calculated",
    "calculatedsimple": "calculated",
    "calculatedmulti": "calculated",
    "ddwtos": "drag and drop",
    "ddimageortext": "drag and drop",
    "ddmarker": "drag and drop",
    "gapselect": "select missing words",
    "randomsamatch": "random short-answer matching",
    "random": "random",
    "ordering": "ordering",
}


class _LineBuilder(ET.TreeBuilder):
    """Keeps the line each element starts on, and refuses deep nesting."""

    def __init__(self) -> None:
        super().__init__()
        self.parser: DefusedXMLParser | None = None
        self.depth = 0
        self.lines: dict[int, int] = {}

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise FormatError(f"elements nested more than {MAX_NESTING} deep")
        element = super().start(tag, attrs)
        if self.parser is not None:
            self.lines[id(element)] = self.parser.parser.CurrentLineNumber
        return element

    def end(self, tag: str) -> ET.Element:
        self.depth -= 1
        return super().end(tag)


def _parse(text: str) -> tuple[ET.Element, dict[int, int]]:
    builder = _LineBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(text)
        root = parser.close()
    except DefusedXmlException as exc:
        what = {
            "DTDForbidden": "a DTD (<!DOCTYPE ...>)",
            "EntitiesForbidden": "entity declarations",
            "ExternalReferenceForbidden": "an external reference",
        }.get(type(exc).__name__, "a DTD")
        raise FormatError(
            f"refused: the XML has {what}, which is never read; Moodle's own exports have none, "
            "so export the questions from Moodle again"
        ) from None
    except (ET.ParseError, ExpatError) as exc:
        raise FormatError(f"not well-formed XML: {exc}") from None
    return root, builder.lines


def _text_of(element: ET.Element | None) -> tuple[str, str]:
    """The <text> of an element and its format attribute."""
    if element is None:
        return "", "plain_text"
    node = element.find("text")
    value = (node.text or "") if node is not None else (element.text or "")
    return value, element.get("format", "html")


def _plain(raw: str, fmt: str, result: ImportResult, *, keep_table: bool = False) -> tuple[str, Table | None]:
    if fmt in ("html", "moodle_auto_format") or looks_like_html(raw):
        converted = to_text(raw, keep_table=keep_table)
        result.media_dropped += converted.media_dropped + converted.links_removed
        return converted.text, converted.table
    text, links = neutralize(raw)
    result.media_dropped += links
    return text, None


def read(text: str) -> ImportResult:
    root, lines = _parse(text)
    if root.tag != "quiz":
        raise FormatError(f"the root element is <{root.tag}>, not <quiz>: not a Moodle XML question file")
    result = ImportResult()
    category = ""
    for question in root.findall("question"):
        line = lines.get(id(question), 0)
        result.media_dropped += len(question.findall(".//file"))
        kind = (question.get("type") or "").strip().lower()
        if kind == "category":
            raw, _ = _text_of(question.find("category"))
            category = category_path(raw)
            continue
        if kind in SKIPPED_TYPES:
            result.skip(line, SKIPPED_TYPES[kind])
            continue
        if kind not in ("multichoice", "truefalse"):
            result.skip(line, kind or "a question without a type")
            continue
        single = (question.findtext("single") or "true").strip().lower()
        if kind == "multichoice" and single in ("false", "0"):
            result.skip(line, "multiple response")
            continue
        name, _ = _text_of(question.find("name"))
        stem, table = _plain(*_text_of(question.find("questiontext")), result, keep_table=True)
        general, _ = _plain(*_text_of(question.find("generalfeedback")), result)
        options, weights, feedback = [], [], []
        for answer in question.findall("answer"):
            raw, _fmt = _text_of(answer)
            option, _ = _plain(
                raw, answer.get("format", "html") if kind == "multichoice" else "plain_text", result
            )
            if kind == "truefalse":
                option = {"true": "True", "false": "False"}.get(option.strip().lower(), option)
            options.append(option)
            try:
                weights.append(float(answer.get("fraction", "0")))
            except ValueError:
                weights.append(float("nan"))
            fb, _ = _plain(*_text_of(answer.find("feedback")), result)
            feedback.append(fb)
        if any(w != w for w in weights):
            result.problem(line, "an answer's fraction is not a number")
            continue
        key = right_answer(weights, result, line, "at fraction 100")
        if key is None:
            continue
        explanation = explanation_of(general, feedback)
        accept(
            result,
            Question(
                stem=stem,
                options=options,
                key=key,
                explanation=explanation,
                name=name.strip(),
                category=category,
                line=line,
                table=table,
            ),
        )
    return result


def _html_table(table: Table) -> str:
    from html import escape

    head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    return f"<table><caption>{escape(table.caption)}</caption><tr>{head}</tr>{body}</table>"


def write(questions: list[Question]) -> str:
    """Moodle XML its importer accepts: one category question per category, then
    single-answer multichoice questions, one answer at fraction 100, the
    explanation as general feedback."""
    from html import escape

    quiz = ET.Element("quiz")
    category = None
    for q in questions:
        if q.category != category:
            category = q.category
            cat = ET.SubElement(quiz, "question", type="category")
            ET.SubElement(ET.SubElement(cat, "category"), "text").text = (
                "$course$/top/" + category if category else "$course$/top"
            )
        question = ET.SubElement(quiz, "question", type="multichoice")
        ET.SubElement(ET.SubElement(question, "name"), "text").text = q.name or q.stem[:60]
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in q.stem.split("\n\n"))
        if q.table is not None:
            paragraphs += _html_table(q.table)
        ET.SubElement(ET.SubElement(question, "questiontext", format="html"), "text").text = paragraphs
        general = "".join(f"<p>{escape(p)}</p>" for p in q.explanation.split("\n\n")) if q.explanation else ""
        ET.SubElement(ET.SubElement(question, "generalfeedback", format="html"), "text").text = general
        ET.SubElement(question, "defaultgrade").text = "1"
        ET.SubElement(question, "penalty").text = "0"
        ET.SubElement(question, "hidden").text = "0"
        ET.SubElement(question, "single").text = "true"
        ET.SubElement(question, "shuffleanswers").text = "false"
        ET.SubElement(question, "answernumbering").text = "ABCD"
        for k, option in enumerate(q.options):
            answer = ET.SubElement(
                question, "answer", fraction="100" if k == q.key else "0", format="plain_text"
            )
            ET.SubElement(answer, "text").text = option
            ET.SubElement(ET.SubElement(answer, "feedback", format="html"), "text").text = ""
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"
