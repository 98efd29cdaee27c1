"""The OnVUE digital whiteboard: the candidate's scratch paper in an online exam.

A separate, movable and resizable tool window (it stays above the exam window) with a tool
row in the driver's toolbar blue, a canvas that paints simulator.core.sketch's shapes with
QPainter, and a status strip with the zoom. The exam window keeps one instance for the
whole attempt and calls wipe() when the exam ends: like the real one, nothing on it is
scored or kept. No exec(), no nested event loops: every action is a plain slot.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetricsF,
    QIcon,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget

from ...core.sketch import PEN_WIDTH, TEXT_SIZE, Ellipse, Line, Point, Rectangle, Shape, Sketch, Stroke, Text
from ..common.widgets import named

TOOLS = (("pen", "Pen"), ("eraser", "Eraser"), ("line", "Line"), ("rectangle", "Rectangle"),
         ("ellipse", "Ellipse"), ("text", "Text"))
COLOURS = {"black": "#000000", "red": "#d0021b", "blue": "#1f5fd6", "green": "#15803d"}
PAPER = "#ffffff"              # the canvas stays white paper whatever the colour scheme
FONT_FAMILY = "DejaVu Sans"    # shipped with the program (theme.load_fonts)
ERASER_RADIUS = 8.0
ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 0.25, 4.0, 1.25
WHEEL_PAN = 40.0               # pixels per wheel notch
HINT = ("Scratch paper: draw with the mouse.\n"
        "Nothing here is scored, and it is erased when the exam ends.")

STYLE = """
#whiteboardWindow, #whiteboardStatus { background: #e4eaf2; }
#whiteboardToolBar { background: #4a78b6; }
#whiteboardRule { background: #9fbde3; }
#whiteboardToolBar QToolButton, #whiteboardStatus QToolButton {
    color: #ffffff; background: transparent; border: 1px solid transparent; padding: 3px 7px; }
#whiteboardToolBar QToolButton:hover { border: 1px solid #cfdcf0; }
#whiteboardToolBar QToolButton:checked { background: #2c5590; border: 1px solid #ffffff; }
#whiteboardToolBar QToolButton:focus { border: 1px dotted #ffffff; }
#whiteboardToolBar QToolButton:disabled { color: #9db6d8; }
#whiteboardStatus QToolButton { color: #000000; border: 1px solid #7f8fa6; background: #eef2f7;
    padding: 2px 8px; }
#whiteboardStatus QToolButton:hover { background: #dde6f2; }
#whiteboardStatus QToolButton:focus { border: 1px solid #005596; }
#whiteboardStatus QToolButton:disabled { color: #8c96a3; border-color: #b8c4d4; }
"""


# --- painting -------------------------------------------------------------------------
def text_font(size: float) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPixelSize(max(1, round(size)))
    return font


def text_box(text: str, size: float = TEXT_SIZE) -> tuple[float, float]:
    """The box of one line of whiteboard text, for the eraser's hit test."""
    fm = QFontMetricsF(text_font(size))
    return fm.horizontalAdvance(text), fm.height()


def paint_shape(p: QPainter, shape: Shape) -> None:
    """One shape in sketch coordinates (the painter carries the zoom and scroll)."""
    colour = QColor(shape.colour)
    if isinstance(shape, Text):
        font = text_font(shape.size)
        p.setFont(font)
        p.setPen(colour)
        x, y = shape.pos
        p.drawText(QPointF(x, y + QFontMetricsF(font).ascent()), shape.text)
        return
    p.setPen(QPen(colour, shape.width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))
    p.setBrush(Qt.BrushStyle.NoBrush)
    if isinstance(shape, Stroke):
        if len(shape.points) == 1:
            p.drawPoint(QPointF(*shape.points[0]))  # a click: a round dot
        else:
            p.drawPolyline(QPolygonF([QPointF(x, y) for x, y in shape.points]))
    elif isinstance(shape, Line):
        p.drawLine(QPointF(*shape.start), QPointF(*shape.end))
    else:
        left, top, right, bottom = shape.box
        rect = QRectF(left, top, right - left, bottom - top)
        (p.drawRect if isinstance(shape, Rectangle) else p.drawEllipse)(rect)


def swatch(colour: str, size: int = 18) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    p = QPainter(pixmap)
    p.setPen(QPen(QColor("#ffffff"), 1))
    p.drawRect(0, 0, size - 1, size - 1)
    p.end()
    return QIcon(pixmap)


