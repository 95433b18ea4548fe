"""Split a canvas grid into nested rows and columns.

Published canvases are drawn as boxes that span rows and columns. A web page
(and a report page) lays out nested horizontal and vertical strips, so the
grid is cut recursively along lines that no block crosses (a guillotine
partition). Pure data in, pure data out: the editor and the report share it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class GridRect:
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1

    @property
    def row_end(self) -> int:
        return self.row + self.row_span

    @property
    def col_end(self) -> int:
        return self.col + self.col_span

    def cells(self) -> Iterator[tuple[int, int]]:
        for r in range(self.row, self.row_end):
            for c in range(self.col, self.col_end):
                yield (r, c)

    def contains(self, other: GridRect) -> bool:
        return (
            self.row <= other.row
            and other.row_end <= self.row_end
            and self.col <= other.col
            and other.col_end <= self.col_end
        )


@dataclass(frozen=True)
class Leaf:
    block_id: str
    rect: GridRect


@dataclass(frozen=True)
class Split:
    """Children laid side by side ('columns') or one above the other ('rows')."""

    direction: Literal["columns", "rows"]
    children: tuple[Node, ...]
    sizes: tuple[int, ...]  # grid units each child takes along the split direction
    rect: GridRect


Node = Leaf | Split


class LayoutError(ValueError):
    pass


def partition(blocks: dict[str, GridRect], area: GridRect) -> Node:
    inside = {bid: r for bid, r in blocks.items() if area.contains(r)}
    if len(inside) == 1:
        (bid, rect), = inside.items()
        if rect != area:
            raise LayoutError(f"block {bid!r} does not fill its area {area}")
        return Leaf(bid, rect)
    if not inside:
        raise LayoutError(f"no block fills {area}")
    for direction in ("columns", "rows"):
        cuts = _cuts(inside.values(), area, direction)
        if cuts:
            return _split(inside, area, direction, cuts)
    raise LayoutError(f"blocks {sorted(inside)} cannot be cut into rows and columns")


def _cuts(rects, area: GridRect, direction: str) -> list[int]:
    if direction == "columns":
        lines = range(area.col + 1, area.col_end)
        return [x for x in lines if all(not (r.col < x < r.col_end) for r in rects)]
    lines = range(area.row + 1, area.row_end)
    return [y for y in lines if all(not (r.row < y < r.row_end) for r in rects)]


def _split(inside: dict[str, GridRect], area: GridRect, direction: str, cuts: list[int]) -> Split:
    if direction == "columns":
        bounds = [area.col, *cuts, area.col_end]
        parts = [GridRect(area.row, a, area.row_span, b - a) for a, b in zip(bounds, bounds[1:])]
    else:
        bounds = [area.row, *cuts, area.row_end]
        parts = [GridRect(a, area.col, b - a, area.col_span) for a, b in zip(bounds, bounds[1:])]
    children = tuple(partition(inside, part) for part in parts)
    sizes = tuple(b - a for a, b in zip(bounds, bounds[1:]))
    return Split(direction, children, sizes, area)
