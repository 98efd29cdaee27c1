"""The OnVUE whiteboard's drawing, in plain Python: shapes, erasing, undo and redo.

Coordinates are the sketch's own units (one unit is one screen pixel at 100% zoom); the
widget in simulator/ui/whiteboard.py only maps them to the screen and paints them.

Shapes are frozen dataclasses and the sketch keeps them in a tuple, so a snapshot of the
whole drawing is one tuple of shared references: undo and redo swap snapshots, which makes
every action (add, erase, clear) undoable in the same way and keeps them easy to trust.

The eraser removes whole shapes it touches rather than painting the background colour over
them. Painting white would leave invisible shapes behind (they would still count, still be
undone one by one and still cover text drawn later); removing is what a candidate means by
"rub that out", and one drag of the eraser is one undo step however many shapes it took.
Rectangles and ellipses are outlines, so the eraser must touch the outline; text counts as
its whole box.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

Point = tuple[float, float]
Segment = tuple[Point, Point]
Bounds = tuple[float, float, float, float]  # left, top, right, bottom

BLACK = "#000000"
PEN_WIDTH = 3.0
TEXT_SIZE = 18.0          # pixel height of whiteboard text at 100% zoom
HISTORY_LIMIT = 500       # undo steps kept; each is one tuple of shared references
ELLIPSE_SEGMENTS = 48     # an ellipse is hit-tested as this many straight pieces


# --- geometry -------------------------------------------------------------------------
def _point_segment(p: Point, a: Point, b: Point) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2))
    return math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy))


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _crosses(s: Segment, t: Segment) -> bool:
    """Proper crossing of two segments (touching ends are caught by the distances)."""
    (a, b), (c, d) = s, t
    return (_cross(a, b, c) * _cross(a, b, d) < 0) and (_cross(c, d, a) * _cross(c, d, b) < 0)


def segment_distance(s: Segment, t: Segment) -> float:
    """Shortest distance between two segments (0 when they cross)."""
    if _crosses(s, t):
        return 0.0
    return min(_point_segment(s[0], *t), _point_segment(s[1], *t),
               _point_segment(t[0], *s), _point_segment(t[1], *s))


def _box(points: Iterable[Point]) -> Bounds:
    xs, ys = zip(*points, strict=False)
    return min(xs), min(ys), max(xs), max(ys)


def _near_box(b: Bounds, s: Segment, margin: float) -> bool:
    """Cheap test first: could the segment come within margin of the box at all?"""
    sl, st, sr, sb = _box(s)
    return sl <= b[2] + margin and sr >= b[0] - margin and st <= b[3] + margin and sb >= b[1] - margin


# --- shapes ---------------------------------------------------------------------------
class _Shape:
    """What every shape offers: its outline as segments, its box, and a hit test."""

    kind: ClassVar[str]
    colour: str
    width: float

    @cached_property
    def segments(self) -> tuple[Segment, ...]:
        raise NotImplementedError

    @cached_property
    def bounds(self) -> Bounds:
        return _box(p for seg in self.segments for p in seg)

    def touches(self, s: Segment, radius: float) -> bool:
        """Does an eraser of this radius, moved along s, touch the shape's ink?"""
        reach = radius + self.width / 2
        if not _near_box(self.bounds, s, reach):
            return False
        return any(segment_distance(s, seg) <= reach for seg in self.segments)


@dataclass(frozen=True)
class Stroke(_Shape):
    """Freehand pen ink; a single point is a dot."""

    points: tuple[Point, ...]
    colour: str = BLACK
    width: float = PEN_WIDTH
    kind: ClassVar[str] = "stroke"

    def __post_init__(self) -> None:
        if not self.points:
            raise ValueError("a stroke needs at least one point")

    @cached_property
    def segments(self) -> tuple[Segment, ...]:
        pts = self.points
        if len(pts) == 1:
            return ((pts[0], pts[0]),)
        return tuple(itertools.pairwise(pts))


@dataclass(frozen=True)
class _Span(_Shape):
    """A shape drawn from where the drag started to where it ended."""

    start: Point
    end: Point
    colour: str = BLACK
    width: float = PEN_WIDTH

    @property
    def box(self) -> Bounds:
        return _box((self.start, self.end))


@dataclass(frozen=True)
class Line(_Span):
    kind: ClassVar[str] = "line"

    @cached_property
    def segments(self) -> tuple[Segment, ...]:
        return ((self.start, self.end),)


@dataclass(frozen=True)
class Rectangle(_Span):
    """An outline; start and end are opposite corners, in either order."""

    kind: ClassVar[str] = "rectangle"

    @cached_property
    def segments(self) -> tuple[Segment, ...]:
        left, top, right, bottom = self.box
        a, b, c, d = (left, top), (right, top), (right, bottom), (left, bottom)
        return ((a, b), (b, c), (c, d), (d, a))