# --- the canvas -----------------------------------------------------------------------
class TextInput(QLineEdit):
    """The box the Text tool opens at the click: Enter commits, Esc cancels."""

    cancelled = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class Canvas(QWidget):
    """Paints the sketch and turns the mouse into shapes. Sketch coordinates map to the
    widget as (point - offset) * zoom; the committed shapes are painted once into a
    pixmap, so a drag repaints only the shape being drawn."""

    changed = Signal()             # the sketch changed: buttons and descriptions follow
    zoomChanged = Signal(float)

    def __init__(self, sketch: Sketch) -> None:
        super().__init__()
        self.sketch = sketch
        self.tool = "pen"
        self.colour = COLOURS["black"]
        self.zoom = 1.0
        self.offset = QPointF(0, 0)
        self.editor: TextInput | None = None
        self._editor_at: Point = (0.0, 0.0)
        self._draft: list[Point] | None = None     # points of the drag in progress
        self._square = False                        # Shift: square, circle, 45-degree line
        self._erasing: set[int] = set()             # shapes the eraser drag has touched
        self._hover: QPointF | None = None
        self._pan_from: QPointF | None = None
        self._cache: QPixmap | None = None
        self.setMouseTracking(True)                 # for the eraser's ring
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(320, 200)
        self.set_tool("pen")

    # coordinates
    def to_sketch(self, pos: QPointF) -> Point:
        return pos.x() / self.zoom + self.offset.x(), pos.y() / self.zoom + self.offset.y()

    def to_widget(self, point: Point) -> QPointF:
        return QPointF((point[0] - self.offset.x()) * self.zoom, (point[1] - self.offset.y()) * self.zoom)

    # settings and actions
    def set_tool(self, tool: str) -> None:
        self.commit_text()
        self.tool = tool
        cursor = Qt.CursorShape.IBeamCursor if tool == "text" else Qt.CursorShape.CrossCursor
        self.setCursor(cursor)
        self.update()

    def set_colour(self, colour: str) -> None:
        self.colour = colour
        if self.editor is not None:
            self._style_editor()

    def undo(self) -> None:
        self._edit(self.sketch.undo)

    def redo(self) -> None:
        self._edit(self.sketch.redo)

    def clear(self) -> None:
        self._edit(self.sketch.clear)

    def _edit(self, change) -> None:
        """Text being typed is committed first, so it is part of what the change acts on."""
        self.commit_text()
        if change():
            self._changed()

    def wipe(self) -> None:
        self.cancel_text()
        self._draft, self._erasing, self._pan_from = None, set(), None
        self.sketch.reset()
        self.reset_view()
        self._changed()

    def _changed(self) -> None:
        self._cache = None
        self.update()
        self.changed.emit()

    # zoom and scroll
    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom keeping the sketch point under anchor (default: the middle) where it is."""
        zoom = min(ZOOM_MAX, max(ZOOM_MIN, zoom))
        if math.isclose(zoom, self.zoom):
            return
        self.commit_text()
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        x, y = self.to_sketch(anchor)
        self.zoom = zoom
        self.offset = QPointF(x - anchor.x() / zoom, y - anchor.y() / zoom)
        self._cache = None
        self.update()
        self.zoomChanged.emit(zoom)

    def zoom_by(self, steps: float, anchor: QPointF | None = None) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP ** steps, anchor)

    def scroll_by(self, dx: float, dy: float) -> None:
        """Move the paper by (dx, dy) screen pixels."""
        self.commit_text()
        self.offset -= QPointF(dx, dy) / self.zoom
        self._cache = None
        self.update()

    def reset_view(self) -> None:
        self.offset = QPointF(0, 0)
        self._cache = None
        self.update()
        if self.zoom != 1.0:
            self.zoom = 1.0
            self.zoomChanged.emit(1.0)

    # the shape being drawn
    def draft_shape(self) -> Shape | None:
        pts = self._draft
        if not pts or self.tool in ("eraser", "text"):
            return None
        if self.tool == "pen":
            return Stroke(tuple(pts), self.colour, PEN_WIDTH)
        (x0, y0), (x1, y1) = pts[0], pts[-1]
        dx, dy = x1 - x0, y1 - y0
        if self._square and self.tool == "line":
            angle = round(math.atan2(dy, dx) / (math.pi / 4)) * (math.pi / 4)
            length = math.hypot(dx, dy)
            x1, y1 = x0 + length * math.cos(angle), y0 + length * math.sin(angle)
        elif self._square:
            side = max(abs(dx), abs(dy))
            x1, y1 = x0 + math.copysign(side, dx), y0 + math.copysign(side, dy)
        kinds: dict[str, type[Line | Rectangle | Ellipse]] = {"line": Line, "rectangle": Rectangle,
                                                             "ellipse": Ellipse}
        return kinds[self.tool]((x0, y0), (x1, y1), self.colour, PEN_WIDTH)

    # mouse
    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position()
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self.commit_text()  # a click elsewhere finishes the text being typed
        if self.tool == "text":
            self.open_text(event.position())
            return
        point = self.to_sketch(event.position())
        self._draft = [point]
        self._square = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if self.tool == "eraser":
            self._erase_along([point])
        self.update()

    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        self._hover = pos
        if self._pan_from is not None:
            delta = pos - self._pan_from
            self._pan_from = pos
            self.scroll_by(delta.x(), delta.y())
            return
        if self._draft is None:
            if self.tool == "eraser":
                self.update()
            return
        self._extend(self.to_sketch(pos), event.modifiers())

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = None
            return
        if event.button() != Qt.MouseButton.LeftButton or self._draft is None:
            return
        self._extend(self.to_sketch(event.position()), event.modifiers())
        self._finish()

    def _extend(self, point: Point, modifiers) -> None:
        # The drag is followed from press to release whatever buttons the move events
        # report, so synthetic events (and tests) need no button state.
        pts = self._draft
        assert pts is not None  # a drag in progress (checked by the caller)
        self._square = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        if self.tool in ("pen", "eraser"):
            if point != pts[-1]:
                pts.append(point)
                if self.tool == "eraser":
                    self._erase_along(pts[-2:])
        else:
            pts[1:] = [point]
        self.update()

    def _erase_along(self, points: list[Point]) -> None:
        touched = set(self.sketch.hits(points, ERASER_RADIUS / self.zoom)) - self._erasing
        if touched:
            self._erasing |= touched  # hidden at once; removed as one step on release
            self._cache = None

    def _finish(self) -> None:
        shape, erased = self.draft_shape(), self._erasing
        self._draft, self._erasing = None, set()
        if self.tool == "eraser":
            self.sketch.remove(erased)
        elif shape is not None and (isinstance(shape, (Stroke, Text)) or self._big_enough(shape)):
            self.sketch.add(shape)
        self._changed()

    def _big_enough(self, shape: Line | Rectangle | Ellipse) -> bool:
        """A click with a shape tool draws nothing (less than 2 screen pixels of drag)."""
        (x0, y0), (x1, y1) = shape.start, shape.end
        return max(abs(x1 - x0), abs(y1 - y0)) * self.zoom >= 2

    def wheelEvent(self, event) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = (delta.y() or delta.x()) / 120
            if steps:
                self.zoom_by(steps, event.position())
        else:
            dx, dy = delta.x(), delta.y()
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and not dx:
                dx, dy = dy, 0
            self.scroll_by(dx / 120 * WHEEL_PAN, dy / 120 * WHEEL_PAN)
        event.accept()

    def leaveEvent(self, event) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def resizeEvent(self, event) -> None:
        self._cache = None
        super().resizeEvent(event)

    # text
    def open_text(self, pos: QPointF) -> None:
        self._editor_at = self.to_sketch(pos)
        editor = TextInput(self)
        named(editor, "whiteboardTextInput", "Whiteboard text")
        editor.setPlaceholderText("Type, then Enter")
        self.editor = editor
        self._style_editor()
        # The line edit draws its text 3 px in (border and margin) and 2 px down, so the
        # committed text lands where it was typed.
        editor.move(pos.toPoint() - QPoint(3, 2))
        editor.returnPressed.connect(self.commit_text)
        editor.cancelled.connect(self.cancel_text)
        editor.textChanged.connect(self._fit_editor)
        self._fit_editor()
        editor.show()
        editor.setFocus()

    def _style_editor(self) -> None:
        px = max(1, round(TEXT_SIZE * self.zoom))
        assert self.editor is not None  # only an open editor is styled
        self.editor.setStyleSheet(
            f"QLineEdit {{ font-family: '{FONT_FAMILY}'; font-size: {px}px; color: {self.colour};"
            " background: rgba(255, 255, 255, 220); border: 1px dashed #4a78b6; padding: 0px; }")
        self._fit_editor()

    def _fit_editor(self) -> None:
        editor = self.editor
        if editor is None:
            return
        fm = QFontMetricsF(text_font(TEXT_SIZE * self.zoom))
        wanted = fm.horizontalAdvance(editor.text() or editor.placeholderText()) + 12
        editor.resize(QSize(max(60, math.ceil(wanted)), math.ceil(fm.height()) + 4))

    def commit_text(self) -> None:
        editor, self.editor = self.editor, None
        if editor is None:
            return
        text = editor.text()
        editor.hide()
        editor.deleteLater()
        if text.strip():
            self.sketch.add(Text(self._editor_at, text, self.colour, TEXT_SIZE, text_box(text)))
            self._changed()
        self.setFocus()

    def cancel_text(self) -> None:
        editor, self.editor = self.editor, None
        if editor is not None:
            editor.hide()
            editor.deleteLater()
            self.setFocus()

    # painting
    def _view(self, p: QPainter) -> None:
        p.scale(self.zoom, self.zoom)
        p.translate(-self.offset)

    def _render_cache(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor(PAPER))
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._view(p)
        for n, shape in enumerate(self.sketch.shapes):
            if n not in self._erasing:
                paint_shape(p, shape)
        p.end()
        return pixmap

    def paintEvent(self, event) -> None:
        if self._cache is None or self._cache.deviceIndependentSize().toSize() != self.size():
            self._cache = self._render_cache()
        p = QPainter(self)
        p.drawPixmap(0, 0, self._cache)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not len(self.sketch) and self._draft is None and self.editor is None:
            p.setPen(QColor("#8a96a6"))  # the empty board says what it is for
            p.setFont(text_font(15))
            p.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, HINT)
        if self.tool == "eraser" and self._hover is not None:
            p.setPen(QPen(QColor("#4a78b6"), 1, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(self._hover, ERASER_RADIUS, ERASER_RADIUS)
        draft = self.draft_shape()
        if draft is not None:
            self._view(p)
            paint_shape(p, draft)
        p.end()


# --- the window -----------------------------------------------------------------------
class Whiteboard(QWidget):
    """The whiteboard window. `wipe()` empties it, undo history included."""

    def __init__(self, parent: QWidget | None = None) -> None:
        # A tool window stays above the (full-screen) exam window it belongs to.
        super().__init__(parent, Qt.WindowType.Tool)
        named(self, "whiteboardWindow", "Whiteboard")
        self.setWindowTitle("Whiteboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.sketch = Sketch()
        self.canvas = named(Canvas(self.sketch), "whiteboardCanvas", "Whiteboard drawing area")
        self.canvas.changed.connect(self._sync)
        self.canvas.zoomChanged.connect(self._show_zoom)

        bar = QFrame()
        bar.setObjectName("whiteboardToolBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 4, 8, 4)
        row.setSpacing(2)
        self.tools: dict[str, QToolButton] = {}
        self._tool_group = QButtonGroup(self)
        for key, label in TOOLS:
            button = self._button(label, f"whiteboard{label}", f"{label} tool", checkable=True)
            button.clicked.connect(lambda _=False, key=key: self.set_tool(key))
            self._tool_group.addButton(button)
            self.tools[key] = button
            row.addWidget(button)
        row.addSpacing(8)
        rule = QFrame()
        rule.setObjectName("whiteboardRule")
        rule.setFixedSize(1, 22)
        row.addWidget(rule)
        row.addSpacing(8)
        self.colours: dict[str, QToolButton] = {}
        self._colour_group = QButtonGroup(self)
        for key, value in COLOURS.items():
            button = self._button("", f"whiteboardColour_{key}", f"{key.capitalize()} ink", checkable=True)
            button.setIcon(swatch(value))
            button.setIconSize(QSize(18, 18))
            button.clicked.connect(lambda _=False, key=key: self.set_colour(key))
            self._colour_group.addButton(button)
            self.colours[key] = button
            row.addWidget(button)
        row.addStretch(1)

        # Undo, Redo, Clear and the zoom sit in the strip below, so the window can be
        # narrowed beside the item down to about 600 pixels.
        status = QFrame()
        status.setObjectName("whiteboardStatus")
        status.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        srow = QHBoxLayout(status)
        srow.setContentsMargins(8, 4, 8, 4)
        srow.setSpacing(4)
        self.undo_action = self._action("Undo", ("Ctrl+Z",), self.canvas.undo)
        self.redo_action = self._action("Redo", ("Ctrl+Y", "Ctrl+Shift+Z"), self.canvas.redo)
        self.clear_action = self._action("Clear", (), self.canvas.clear)
        self.clear_action.setToolTip("Clear the whiteboard (Undo brings it back)")
        for action in (self.undo_action, self.redo_action, self.clear_action):
            button = self._button(action.text(), f"whiteboard{action.text()}", action.text())
            button.setDefaultAction(action)
            srow.addWidget(button)
        srow.addStretch(1)
        self.zoom_out = self._button("\u2212", "whiteboardZoomOut", "Zoom out")
        self.zoom_reset = self._button("100%", "whiteboardZoomReset", "Zoom")
        self.zoom_in = self._button("+", "whiteboardZoomIn", "Zoom in")
        self.zoom_out.clicked.connect(lambda: self.canvas.zoom_by(-1))
        self.zoom_in.clicked.connect(lambda: self.canvas.zoom_by(1))
        self.zoom_reset.clicked.connect(self.canvas.reset_view)
        self.zoom_reset.setToolTip("Back to 100% and the top left corner "
                                   "(Ctrl+wheel zooms, the wheel scrolls)")
        for button in (self.zoom_out, self.zoom_reset, self.zoom_in):
            srow.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(status)
        self.setMinimumSize(560, 360)
        self.resize(860, 600)
        self.set_tool("pen")
        self.set_colour("black")
        self._show_zoom(1.0)
        self._sync()

    def _button(self, text: str, name: str, accessible: str, checkable: bool = False) -> QToolButton:
        button = named(QToolButton(), name, accessible)
        button.setText(text)
        button.setCheckable(checkable)
        button.setToolTip(accessible)
        button.setAutoRaise(True)
        return button

    def _action(self, text: str, keys: tuple[str, ...], slot) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setToolTip(f"{text} ({', '.join(keys)})" if keys else text)
        action.triggered.connect(slot)
        self.addAction(action)  # the window owns the keys, whichever control has focus
        return action

    # public
    @property
    def tool(self) -> str:
        return self.canvas.tool

    @property
    def colour(self) -> str:
        return next(k for k, v in COLOURS.items() if v == self.canvas.colour)

    def set_tool(self, tool: str) -> None:
        self.canvas.set_tool(tool)
        self.tools[tool].setChecked(True)

    def set_colour(self, name: str) -> None:
        self.canvas.set_colour(COLOURS[name])
        self.colours[name].setChecked(True)

    def wipe(self) -> None:
        """Empty the whiteboard for good: shapes, undo and redo history, text being
        typed, zoom; the tools go back to the black pen."""
        self.canvas.wipe()
        self.set_tool("pen")
        self.set_colour("black")

    def present(self) -> None:
        """Show it in front, ready to draw."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.canvas.setFocus()

    # keeping the buttons and descriptions true
    def _sync(self) -> None:
        s = self.sketch
        self.undo_action.setEnabled(s.can_undo)
        self.redo_action.setEnabled(s.can_redo)
        self.clear_action.setEnabled(len(s) > 0)
        parts = [f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in s.counts().items() if n]
        self.canvas.setAccessibleDescription(", ".join(parts) if parts else "empty")

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_reset.setText(f"{round(zoom * 100)}%")
        self.zoom_reset.setAccessibleDescription(f"{round(zoom * 100)} percent")

    def event(self, event) -> bool:
        # Qt lets a tool window's keys reach its parent's shortcuts, so a letter typed here
        # would answer the item behind (A-D, 1-4). Plain typing stays on the whiteboard;
        # modified keys (Alt+N, Ctrl+=) still reach the exam.
        if event.type() == QEvent.Type.ShortcutOverride:
            ignored = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
            mods = event.modifiers() & ~ignored
            if mods == Qt.KeyboardModifier.NoModifier and event.text() and event.text().isprintable():
                event.accept()
                return True
        return super().event(event)

    def closeEvent(self, event) -> None:
        self.canvas.commit_text()  # closing only hides: the drawing stays for the next item
        super().closeEvent(event)
