"""Where the exam's tool windows (calculator, whiteboard) open: at the right edge of
the item's area, below the toolbar and above the footer, while the item's text
makes room for them on its right. So a tool never covers the stem, the options,
Flag for Review or Next, and the candidate need not move it before reading on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QTimer
from PySide6.QtWidgets import QWidget

GAP = 12            # between the tool and the window's edge, and the item's text
MIN_ITEM_WIDTH = 420  # the item's text never gets narrower than this


class ToolDock(QObject):
    """Watches the tool windows it is given; each time one is shown or hidden the
    visible ones are placed again and the item's side room is updated."""

    def __init__(self, window: QWidget, area: Callable[[], QWidget | None],
                 reserve: Callable[[int], None]) -> None:
        super().__init__(window)
        self.window = window
        self.area = area          # the widget the tools sit beside (the item's scroll area)
        self.reserve = reserve    # gives the item that many pixels free on its right
        self.tools: list[QWidget] = []

    def add(self, tool: QWidget) -> None:
        if tool not in self.tools:
            self.tools.append(tool)
            tool.installEventFilter(self)
            tool.destroyed.connect(lambda _obj=None, tool=tool: self.tools.remove(tool)
                                   if tool in self.tools else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.place()
        elif event.type() == QEvent.Type.Hide:
            QTimer.singleShot(0, self, self.place)  # once it is really hidden
        return False

    def region(self) -> QRect:
        """The area the tools open in (at its right), in global coordinates."""
        area = self.area()
        widget = area if area is not None and area.isVisible() else self.window
        return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())

    def place(self) -> None:
        shown = [t for t in self.tools if t.isVisible()]
        if not shown:
            self.reserve(0)
            return
        region = self.region()
        # A tool takes at most half the width, and never leaves the item too narrow.
        widest = min(region.width() * 0.5, region.width() - MIN_ITEM_WIDTH - 2 * GAP)
        top = region.top() + GAP
        room = 0
        for tool in shown:
            frame = tool.frameGeometry()
            extra_w, extra_h = frame.width() - tool.width(), frame.height() - tool.height()
            if tool.minimumWidth() < tool.maximumWidth():  # resizable (the whiteboard): fit it
                tall = region.height() - 2 * GAP - extra_h
                tool.resize(max(tool.minimumWidth(), min(tool.width(), int(widest) - extra_w)),
                            max(tool.minimumHeight(), min(tool.height(), tall)))
            width, height = tool.width() + extra_w, tool.height() + extra_h
            # The first at the top, another at the bottom of the same strip.
            y = top if tool is shown[0] else max(top, region.bottom() - GAP - height)
            tool.move(region.right() - GAP - width, y)
            room = max(room, width + GAP)
        self.reserve(room)
