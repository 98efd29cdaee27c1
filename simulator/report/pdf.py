"""The results PDF, painted with QtGui (no widgets): real, extractable text in an
embedded font, on the paper size of the user's locale."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from ..core.clock import hms
from ..core.items import LETTERS, numeric_cell
from ..core.words import local_time, mmss, plural, raw_cut_text
from ..paths import resource
from . import charts

BLUE = charts.BLUE
LEVEL_COLOURS = charts.LEVEL_COLOURS
FAMILY = "DejaVu Sans"
FOOTER_H = 20.0  # room at each page's foot for its number
RIGHT, WRONG = "\u2713", "\u2717"  # the key's and a wrong answer's marks in the item review


def _ensure_app() -> None:
    """The PDF needs a QGuiApplication; from the command line there is none, and
    perhaps no display either, so a headless one is made."""
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _ensure_app.app = QGuiApplication([])  # type: ignore[attr-defined]
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(resource("fonts") / name))


def page_size(paper: str = "") -> QPageSize:
    """"A4", "Letter", or "" for the locale's paper (Settings' choice)."""
    if paper in ("A4", "Letter"):
        return QPageSize(QPageSize.PageSizeId.A4 if paper == "A4" else QPageSize.PageSizeId.Letter)
    letter = {QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico,
              QLocale.Country.Philippines, QLocale.Country.Chile, QLocale.Country.Colombia}
    use_letter = QLocale().territory() in letter  # the default locale: the system's unless set
    return QPageSize(QPageSize.PageSizeId.Letter if use_letter else QPageSize.PageSizeId.A4)


def when(iso: str | None) -> str:
    """A stored timestamp as the reader's local date and time, as everywhere else."""
    return local_time(iso)


class Painter:
    """A painter in points with a cursor that moves down the page."""

    def __init__(self, writer: QPdfWriter, pages: int | None = None) -> None:
        """pages: the page count, for the 'Page N of M' at each page's foot (none without)."""
        self.writer = writer
        self.p = QPainter(writer)
        rect = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
        self.width, self.page_height = rect.width(), rect.height()
        self.height = rect.height() - FOOTER_H  # the text ends above the page number
        self.y = 0.0
        self.page, self.pages = 1, pages

    def _footer(self) -> None:
        if self.pages:
            self.font(8)
            self.p.setPen(QColor("#555555"))
            self.p.drawText(QRectF(0, self.page_height - 12, self.width, 12),
                            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                            f"Page {self.page} of {self.pages}")

    def font(self, size: float, bold: bool = False) -> None:
        f = QFont(FAMILY)
        f.setPointSizeF(size)
        f.setBold(bold)
        self.p.setFont(f)

    def text(self, x: float, text: str, size: float = 10, bold: bool = False, colour: QColor | None = None,
             width: float | None = None, height: float | None = None,
             align=Qt.AlignmentFlag.AlignLeft) -> float:
        self.font(size, bold)
        self.p.setPen(colour or QColor("#000000"))
        w = width if width is not None else self.width - x
        flags = int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        h = height if height is not None else self.p.boundingRect(QRectF(x, self.y, w, 10_000), flags,
                                                                  text).height()
        self.p.drawText(QRectF(x, self.y, w, h), flags, text)
        return h

    def line(self, text: str, size: float = 10, bold: bool = False, gap: float = 4, **kw) -> None:
        self.y += self.text(0, text, size, bold, **kw) + gap

    def new_page(self) -> None:
        self._footer()
        self.writer.newPage()
        self.page += 1
        self.y = 0.0

    def room(self, height: float) -> None:
        """Start a new page unless `height` more points fit on this one."""
        if self.y + height > self.height:
            self.new_page()

    def measure(self, text: str, size: float, width: float, bold: bool = False) -> float:
        self.font(size, bold)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        return self.p.boundingRect(QRectF(0, 0, width, 10_000), flags, text).height()

    def heading(self, text: str) -> None:
        self.p.fillRect(QRectF(0, self.y, self.width, 28), BLUE)
        self.y += 6
        self.text(10, text, 13, True, QColor("#ffffff"))
        self.y += 34

    def end(self) -> None:
        self._footer()
        self.p.end()