@dataclass(frozen=True)
class Ellipse(_Span):
    """An outline inscribed in the box whose opposite corners are start and end."""

    kind: ClassVar[str] = "ellipse"

    @cached_property
    def segments(self) -> tuple[Segment, ...]:
        left, top, right, bottom = self.box
        cx, cy, rx, ry = (left + right) / 2, (top + bottom) / 2, (right - left) / 2, (bottom - top) / 2
        pts = [(cx + rx * math.cos(2 * math.pi * k / ELLIPSE_SEGMENTS),
                cy + ry * math.sin(2 * math.pi * k / ELLIPSE_SEGMENTS)) for k in range(ELLIPSE_SEGMENTS + 1)]
        return tuple(itertools.pairwise(pts))


@dataclass(frozen=True)
class Text(_Shape):
    """One line of text whose box starts at pos (top left). The widget measures the box
    with the real font when the text is committed; without one, an estimate is used."""

    pos: Point
    text: str
    colour: str = BLACK
    size: float = TEXT_SIZE
    box_size: tuple[float, float] | None = None
    kind: ClassVar[str] = "text"
    width: ClassVar[float] = 0.0  # type: ignore[misc]  # text has no stroke width: not a field of its own

    @property
    def box(self) -> Bounds:
        w, h = self.box_size or (0.6 * self.size * len(self.text), 1.2 * self.size)
        x, y = self.pos
        return x, y, x + w, y + h

    @cached_property
    def segments(self) -> tuple[Segment, ...]:
        return Rectangle(self.pos, self.box[2:]).segments

    def touches(self, s: Segment, radius: float) -> bool:
        left, top, right, bottom = self.box
        inside = any(left <= x <= right and top <= y <= bottom for x, y in s)
        return inside or super().touches(s, radius)


Shape = Stroke | Line | Rectangle | Ellipse | Text
KINDS = ("stroke", "line", "rectangle", "ellipse", "text")


def path_segments(points: Sequence[Point]) -> list[Segment]:
    """An eraser path as segments; a single point (a click) is a zero-length segment."""
    if len(points) == 1:
        return [(points[0], points[0])]
    return list(itertools.pairwise(points))


# --- the sketch -----------------------------------------------------------------------
class Sketch:
    """The shapes in drawing order, with undo and redo of every change."""

    def __init__(self, history_limit: int = HISTORY_LIMIT) -> None:
        self._shapes: tuple[Shape, ...] = ()
        self._undo: list[tuple[Shape, ...]] = []
        self._redo: list[tuple[Shape, ...]] = []
        self.history_limit = history_limit

    # reading
    @property
    def shapes(self) -> tuple[Shape, ...]:
        return self._shapes

    def __len__(self) -> int:
        return len(self._shapes)

    def __iter__(self) -> Iterator[Shape]:
        return iter(self._shapes)

    def counts(self) -> dict[str, int]:
        """Shapes by kind, every kind present (0 when none)."""
        found = Counter(s.kind for s in self._shapes)
        return {kind: found[kind] for kind in KINDS}

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_depth(self) -> int:
        return len(self._undo)

    @property
    def redo_depth(self) -> int:
        return len(self._redo)

    def hits(self, points: Sequence[Point], radius: float) -> list[int]:
        """Indices of the shapes an eraser of this radius touches along the path."""
        segs = path_segments(points)
        return [i for i, shape in enumerate(self._shapes) if any(shape.touches(s, radius) for s in segs)]

    # changing (each change is one undo step; a change that changes nothing is no step)
    def _commit(self, shapes: tuple[Shape, ...]) -> None:
        self._undo.append(self._shapes)
        del self._undo[:-self.history_limit]
        self._redo.clear()
        self._shapes = shapes

    def add(self, shape: Shape) -> None:
        self._commit((*self._shapes, shape))

    def remove(self, indices: Iterable[int]) -> int:
        """Remove the shapes at these indices as one step; returns how many went."""
        gone = {i for i in indices if 0 <= i < len(self._shapes)}
        if gone:
            self._commit(tuple(s for i, s in enumerate(self._shapes) if i not in gone))
        return len(gone)

    def erase(self, points: Sequence[Point], radius: float) -> int:
        """Erase every shape the eraser touches along the path, as one step."""
        return self.remove(self.hits(points, radius))

    def clear(self) -> bool:
        """Remove everything, undoably. False when there was nothing to clear."""
        if not self._shapes:
            return False
        self._commit(())
        return True

    def undo(self) -> bool:
        if not self._undo:
            return False
        self._redo.append(self._shapes)
        self._shapes = self._undo.pop()
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        self._undo.append(self._shapes)
        self._shapes = self._redo.pop()
        return True

    def reset(self) -> None:
        """Empty the sketch and forget its history: the end of the exam, not undoable."""
        self._shapes = ()
        self._undo.clear()
        self._redo.clear()
