"""The whiteboard's drawing model, without Qt: shapes, erasing, undo, redo, clear."""

from __future__ import annotations

import pytest

from simulator.core.sketch import Ellipse, Line, Rectangle, Sketch, Stroke, Text, segment_distance


def drawn(*shapes) -> Sketch:
    sketch = Sketch()
    for shape in shapes:
        sketch.add(shape)
    return sketch


def test_add_counts_and_order():
    line, box = Line((0, 0), (10, 0)), Rectangle((5, 5), (1, 1))
    s = drawn(Stroke(((0, 0), (1, 1))), line, box, Ellipse((0, 0), (4, 2)), Text((0, 0), "EOQ"))
    assert len(s) == 5 and s.shapes[1] is line and list(s)[2] is box
    assert s.counts() == {"stroke": 1, "line": 1, "rectangle": 1, "ellipse": 1, "text": 1}
    assert Sketch().counts() == dict.fromkeys(("stroke", "line", "rectangle", "ellipse", "text"), 0)
    assert box.box == (1, 1, 5, 5)                      # corners in either order


def test_undo_and_redo_step_back_and_forth():
    a, b = Line((0, 0), (1, 0)), Line((0, 5), (1, 5))
    s = drawn(a, b)
    assert s.undo() and s.shapes == (a,)
    assert s.undo() and s.shapes == () and not s.can_undo
    assert not s.undo()                                 # nothing left: no change
    assert s.redo() and s.redo() and s.shapes == (a, b)
    assert not s.redo() and s.undo_depth == 2


def test_a_new_action_drops_the_redo_history():
    s = drawn(Line((0, 0), (1, 0)), Line((0, 5), (1, 5)))
    s.undo()
    assert s.can_redo
    s.add(Text((0, 0), "x"))
    assert not s.can_redo and s.counts()["text"] == 1 and len(s) == 2


def test_clear_is_one_undoable_step():
    shapes = (Line((0, 0), (1, 0)), Ellipse((0, 0), (5, 5)), Text((9, 9), "SS = z σ"))  # noqa: RUF001 - the Greek sigma is meant
    s = drawn(*shapes)
    assert s.clear() and len(s) == 0
    assert not s.clear()                                # clearing nothing is no step
    assert s.undo() and s.shapes == shapes
    assert s.redo() and len(s) == 0


def test_reset_forgets_everything():
    s = drawn(Line((0, 0), (1, 0)))
    s.clear()
    s.undo()
    s.reset()
    assert len(s) == 0 and not s.can_undo and not s.can_redo


def test_history_is_bounded():
    s = Sketch(history_limit=3)
    for n in range(6):
        s.add(Line((n, 0), (n, 1)))
    assert s.undo_depth == 3
    while s.undo():
        pass
    assert len(s) == 3                                  # the three oldest are kept for good


def test_the_eraser_removes_what_it_touches_in_one_step():
    near, far = Stroke(((0, 0), (100, 0))), Line((0, 50), (100, 50))
    s = drawn(near, far)
    assert s.hits([(50, 6)], radius=5) == [0]          # 6 away, radius 5 + half the 3-unit pen
    assert s.hits([(50, 9)], radius=5) == []
    assert s.erase([(20, -20), (20, 80)], radius=4) == 2 and len(s) == 0
    assert s.undo_depth == 3 and s.undo() and s.shapes == (near, far)


def test_a_fast_eraser_drag_still_hits_what_it_crossed():
    # Two samples far apart on either side of a line: the segment between them crosses it.
    s = drawn(Line((0, 50), (100, 50), width=1))
    assert s.hits([(50, 0), (50, 100)], radius=1) == [0]


def test_outlines_are_erased_on_the_outline_text_anywhere_in_its_box():
    s = drawn(Rectangle((0, 0), (100, 100)), Ellipse((200, 0), (300, 100)), Text((400, 0), "RCCP",
                                                                                 box_size=(60, 20)))
    assert s.hits([(50, 50)], 5) == [] and s.hits([(250, 50)], 5) == []   # the empty insides
    assert s.hits([(100, 50)], 5) == [0] and s.hits([(300, 50)], 5) == [1]
    assert s.hits([(430, 10)], 1) == [2] and s.hits([(430, 40)], 1) == []


def test_erasing_nothing_is_no_step():
    s = drawn(Line((0, 0), (10, 0)))
    assert s.erase([(500, 500)], 5) == 0 and s.undo_depth == 1
    assert s.remove([7, -1]) == 0 and s.undo_depth == 1


def test_a_dot_is_a_stroke_and_erasable():
    s = drawn(Stroke(((10, 10),)))
    assert s.hits([(12, 10)], 1) == [0]
    with pytest.raises(ValueError):
        Stroke(())


def test_segment_distance():
    assert segment_distance(((0, 0), (10, 0)), ((5, -5), (5, 5))) == 0       # crossing
    assert segment_distance(((0, 0), (10, 0)), ((0, 3), (10, 3))) == 3       # parallel
    assert segment_distance(((0, 0), (0, 0)), ((3, 4), (3, 4))) == 5         # two points


def test_shapes_are_values():
    assert Line((0, 0), (1, 1), "#ff0000") == Line((0, 0), (1, 1), "#ff0000")
    assert hash(Stroke(((0, 0),))) == hash(Stroke(((0, 0),)))
    with pytest.raises(AttributeError):
        Line((0, 0), (1, 1)).colour = "#00ff00"      # frozen: history snapshots stay true
