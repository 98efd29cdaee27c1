"""Writing bank items to files other programs read: GIFT, Aiken, Moodle XML, CSV
and Anki decks (.apkg, through genanki).

Files are written whole: to a temporary file beside the target, flushed, then
renamed over it, so a failed export never leaves half a file under the name
asked for.
"""

from __future__ import annotations

import errno
import hashlib
import html
import os
import sqlite3
import tempfile
from pathlib import Path

from ..core.formats import WRITERS, Question, Table
from ..core.items import Item

EXPORT_FORMATS = ("anki", *WRITERS)
# Fixed ids keep re-exported decks and their note type the same in Anki, so a second
# import updates the notes (matched by their guid) instead of adding copies.
ANKI_MODEL_ID = 1_733_027_201
ANKI_CSS = """.card { font-family: sans-serif; font-size: 18px; text-align: left; color: #1b1b1b; }
.options div { margin: 4px 0; } .key { font-weight: bold; color: #0b6b2b; }
table { border-collapse: collapse; margin: 8px 0; } td, th { border: 1px solid #999; padding: 2px 6px; }
td.n { text-align: right; } .term { color: #555; font-style: italic; }"""


def to_question(item: Item) -> Question:
    ex = item.exhibit
    table = Table(ex.caption, tuple(ex.columns), tuple(tuple(r) for r in ex.rows)) if ex is not None else None
    return Question(stem=item.stem, options=list(item.options), key="ABCDEF".index(item.key),
                    explanation=item.explanation, name=item.id, category=item.domain, table=table)


def write_atomic(target: Path, data: bytes) -> None:
    target = target.expanduser()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's private 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_items(items: list[Item], fmt: str, target: Path, bank_name: str = "cpim") -> int:
    """Write `items` to `target` in `fmt`; the number written. OSError if the file cannot be written
    (whatever the failing layer raised: a disk that is full fails an export in one way)."""
    if fmt == "anki":
        write_atomic(target, anki_deck(items, bank_name))
    else:
        write_atomic(target, WRITERS[fmt]([to_question(item) for item in items]).encode("utf-8"))
    return len(items)


def _table_html(item: Item) -> str:
    from ..core.items import numeric_cell
    ex = item.exhibit
    if ex is None:
        return ""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in ex.columns)
    body = "".join("<tr>" + "".join(f'<td{" class=n" if numeric_cell(c) else ""}>{html.escape(c)}</td>'
                                    for c in row) + "</tr>" for row in ex.rows)
    return f"<table><caption>{html.escape(ex.caption)}</caption><tr>{head}</tr>{body}</table>"


def anki_deck(items: list[Item], bank_name: str) -> bytes:
    """An .apkg deck: one note per item, question and options on the front, the key,
    the explanation and the APICS Dictionary term on the back, tagged by domain and
    subtopic. The note's guid comes from the bank and the item id, so a re-export
    updates the same notes."""
    import genanki

    model = genanki.Model(
        ANKI_MODEL_ID, "CPIM Exam Simulator item",
        fields=[{"name": "Question"}, {"name": "Options"}, {"name": "Answer"}, {"name": "Explanation"},
                {"name": "Term"}, {"name": "Item"}],
        templates=[{"name": "Card 1",
                    "qfmt": "{{Question}}<div class=options>{{Options}}</div>",
                    "afmt": "{{FrontSide}}<hr id=answer><div class=key>{{Answer}}</div>"
                            "<p>{{Explanation}}</p><p class=term>{{Term}}</p>"}],
        css=ANKI_CSS)
    deck_id = int(hashlib.sha256(f"cpim-sim deck {bank_name}".encode()).hexdigest()[:8], 16)
    deck = genanki.Deck(deck_id, f"CPIM Exam Simulator::{bank_name}")
    for item in items:
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in item.stem.split("\n\n"))
        options = "".join(f"<div>{letter}. {html.escape(text)}</div>"
                          for letter, text in zip("ABCDEF", item.options, strict=False))
        answer = f"{item.key}. {html.escape(item.option(item.key))}"
        explanation = "<br><br>".join(html.escape(p) for p in item.explanation.split("\n\n"))
        term = f"APICS Dictionary: {html.escape(item.term)}" if item.term else ""
        tags = [_tag(item.domain),
                _tag(f"{item.domain}::{item.subtopic}")] if item.subtopic else [_tag(item.domain)]
        deck.add_note(genanki.Note(model=model, fields=[paragraphs + _table_html(item), options, answer,
                                                        explanation,
                                                        term, item.id],
                                   tags=tags, guid=genanki.guid_for(bank_name, item.id)))
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "deck.apkg"
            genanki.Package(deck).write_to_file(str(path))
            return path.read_bytes()
    except sqlite3.Error as exc:  # genanki builds the deck's collection in SQLite: a full disk shows there
        raise OSError(errno.EIO, f"the deck could not be made ({exc})") from None


def _tag(text: str) -> str:
    # Anki tags cannot hold spaces; '::' makes a tag hierarchy in Anki's browser.
    return "_".join(text.replace("&", "and").split()).replace(",", "")
