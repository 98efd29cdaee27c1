"""The OnVUE whiteboard as the candidate uses it: the mouse on the canvas, the buttons, the keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QKeySequence, QMouseEvent, QShortcut, QWheelEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget

from simulator.core.sketch import Ellipse, Line, Rectangle, Stroke, Text
from simulator.ui.launch import make_app
from simulator.ui.tools.whiteboard import COLOURS, Whiteboard

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
WHITE = QColor("#ffffff")


@pytest.fixture
def board(qtbot):
    make_app()
    w = Whiteboard()
    qtbot.addWidget(w)
    w.resize(800, 560)
    w.show()
    qtbot.waitExposed(w)
    return w


def drag(qtbot, canvas, *points, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press at the first point, move through the rest, release at the last."""
    pts = [QPoint(*p) for p in points]
    qtbot.mousePress(canvas, LEFT, modifier, pts[0])
    for p in pts[1:]:
        qtbot.mouseMove(canvas, p)
    qtbot.mouseRelease(canvas, LEFT, modifier, pts[-1])


def send_mouse(canvas, kind: QEvent.Type, x: float, y: float, button=LEFT) -> None:
    """A mouse event with the button state spelt out, as a window system sends it."""
    held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    pressed = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else button
    pos = QPointF(x, y)
    QApplication.sendEvent(canvas, QMouseEvent(kind, pos, canvas.mapToGlobal(pos), pressed, held,
                                               Qt.KeyboardModifier.NoModifier))


def pixel(board, x: int, y: int) -> QColor:
    return board.canvas.grab().toImage().pixelColor(x, y)


def is_ink(colour: QColor, ink: str = "#000000", tolerance: int = 60) -> bool:
    want = QColor(ink)
    return all(abs(a - b) <= tolerance for a, b in ((colour.red(), want.red()), (colour.green(),
                                                                                 want.green()),
                                                    (colour.blue(), want.blue())))


def press_keys(qtbot, board, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    board.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is board, timeout=3000)
    qtbot.keyClick(board.canvas, key, modifier)


def test_a_named_resizable_tool_window(board):
    assert board.windowTitle() == "Whiteboard" and board.objectName() == "whiteboardWindow"
    assert board.windowFlags() & Qt.WindowType.Tool == Qt.WindowType.Tool
    assert board.minimumWidth() <= 640 and board.minimumHeight() <= 400
    assert board.maximumWidth() > 4000                                    # resizable
    board.resize(1000, 700)
    assert board.size().width() == 1000
    for name in ("whiteboardPen", "whiteboardEraser", "whiteboardLine", "whiteboardRectangle",
                 "whiteboardEllipse", "whiteboardText", "whiteboardColour_black", "whiteboardColour_red",
                 "whiteboardColour_blue", "whiteboardColour_green", "whiteboardUndo", "whiteboardRedo",
                 "whiteboardClear", "whiteboardZoomIn", "whiteboardZoomOut", "whiteboardZoomReset"):
        button = board.findChild(QAbstractButton, name)
        assert button is not None and button.accessibleName(), name
    assert board.findChild(QWidget, "whiteboardCanvas") is board.canvas
    assert board.canvas.accessibleName() == "Whiteboard drawing area"
    assert all(b.accessibleName() for b in board.findChildren(QAbstractButton))
    assert board.tools["pen"].isChecked() and board.colours["black"].isChecked()
    assert not board.undo_action.isEnabled() and not board.clear_action.isEnabled()


def test_the_pen_draws_and_undo_redo_change_the_pixels(qtbot, board):
    canvas = board.canvas
    assert pixel(board, 110, 40) == WHITE
    drag(qtbot, canvas, (20, 40), (80, 40), (140, 40), (200, 40))
    assert len(board.sketch) == 1 and isinstance(board.sketch.shapes[0], Stroke)
    assert len(board.sketch.shapes[0].points) == 4
    assert is_ink(pixel(board, 110, 40))
    assert canvas.accessibleDescription() == "1 stroke"

    press_keys(qtbot, board, Qt.Key.Key_Z, CTRL)                          # Ctrl+Z
    assert len(board.sketch) == 0 and pixel(board, 110, 40) == WHITE
    assert board.redo_action.isEnabled() and not board.undo_action.isEnabled()
    press_keys(qtbot, board, Qt.Key.Key_Y, CTRL)                          # Ctrl+Y
    assert len(board.sketch) == 1 and is_ink(pixel(board, 110, 40))
    board.undo_action.trigger()
    press_keys(qtbot, board, Qt.Key.Key_Z, CTRL | SHIFT)                  # Ctrl+Shift+Z
    assert len(board.sketch) == 1
    qtbot.mouseClick(board.findChild(QAbstractButton, "whiteboardUndo"), LEFT)
    assert len(board.sketch) == 0
    qtbot.mouseClick(board.findChild(QAbstractButton, "whiteboardRedo"), LEFT)
    assert len(board.sketch) == 1


