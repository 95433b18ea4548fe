"""How complete a canvas is, as a share between 0 and 1.

Deliberately simple and explainable: a canvas counts the blocks (or, where a
block has sub-items, the sub-items) that hold at least one note.
"""

from __future__ import annotations

from canvas_core.canvas.specs import CanvasSpec
from canvas_core.plan import CanvasContent


def canvas_completeness(spec: CanvasSpec, content: CanvasContent | None) -> float:
    if content is None:
        return 0.0
    parts = 0.0
    for block in spec.blocks:
        stored = content.blocks.get(block.id)
        notes = stored.notes if stored else []
        if block.subitems:
            ids = {s.id for s in block.subitems}
            covered = {n.topic for n in notes} & ids
            # A note typed straight into the block belongs to no sub-item; it still
            # answers part of the block, so it counts as one part.
            loose = any(n.topic not in ids for n in notes)
            parts += min(len(ids), len(covered) + loose) / len(ids)
        else:
            parts += 1.0 if notes else 0.0
    return parts / len(spec.blocks)