def write_pdf(report: dict[str, Any], target: Path, answers: list[dict[str, Any]] | None = None,
              paper: str = "") -> Path:
    """Page 1 the score report; then pacing; then, given the answers, an item-by-item review."""
    _ensure_app()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    # The page count for 'Page N of M' comes from laying the report out once in memory.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    dry = Painter(_writer(QPdfWriter(buffer), report, paper))
    try:
        _content(dry, report, answers)
    finally:
        dry.end()
    pp = Painter(_writer(QPdfWriter(str(tmp)), report, paper), dry.page)
    try:
        _content(pp, report, answers)
    finally:
        pp.end()
    if not tmp.exists() or tmp.stat().st_size == 0:
        raise OSError(errno.EIO,
                      "the PDF could not be written there (is the disk full, or the folder read-only?)")
    os.replace(tmp, target)  # never leave a half-written report under the real name
    return target


def _writer(writer: QPdfWriter, report: dict[str, Any], paper: str = "") -> QPdfWriter:
    writer.setTitle(f"CPIM mock exam score report - attempt {report['id']}")
    writer.setCreator("cpim-sim")
    writer.setResolution(72)  # one device unit is one point: layout and font sizes agree (vector output)
    writer.setPageLayout(QPageLayout(page_size(paper), QPageLayout.Orientation.Portrait,
                                     QMarginsF(48, 48, 48, 48), QPageLayout.Unit.Point))
    return writer


def _content(pp: Painter, report: dict[str, Any], answers: list[dict[str, Any]] | None) -> None:
    _score_page(pp, report)
    pp.new_page()
    _pacing_page(pp, report)
    if report.get("study"):
        _study_section(pp, report["study"])
    if answers:
        pp.new_page()
        _review_pages(pp, answers)


def _score_page(pp: Painter, r: dict[str, Any]) -> None:
    p = pp.p
    p.fillRect(QRectF(0, 0, pp.width, 34), BLUE)
    pp.y = 8
    pp.text(10, "Score Report", 15, True, QColor("#ffffff"))
    pp.y = 48
    pp.line(r["title"], 12, True)
    pp.line("Practice exam - not an official ASCM score report. Not affiliated with ASCM or Pearson VUE.",
            8, colour=QColor("#555555"), gap=12)
    rows = [("Candidate", r["candidate"]), ("Date", when(r["finished_at"] or r["started_at"])),
            ("Attempt", f"{r['id']} ({r['status']}, {r['mode']} mode)"),
            ("Form", f"seed {r['form_seed']}: {plural(r['operational_count'], 'scored item')}"
                     + (f" and {plural(r['pretest_count'], 'unscored pretest item')}"
                        if r["pretest_count"] else "")),
            ("Time used", f"{hms(r['time_used_s'])} of {hms(r['time_allowed_s'])}"
             + (f" (includes {r['extra_time_pct']:g}% extra time, an accommodation)" if r["extra_time_pct"]
                else ""))]
    for label, value in rows:
        pp.text(0, label, 10, True, width=110)
        pp.y += pp.text(115, value, 10) + 3
    pp.y += 14
    score = r["scaled_score"]
    passed = r["passed"]
    pp.text(0, "Scaled score", 11, True, width=150)
    pp.text(150, "Result", 11, True)
    pp.y += 18
    pp.text(0, "-" if score is None else str(score), 30, True, BLUE, width=150)
    verdict = "PASS" if passed else ("FAIL" if passed is not None else "NOT FINISHED")
    colour = QColor("#1d7a34") if passed else QColor("#b3261e")
    p.fillRect(QRectF(150, pp.y + 6, 120, 30), colour)
    pp.y += 10
    pp.text(150, verdict, 16, True, QColor("#ffffff"), width=120, align=Qt.AlignmentFlag.AlignHCenter)
    pp.y += 40
    pp.line(f"Scale 200 to 350; 300 is the passing score. Correct answers: {r['raw_correct']} of "
            f"{r['operational_count']} scored items; this form needed {raw_cut_text(r['raw_cut'])} to pass "
            f"(the score a minimally qualified candidate is expected to get here, {r['raw_cut']:.1f}, "
            "rounded up).",
            9, gap=18)

    pp.line("Performance by domain", 12, True, gap=8)
    columns = ((0, 250, "Domain"), (250, 50, "Items"), (300, 60, "Correct"), (360, 60, "Percent"),
               (420, 110, "Level"))
    for x, w, title in columns:
        pp.text(x, title, 9, True, width=w)
    pp.y += 16
    p.setPen(QPen(QColor("#999999"), 0.5))
    p.drawLine(QPointF(0, pp.y - 3), QPointF(pp.width, pp.y - 3))
    for d in r["domains"]:
        values = (d["name"], str(d["items"]), str(d["correct"]), percent_text(d), level_text(d["level"]))
        h = 12.0
        for (x, w, _), value in zip(columns, values, strict=False):
            level_colour = LEVEL_COLOURS.get(d["level"]) if value == values[-1] else None
            h = max(h, pp.text(x, value, 9, colour=level_colour, width=w - 6))
        pp.y += h + 5
    pp.y += 12
    chart_h = 24.0 * len(r["domains"])
    pp.room(chart_h + 40)
    charts.domain_bars(p, QRectF(0, pp.y, pp.width, chart_h), r["domains"], size=8)
    pp.y += chart_h + 6
    pp.line("Bars: percent correct, coloured by level. Black tick: the percent a minimally qualified "
            "candidate would be expected to get right on the same items.", 8, colour=QColor("#555555"))
    pp.y += 10
    pp.line("Levels compare your answers in each domain with those expected of a minimally qualified "
            "candidate on the same items; a domain with few items needs a larger difference to be called "
            "below or above. Unscored pretest items are not included.", 8, colour=QColor("#555555"))


