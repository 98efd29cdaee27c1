"""Question files from elsewhere: Moodle's documented examples, hostile files, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.core import formats
from simulator.core.formats import FormatError, Question, decode, detect
from simulator.core.formats.model import MAX_FILE_BYTES

DATA = Path(__file__).parent / "data" / "formats"


def load(name: str):
    text = decode((DATA / name).read_bytes())
    return formats.read(text, filename=name)


def notes(result) -> dict[int, str]:
    return {n.line: n.message for n in result.notes}


def test_gift_takes_multiple_choice_and_true_false_and_names_every_skipped_type():
    fmt, r = load("moodle_examples.gift")
    assert fmt == "gift"
    stems = [q.stem for q in r.questions]
    assert stems[0] == "Who is buried in Grant's tomb in New York City?"
    assert r.questions[0].options == ["Grant", "No one", "Napoleon", "Churchill", "Mother Teresa"]
    assert r.questions[0].key_letter == "A" and r.questions[0].name == "Grants tomb"
    assert "B: Was true for 12 years" in r.questions[0].explanation  # per-answer feedback kept
    assert "Moodle costs _____ to download from moodle.org." in stems
    true_false = [q for q in r.questions if q.options == ["True", "False"]]
    assert [q.key_letter for q in true_false] == ["A", "A"]
    escaped = next(q for q in r.questions if q.stem == "Which answer equals 5?")
    assert escaped.options[escaped.key] == "= 2 + 3"
    html = next(q for q in r.questions if q.name == "Q with format")
    assert html.stem == "Which is bold & brave?" and html.category == "tom/jerry"
    assert html.explanation == "General feedback: lions."
    assert r.media_dropped >= 1
    skipped = sorted(m for m in notes(r).values())
    assert skipped == sorted(
        [
            "skipped: short answer",
            "skipped: matching",
            "skipped: numeric",
            "skipped: essay",
            "skipped: multiple response",
            "skipped: partial credit",
            "skipped: description",
        ]
    )


def test_gift_notes_carry_the_line_of_the_question():
    _, r = load("moodle_examples.gift")
    lines = (DATA / "moodle_examples.gift").read_text(encoding="utf-8").split("\n")
    by_message = {m: line for line, m in notes(r).items()}
    assert lines[by_message["skipped: essay"] - 1].startswith("Write a short biography")
    assert lines[by_message["skipped: numeric"] - 1].startswith("When was Ulysses S. Grant born?")


def test_aiken_reads_lettered_options_and_reports_a_bad_answer():
    fmt, r = load("moodle_examples.aiken")
    assert fmt == "aiken"
    assert [q.key_letter for q in r.questions] == ["D", "A"]
    assert len(r.questions[1].options) == 6
    ((line, message),) = notes(r).items()
    assert line == 17 and "ANSWER: C names none of the options" in message


def test_moodle_xml_maps_categories_feedback_files_tables_and_skips_other_types():
    fmt, r = load("moodle_examples.xml")
    assert fmt == "moodle-xml"
    eoq, tf, table = r.questions
    assert eoq.category == "Inventory/Lot sizing" and eoq.key_letter == "B" and eoq.name == "EOQ balance"
    assert eoq.stem == "Which cost does the economic order quantity balance against the ordering cost?"
    assert eoq.explanation.startswith("At the EOQ the annual ordering cost equals")
    assert "A: Not part of the basic EOQ model." in eoq.explanation
    assert tf.options == ["True", "False"] and tf.key_letter == "A"
    assert table.table is not None and table.table.caption == "Weekly record"
    assert table.table.columns == ("Week", "Demand", "Receipts") and table.table.rows[1] == ("2", "25", "50")
    assert "alert" not in table.stem and table.options[table.key] == "35"
    assert r.media_dropped >= 2  # the embedded file and its <img>
    assert sorted(notes(r).values()) == sorted(
        f"skipped: {t}"
        for t in ("multiple response", "short answer", "numeric", "essay", "matching", "cloze", "description")
    )


def test_csv_with_a_header_and_numbered_answers():
    text = "id;category;question;A;B;C;answer;explanation\nX1;Demand;What is MAD?;a;b;c;2;because\n"
    fmt, r = formats.read(text, filename="q.csv")
    assert fmt == "csv"
    (q,) = r.questions
    assert (q.name, q.category, q.key_letter, q.explanation) == ("X1", "Demand", "B", "because")


HOSTILE = {
    "entity expansion": (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
        '"&lol;&lol;&lol;&lol;">]><quiz><question type="essay">&lol2;</question></quiz>',
        "DTD",
    ),
    "external entity": (
        '<?xml version="1.0"?><!DOCTYPE q [<!ENTITY x SYSTEM "file:///etc/passwd">]><quiz>&x;</quiz>',
        "DTD",
    ),
    "deep nesting": ("<quiz>" + "<a>" * 200 + "</a>" * 200 + "</quiz>", "nested"),
    "not xml": ("<quiz><question></quiz>", "not well-formed"),
    "foreign xml": ('<?xml version="1.0"?><html><body/></html>', "not <quiz>"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_xml_is_refused_in_one_line(case):
    text, expected = HOSTILE[case]
    with pytest.raises(FormatError) as caught:
        formats.read(text, "moodle-xml")
    assert expected in str(caught.value) and "\n" not in str(caught.value)


def test_script_image_markup_and_control_characters_never_reach_the_text():
    gift_text = (
        '[html]<script>steal()</script>Pick\x07 one\u202e <a href="javascript:x()">here</a>'
        '<iframe src="http://evil"></iframe>{=right ~wrong}'
    )
    _, r = formats.read(gift_text, "gift")
    (q,) = r.questions
    assert q.stem == "Pick one here"
    assert r.media_dropped >= 1
    _, r = formats.read("Visit http://evil.example.com/x now {=a ~b}", "gift")
    assert "evil" not in r.questions[0].stem and "(link removed)" in r.questions[0].stem


def test_refused_encodings_and_sizes():
    with pytest.raises(FormatError, match="not UTF-8"):
        decode("Caf\xe9 {=a ~b}".encode("latin-1"))
    with pytest.raises(FormatError, match="NUL"):
        decode(b"abc\x00def")
    with pytest.raises(FormatError, match="MB"):
        decode(b"x" * (MAX_FILE_BYTES + 1))
    assert decode("\ufeffQ {=a ~b}".encode()) == "Q {=a ~b}"
    assert decode("Q {=a ~b}".encode("utf-16")) == "Q {=a ~b}"


def test_a_file_of_no_known_format_says_so():
    with pytest.raises(FormatError, match="--format"):
        detect("just some notes\nnothing here", "notes.txt")


# --- round trips ----------------------------------------------------------------------

words = (
    st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "N"), include_characters=" .,?'%$()-/:=~#{}"),
        min_size=1,
        max_size=40,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: s and s[0].isalnum())
)


@st.composite
def questions(draw, explain: bool = True):
    n = draw(st.integers(2, 6))
    options = draw(st.lists(words, min_size=n, max_size=n, unique_by=str.casefold))
    return Question(
        stem=draw(words),
        options=options,
        key=draw(st.integers(0, n - 1)),
        explanation=draw(words) if explain else "",
        name="",
        category=draw(st.sampled_from(["", "Demand"])),
    )


def same(a: Question, b: Question, explanation: bool = True) -> bool:
    return (a.stem, a.options, a.key) == (b.stem, b.options, b.key) and (
        not explanation or a.explanation == b.explanation
    )


@pytest.mark.parametrize("fmt", ["gift", "moodle-xml", "csv"])
@settings(max_examples=60, deadline=None)
@given(qs=st.lists(questions(), min_size=1, max_size=5))
def test_export_then_import_gives_back_the_same_questions(fmt, qs):
    text = formats.WRITERS[fmt](qs)
    got_fmt, r = formats.read(text, filename=f"x.{fmt}")
    assert got_fmt == fmt and not r.notes
    assert len(r.questions) == len(qs) and all(same(a, b) for a, b in zip(qs, r.questions, strict=True))
    assert [q.category for q in r.questions] == [q.category for q in qs]


@settings(max_examples=60, deadline=None)
@given(qs=st.lists(questions(explain=False), min_size=1, max_size=5))
def test_aiken_round_trip_keeps_stems_options_and_keys(qs):
    # Aiken has no place for explanations or categories.
    got_fmt, r = formats.read(formats.WRITERS["aiken"](qs))
    assert got_fmt == "aiken" and not r.notes
    assert all(same(a, b, explanation=False) for a, b in zip(qs, r.questions, strict=True))