def test_moves_with_the_button_held_as_the_window_system_sends_them(board):
    canvas = board.canvas
    send_mouse(canvas, QEvent.Type.MouseButtonPress, 30, 300)
    for x in range(40, 200, 20):
        send_mouse(canvas, QEvent.Type.MouseMove, x, 300)
    send_mouse(canvas, QEvent.Type.MouseButtonRelease, 200, 300)
    assert len(board.sketch.shapes[0].points) == 10 and is_ink(pixel(board, 120, 300))


def test_line_rectangle_ellipse_in_colour(qtbot, board):
    canvas = board.canvas
    for tool, colour, a, b in (("line", "red", (20, 20), (220, 20)), ("rectangle", "blue", (20, 60), (220,
                                                                                                      160)),
                               ("ellipse", "green", (300, 60), (500, 260))):
        qtbot.mouseClick(board.tools[tool], LEFT)
        qtbot.mouseClick(board.colours[colour], LEFT)
        assert board.tool == tool and board.colour == colour
        drag(qtbot, canvas, a, (120, 90), b)
    line, rect, ellipse = board.sketch.shapes
    assert isinstance(line, Line) and line.start == (20, 20) and line.end == (220, 20)
    assert isinstance(rect, Rectangle) and rect.box == (20, 60, 220, 160)
    assert isinstance(ellipse, Ellipse) and ellipse.colour == COLOURS["green"]
    assert board.sketch.counts() == {"stroke": 0, "line": 1, "rectangle": 1, "ellipse": 1, "text": 0}
    assert is_ink(pixel(board, 120, 20), COLOURS["red"])
    assert is_ink(pixel(board, 20, 110), COLOURS["blue"])                 # the rectangle's left side
    assert pixel(board, 120, 110) == WHITE                                 # outlines, not filled
    assert is_ink(pixel(board, 500, 160), COLOURS["green"])               # the ellipse's right end
    qtbot.mouseClick(board.tools["line"], LEFT)
    qtbot.mouseClick(canvas, LEFT, pos=QPoint(600, 400))                   # a click draws no shape
    assert len(board.sketch) == 3


def test_shift_draws_circles_and_squares(qtbot, board):
    board.set_tool("ellipse")
    drag(qtbot, board.canvas, (100, 100), (250, 160), modifier=SHIFT)
    assert board.sketch.shapes[-1].box == (100, 100, 250, 250)


def test_the_eraser_removes_what_it_touches_in_one_step(qtbot, board):
    canvas = board.canvas
    board.set_tool("line")
    drag(qtbot, canvas, (20, 50), (300, 50))
    drag(qtbot, canvas, (20, 150), (300, 150))
    drag(qtbot, canvas, (400, 50), (600, 50))                             # out of the eraser's way
    board.set_tool("eraser")
    qtbot.mousePress(canvas, LEFT, pos=QPoint(100, 20))
    qtbot.mouseMove(canvas, QPoint(100, 100))
    assert pixel(board, 200, 50) == WHITE and len(board.sketch) == 3      # hidden at once, removed on release
    qtbot.mouseMove(canvas, QPoint(100, 200))
    qtbot.mouseRelease(canvas, LEFT, pos=QPoint(100, 200))
    assert len(board.sketch) == 1 and board.sketch.shapes[0].start == (400, 50)
    assert pixel(board, 200, 150) == WHITE
    board.undo_action.trigger()                                           # one drag, one step
    assert len(board.sketch) == 3 and is_ink(pixel(board, 200, 150))


def test_clear_then_undo_restores(qtbot, board):
    board.set_tool("rectangle")
    drag(qtbot, board.canvas, (40, 40), (200, 200))
    board.set_tool("pen")
    drag(qtbot, board.canvas, (300, 40), (400, 90))
    assert is_ink(pixel(board, 40, 120))
    qtbot.mouseClick(board.findChild(QAbstractButton, "whiteboardClear"), LEFT)
    assert len(board.sketch) == 0 and pixel(board, 40, 120) == WHITE
    assert not board.clear_action.isEnabled()
    press_keys(qtbot, board, Qt.Key.Key_Z, CTRL)
    assert board.sketch.counts()["rectangle"] == 1 and len(board.sketch) == 2
    assert is_ink(pixel(board, 40, 120))