def _pacing_page(pp: Painter, r: dict[str, Any]) -> None:
    pc = r["pacing"]
    pp.heading("Pacing")
    rows = [("Time used",
             f"{hms(pc['time_used_s'])} of {hms(pc['time_allowed_s'])} ({pc['share_used']:.0%})"),
            ("Average per item", plural(pc["average_item_s"], "second")),
            ("Pace using all the time", plural(pc["target_item_s"], "second") + " per item"),
            ("Items flagged", str(r["flagged_count"]))]
    if r.get("focus_losses"):
        rows.append(("Focus lost (OnVUE)", plural(r["focus_losses"], "time")))
    for label, value in rows:
        pp.text(0, label, 10, True, width=160)
        pp.y += pp.text(165, value, 10) + 4
    pp.y += 12
    pp.line("Time by domain", 12, True, gap=6)
    if r["pretest_count"]:  # they took time like the others, so they are counted here
        pretest = plural(r["pretest_count"], "unscored pretest item")
        pp.line(f"Items and time include the {pretest}, which the "
                "scores by domain leave out.", 8, colour=QColor("#555555"), gap=6)
    headings = (("Domain", 0, 260), ("Items", 260, 60), ("Time", 320, 80), ("Average per item", 400, 120))
    for title, x, w in headings:
        pp.text(x, title, 9, True, width=w)
    pp.y += 16
    for d in pc["domains"]:
        h = pp.text(0, d["name"], 9, width=254)
        pp.text(260, str(d["items"]), 9, width=60)
        pp.text(320, hms(d["seconds"]), 9, width=80)
        pp.text(400, f"{d['average_s']:.0f} s", 9, width=120)
        pp.y += max(h, 12) + 4
    if pc["slowest"]:
        pp.y += 12
        pp.line("Slowest items", 12, True, gap=6)
        for s in pc["slowest"]:
            pp.line(f"Item {s['position']} ({s['domain']}): {mmss(s['seconds'])}", 9, gap=3)


def _study_section(pp: Painter, study: dict[str, Any]) -> None:
    """Readiness, items due and the three subtopics furthest below the standard."""
    from ..app.practice import study_lines
    pp.y += 18
    pp.room(120)
    pp.line(f"Readiness and where to study next (as of {when(study['as_of'])})", 12, True, gap=6)
    for text in study_lines(study):
        pp.line(text, 9, gap=3)


