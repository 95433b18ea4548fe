from __future__ import annotations

import pytest

from canvas_core.canvas.layout import GridRect, LayoutError, Leaf, Split, partition


def test_columns_then_rows():
    tree = partition(
        {"left": GridRect(1, 1, 2, 1), "top": GridRect(1, 2), "bottom": GridRect(2, 2)},
        GridRect(1, 1, 2, 2),
    )
    assert isinstance(tree, Split) and tree.direction == "columns" and tree.sizes == (1, 1)
    assert tree.children[0] == Leaf("left", GridRect(1, 1, 2, 1))
    assert tree.children[1].direction == "rows"


def test_a_pinwheel_cannot_be_cut_and_says_so():
    pinwheel = {
        "a": GridRect(1, 1, 1, 2),
        "b": GridRect(1, 3, 2, 1),
        "c": GridRect(3, 2, 1, 2),
        "d": GridRect(2, 1, 2, 1),
        "e": GridRect(2, 2, 1, 1),
    }
    with pytest.raises(LayoutError, match="cannot be cut"):
        partition(pinwheel, GridRect(1, 1, 3, 3))
