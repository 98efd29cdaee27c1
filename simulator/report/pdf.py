"""The results PDF, painted with QtGui (no widgets): real, extractable text in an
embedded font, on the paper size of the user's locale."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QMarginsF, QRectF, Qt
from PySide6.QtGui import (QColor, QFont, QFontDatabase, QGuiApplication, QPageLayout, QPageSize,
                           QPainter, QPdfWriter, QPen)

from ..paths import resource

BLUE = QColor("#005596")
LEVEL_COLOURS = {"below": QColor("#b3261e"), "near": QColor("#c98a00"), "above": QColor("#1d7a34")}
FAMILY = "DejaVu Sans"


def _ensure_app() -> None:
    """The PDF needs a QGuiApplication; from the command line there is none, and
    perhaps no display either, so a headless one is made."""
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _ensure_app.app = QGuiApplication([])  # type: ignore[attr-defined]
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(resource("fonts") / name))


def page_size() -> QPageSize:
    letter = {QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico,
              QLocale.Country.Philippines, QLocale.Country.Chile, QLocale.Country.Colombia}
    use_letter = QLocale.system().territory() in letter
    return QPageSize(QPageSize.PageSizeId.Letter if use_letter else QPageSize.PageSizeId.A4)


def when(iso: str | None) -> str:
    if not iso:
        return "-"
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d %B %Y, %H:%M")
    except ValueError:
        return iso


class Painter:
    """A painter in points with a cursor that moves down the page."""

    def __init__(self, writer: QPdfWriter) -> None:
        self.writer = writer
        self.p = QPainter(writer)
        rect = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
        self.width, self.height = rect.width(), rect.height()
        self.y = 0.0

    def font(self, size: float, bold: bool = False) -> None:
        f = QFont(FAMILY)
        f.setPointSizeF(size)
        f.setBold(bold)
        self.p.setFont(f)

    def text(self, x: float, text: str, size: float = 10, bold: bool = False, colour: QColor | None = None,
             width: float | None = None, height: float | None = None, align=Qt.AlignmentFlag.AlignLeft) -> float:
        self.font(size, bold)
        self.p.setPen(colour or QColor("#000000"))
        w = width if width is not None else self.width - x
        flags = int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        bounds = self.p.boundingRect(QRectF(x, self.y, w, 10_000), flags, text)
        h = height if height is not None else bounds.height()
        self.p.drawText(QRectF(x, self.y, w, h), flags, text)
        return h

    def line(self, text: str, size: float = 10, bold: bool = False, gap: float = 4, **kw) -> None:
        self.y += self.text(0, text, size, bold, **kw) + gap

    def new_page(self) -> None:
        self.writer.newPage()
        self.y = 0.0

    def end(self) -> None:
        self.p.end()


def write_pdf(report: dict[str, Any], target: Path) -> Path:
    _ensure_app()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    writer = QPdfWriter(str(tmp))
    writer.setTitle(f"CPIM mock exam score report - attempt {report['id']}")
    writer.setCreator("cpim-sim")
    writer.setResolution(72)  # one device unit is one point: layout and font sizes agree (vector output)
    writer.setPageLayout(QPageLayout(page_size(), QPageLayout.Orientation.Portrait,
                                     QMarginsF(48, 48, 48, 48), QPageLayout.Unit.Point))
    pp = Painter(writer)
    try:
        _score_page(pp, report)
    finally:
        pp.end()
    if not tmp.exists() or tmp.stat().st_size == 0:
        raise OSError(f"the PDF could not be written to {tmp}")
    os.replace(tmp, target)  # never leave a half-written report under the real name
    return target


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
            ("Form", f"seed {r['form_seed']}: {r['operational_count']} scored and "
                     f"{r['pretest_count']} unscored pretest items"),
            ("Time used", f"{r['time_used_s'] / 60:.1f} of {r['time_allowed_s'] / 60:.1f} minutes"
             + (f" (includes {r['extra_time_pct']:g}% extra time, an accommodation)" if r["extra_time_pct"] else ""))]
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
            f"{r['operational_count']} scored items (the raw score needed on this form: {r['raw_cut']:.1f}).",
            9, gap=18)

    pp.line("Performance by domain", 12, True, gap=8)
    widths = (230, 45, 50, 95, 90)
    x = 0.0
    for title, w in zip(("Domain", "Items", "Correct", "Percent", "Level"), widths):
        pp.text(x, title, 9, True, width=w)
        x += w
    pp.y += 16
    p.setPen(QPen(QColor("#999999"), 0.5))
    p.drawLine(0, pp.y - 3, pp.width, pp.y - 3)
    for d in r["domains"]:
        x = 0.0
        h = pp.text(x, d["name"], 9, width=widths[0] - 6)
        x += widths[0]
        pp.text(x, str(d["items"]), 9, width=widths[1])
        x += widths[1]
        pp.text(x, str(d["correct"]), 9, width=widths[2])
        x += widths[2]
        bar = max(0.0, min(1.0, d["percent"] / 100)) * (widths[3] - 40)
        p.fillRect(QRectF(x, pp.y + 2, bar, 8), LEVEL_COLOURS.get(d["level"], BLUE))
        pp.text(x + widths[3] - 36, f"{d['percent']:.0f}%", 9, width=36)
        x += widths[3]
        pp.text(x, level_text(d["level"]), 9, colour=LEVEL_COLOURS.get(d["level"]), width=widths[4])
        pp.y += max(h, 12) + 6
    pp.y += 10
    pp.line("Levels compare your answers in each domain with those expected of a minimally qualified "
            "candidate on the same items; a domain with few items needs a larger difference to be called "
            "below or above. Unscored pretest items are not included.", 8, colour=QColor("#555555"))


def level_text(level: str) -> str:
    return {"below": "Below standard", "near": "Near standard", "above": "Above standard"}.get(level, level)
