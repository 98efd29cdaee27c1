"""Chart widgets: thin wrappers that paint with report/charts.py."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from ...report import charts


class DomainChart(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("domainChart")
        self.setAccessibleName("Percent correct by domain")
        self.domains: list[dict[str, Any]] = []

    def set_domains(self, domains: list[dict[str, Any]]) -> None:
        self.domains = domains
        self.setAccessibleDescription("; ".join(f"{d['name']} {d['percent']:.0f}% ({d['level']})"
                                                for d in domains))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, 30 * max(1, len(self.domains)))

    def minimumSizeHint(self) -> QSize:
        return QSize(360, 22 * max(1, len(self.domains)))

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        charts.domain_bars(p, QRectF(self.rect()).adjusted(4, 4, -4, -4), self.domains,
                           size=self.font().pointSizeF() * 0.9, text=self.palette().windowText().color())
        p.end()


class TrendChart(QWidget):
    def __init__(self, name: str, lo: float, hi: float, reference: float | None = None,
                 ticks: int = 4) -> None:
        super().__init__()
        self.ticks = ticks
        self.setObjectName(name)
        self.setAccessibleName(name)
        self.lo, self.hi, self.reference = lo, hi, reference
        self.series: dict[str, list[float | None]] = {}
        self.labels: list[str] | None = None  # the x positions' names (attempt ids)
        self.setMinimumHeight(160)

    def set_series(self, series: dict[str, list[float | None]], labels: list[str] | None = None) -> None:
        self.series, self.labels = series, labels
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        charts.trend(p, QRectF(self.rect()).adjusted(2, 2, -2, -2), self.series, self.lo, self.hi,
                     self.reference,
                     text=self.palette().windowText().color(), ticks=self.ticks, labels=self.labels)
        p.end()