def test_the_text_tool_commits_on_enter_and_cancels_on_escape(qtbot, board):
    canvas = board.canvas
    qtbot.mouseClick(board.tools["text"], LEFT)
    qtbot.mouseClick(canvas, LEFT, pos=QPoint(60, 80))
    editor = canvas.findChild(QLineEdit, "whiteboardTextInput")
    assert editor is not None and editor.isVisible() and editor.hasFocus()
    assert abs(editor.x() - 60) <= 4 and abs(editor.y() - 80) <= 4         # where the click was
    qtbot.keyClicks(editor, "EOQ = 632")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert canvas.editor is None
    (text,) = board.sketch.shapes
    assert isinstance(text, Text) and text.text == "EOQ = 632" and text.pos == (60, 80)
    _left, _top, right, bottom = text.box
    image = canvas.grab().toImage()
    assert any(is_ink(image.pixelColor(x, y)) for x in range(60, int(right)) for y in range(80, int(bottom)))

    qtbot.mouseClick(canvas, LEFT, pos=QPoint(60, 200))
    qtbot.keyClicks(canvas.editor, "never mind")
    qtbot.keyClick(canvas.editor, Qt.Key.Key_Escape)
    assert canvas.editor is None and len(board.sketch) == 1

    qtbot.mouseClick(canvas, LEFT, pos=QPoint(60, 300))                   # clicking away commits too
    qtbot.keyClicks(canvas.editor, "SS")
    qtbot.mouseClick(canvas, LEFT, pos=QPoint(400, 300))
    assert [s.text for s in board.sketch.shapes] == ["EOQ = 632", "SS"] and canvas.editor is not None
    board.undo_action.trigger()                                           # the open box goes, then undo
    assert canvas.editor is None and [s.text for s in board.sketch.shapes] == ["EOQ = 632"]


def test_ctrl_wheel_zooms_about_the_cursor_and_the_wheel_scrolls(qtbot, board):
    canvas = board.canvas
    at = QPointF(200, 100)

    def wheel(dy: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        event = QWheelEvent(at, canvas.mapToGlobal(at), QPoint(), QPoint(0, dy), Qt.MouseButton.NoButton,
                            modifiers, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(canvas, event)

    wheel(120, CTRL)
    assert canvas.zoom == pytest.approx(1.25) and board.zoom_reset.text() == "125%"
    assert canvas.to_sketch(at) == pytest.approx((200, 100))             # the point under the cursor stays
    board.set_tool("line")
    drag(qtbot, canvas, (200, 100), (300, 100))
    assert board.sketch.shapes[0].end == pytest.approx((280, 100))        # 100 screen px = 80 units
    assert is_ink(pixel(board, 290, 100))
    board.zoom_reset.click()
    wheel(-120)                                                            # down: the paper moves up
    assert canvas.zoom == 1 and canvas.to_sketch(QPointF(0, 0)) == pytest.approx((0, 40))
    assert is_ink(pixel(board, 250, 60)) and pixel(board, 250, 100) == WHITE
    qtbot.mouseClick(board.zoom_out, LEFT)
    assert board.zoom_reset.text() == "80%"


def test_letters_typed_on_the_whiteboard_never_reach_the_item_behind(qtbot, board):
    exam = QWidget()
    qtbot.addWidget(exam)
    answered, nexts = [], []
    QShortcut(QKeySequence("A"), exam, activated=lambda: answered.append("A"))
    QShortcut(QKeySequence("Alt+N"), exam, activated=lambda: nexts.append(1))
    exam.show()
    qtbot.waitExposed(exam)
    wb = Whiteboard(exam)
    wb.show()
    qtbot.waitExposed(wb)
    press_keys(qtbot, wb, Qt.Key.Key_A)
    assert answered == []
    press_keys(qtbot, wb, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Alt keys still drive the exam
    assert nexts == [1]
    wb.set_tool("text")
    qtbot.mouseClick(wb.canvas, LEFT, pos=QPoint(50, 50))
    qtbot.keyClicks(wb.canvas.editor, "ABC")
    assert wb.canvas.editor.text() == "ABC" and answered == []


def test_closing_keeps_the_drawing_and_wipe_empties_everything(qtbot, board):
    canvas = board.canvas
    drag(qtbot, canvas, (20, 40), (200, 40))
    drag(qtbot, canvas, (20, 80), (200, 80))
    board.undo_action.trigger()                                           # something to redo, too
    board.close()
    assert not board.isVisible() and len(board.sketch) == 1
    board.present()
    qtbot.waitExposed(board)
    canvas.zoom_by(2)
    board.set_tool("text")
    board.set_colour("red")
    qtbot.mouseClick(canvas, LEFT, pos=QPoint(300, 300))
    qtbot.keyClicks(canvas.editor, "half typed")

    board.wipe()
    s = board.sketch
    assert len(s) == 0 and not s.can_undo and not s.can_redo and canvas.editor is None
    assert canvas.zoom == 1 and board.zoom_reset.text() == "100%"
    assert board.tool == "pen" and board.colour == "black" and board.tools["pen"].isChecked()
    assert not board.undo_action.isEnabled() and not board.redo_action.isEnabled()
    assert pixel(board, 110, 40) == WHITE and canvas.accessibleDescription() == "empty"
    board.undo_action.trigger()
    assert len(s) == 0
