"""Icons drawn with QPainter: no image files to ship or lose. Drawn at four times their
size, so they stay sharp on screens scaled to 200% (4K) and at the largest text size."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

SCALE = 4  # sharp at 200% and at the largest text size (icons twice as large)


def _canvas(size: int) -> QPixmap:
    pixmap = QPixmap(size * SCALE, size * SCALE)
    pixmap.setDevicePixelRatio(SCALE)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def flag(filled: bool, colour: str = "#ffffff", size: int = 20) -> QIcon:
    pixmap = _canvas(size)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour), 1.6)
    p.setPen(pen)
    s = size / 20
    p.drawLine(QPointF(4 * s, 2 * s), QPointF(4 * s, 18 * s))
    cloth = QPainterPath(QPointF(4.8 * s, 3 * s))
    cloth.lineTo(16 * s, 6.5 * s)
    cloth.lineTo(4.8 * s, 10 * s)
    cloth.closeSubpath()
    if filled:
        p.fillPath(cloth, QColor(colour))
    p.drawPath(cloth)
    p.end()
    return QIcon(pixmap)


def clock(colour: str = "#ffffff", size: int = 18) -> QIcon:
    pixmap = _canvas(size)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor(colour), 1.5))
    c = size / 2
    p.drawEllipse(QPointF(c, c), c - 1.5, c - 1.5)
    p.drawLine(QPointF(c, c), QPointF(c, c - size * 0.3))
    p.drawLine(QPointF(c, c), QPointF(c + size * 0.22, c))
    p.end()
    return QIcon(pixmap)
