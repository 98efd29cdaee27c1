"""HTML from a question file turned into the plain text the item screen shows.

Nothing in it is followed or loaded: tags are removed, entities decoded, the
content of scripts and style sheets dropped, images and embedded objects dropped
and counted, links reduced to their words. One simple table (no nested tables,
no merged cells) can be kept aside as the item's exhibit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .model import MAX_NESTING, FormatError, Table

MEDIA = frozenset(
    {
        "img",
        "image",
        "object",
        "embed",
        "video",
        "audio",
        "iframe",
        "svg",
        "picture",
        "source",
        "canvas",
        "applet",
        "frame",
        "math",
    }
)
DROPPED = frozenset({"script", "style", "head", "title", "template", "noscript", "select", "option"})
BREAKS = frozenset(
    {
        "br",
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "pre",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "hr",
        "dd",
        "dt",
    }
)
VOID = frozenset(
    {
        "br",
        "img",
        "hr",
        "input",
        "meta",
        "link",
        "source",
        "area",
        "base",
        "col",
        "embed",
        "param",
        "track",
        "wbr",
    }
)
MAX_CELLS = 400
# What the bank's validator refuses in any text (addresses, things that look like tags):
# an imported question keeps its words and loses the address.
ADDRESS = re.compile(
    r"\b(?:https?|ftps?|file|qrc|javascript|vbscript|blob|jar|smb|wss?|data|mailto)\s*:\S*"
    r"|\S+://\S*|\bwww\.\S+",
    re.IGNORECASE,
)
_SUSPECT = re.compile(r"[:<(@=]|www\.", re.I)
LOOKS_LIKE_TAG = re.compile(r"<(?=\s*[/a-z!?])", re.IGNORECASE)
LOOKS_LIKE_CSS = re.compile(r"\burl\s*\(|@import\b|\bexpression\s*\(", re.IGNORECASE)
LOOKS_LIKE_ATTRIBUTE = re.compile(
    r"\b(src|href|background|style|srcset|action|formaction|xmlns|poster)(\s*=)", re.IGNORECASE
)


@dataclass(slots=True)
class Converted:
    text: str
    media_dropped: int = 0
    links_removed: int = 0
    table: Table | None = None


@dataclass(slots=True)
class _TableDraft:
    caption: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    header_rows: int = 0
    simple: bool = True
    span: tuple[int, int] = (0, 0)  # where its words are in the reader's parts


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.media = 0
        self.stack: list[str] = []
        self.dropping = 0
        self.tables: list[_TableDraft] = []
        self.table_depth = 0
        self.cell: list[str] | None = None
        self.in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag not in VOID:
            self.stack.append(tag)
            if len(self.stack) > MAX_NESTING:
                raise FormatError(f"HTML nested more than {MAX_NESTING} levels deep")
        if tag in MEDIA:
            self.media += 1
        if tag in DROPPED or tag in MEDIA:
            if tag not in VOID:
                self.dropping += 1
            return
        if tag == "table":
            self.table_depth += 1
            if self.table_depth == 1:
                self.tables.append(_TableDraft(span=(len(self.parts), len(self.parts))))
            else:
                self.tables[-1].simple = False
            self.parts.append("\n")
        elif self.table_depth == 1 and tag == "tr":
            self.tables[-1].rows.append([])
        elif self.table_depth == 1 and tag in ("td", "th"):
            draft = self.tables[-1]
            if any(name in ("colspan", "rowspan") and value not in (None, "1") for name, value in attrs):
                draft.simple = False
            if not draft.rows:
                draft.rows.append([])
            if tag == "th" and len(draft.rows) == draft.header_rows + 1 and not draft.rows[-1]:
                draft.header_rows += 1
            self.cell = []
        elif self.table_depth == 1 and tag == "caption":
            self.in_caption = True
        if tag in BREAKS:
            self.parts.append("\n\n" if tag in ("p", "div", "h1", "h2", "h3", "pre", "blockquote") else "\n")

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag in VOID:
            return
        if tag in self.stack:  # close what the file left open inside it, as browsers do
            while self.stack:
                if self.stack.pop() == tag:
                    break
        if tag in DROPPED or tag in MEDIA:
            self.dropping = max(0, self.dropping - 1)
            return
        if tag == "table":
            self.table_depth = max(0, self.table_depth - 1)
            if self.table_depth == 0 and self.tables:
                self.tables[-1].span = (self.tables[-1].span[0], len(self.parts))
            self.parts.append("\n")
        elif self.table_depth == 1 and tag in ("td", "th") and self.cell is not None:
            self.tables[-1].rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
            self.parts.append("  ")
        elif tag == "caption":
            self.in_caption = False
        if tag in BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        if self.cell is not None:
            self.cell.append(data)
        if self.in_caption and self.tables:
            self.tables[-1].caption.append(data)
        self.parts.append(data)


def _table_of(draft: _TableDraft) -> Table | None:
    rows = [r for r in draft.rows if any(c for c in r)]
    if not draft.simple or len(rows) < 2 or sum(len(r) for r in rows) > MAX_CELLS:
        return None
    width = len(rows[0])
    if width < 2 or any(len(r) != width for r in rows):
        return None
    caption = " ".join("".join(draft.caption).split()) or "Exhibit"
    return Table(caption[:200], tuple(rows[0]), tuple(tuple(r) for r in rows[1:]))


def neutralize(text: str) -> tuple[str, int]:
    """Words kept, addresses and look-alike markup made inert; returns the count of
    addresses removed."""
    if not _SUSPECT.search(text):  # most texts have none of the characters any pattern needs
        return text, 0
    text, links = ADDRESS.subn("(link removed)", text)
    text = LOOKS_LIKE_TAG.sub("\uff1c", text)  # a full-width '<' reads the same
    text = LOOKS_LIKE_CSS.sub(lambda m: m.group(0).replace("(", " (").replace("@", "(at) "), text)
    text = LOOKS_LIKE_ATTRIBUTE.sub(lambda m: m.group(1) + " (=)", text)
    return text, links


def to_text(html: str, *, keep_table: bool = False) -> Converted:
    """Plain text of an HTML fragment. With keep_table, a single simple table is
    returned apart (and left out of the text)."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    table = None
    if keep_table and len(reader.tables) == 1:
        table = _table_of(reader.tables[0])
    parts = reader.parts
    if table is not None:  # the table's words are in the exhibit, not repeated in the stem
        start, end = reader.tables[0].span
        parts = parts[:start] + parts[end:]
    text = "".join(parts)
    text, links = neutralize(text)
    return Converted(text=text, media_dropped=reader.media, links_removed=links, table=table)


def looks_like_html(text: str) -> bool:
    if "<" not in text and "&" not in text:
        return False
    return bool(
        re.search(r"<\s*/?\s*[a-z][a-z0-9]*(\s[^<>]*)?/?>|&(#\d+|#x[0-9a-f]+|[a-z]+);", text, re.IGNORECASE)
    )
