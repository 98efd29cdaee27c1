"""Charts painted with QPainter, shared by the screens and the PDF so both show the same picture."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen

BLUE = QColor("#005596")
LEVEL_COLOURS = {"below": QColor("#b3261e"), "near": QColor("#c98a00"), "above": QColor("#1d7a34")}
GRID = QColor("#c8d0dc")
TEXT = QColor("#000000")
SERIES = ["#005596", "#b3261e", "#1d7a34", "#c98a00", "#6a3d9a", "#00838f", "#8d6e63", "#d81b60"]


def _font(p: QPainter, size: float, bold: bool = False) -> None:
    f = QFont(p.font())
    f.setPointSizeF(size)
    f.setBold(bold)
    p.setFont(f)


def domain_bars(p: QPainter, rect: QRectF, domains: Sequence[dict[str, Any]], size: float = 9,
                text: QColor = TEXT) -> None:
    """One bar per domain: percent correct, coloured by level, with a tick at the
    minimally qualified candidate's expected percent on the same items."""
    if not domains:
        return
    label_w = rect.width() * 0.42
    value_w = 44.0
    bar_x = rect.left() + label_w + 8
    bar_w = max(10.0, rect.right() - value_w - bar_x)
    row_h = rect.height() / len(domains)
    _font(p, size)
    p.setPen(QPen(GRID, 0.8))
    for pct in (0, 25, 50, 75, 100):
        x = bar_x + bar_w * pct / 100
        p.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
    for i, d in enumerate(domains):
        top = rect.top() + i * row_h
        p.setPen(text)
        p.drawText(QRectF(rect.left(), top, label_w, row_h),
                   int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
                       | Qt.TextFlag.TextWordWrap),
                   d["name"])
        share = d["percent"] / 100 if d["items"] else 0.0
        bar = QRectF(bar_x, top + row_h * 0.22, bar_w * share, row_h * 0.56)
        p.fillRect(bar, LEVEL_COLOURS.get(d["level"], BLUE))
        if d["items"]:
            expected = d.get("expected", 0.0) / d["items"]
            x = bar_x + bar_w * expected
            p.setPen(QPen(text, 1.6))
            p.drawLine(QPointF(x, top + row_h * 0.12), QPointF(x, top + row_h * 0.88))
        p.setPen(text)
        p.drawText(QRectF(bar_x + bar_w + 4, top, value_w, row_h),
                   int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                   f"{d['percent']:.0f}%" if d["items"] else "-")
        if not d["items"]:  # no item of it on this form: no bar, and say why
            p.drawText(QRectF(bar_x + 4, top, bar_w, row_h),
                       int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                       "not tested on this form")


def trend(p: QPainter, rect: QRectF, series: dict[str, list[float | None]], lo: float, hi: float,
          reference: float | None = None, size: float = 8, text: QColor = TEXT, ticks: int = 4,
          labels: list[str] | None = None) -> None:
    """Lines over attempts (x) for each named series; None leaves a gap. `labels` name the
    x positions (attempt ids, so they still match the table after a deletion); 1, 2, ... without."""
    _font(p, size)
    left = rect.left() + 34
    plot = QRectF(left, rect.top() + 4, rect.right() - left - 4, rect.height() - 22)
    p.setPen(QPen(GRID, 0.8))
    for k in range(ticks + 1):
        value = lo + (hi - lo) * k / ticks
        y = plot.bottom() - plot.height() * k / ticks
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(text)
        p.drawText(QRectF(rect.left(), y - 7, 30, 14), int(Qt.AlignmentFlag.AlignRight), f"{value:.0f}")
        p.setPen(QPen(GRID, 0.8))
    count = max((len(v) for v in series.values()), default=0)
    if count == 0:
        return
    inset = 14.0  # the first and last points and their labels clear of the axis and the edge
    step = (plot.width() - 2 * inset) / max(1, count - 1)

    def point(i: int, value: float) -> QPointF:
        x = plot.left() + (inset + step * i if count > 1 else plot.width() / 2)
        return QPointF(x, plot.bottom() - plot.height() * (value - lo) / (hi - lo))

    if reference is not None:
        p.setPen(QPen(QColor("#555555"), 1.0, Qt.PenStyle.DashLine))
        y = point(0, reference).y()
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
    p.setPen(text)
    for i in range(count):
        p.drawText(QRectF(point(i, lo).x() - 15, plot.bottom() + 3, 30, 14),
                   int(Qt.AlignmentFlag.AlignHCenter),
                   labels[i] if labels is not None and i < len(labels) else str(i + 1))
    for n, (_name, values) in enumerate(series.items()):
        colour = QColor(SERIES[n % len(SERIES)])
        p.setPen(QPen(colour, 2.0))
        path: QPainterPath | None = None
        for i, maybe in enumerate(values):
            if maybe is None:
                path = None
                continue
            pt = point(i, maybe)
            p.setBrush(colour)
            p.drawEllipse(pt, 2.5, 2.5)
            p.setBrush(Qt.BrushStyle.NoBrush)
            if path is None:
                path = QPainterPath(pt)
            else:
                path.lineTo(pt)
                p.drawPath(path)
                path = QPainterPath(pt)