def _review_pages(pp: Painter, answers: list[dict[str, Any]]) -> None:
    pp.heading("Item review")
    pp.line("Every item with your answer, the correct answer and the explanation. Unscored pretest items "
            "are marked.", 8, colour=QColor("#555555"), gap=10)
    for it in answers:
        verdict = "correct" if it["correct"] else "incorrect"
        head = (f"Item {it['position']}  |  {it['domain']}  |  your answer: {it['response'] or 'none'}, "
                f"{verdict}; the answer is {it['key']}" + ("  |  pretest, unscored" if it["pretest"] else "")
                + ("  |  flagged" if it["flagged"] else ""))
        block = [(head, 8.5, True, 0.0), (it["stem"], 9.5, False, 0.0)]
        options = zip(LETTERS, it["options"], strict=False)
        block += [(f"{letter}. {text}", 9, letter == it["key"], 14.0) for letter, text in options]
        block.append((it["explanation"], 8.5, False, 0.0))
        block = [(_marked(text, it) if indent else text, size, bold, indent)  # the options are indented
                 for text, size, bold, indent in block]
        heights = [pp.measure(text, size, pp.width - indent, bold) + 3 for text, size, bold, indent in block]
        pp.room(sum(heights[:3]) + 20)  # never strand an item's heading at the foot of a page
        for n, ((text, size, bold, indent), h) in enumerate(zip(block, heights, strict=False)):
            if n == 2 and it.get("exhibit"):
                _exhibit_table(pp, it["exhibit"])  # between the stem and the options, as on screen
            pp.room(h)
            colour = (QColor("#1d7a34") if indent and bold
                      else QColor("#b3261e") if indent and text.startswith(WRONG)
                      else (QColor("#333333") if size < 9 else None))
            pp.text(indent, text, size, bold, colour, height=h - 3)  # measured above: not again
            pp.y += h
        pp.y += 4
        pp.p.setPen(QPen(QColor("#c8d0dc"), 0.5))
        pp.p.drawLine(QPointF(0, pp.y), QPointF(pp.width, pp.y))
        pp.y += 8


def _marked(option: str, it: dict[str, Any]) -> str:
    """An option line of the item review with its mark: the key ticked, the candidate's
    wrong choice crossed, each said in words too (the colours may not print)."""
    letter = option.split(".", 1)[0]
    if letter == it["key"]:
        return f"{RIGHT} {option}   (correct answer" + (", your answer)" if it["response"] == letter else ")")
    if letter == it["response"]:
        return f"{WRONG} {option}   (your answer)"
    return f"    {option}"


EXHIBIT_PT, CELL_PAD = 8.0, 4.0


def _exhibit_table(pp: Painter, exhibit: dict[str, Any]) -> None:
    """An item's exhibit as a ruled table: caption, a shaded header row, figures
    right-aligned; columns as wide as their text, narrowed (and wrapped) to fit the page."""
    columns: list[str] = list(exhibit["columns"])
    rows: list[list[str]] = [list(r) for r in exhibit["rows"]]
    pp.room(pp.measure(exhibit["caption"], 8.5, pp.width, True) + 40)
    pp.y += pp.text(0, f"Exhibit: {exhibit['caption']}", 8.5, True) + 3
    widths = []
    for c, title in enumerate(columns):
        texts = [(title, True)] + [(row[c], False) for row in rows]
        widths.append(max(_text_width(pp, t, bold) for t, bold in texts) + 2 * CELL_PAD)
    if sum(widths) > pp.width:
        widths = [w * pp.width / sum(widths) for w in widths]
    numeric = [all(numeric_cell(r[c]) for r in rows if r[c].strip()) and any(r[c].strip() for r in rows)
               for c in range(len(columns))]
    pen = QPen(QColor("#9aa7b8"), 0.5)
    for r, row in enumerate([columns, *rows]):
        header = r == 0
        cells = zip(row, widths, strict=False)
        h = max(pp.measure(t, EXHIBIT_PT, w - 2 * CELL_PAD, header) for t, w in cells) + 2 * CELL_PAD - 2
        pp.room(h)
        if header:
            pp.p.fillRect(QRectF(0, pp.y, sum(widths), h), QColor("#e4eaf2"))
        x = 0.0
        for c, (text, w) in enumerate(zip(row, widths, strict=False)):
            top = pp.y
            pp.y += CELL_PAD - 1
            align = Qt.AlignmentFlag.AlignRight if numeric[c] else Qt.AlignmentFlag.AlignLeft
            pp.text(x + CELL_PAD, text, EXHIBIT_PT, header, width=w - 2 * CELL_PAD, align=align)
            pp.y = top
            pp.p.setPen(pen)
            pp.p.drawRect(QRectF(x, pp.y, w, h))
            x += w
        pp.y += h
    pp.y += 6


def _text_width(pp: Painter, text: str, bold: bool) -> float:
    pp.font(EXHIBIT_PT, bold)
    return float(pp.p.fontMetrics().horizontalAdvance(text)) if text else 0.0


def level_text(level: str) -> str:
    return {"below": "Below standard", "near": "Near standard", "above": "Above standard",
            "not_tested": "Not tested"}.get(level, level)


def percent_text(d: dict[str, Any]) -> str:
    """A domain's percent correct, or a dash where the form had none of its items."""
    return f"{d['percent']:.0f}%" if d["items"] else "-"
